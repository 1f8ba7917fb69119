import { render } from 'preact';
import { PopupApp } from '@/components/PopupApp';
import { popupApi } from './browser-api';
import '@/components/theme.css';
import '@/components/card.css';
import './style.css';

void popupApi().then((api) => {
  const root = document.getElementById('app');
  if (root) render(<PopupApp api={api} />, root);
});
