import { render } from 'preact';
import { ReaderApp } from '@/components/reader/ReaderApp';
import { startOf } from '@/components/reader/reader-api';
import { readerApi } from './browser-api';
import '@/components/theme.css';
import '@/components/card.css';
import './style.css';
import './pdf.css';

const root = document.getElementById('app');
if (root) render(<ReaderApp api={readerApi()} start={startOf(location.search)} />, root);
