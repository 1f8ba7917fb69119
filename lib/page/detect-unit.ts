/** Routes one text unit to the right reading: raw 835, a fixed-width printout, or text in its place on the page. */

import { normalizeAmount } from '../amount';
import { parseGroupCell } from '../detect/columns';
import { applyRowFacts, type RowFacts } from '../detect/row-facts';
import { run, type Steps } from '../detect/steps';
import { type DetectContext, detectInTextSteps } from '../detect/text';
import { type Figures, isGroupCode, type KnownCodes, type Mention } from '../detect/types';
import { CODE_SEGMENTS, looksLikeX12, scanX12, scanX12Steps } from '../detect/x12';
import { type ContextPass, cellLines, claimOf, contextOf, governingList, type RowContext, type StackRole, TABLE_SELECTOR } from './context';
import { readPrintout } from './printout';
import type { TextUnit } from './units';

let nextKey = 0;
const keys = new WeakMap<Element, string>();

/** A stable key per element, so mentions in one row or paragraph group together. */
export function keyOf(el: Element): string {
  let key = keys.get(el);
  if (!key) {
    key = `k${++nextKey}`;
    keys.set(el, key);
  }
  return key;
}

/** The key an element was given, if any (never makes one): how a page's claim or line key finds its element again. */
export function existingKeyOf(el: Element): string | undefined {
  return keys.get(el);
}

/** One X12 segment alone on a line (a viewer that puts each segment in its own <div> or after a <br>). */
const SEGMENT = /^\s*([A-Z][A-Z0-9]{1,2})([*|^])[^\n~]*~?\s*$/;
/** Elements whose text keeps its line breaks: a printout is read line by line. */
const PREFORMATTED = new Set(['PRE', 'XMP', 'LISTING', 'PLAINTEXT']);

export function detectUnit(unit: TextUnit, known: KnownCodes, pass: ContextPass): Mention[] {
  return run(detectUnitSteps(unit, known, pass));
}

/** detectUnit as steps: a huge unit (a raw 835, a printout, a flood of codes) yields now and then. */
export function* detectUnitSteps(unit: TextUnit, known: KnownCodes, pass: ContextPass): Steps<Mention[]> {
  const text = unit.text;
  if (!/\d/.test(text)) return [];
  const segment = SEGMENT.exec(text);
  // "CO*45*12.00" is the inside of a CAS segment, not a segment: the text rules read it.
  if (segment && !isGroupCode(segment[1] ?? '') && text.split(segment[2] ?? '*').length >= 3) {
    // Every other segment (N4*DENVER*CO*80202, NM1*PR*2*…) holds no codes.
    if (!CODE_SEGMENTS.has(segment[1] ?? '')) return [];
    pass.structure = true;
    const key = keyOf(unit.block);
    return scanX12(text, known).mentions.map((m) => ({ ...m, lineKey: key }));
  }
  if (looksLikeX12(text)) {
    pass.structure = true;
    const prefix = keyOf(unit.block);
    const scan = yield* scanX12Steps(text, known);
    // The scan's own objects, keyed to this block (a raw 835 of megabytes holds tens of thousands).
    for (const m of scan.mentions) {
      if (m.lineKey) m.lineKey = `${prefix}.${m.lineKey}`;
      if (m.claimKey) m.claimKey = `${prefix}.${m.claimKey}`;
    }
    return scan.mentions;
  }
  const cell = contextOf(unit.block, pass);
  const row = cell.row;
  const lineKey = keyOf(row?.line ?? row?.row ?? unit.block);
  const ctx: DetectContext = {
    lineKey,
    ...(row?.paid ? { paid: row.paid } : {}),
    ...(row?.serviceDate ? { serviceDate: row.serviceDate } : {}),
    ...(cell.role !== 'other' || row ? { column: cell.role } : {}),
    ...(row?.type ? { rowType: row.type } : {}),
    section: () => governingList(unit.block, pass),
    remittance: pass.remittance,
    ...breaksOf(unit),
    ...(cell.value ? { valueStart: valueStartOf(unit, cell.value) } : {}),
  };
  if (PREFORMATTED.has(unit.block.tagName.toUpperCase()) && text.includes('\n')) {
    const prefix = keyOf(unit.block);
    return yield* readPrintout(text, known, ctx, prefix);
  }
  // The row's amounts belong to the codes in its reason column (or in a key-value record), not to
  // codes a remark column or a note in the same row repeats; its group to any code in a code column.
  const reasons = cell.role === 'reason' || cell.role === 'codes' || row?.record === true;
  const detected = yield* detectInTextSteps(text, known, ctx);
  if (detected.length === 0) return detected;
  const facts = row && cell.cell && row.stacked ? lineFacts(row, cell.cell, unit) : row;
  const found = reasons ? applyRowFacts(detected, facts) : cell.role === 'remark' ? applyRowFacts(detected, groupOnly(facts)) : detected;
  if (cell.role === 'reason' || cell.role === 'remark') pass.structure = true;
  // A service line's codes are its adjustments and remarks; codes anywhere else are only named.
  const line = row && (reasons || cell.role === 'remark') && isServiceLine(row) ? row : undefined;
  if (!line) return found.map((m) => ({ ...m, role: 'named' }));
  const claimBox = line.ownClaim ? (line.line ?? line.row) : (claimOf(line.row, pass) ?? line.row.closest(TABLE_SELECTOR) ?? line.row);
  const claimKey = keyOf(claimBox);
  const figures = figuresOf(line);
  return found.map((m) => ({
    ...m,
    role: m.kind === 'carc' ? 'adjustment' : 'remark',
    claimKey,
    ...(figures ? { figures } : {}),
  }));
}

