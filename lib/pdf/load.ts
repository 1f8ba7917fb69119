/**
 * Opens a PDF from its bytes with pdf.js and reads each page's text content. The caller passes its pdf.js:
 * the reader page its bundled `pdfjs-dist` with a local worker, tests and the bench the legacy build in
 * Node. Nothing is fetched: the document comes as bytes, and font and CMap data only from URLs the caller
 * gives (the extension's own files); without them pdf.js does without. Never throws: a file pdf.js cannot
 * read, a password, a page that fails come back as problems with a message to show.
 */
import type { PdfFontStyle, PdfPageText, PdfTextItem } from './types';

/** The parameters of pdf.js's `getDocument` that this module sets. */
export interface PdfDocumentParams {
  data: Uint8Array;
  /** pdf.js 6 evaluates no code at all; kept false so an older build never would either. */
  isEvalSupported: false;
  /** No scripts in the document run (pdf.js only runs them in its viewer's sandbox, never here). */
  enableScripting?: false;
  enableXfa: false;
  standardFontDataUrl?: string;
  cMapUrl?: string;
  cMapPacked?: boolean;
  wasmUrl?: string;
  iccUrl?: string;
  useWorkerFetch: boolean;
  useSystemFonts?: boolean;
  password?: string;
  verbosity: number;
  stopAtErrors: false;
  worker?: unknown;
}

/** A text content item: a text run, or (asked for or not) a marked-content boundary without `str`. */
export type PdfContentItem = PdfTextItem | { type: string; str?: undefined };

export interface PdfPageLike {
  getViewport(params: { scale: number }): { width: number; height: number };
  getTextContent(params?: { includeMarkedContent?: boolean; disableNormalization?: boolean }): Promise<{
    items: PdfContentItem[];
    styles: Record<string, PdfFontStyle>;
    lang?: string | null;
  }>;
  cleanup(resetStats?: boolean): unknown;
}

export interface PdfDocumentLike {
  numPages: number;
  getPage(pageNumber: number): Promise<PdfPageLike>;
  getMetadata(): Promise<{ info: object }>;
}

/**
 * What this module needs of pdf.js: `getDocument` (the `pdfjs-dist` module itself fits). It is given a
 * `PdfDocumentParams`; typed `object` here so any pdf.js build's own parameter type fits.
 */
export interface PdfjsLike {
  getDocument(params: object): { promise: Promise<PdfDocumentLike>; destroy(): Promise<void> };
}

export interface OpenOptions {
  /** Where pdf.js's standard font data is (the extension's copy of `pdfjs-dist/standard_fonts/`), with a trailing slash. */
  standardFontDataUrl?: string;
  /** Where pdf.js's CMaps are (`pdfjs-dist/cmaps/`), with a trailing slash; CJK text needs them. */
  cMapUrl?: string;
  wasmUrl?: string;
  iccUrl?: string;
  password?: string;
  /** A `PDFWorker` the caller made (the reader's bundled worker); else pdf.js's default for `GlobalWorkerOptions`. */
  worker?: unknown;
  /** pdf.js's log level: 0 errors only (the default), 1 warnings, 5 everything. */
  verbosity?: number;
}

export type PdfProblemKind = 'damaged' | 'password' | 'unreadable';

export interface PdfProblem {
  kind: PdfProblemKind;
  /** A sentence to show the user. */
  message: string;
  /** What pdf.js said, for a log. */
  detail?: string;
}

export type PageRead = { ok: true; page: PdfPageText } | { ok: false; pageNumber: number; problem: PdfProblem };

/** An open document: its pages are read on demand, in any order, each once or again. */
export interface PdfTextSource {
  numPages: number;
  /** The document's title from its metadata, when it has one. */
  title?: string;
  page(pageNumber: number): Promise<PageRead>;
  close(): Promise<void>;
}

export type PdfOpen = { ok: true; source: PdfTextSource } | { ok: false; problem: PdfProblem };

const errorText = (error: unknown) => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/** A problem in words a reader can act on, from what pdf.js threw. */
export function problemOf(error: unknown): PdfProblem {
  const detail = errorText(error);
  const name = error instanceof Error ? error.name : '';
  if (name === 'PasswordException' || /password/i.test(detail)) {
    return { kind: 'password', message: 'This PDF is protected by a password; Remit Lens cannot open it.', detail };
  }
  if (name === 'InvalidPDFException' || /invalid pdf|no pdf header|xref|trailer|startxref|bad xref/i.test(detail)) {
    return {
      kind: 'damaged',
      message: 'This file is damaged or is not a PDF, so it cannot be read. Download it again, or ask the sender for a new copy.',
      detail,
    };
  }
  return { kind: 'unreadable', message: 'This PDF could not be read.', detail };
}

/** A page's text as pdf.js gave it: only text runs (the text layer's spans), in pdf.js's order. */
export async function readPageText(page: PdfPageLike, pageNumber: number): Promise<PdfPageText> {
  const content = await page.getTextContent();
  const items: PdfTextItem[] = [];
  for (const item of content.items) if (item.str !== undefined) items.push(item as PdfTextItem);
  const { width, height } = page.getViewport({ scale: 1 });
  return { pageNumber, width, height, items, styles: content.styles, lang: content.lang ?? null };
}

