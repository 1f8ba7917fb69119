/**
 * A PDF read page by page, in order, as the reader shows it: each page is detected as soon as its text is
 * there (the first page is marked without waiting for the rest), with what the pages before it left (a
 * section, a table going on, raw X12 going on). Whether the document reads as a remittance grows with
 * the pages read; when a later page shows it, the earlier pages are read again (their running text may
 * hold codes that count only on a remittance).
 */
import type { KnownCodes } from '../detect/types';
import { detectLayout, hasRemittanceStructure, type PageDetection } from './detect';
import { DocumentEvidence } from './evidence';
import { layoutPage, type PageLayout } from './lines';
import type { PageState } from './page-units';
import type { PdfPageText } from './types';

export interface PageAdded {
  detection: PageDetection;
  /** Earlier pages read again because the document has just turned out to be a remittance. */
  redone: PageDetection[];
}

export class DocumentDetector {
  private readonly evidence: DocumentEvidence;
  private readonly read: { layout: PageLayout; before: PageState; detection: PageDetection }[] = [];
  private state: PageState = {};

  constructor(
    private readonly known: KnownCodes,
    title?: string,
  ) {
    this.evidence = new DocumentEvidence(title);
  }

  get remittance(): boolean {
    return this.evidence.remittance;
  }

  /** Every page read so far, in order. */
  get pages(): PageDetection[] {
    return this.read.map((r) => r.detection);
  }

  /** Reads the next page (pages come in order, each once). */
  add(page: PdfPageText): PageAdded {
    const layout = layoutPage(page);
    const was = this.evidence.remittance;
    this.evidence.feed(layout.text);
    if (!this.evidence.remittance && hasRemittanceStructure(layout)) this.evidence.structure();
    const redone: PageDetection[] = [];
    if (!was && this.evidence.remittance) {
      for (const r of this.read) {
        r.detection = detectLayout(r.layout, { known: this.known, remittance: true, state: r.before }).detection;
        redone.push(r.detection);
      }
    }
    const before = this.state;
    const { detection, state } = detectLayout(layout, { known: this.known, remittance: this.evidence.remittance, state: before });
    this.state = state;
    this.read.push({ layout, before, detection });
    return { detection, redone };
  }
}
