// lib/pdf in a browser as the reader page will run it: pdf.js bundled with its worker as a local file,
// each page's text content read once and given to both pdf.js's TextLayer and the detector, and every
// mention's spans looked up in the text layer's spans. Built by Vite in test/pdf/pdf-browser.test.ts.
import * as pdfjs from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import { DocumentDetector } from '../../../lib/pdf/document';
import { openPdf, readPageText } from '../../../lib/pdf/load';

pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;

interface Seen {
  code: string;
  amount?: string;
  /** What the mention's spans hold in the text layer, joined. */
  marked: string;
}

async function run(bytes: Uint8Array, carc: readonly string[], rarc: readonly string[]): Promise<Seen[] | string> {
  const opened = await openPdf(pdfjs, bytes);
  if (!opened.ok) return opened.problem.message;
  const detector = new DocumentDetector({ carc: new Set(carc), rarc: new Set(rarc) }, opened.source.title);
  // The reader renders with its own document; detection reads the same text content the text layer shows.
  const task = pdfjs.getDocument({ data: bytes.slice() });
  const doc = await task.promise;
  const seen: Seen[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const text = await readPageText(page, n);
    const container = document.createElement('div');
    document.body.append(container);
    const layer = new pdfjs.TextLayer({
      textContentSource: { items: text.items, styles: text.styles, lang: text.lang ?? null },
      container,
      viewport: page.getViewport({ scale: 1 }),
    });
    await layer.render();
    const { detection } = detector.add(text);
    for (const m of detection.mentions) {
      const marked = m.spans.map((s) => (layer.textDivs[s.item]?.textContent ?? '').slice(s.start, s.end)).join('');
      seen.push({ code: m.code, ...(m.amount ? { amount: m.amount } : {}), marked });
    }
  }
  await opened.source.close();
  await task.destroy();
  return seen;
}

declare global {
  interface Window {
    runPdf: typeof run;
  }
}
window.runPdf = run;