function paramsOf(bytes: Uint8Array, options: OpenOptions): PdfDocumentParams {
  const urls = {
    standardFontDataUrl: options.standardFontDataUrl,
    cMapUrl: options.cMapUrl,
    wasmUrl: options.wasmUrl,
    iccUrl: options.iccUrl,
  };
  return {
    // pdf.js may transfer the buffer to its worker: give it a copy, the caller's bytes stay usable.
    data: bytes.slice(),
    isEvalSupported: false,
    enableXfa: false,
    ...Object.fromEntries(Object.entries(urls).filter(([, v]) => v !== undefined)),
    ...(options.cMapUrl ? { cMapPacked: true } : {}),
    // Fetch only from URLs given (the extension's own files); with none, nothing is fetched at all.
    useWorkerFetch: options.standardFontDataUrl !== undefined || options.cMapUrl !== undefined,
    ...(options.password !== undefined ? { password: options.password } : {}),
    ...(options.worker !== undefined ? { worker: options.worker } : {}),
    verbosity: options.verbosity ?? 0,
    stopAtErrors: false,
  };
}

/** What opening a document needs of pdf.js, for any document type it gives (the reader renders with its own). */
export interface PdfjsOf<D extends PdfDocumentLike> {
  getDocument(params: object): { promise: Promise<D>; destroy(): Promise<void> };
}

export type PdfDocumentOpen<D extends PdfDocumentLike> =
  | { ok: true; source: PdfTextSource; document: D }
  | { ok: false; problem: PdfProblem };

/**
 * Opens the document for a caller that also renders it (the reader page): pdf.js's document itself beside
 * its text source, both from one load with this module's parameters, so the text layer and detection read
 * the same text content. Closing the source destroys the document.
 */
export async function openPdfDocument<D extends PdfDocumentLike>(
  pdfjs: PdfjsOf<D>,
  bytes: ArrayBuffer | Uint8Array,
  options: OpenOptions = {},
): Promise<PdfDocumentOpen<D>> {
  const data = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if (data.length === 0) return { ok: false, problem: { kind: 'damaged', message: 'This file is empty.' } };
  let task: ReturnType<PdfjsOf<D>['getDocument']> | undefined;
  try {
    task = pdfjs.getDocument(paramsOf(data, options));
    const doc = await task.promise;
    const title = await titleOf(doc);
    const owner = task;
    const source: PdfTextSource = {
      numPages: doc.numPages,
      ...(title ? { title } : {}),
      async page(pageNumber) {
        try {
          const page = await doc.getPage(pageNumber);
          const text = await readPageText(page, pageNumber);
          // The text is ours now: pdf.js may drop what it kept for the page.
          page.cleanup();
          return { ok: true, page: text };
        } catch (error) {
          const problem = problemOf(error);
          return { ok: false, pageNumber, problem: { ...problem, message: `Page ${pageNumber} could not be read.` } };
        }
      },
      // The loading task owns the document (and the worker's copy of it): destroying it frees both.
      close: () => owner.destroy().catch(() => undefined),
    };
    return { ok: true, source, document: doc };
  } catch (error) {
    await task?.destroy().catch(() => undefined);
    return { ok: false, problem: problemOf(error) };
  }
}

/** Opens the document; its pages are read when asked for. */
export async function openPdf(pdfjs: PdfjsLike, bytes: ArrayBuffer | Uint8Array, options: OpenOptions = {}): Promise<PdfOpen> {
  const opened = await openPdfDocument(pdfjs, bytes, options);
  return opened.ok ? { ok: true, source: opened.source } : opened;
}

async function titleOf(doc: PdfDocumentLike): Promise<string | undefined> {
  try {
    const { info } = await doc.getMetadata();
    const title = (info as { Title?: unknown }).Title;
    return typeof title === 'string' && title.trim() !== '' ? title.trim() : undefined;
  } catch {
    return undefined;
  }
}

export interface PdfText {
  pages: PageRead[];
  numPages: number;
  title?: string;
}

/** Every page's text, in order (a page that fails is a problem in its place). */
export async function readPdfText(
  pdfjs: PdfjsLike,
  bytes: ArrayBuffer | Uint8Array,
  options: OpenOptions = {},
): Promise<{ ok: true; text: PdfText } | { ok: false; problem: PdfProblem }> {
  const opened = await openPdf(pdfjs, bytes, options);
  if (!opened.ok) return opened;
  const { source } = opened;
  try {
    const pages: PageRead[] = [];
    for (let n = 1; n <= source.numPages; n++) pages.push(await source.page(n));
    return { ok: true, text: { pages, numPages: source.numPages, ...(source.title ? { title: source.title } : {}) } };
  } finally {
    await source.close();
  }
}

/** Whether bytes are a PDF: its `%PDF-` header, which readers accept within the first kilobyte (junk may come first). */
export function looksLikePdf(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 1024);
  for (let i = 0; i + 5 <= head.length; i++) {
    if (head[i] === 0x25 && head[i + 1] === 0x50 && head[i + 2] === 0x44 && head[i + 3] === 0x46 && head[i + 4] === 0x2d) return true;
  }
  return false;
}
