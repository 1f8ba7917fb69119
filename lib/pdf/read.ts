/**
 * A whole PDF from its bytes to its mentions, in one call: what the tests, the bench and a caller without
 * a viewer use (the reader page reads page by page with DocumentDetector). Never throws: a damaged file, a
 * password, a scan come back as a status with a message.
 */
import type { KnownCodes } from '../detect/types';
import { detectDocument, type PageDetection } from './detect';
import { type OpenOptions, openPdf, type PdfjsLike, type PdfProblem } from './load';
import { pagesWithoutText, scannedReason } from './scanned';
import type { PdfPageText } from './types';

export interface PageProblem {
  pageNumber: number;
  problem: PdfProblem;
}

export type PdfReport =
  | {
      status: 'read';
      numPages: number;
      title?: string;
      /** Whether the document reads as a remittance (its running text is marked only then). */
      remittance: boolean;
      /** Every page that could be read, in order. */
      pages: PageDetection[];
      /** Pages that could not be read (the others are). */
      problems: PageProblem[];
      /** Pages that are pictures without text in a document that has text elsewhere. */
      pagesWithoutText: number[];
    }
  | { status: 'scanned'; numPages: number; title?: string; reason: string }
  | { status: 'unreadable'; problem: PdfProblem };

export async function readPdf(
  pdfjs: PdfjsLike,
  bytes: ArrayBuffer | Uint8Array,
  known: KnownCodes,
  options: OpenOptions = {},
): Promise<PdfReport> {
  const opened = await openPdf(pdfjs, bytes, options);
  if (!opened.ok) return { status: 'unreadable', problem: opened.problem };
  const { source } = opened;
  try {
    const texts: PdfPageText[] = [];
    const problems: PageProblem[] = [];
    for (let n = 1; n <= source.numPages; n++) {
      const read = await source.page(n);
      if (read.ok) texts.push(read.page);
      else problems.push({ pageNumber: read.pageNumber, problem: read.problem });
    }
    const title = source.title ? { title: source.title } : {};
    if (texts.length === 0) {
      const first = problems[0]?.problem;
      return {
        status: 'unreadable',
        problem: first
          ? { ...first, message: 'No page of this PDF could be read. It may be damaged.' }
          : { kind: 'damaged', message: 'This PDF has no pages.' },
      };
    }
    const reason = scannedReason(texts);
    if (reason) return { status: 'scanned', numPages: source.numPages, ...title, reason };
    const { pages, remittance } = detectDocument(texts, known, source.title);
    return { status: 'read', numPages: source.numPages, ...title, remittance, pages, problems, pagesWithoutText: pagesWithoutText(texts) };
  } catch (error) {
    // Detection is pure and should not throw; if it ever does, the caller still gets a report.
    return { status: 'unreadable', problem: { kind: 'unreadable', message: 'This PDF could not be read.', detail: String(error) } };
  } finally {
    await source.close();
  }
}
