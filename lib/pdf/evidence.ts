/**
 * Whether a PDF reads as a remittance, as a web page does (lib/page/page-evidence.ts): its title and text
 * hold remittance vocabulary (lib/detect/vocabulary.ts, each term counted once), or it shows what only
 * remittances have (raw X12, a table with a reason or remark column). Read over the whole document: a
 * remittance's first page says so, and a later page may too.
 */
import { REMITTANCE_SCORE, remittanceTerms } from '../detect/vocabulary';

/** Text looked at per document: enough for any remittance's headings, not a whole long file. */
const MAX_TEXT = 256 * 1024;

export class DocumentEvidence {
  private readonly terms = new Set<number>();
  private score = 0;
  private read = 0;

  constructor(title?: string) {
    if (title) this.feed(title);
  }

  get remittance(): boolean {
    return this.score >= REMITTANCE_SCORE;
  }

  /** Adds a page's (or the title's) text; true when this made the document read as a remittance. */
  feed(text: string): boolean {
    if (this.remittance || this.read >= MAX_TEXT) return false;
    const slice = text.slice(0, MAX_TEXT - this.read);
    this.read += slice.length;
    this.score += remittanceTerms(slice, this.terms);
    return this.remittance;
  }

  /** Structure only remittances have (raw X12, a reason or remark column); true when this changed the reading. */
  structure(): boolean {
    if (this.remittance) return false;
    this.score = REMITTANCE_SCORE;
    return true;
  }
}
