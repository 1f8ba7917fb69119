/**
 * Detection on a PDF: each page's rebuilt lines (lines.ts), split into units with what their place tells
 * (page-units.ts), go through the same detector as web pages: raw X12 through scanX12, printout blocks
 * through detectInLines, cells and paragraphs through detectInText with their column and row facts. Mentions
 * come back with offsets into the page's rebuilt text and the text items (text-layer spans) they cover.
 */
import { applyRowFacts } from '../detect/row-facts';
import { run } from '../detect/steps';
import { detectInText } from '../detect/text';
import type { KnownCodes, Mention } from '../detect/types';
import { looksLikeX12, scanX12 } from '../detect/x12';
import { readPrintout } from '../page/printout';
import { DocumentEvidence } from './evidence';
import { layoutPage, type PageLayout, spansOf } from './lines';
import { PageReader, type PageState, type Unit } from './page-units';
import { headerAt } from './table';
import type { ItemSpan, PdfPageText } from './types';

/** A mention on a PDF page: offsets into the page's rebuilt text, and the text items it covers. */
export interface PdfMention extends Mention {
  /** The pieces of text items (text-layer spans) the code's characters are in, in reading order. */
  spans: ItemSpan[];
}

export interface PageDetection {
  pageNumber: number;
  layout: PageLayout;
  mentions: PdfMention[];
  /** The page's text read as raw X12. */
  x12: boolean;
}

/** Scans raw X12, after what the previous page ended with when it goes on from there (its mentions are that page's). */
function scanX12Unit(text: string, before: string | undefined, known: KnownCodes): Mention[] {
  if (!before) return scanX12(text, known).mentions;
  const skip = before.length + 1;
  return scanX12(`${before}\n${text}`, known)
    .mentions.filter((m) => m.start >= skip)
    .map((m) => ({ ...m, start: m.start - skip, end: m.end - skip }));
}

function detectUnit(unit: Unit, known: KnownCodes): Mention[] {
  const text = unit.text.text;
  if (unit.kind === 'x12') {
    if (!looksLikeX12(unit.before ? `${unit.before}\n${text}` : text)) return detectInText(text, known, unit.ctx);
    const prefix = unit.ctx.lineKey ?? '';
    return scanX12Unit(text, unit.before, known).map((m) => ({
      ...m,
      ...(m.lineKey ? { lineKey: `${prefix}.${m.lineKey}` } : {}),
      ...(m.claimKey ? { claimKey: `${prefix}.${m.claimKey}` } : {}),
    }));
  }
  // A printout read as a <pre> on a page is: codes line by line, grouped by its claims and service lines.
  if (unit.kind === 'printout') return run(readPrintout(text, known, unit.ctx, unit.ctx.lineKey ?? `p`));
  // Raw X12 inside a paragraph ("Raw file as received: ST*835*…"): read as X12, as a page's text is.
  if (unit.facts === undefined && looksLikeX12(text)) return scanX12Unit(text, undefined, known);
  const found = detectInText(text, known, unit.ctx);
  if (unit.apply === 'reasons') return applyRowFacts(found, unit.facts);
  if (unit.apply === 'remarks') return applyRowFacts(found, unit.facts?.group ? { group: unit.facts.group } : undefined);
  return found;
}

/** An amount right after a printout's code, where it stands in the text. */
const AMOUNT_AFTER = /^[ \u00a0]*(-?\$?-?\d[\d,]*\.\d{2})/;

/**
 * A printout table's cell over the mentions the printout reading found in it: an amount the printout
 * took from another column is dropped, then the row's facts give group and amount as a table row's do.
 */
