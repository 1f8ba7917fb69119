/**
 * Whether a page reads as a remittance: its title and text hold remittance vocabulary (each term
 * counted once), or it shows raw X12 or a table with a reason or remark column. Running text on a page
 * that does not read as one gets no marks (a travel page's "CO 45" is a highway). The evidence grows
 * as the scan reads the page and as the page changes: what was put aside for lack of it is scanned
 * again once it is there.
 */
import { REMITTANCE_SCORE, remittanceTerms } from '../detect/vocabulary';

/** Text read before the scan: the title and the first part of the body (enough for any remittance's headings). */
const FIRST_TEXT = 64 * 1024;
/** Text fed per check: terms are looked for in batches, not per text node. */
const BATCH = 4096;
/** Blocks put aside at most: a long page without remittance evidence is not remembered in full. */
const MAX_DEFERRED = 4096;
/** A candidate shape in running text, worth scanning again once the page reads as a remittance. */
const CANDIDATE =
  /\b(?:CO|PR|OA|PI|CR|co|pr|oa|pi|cr)[\s\u00a0]*[-*:/\u2010-\u2014\u2212]?[\s\u00a0]*[A-Z]?\d|\b(?:MA|M|N)\d{1,3}\b|\b(?:reason|remark|carc|rarc|c[oó]digo)/i;

export class PageEvidence {
  private readonly terms = new Set<number>();
  private score = 0;
  private pending = '';
  /** Blocks whose running text held candidates while the page did not read as a remittance yet. */
  readonly deferred = new Set<Element>();

  /** Reads the title and the first text of `doc` (a cheap walk over its first text nodes). */
  constructor(doc?: Document) {
    if (!doc) return;
    this.feed(doc.title ?? '');
    const body = doc.body;
    if (!body) return;
    const walker = doc.createTreeWalker(body, 0x4 /* SHOW_TEXT */);
    let read = 0;
    for (let node = walker.nextNode(); node && read < FIRST_TEXT && !this.remittance; node = walker.nextNode()) {
      const data = (node as Text).data;
      read += data.length;
      this.feed(data);
    }
    this.flush();
  }

  get remittance(): boolean {
    return this.score >= REMITTANCE_SCORE;
  }

  /** Adds text the scan read; true when this made the page read as a remittance. */
  feed(text: string): boolean {
    if (this.remittance) return false;
    this.pending += text;
    this.pending += ' ';
    return this.pending.length >= BATCH ? this.flush() : false;
  }

  /** Structure that only remittances have: raw X12, a table with a reason or remark column. */
  structure(): boolean {
    if (this.remittance) return false;
    this.score = REMITTANCE_SCORE;
    return true;
  }

  /** Looks for terms in what was fed since the last check; true when this made the page read as a remittance. */
  flush(): boolean {
    if (this.remittance || this.pending === '') return false;
    this.score += remittanceTerms(this.pending, this.terms);
    this.pending = '';
    return this.remittance;
  }

  /** Notes a block whose running text may hold codes, to scan again if the page turns out to be a remittance. */
  defer(block: Element, text: string): void {
    if (this.remittance || this.deferred.size >= MAX_DEFERRED || !CANDIDATE.test(text)) return;
    this.deferred.add(block);
  }
}
