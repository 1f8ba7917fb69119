/**
 * What a table row or a key-value record tells about its codes, from its cells under their columns: the
 * group, the amount columns, what was paid, the date of service, what kind of code the row holds. The
 * same reading a web table's row gets (lib/page/context.ts), from text instead of elements.
 */
import { normalizeAmount, toCents } from '../amount';
import { type ColumnRole, parseDateCell, parseGroupCell } from '../detect/columns';
import type { RowFacts } from '../detect/row-facts';
import { type ListKind, listKindOf } from '../detect/vocabulary';

export interface CellFacts extends RowFacts {
  paid?: string;
  serviceDate?: string;
  /** What the row's type cell says its code is. */
  type?: ListKind;
}

/** A cell that holds one money amount and nothing else. */
const MONEY = /^\s*\(?-?\$?\s?-?\d[\d,]*\.\d{2}\)?\s*$/;

type AmountRole = 'amount' | 'denied' | 'patient' | 'deductible' | 'coinsurance' | 'copay' | 'paid';
const AMOUNT_ROLES: ReadonlySet<ColumnRole> = new Set(['amount', 'denied', 'patient', 'deductible', 'coinsurance', 'copay', 'paid']);

/** Reads cells (role, text) into facts; two different amounts for one role leave it unknown. */
export function factsOf(cells: Iterable<{ role: ColumnRole; text: string }>): CellFacts {
  const facts: CellFacts = {};
  const conflicts = new Set<ColumnRole>();
  for (const { role, text } of cells) {
    if (AMOUNT_ROLES.has(role)) {
      const amount = normalizeAmount(text);
      const key = role as AmountRole;
      if (!amount || conflicts.has(role)) continue;
      const had = facts[key];
      // A zero never replaces an amount; two different amounts leave neither (which is the adjustment's cannot be told).
      if (had === undefined || toCents(had) === 0) facts[key] = amount;
      else if (toCents(amount) !== 0 && amount !== had) {
        delete facts[key];
        conflicts.add(role);
      }
    } else if (role === 'reason' && MONEY.test(text)) {
      // "Adjustment" heads codes on one portal and amounts on another: money alone is the adjustment's amount.
      const amount = normalizeAmount(text);
      if (amount && facts.amount === undefined) facts.amount = amount;
    } else if (role === 'group') {
      const group = parseGroupCell(text);
      if (group) facts.group = group;
    } else if (role === 'date') {
      const date = parseDateCell(text);
      if (date) facts.serviceDate = date;
    } else if (role === 'type') {
      const kind = listKindOf(text) ?? (/^\s*rarc\s*$/i.test(text) ? 'rarc' : /^\s*carc\s*$/i.test(text) ? 'carc' : undefined);
      if (kind) facts.type = kind;
    }
  }
  return facts;
}

/** A row's facts with a line's own ones over them (a line of stacked cells: `CO 45` beside `12.00`). */
export function overFacts(row: CellFacts, line: CellFacts): CellFacts {
  return { ...row, ...line };
}