/** A row (or record) of a remittance's service line: it shows money or a date of service, not only codes and words. */
function isServiceLine(row: RowContext): boolean {
  return LINE_FACTS.some((key) => row[key] !== undefined) || row.amount !== undefined || row.denied !== undefined;
}

const LINE_FACTS = ['billed', 'allowed', 'paid', 'deductible', 'coinsurance', 'copay', 'patient', 'serviceDate'] as const;

/** The line's figures as the row shows them. */
function figuresOf(row: RowContext): Figures | undefined {
  const figures: Figures = {};
  for (const key of ['billed', 'allowed', 'paid', 'deductible', 'coinsurance', 'copay', 'patient'] as const) {
    const value = row[key];
    if (value !== undefined) figures[key] = value;
  }
  return Object.keys(figures).length > 0 ? figures : undefined;
}

/** A row's group without its amounts. */
function groupOnly(row: RowFacts | undefined): RowFacts | undefined {
  return row?.group ? { group: row.group } : undefined;
}

/** Offsets where the unit's text passes from one element to another (`<small>…</small><strong>…`). */
function breaksOf(unit: TextUnit): { breaks?: number[] } {
  if (unit.nodes.length < 2) return {};
  const breaks: number[] = [];
  for (let i = 1; i < unit.nodes.length; i++) {
    if (unit.nodes[i]?.parentNode !== unit.nodes[i - 1]?.parentNode) breaks.push(unit.starts[i] ?? 0);
  }
  return breaks.length > 0 ? { breaks } : {};
}

/**
 * Facts for one line of a stacked cell (`CO 45<br>PR 3` beside `12.00<br>3.00`): the values on the
 * same line of the row's other stacked cells, when they stack as many lines as this one.
 */
function lineFacts(row: RowContext, cell: Element, unit: TextUnit): RowFacts {
  const lines = cellLines(cell);
  const first = unit.nodes[0];
  const index = lines && first ? lines.lineOf.get(first) : undefined;
  if (!lines || index === undefined) return row;
  const facts: RowFacts = { ...row };
  for (const [role, texts] of Object.entries(row.stacked ?? {}) as [StackRole, string[]][]) {
    if (texts.length !== lines.texts.length) continue;
    const text = texts[index] ?? '';
    if (role === 'group') {
      const group = parseGroupCell(text);
      if (group) facts.group = group;
      else delete facts.group;
    } else {
      const amount = normalizeAmount(text);
      if (amount) facts[role] = amount;
      else delete facts[role];
    }
  }
  return facts;
}

/** Where the value element's text starts in the unit. */
function valueStartOf(unit: TextUnit, value: Element): number {
  const i = unit.nodes.findIndex((n) => value.contains(n));
  return i < 0 ? 0 : (unit.starts[i] ?? 0);
}
