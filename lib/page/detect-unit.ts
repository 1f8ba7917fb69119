/** Routes one text unit to the right detector: raw 835, a typed table cell, or running text. */
import { detectInText, detectList } from '../detect/text';
import { isGroupCode, type KnownCodes, type Mention } from '../detect/types';
import { CODE_SEGMENTS, looksLikeX12, scanX12 } from '../detect/x12';
import { type CellContext, type ContextPass, contextOf, type RowContext } from './context';
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

/** One X12 segment alone on a line (a viewer that puts each segment in its own <div> or after a <br>). */
const SEGMENT = /^\s*([A-Z][A-Z0-9]{1,2})([*|^])[^\n~]*~?\s*$/;

export function detectUnit(unit: TextUnit, known: KnownCodes, pass: ContextPass): Mention[] {
  const text = unit.text;
  if (!/\d/.test(text)) return [];
  const segment = SEGMENT.exec(text);
  // "CO*45*12.00" is the inside of a CAS segment, not a segment: the text rules read it.
  if (segment && !isGroupCode(segment[1] ?? '') && text.split(segment[2] ?? '*').length >= 3) {
    // Every other segment (N4*DENVER*CO*80202, NM1*PR*2*…) holds no codes.
    if (!CODE_SEGMENTS.has(segment[1] ?? '')) return [];
    const key = keyOf(unit.block);
    return scanX12(text, known).mentions.map((m) => ({ ...m, lineKey: key }));
  }
  if (looksLikeX12(text)) {
    const prefix = keyOf(unit.block);
    return scanX12(text, known).mentions.map((m) => ({
      ...m,
      ...(m.lineKey ? { lineKey: `${prefix}.${m.lineKey}` } : {}),
      ...(m.claimKey ? { claimKey: `${prefix}.${m.claimKey}` } : {}),
    }));
  }
  const cell: CellContext = contextOf(unit.block, pass);
  const row = cell.row;
  const context = {
    lineKey: keyOf(row?.row ?? unit.block),
    ...(row?.paid ? { paid: row.paid } : {}),
    ...(row?.serviceDate ? { serviceDate: row.serviceDate } : {}),
  };
  switch (cell.role) {
    case 'reason': {
      let found = detectList(text, 'carc', known, context);
      if (found.length === 0) found = detectInText(text, known, context);
      return withRowFacts(found, row);
    }
    case 'remark': {
      const found = detectList(text, 'rarc', known, context);
      return withRowFacts(found.length > 0 ? found : detectInText(text, known, context), row);
    }
    case 'other':
      return withRowFacts(detectInText(text, known, context), row);
    default:
      // Group, amount, date, units, modifiers, diagnosis... columns hold no codes.
      return [];
  }
}

/** A reason without a group takes the row's group; a lone reason takes the row's amount. */
function withRowFacts(found: Mention[], row: RowContext | undefined): Mention[] {
  if (!row) return found;
  const carcs = found.filter((m) => m.kind === 'carc');
  return found.map((m) => {
    if (m.kind !== 'carc') return m;
    let next = m;
    if (!m.group && row.group) next = { ...next, group: row.group, code: `${row.group}-${m.reason}` };
    if (!m.amount && row.amount && carcs.length === 1) next = { ...next, amount: row.amount };
    return next;
  });
}
