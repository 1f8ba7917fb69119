/**
 * pdf.js for the reader page (components/reader/pdf-engine.ts): the bundled pdfjs-dist, loaded on the first
 * PDF only, its worker a file of the extension (`script-src 'self'`), standard fonts and CMaps from the
 * extension's own copies (wxt.config.ts copies them into pdfjs/), no scripting, no WebAssembly decoders:
 * nothing is fetched from anywhere but the extension's own files. The document comes as bytes.
 */
import type { PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';
import type { PdfDoc, PdfEngine, PdfPaint } from '@/components/reader/pdf-engine';
import { openPdfDocument } from '@/lib/pdf/load';

type Pdfjs = typeof import('pdfjs-dist');
let loaded: Promise<Pdfjs> | undefined;

function pdfjs(): Promise<Pdfjs> {
  loaded ??= import('pdfjs-dist').then((module) => {
    module.GlobalWorkerOptions.workerSrc = workerUrl;
    return module;
  });
  return loaded;
}

function docOf(lib: Pdfjs, document: PDFDocumentProxy, source: PdfDoc['source']): PdfDoc {
  return {
    source,
    paint(pageNumber, text, canvas, layer, scale): PdfPaint {
      let cancelled = false;
      let render: { cancel(): void } | undefined;
      let textLayer: { cancel(): void } | undefined;
      const done = (async () => {
        const page = await document.getPage(pageNumber);
        if (cancelled) throw new Error('cancelled');
        const viewport = page.getViewport({ scale });
        // The picture at the screen's pixel density, shown at the page's CSS size.
        const ratio = Math.min(window.devicePixelRatio || 1, 2);
        canvas.width = Math.floor(viewport.width * ratio);
        canvas.height = Math.floor(viewport.height * ratio);
        const task = page.render({
          canvas,
          viewport,
          ...(ratio !== 1 ? { transform: [ratio, 0, 0, ratio, 0, 0] } : {}),
        });
        render = task;
        if (!layer) {
          await task.promise;
          return [];
        }
        // The same text items detection read, so span i is item i.
        const layerTask = new lib.TextLayer({
          textContentSource: { items: text.items, styles: text.styles, lang: text.lang ?? null },
          container: layer,
          viewport,
        });
        textLayer = layerTask;
        await layerTask.render();
        if (cancelled) throw new Error('cancelled');
        // The text layer (and its marks) do not wait for the picture.
        task.promise.catch(() => undefined);
        return layerTask.textDivs;
      })();
      return {
        done,
        cancel() {
          cancelled = true;
          render?.cancel();
          textLayer?.cancel();
        },
      };
    },
    release(canvas) {
      canvas.width = 0;
      canvas.height = 0;
    },
    close: () => source.close(),
  };
}

export const pdfEngine: PdfEngine = {
  async open(bytes) {
    const lib = await pdfjs();
    const opened = await openPdfDocument(lib, bytes, {
      standardFontDataUrl: new URL('/pdfjs/standard_fonts/', location.origin).href,
      cMapUrl: new URL('/pdfjs/cmaps/', location.origin).href,
    });
    if (!opened.ok) return opened;
    return { ok: true, doc: docOf(lib, opened.document, opened.source) };
  },
};
