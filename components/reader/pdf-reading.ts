/**
 * Reading one PDF in the reader: every page's text, in order, through lib/pdf's DocumentDetector (the tally
 * counts every page, painted or not), then whether the whole document is a scan. Pages are painted apart
 * from this (PdfPages), only near the viewport, from the text read here. Nothing is stored anywhere.
 */
import type { KnownCodes } from '@/lib/detect/types';
import { type PageMention, toPageMention } from '@/lib/messages';
import type { PdfMention } from '@/lib/pdf/detect';
import { DocumentDetector } from '@/lib/pdf/document';
import type { PdfProblem } from '@/lib/pdf/load';
import { pagesWithoutText, scannedReason } from '@/lib/pdf/scanned';
import type { PdfPageText } from '@/lib/pdf/types';
import type { PdfDoc } from './pdf-engine';

export interface PdfPageEntry {
  text: PdfPageText;
  mentions: PdfMention[];
  /** Bumped when the page's mentions are read again (the document turned out to be a remittance on a later page). */
  version: number;
}

export type PdfStatus =
  /** Pages are being read. */
  | { kind: 'reading' }
  | { kind: 'read' }
  /** Every page is a picture: the sentence says so and what to do instead. */
  | { kind: 'scanned'; reason: string }
  /** No page could be read (a damaged file pdf.js opened but cannot read a page of). */
  | { kind: 'unreadable'; message: string };

/** A mention with where it is: its page and its index there (the mark's id is `page.index`). */
export interface PlacedMention {
  page: number;
  index: number;
  mention: PdfMention;
}

export const markId = (page: number, index: number) => `pdf|${page}|${index}`;

export function parseMarkId(id: string): { page: number; index: number } | undefined {
  const m = /^pdf\|(\d+)\|(\d+)$/.exec(id);
  return m ? { page: Number(m[1]), index: Number(m[2]) } : undefined;
}

export class PdfReading {
  readonly pages: (PdfPageEntry | undefined)[];
  readonly problems: PdfProblem[] = [];
  status: PdfStatus = { kind: 'reading' };
  /** Pages read so far (in order). */
  read = 0;
  private readonly detector: DocumentDetector;
  private all: PlacedMention[] | undefined;

  constructor(
    readonly doc: PdfDoc,
    known: KnownCodes,
  ) {
    this.pages = new Array(doc.source.numPages).fill(undefined);
    this.detector = new DocumentDetector(known, doc.source.title);
  }

  get numPages(): number {
    return this.doc.source.numPages;
  }

  get finished(): boolean {
    return this.status.kind !== 'reading';
  }

  /**
   * Reads every page in order; `changed` gets the pages whose mentions are new (this one, and earlier
   * ones read again). Stops early when `live()` turns false (another document was opened).
   */
  async run(changed: (pages: number[]) => void, live: () => boolean): Promise<void> {
    const texts: PdfPageText[] = [];
    for (let n = 1; n <= this.numPages; n++) {
      const read = await this.doc.source.page(n);
      if (!live()) return;
      if (!read.ok) {
        this.problems.push(read.problem);
        this.read = n;
        changed([]);
        continue;
      }
      texts.push(read.page);
      const { detection, redone } = this.detector.add(read.page);
      this.pages[n - 1] = { text: read.page, mentions: detection.mentions, version: 0 };
      for (const r of redone) {
        const entry = this.pages[r.pageNumber - 1];
        if (entry) {
          entry.mentions = r.mentions;
          entry.version++;
        }
      }
      this.read = n;
      this.all = undefined;
      changed([n, ...redone.map((r) => r.pageNumber)]);
    }
    const reason = texts.length > 0 ? scannedReason(texts) : undefined;
    if (texts.length === 0) {
      this.status = {
        kind: 'unreadable',
        message: 'No page of this PDF could be read: it may be damaged. Download it again, or ask the sender for a new copy.',
      };
    } else this.status = reason ? { kind: 'scanned', reason } : { kind: 'read' };
    this.all = undefined;
    changed([]);
  }

  /** Every mention read so far, in page order. */
  mentions(): PlacedMention[] {
    if (!this.all) {
      const out: PlacedMention[] = [];
      this.pages.forEach((p, i) => {
        p?.mentions.forEach((mention, index) => {
          out.push({ page: i + 1, index, mention });
        });
      });
      this.all = out;
    }
    return this.all;
  }

  /** What the popup's tally gets: codes, amounts, dates of service, line grouping; nothing else. */
  pageMentions(): PageMention[] {
    return this.status.kind === 'scanned' || this.status.kind === 'unreadable' ? [] : this.mentions().map((m) => toPageMention(m.mention));
  }

  mention(page: number, index: number): PdfMention | undefined {
    return this.pages[page - 1]?.mentions[index];
  }

  /** Pages that are pictures without text in a document that has text elsewhere. */
  picturePages(): number[] {
    if (this.status.kind !== 'read') return [];
    return pagesWithoutText(this.pages.filter((p): p is PdfPageEntry => p !== undefined).map((p) => p.text));
  }
}
