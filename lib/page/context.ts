/**
 * Table and label context for a text unit: which column a cell is in and what the header says,
 * plus what the rest of the row tells (group, amount, paid, date of service).
 */

import { normalizeAmount } from '../amount';
import { type ColumnRole, columnRole, parseDateCell, parseGroupCell } from '../detect/columns';
import type { GroupCode } from '../detect/types';

export interface RowContext {
  row: Element;
  group?: GroupCode;
  amount?: string;
  paid?: string;
  serviceDate?: string;
}

export interface CellContext {
  role: ColumnRole;
  row?: RowContext;
}

const CELL_SELECTOR = 'td,th,[role="cell"],[role="gridcell"],[role="columnheader"],[role="rowheader"]';
const ROW_SELECTOR = 'tr,[role="row"]';
const TABLE_SELECTOR = 'table,[role="table"],[role="grid"],[role="treegrid"]';

function cellsOf(row: Element): Element[] {
  if (row.tagName === 'TR') return Array.from((row as HTMLTableRowElement).cells);
  return Array.from(row.children).filter((c) => c.matches('[role="cell"],[role="gridcell"],[role="columnheader"],[role="rowheader"]'));
}

/** Column index of each cell, counting colspans. */
function columnIndexes(row: Element): Map<Element, number> {
  const map = new Map<Element, number>();
  let col = 0;
  for (const cell of cellsOf(row)) {
    map.set(cell, col);
    col += Math.max(1, Number(cell.getAttribute('colspan')) || 1);
  }
  return map;
}

function isHeaderCell(cell: Element): boolean {
  return cell.tagName === 'TH' || cell.getAttribute('role') === 'columnheader';
}

/** Cached per table; cleared when the scanner sees the table change. */
const headerCache = new WeakMap<Element, ColumnRole[] | null>();

export function forgetTable(table: Element): void {
  headerCache.delete(table);
}

function headerRoles(table: Element): ColumnRole[] | null {
  const cached = headerCache.get(table);
  if (cached !== undefined) return cached;
  let header: Element | null = null;
  if (table.tagName === 'TABLE') {
    const thead = (table as HTMLTableElement).tHead;
    header = thead?.rows[thead.rows.length - 1] ?? null;
    if (!header) {
      const rows = Array.from((table as HTMLTableElement).rows).slice(0, 3);
      header = rows.find((r) => r.cells.length > 1 && Array.from(r.cells).every(isHeaderCell)) ?? null;
    }
  } else {
    header = Array.from(table.querySelectorAll(ROW_SELECTOR)).find((r) => r.querySelector('[role="columnheader"]')) ?? null;
  }
  let roles: ColumnRole[] | null = null;
  if (header) {
    roles = [];
    const indexes = columnIndexes(header);
    for (const [cell, col] of indexes) {
      const span = Math.max(1, Number(cell.getAttribute('colspan')) || 1);
      for (let i = 0; i < span; i++) roles[col + i] = columnRole(cell.textContent ?? '');
    }
  }
  headerCache.set(table, roles);
  return roles;
}

function rowContext(row: Element, roles: readonly ColumnRole[]): RowContext {
  const ctx: RowContext = { row };
  for (const [cell, col] of columnIndexes(row)) {
    const text = cell.textContent ?? '';
    switch (roles[col]) {
      case 'group': {
        const group = parseGroupCell(text);
        if (group) ctx.group = group;
        break;
      }
      case 'amount': {
        const amount = normalizeAmount(text);
        if (amount) ctx.amount = amount;
        break;
      }
      case 'paid': {
        const paid = normalizeAmount(text);
        if (paid) ctx.paid = paid;
        break;
      }
      case 'date': {
        const date = parseDateCell(text);
        if (date) ctx.serviceDate = date;
        break;
      }
      default:
        break;
    }
  }
  return ctx;
}

/** Context for text inside `block`; `rows` caches row contexts within one scan pass. */
export function contextOf(block: Element, rows: Map<Element, RowContext>): CellContext {
  if (block.tagName === 'DD') {
    const dt = block.previousElementSibling;
    return { role: dt?.tagName === 'DT' ? columnRole(dt.textContent ?? '') : 'other' };
  }
  const cell = block.closest(CELL_SELECTOR);
  const row = cell?.closest(ROW_SELECTOR);
  const table = row?.closest(TABLE_SELECTOR);
  if (!cell || !row || !table || isHeaderCell(cell)) return { role: 'other' };
  const roles = headerRoles(table);
  let role: ColumnRole = roles?.[columnIndexes(row).get(cell) ?? -1] ?? 'other';
  if (role === 'other') {
    // Key-value tables: a row header cell ("Reason code") labels the cells after it.
    const first = cellsOf(row)[0];
    if (first && first !== cell && (first.tagName === 'TH' || first.getAttribute('role') === 'rowheader')) {
      role = columnRole(first.textContent ?? '');
    }
  }
  let ctx = rows.get(row);
  if (!ctx) {
    ctx = roles ? rowContext(row, roles) : { row };
    rows.set(row, ctx);
  }
  return { role, row: ctx };
}

export function rowOf(node: Element): Element | null {
  return node.closest(ROW_SELECTOR);
}