function overlay(layout: PageLayout, unit: Unit, inside: PdfMention[]): Map<PdfMention, PdfMention> {
  const out = new Map<PdfMention, PdfMention>();
  if (unit.apply === 'reasons') {
    const own = inside.map((m) => {
      if (!m.amount) return m;
      const at = AMOUNT_AFTER.exec(layout.text.slice(m.end, m.end + 40));
      if (!at || unit.text.hasPage(m.end + at[0].length - 1)) return m;
      const { amount: _, ...rest } = m;
      return rest;
    });
    // The row's payment and date of service go to its adjustments too (the 2% check reads them), as a table row's do.
    const paid = unit.facts?.paid;
    const serviceDate = unit.facts?.serviceDate;
    for (const [i, m] of applyRowFacts(own, unit.facts).entries()) {
      const row =
        m.kind === 'carc' ? { ...(paid && !m.paid ? { paid } : {}), ...(serviceDate && !m.serviceDate ? { serviceDate } : {}) } : {};
      out.set(inside[i] as PdfMention, { ...m, ...row } as PdfMention);
    }
  } else if (unit.apply === 'remarks' && unit.facts?.group) {
    for (const [i, m] of applyRowFacts(inside, { group: unit.facts.group }).entries()) out.set(inside[i] as PdfMention, m as PdfMention);
  }
  return out;
}

export interface PageOptions {
  known: KnownCodes;
  /** Whether the document reads as a remittance (DocumentEvidence). */
  remittance: boolean;
  /** What the previous page left: its last section, a table that may go on. */
  state?: PageState;
}

/** Reads one page's layout; returns its mentions and what the next page starts from. */
export function detectLayout(layout: PageLayout, options: PageOptions): { detection: PageDetection; state: PageState } {
  const reader = new PageReader(layout, options.remittance, options.state);
  let mentions: PdfMention[] = [];
  const overlays: Unit[] = [];
  let x12 = false;
  const add = (unit: Unit, found: Mention[]) => {
    for (const m of found) {
      const { start, end } = unit.text.toPage(m.start, m.end);
      mentions.push({ ...m, start, end, spans: spansOf(layout, start, end) });
    }
  };
  for (const unit of reader.read()) {
    if (unit.overlay) overlays.push(unit);
    else {
      if (unit.kind === 'x12' && looksLikeX12(unit.text.text)) x12 = true;
      add(unit, detectUnit(unit, options.known));
    }
  }
  for (const unit of overlays) {
    const inside = mentions.filter((m) => unit.text.hasPage(m.end - 1));
    if (inside.length === 0) {
      add(unit, detectUnit(unit, options.known));
      continue;
    }
    const updated = overlay(layout, unit, inside);
    mentions = mentions.map((m) => updated.get(m) ?? m);
  }
  mentions.sort((a, b) => a.start - b.start);
  return { detection: { pageNumber: layout.pageNumber, layout, mentions, x12 }, state: reader.state };
}

/** Whether a page shows what only remittances have: raw X12, or a table with a reason or remark column. */
export function hasRemittanceStructure(layout: PageLayout): boolean {
  if (looksLikeX12(layout.text)) return true;
  for (let i = 0; i < layout.lines.length; i++) {
    const header = headerAt(layout, i);
    if (header?.table.columns.some((c) => c.role === 'reason' || c.role === 'remark')) return true;
  }
  return false;
}

export interface DocumentDetection {
  pages: PageDetection[];
  /** Whether the document read as a remittance (running text is marked only then). */
  remittance: boolean;
}

/**
 * Every page of a document, in order: its evidence from all pages first (title, vocabulary, structure),
 * then each page with what the page before it left (a section, a table going on).
 */
export function detectDocument(pages: readonly PdfPageText[], known: KnownCodes, title?: string): DocumentDetection {
  const layouts = pages.map(layoutPage);
  const evidence = new DocumentEvidence(title);
  for (const layout of layouts) evidence.feed(layout.text);
  if (!evidence.remittance && layouts.some(hasRemittanceStructure)) evidence.structure();
  let state: PageState = {};
  const out: PageDetection[] = [];
  for (const layout of layouts) {
    const { detection, state: next } = detectLayout(layout, { known, remittance: evidence.remittance, state });
    out.push(detection);
    state = next;
  }
  return { pages: out, remittance: evidence.remittance };
}
