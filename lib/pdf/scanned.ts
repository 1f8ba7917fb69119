/**
 * Whether a PDF is a scan: pages that are pictures of text, with no text layer to read (or only a few
 * characters: a scanner's stamp, a page number). No OCR: the reader says so and what to do instead.
 */
import type { PdfPageText } from './types';

/** A page with fewer readable characters than this holds no text worth reading. */
export const MIN_PAGE_CHARACTERS = 40;

export const SCANNED_ADVICE = 'Ask the payer for the electronic remittance (ERA/835 file), or type the codes you see into the lookup.';

/** The page's characters other than spaces. */
export function textCharacters(page: PdfPageText): number {
  let n = 0;
  for (const item of page.items) n += item.str.replace(/\s+/g, '').length;
  return n;
}

/** Pages (1-based) with no text worth reading. */
export function pagesWithoutText(pages: readonly PdfPageText[]): number[] {
  return pages.filter((p) => textCharacters(p) < MIN_PAGE_CHARACTERS).map((p) => p.pageNumber);
}

/** Why the document cannot be read as text (every page is a picture), or undefined when it can. */
export function scannedReason(pages: readonly PdfPageText[]): string | undefined {
  if (pages.length === 0) return undefined;
  const total = pages.reduce((n, p) => n + textCharacters(p), 0);
  if (pagesWithoutText(pages).length < pages.length) return undefined;
  const what =
    total === 0
      ? 'This PDF has no text in it: it is a scan, a picture of each page.'
      : `This PDF is a scan: its pages are pictures, with only ${total} character${total === 1 ? '' : 's'} of text (a stamp or a page number).`;
  return `${what} Remit Lens reads a document's text and cannot read pictures of it. ${SCANNED_ADVICE}`;
}
