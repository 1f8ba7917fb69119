/**
 * On a site whose PDFs open in Remit Lens (lib/sites/pdf-sites.ts; registered by the background, never in
 * the manifest), at the start of each page: a PDF in Chromium's viewer asks the background to open its
 * address in the reader. Reads nothing but the document's type.
 */
import { browser } from 'wxt/browser';

export default defineContentScript({
  registration: 'runtime',
  matches: [],
  runAt: 'document_start',
  main() {
    if (document.contentType !== 'application/pdf') return;
    void browser.runtime.sendMessage({ type: 'pdf:open' }).catch(() => undefined);
  },
});
