/**
 * What the reader needs of pdf.js to show a PDF, so the UI stays testable without it: open a document
 * from its bytes, read each page's text (lib/pdf's text source), and paint a page onto a canvas with its
 * text layer built from that same text. The browser wiring (entrypoints/reader/pdf-engine.ts) implements
 * it with the bundled pdfjs-dist; tests pass a fake.
 */
import type { PdfProblem, PdfTextSource } from '@/lib/pdf/load';
import type { PdfPageText } from '@/lib/pdf/types';

/** A page being painted: its text layer's spans (span i is `text.items[i]`) once `done` resolves. */
export interface PdfPaint {
  done: Promise<HTMLElement[]>;
  cancel(): void;
}

export interface PdfDoc {
  source: PdfTextSource;
  /**
   * Paints page `pageNumber` at `scale` CSS pixels per PDF unit: the picture into `canvas`, and into
   * `layer` pdf.js's text layer made from `text` (the page's text as `source.page` read it). Without a
   * layer, the picture only (a page back near the viewport keeps its text layer); `done` then gives no spans.
   */
  paint(pageNumber: number, text: PdfPageText, canvas: HTMLCanvasElement, layer: HTMLElement | null, scale: number): PdfPaint;
  /** Gives back a page's picture memory (the page scrolled far away). */
  release(canvas: HTMLCanvasElement): void;
  close(): Promise<void>;
}

export type PdfOpened = { ok: true; doc: PdfDoc } | { ok: false; problem: PdfProblem };

export interface PdfEngine {
  open(bytes: Uint8Array): Promise<PdfOpened>;
}
