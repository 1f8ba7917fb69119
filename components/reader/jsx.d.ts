// The reader renders each adjustment and remark as a <remit-mark>, the same element (and the same
// data-remit-code / data-remit-amount contract) the content script puts on pages.
import type { JSX } from 'preact';

declare module 'preact' {
  namespace JSX {
    interface IntrinsicElements {
      'remit-mark': JSX.HTMLAttributes<HTMLElement> & { 'data-remit-code': string; 'data-remit-amount'?: string; 'data-mark'?: string };
    }
  }
}
