/**
 * Table and label context for a text unit: which column a cell is in and what its header says,
 * plus what the rest of the row tells (group, amount, paid, date of service). Key-value tables
 * (a header cell per row) and definition lists are read as one record: their labels decide what
 * each value means, and a single reason in the record takes the record's group and amount.
 */

import { normalizeAmount, toCents } from '../amount';
import { type ColumnRole, columnRole, parseDateCell, parseGroupCell } from '../detect/columns';
import type { RowFacts } from '../detect/row-facts';
import { type ListKind, listKindOf, sectionKindOf } from '../detect/vocabulary';
import { isInline, openShadowRoot, renderedText, type ShadowRootOf } from './units';

export interface RowContext extends RowFacts {
  /** The row, or the whole key-value table / definition list; mentions in it share a line key. */
  row: Element;
  paid?: string;
  serviceDate?: string;
  /** What the row's type cell ("Code type") says its code is. */
  type?: ListKind;
  /** Amount roles two columns gave different amounts for: left unknown. */
  conflicts?: Set<ColumnRole>;
  /** Cells of the row that stack one value per line ("CO 45" over "PR 3"; "12.00" over "3.00"), by role. */
  stacked?: Partial<Record<StackRole, string[]>>;
  /**
   * The row the service line starts on: this row, or for a row that only continues a line (its date,
   * procedure and money cells empty or spanned from above) the row where the line began.
   */
  line?: Element;
  billed?: string;
  allowed?: string;
  /** The row is a service line of its own claim (a worklist's row under a "Claim #" or "Acct" column). */
  ownClaim?: boolean;
  /** Column index of each cell of the row (colspan and rowspan aware). */
  columns?: Map<Element, number>;
  /** The row's cells, read once per pass (every cell of a row asks for them). */
  cells?: Element[];
  /** Set when `row` is a key-value table or definition list read as one record. */
  record?: boolean;
}

export interface CellContext {
  role: ColumnRole;
  row?: RowContext;
  /** The table cell the text is in, when it is in one. */
  cell?: Element;
  /** For a label and its value in one line (`<span>Reason</span><span>45</span>`): the value's element. */
  value?: Element;
}

/** Roles whose cells may stack one value per line, beside a cell of stacked codes. */
export type StackRole = 'group' | 'amount' | 'denied' | 'patient' | 'deductible' | 'coinsurance' | 'copay';
const STACK_ROLES: ReadonlySet<string> = new Set(['group', 'amount', 'denied', 'patient', 'deductible', 'coinsurance', 'copay']);

/** A cell's text by the lines it shows: `<br>` and block children break lines. */
export interface CellLines {
  texts: string[];
  /** The line each text node is on. */
  lineOf: Map<Text, number>;
}

const LINE_BLOCKS = new Set(['DIV', 'P', 'LI', 'UL', 'OL', 'TABLE', 'TR', 'SECTION', 'ARTICLE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6']);

/** A cell's lines when it shows more than one (`CO-45<br>PR-2`), else null. Light DOM only. */
export function cellLines(cell: Element): CellLines | null {
  if (!cell.querySelector('br,div,p,li')) return null;
  const texts: string[] = [];
  const lineOf = new Map<Text, number>();
  let current = '';
  let nodes: Text[] = [];
  const end = () => {
    if (current.trim() !== '') {
      for (const n of nodes) lineOf.set(n, texts.length);
      texts.push(current.trim());
    }
    current = '';
    nodes = [];
  };
  // An explicit stack, not recursion (a page may nest elements 20,000 deep); `null` ends a line block.
  const stack: (Node | null)[] = [];
  const pushChildren = (parent: Node) => {
    for (let child = parent.lastChild; child; child = child.previousSibling) stack.push(child);
  };
  pushChildren(cell);
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null) {
      end();
      continue;
    }
    if (!node) break;
    if (node.nodeType === 3) {
      current += (node as Text).data;
      nodes.push(node as Text);
      continue;
    }
    if (node.nodeType !== 1) continue;
    const t = tag(node as Element);
    if (t === 'BR') {
      end();
      continue;
    }
    if (t === 'SCRIPT' || t === 'STYLE' || t === 'TEMPLATE') continue;
    if (LINE_BLOCKS.has(t)) {
      end();
      stack.push(null);
    }
    pushChildren(node);
  }
  end();
  return texts.length > 1 ? { texts, lineOf } : null;
}

const CELL_ROLES = '[role="cell"],[role="gridcell"],[role="columnheader"],[role="rowheader"]';
const CELL_SELECTOR = `td,th,${CELL_ROLES}`;
const ROW_SELECTOR = 'tr,[role="row"]';
export const TABLE_SELECTOR = 'table,[role="table"],[role="grid"],[role="treegrid"]';
/** A cell that holds one money amount and nothing else. */
const MONEY = /^\s*\(?-?\$?\s?-?\d[\d,]*\.\d{2}\)?\s*$/;
/** Key-value records larger than this are data tables with row headers, not records. */
const MAX_RECORD_ROWS = 60;

const tag = (el: Element) => el.tagName.toUpperCase();

/** What a cell, label or value shows, web components' shadow content included. */
type ReadText = (el: Element) => string;

/** What one scan pass keeps while it reads context: the rows and records read so far, and how text is read. */
export interface ContextPass {
  rows: Map<Element, RowContext>;
  /** What governs each parent's children (headings, captions, intros), found once per parent. */
  sections: Map<Element, ListKind | null>;
  /** The claim box each element is in (null: none), found once per element. */
  claims: Map<Element, Element | null>;
  /** Header rows inside each table body section, found once per section. */
  subHeaders: Map<Element, Map<Element, SubHeader>>;
  read: ReadText;
  /** Whether the page reads as a remittance (its vocabulary and codes so far). */
  remittance: boolean;
  /** Set when a unit showed what only remittances have: raw X12, codes under a reason or remark column. */
  structure: boolean;
}

/** A fresh pass; `shadowRootOf` is how the walk reaches components' shadow roots (closed ones too, in the extension). */
export function contextPass(shadowRootOf: ShadowRootOf = openShadowRoot, remittance = true): ContextPass {
  return {
    rows: new Map(),
    sections: new Map(),
    claims: new Map(),
    subHeaders: new Map(),
    read: (el) => renderedText(el, shadowRootOf),
    remittance,
    structure: false,
  };
}

function isCell(el: Element): boolean {
  const t = tag(el);
  return t === 'TD' || t === 'TH' || el.matches(CELL_ROLES);
}

function isHeaderCell(cell: Element): boolean {
  return tag(cell) === 'TH' || cell.getAttribute('role') === 'columnheader';
}

function isRowHeader(cell: Element): boolean {
  return tag(cell) === 'TH' || cell.getAttribute('role') === 'rowheader';
}

function cellsOf(row: Element): Element[] {
  // Sibling links, not a live collection: Array.from over `cells`/`children` cost ~10 µs a row on big pages.
  const cells: Element[] = [];
  for (let el = row.firstElementChild; el; el = el.nextElementSibling) {
    const t = el.tagName;
    if (t === 'TD' || t === 'TH' || isCell(el)) cells.push(el);
  }
  return cells;
}

/** Whether any cell of the section spans rows; a selector query first, as most sections have none. */
function sectionHasRowspan(section: Element, row: Element): boolean {
  if (!section.querySelector('[rowspan]')) return false;
  return sectionRows(row).some((r) => hasRowspan(r));
}

function span(cell: Element, name: 'colspan' | 'rowspan'): number {
  const n = Number.parseInt(cell.getAttribute(name) ?? '1', 10);
  // rowspan="0" means "to the end of the section"; 1000 is the HTML limit.
  if (name === 'rowspan' && n === 0) return 1000;
  return Number.isFinite(n) && n > 1 ? Math.min(n, 1000) : 1;
}

/** The rows of a table, without rows of tables nested in it. */
function rowsOf(table: Element): Element[] {
  if (tag(table) === 'TABLE') {
    const rows: Element[] = [];
    for (const child of Array.from(table.children)) {
      const t = tag(child);
      if (t === 'TR') rows.push(child);
      else if (t === 'THEAD' || t === 'TBODY' || t === 'TFOOT')
        for (const r of Array.from(child.children)) if (tag(r) === 'TR') rows.push(r);
    }
    return rows;
  }
  return Array.from(table.querySelectorAll('[role="row"]')).filter((r) => r.parentElement?.closest(TABLE_SELECTOR) === table);
}

/** The rows a rowspan can reach: the same <thead>/<tbody>/<tfoot>, or the table itself. */
function sectionRows(row: Element): Element[] {
  const parent = row.parentElement;
  if (!parent) return [row];
  return Array.from(parent.children).filter((r) => tag(r) === 'TR' || r.getAttribute('role') === 'row');
}

/** Column index of every cell in `rows`, following colspans and rowspans. */
function layout(rows: readonly Element[]): Map<Element, number> {
  const positions = new Map<Element, number>();
  // Columns still covered by a rowspan from above: column -> rows left.
  const carried: number[] = [];
  for (const row of rows) {
    let col = 0;
    const take = () => {
      while ((carried[col] ?? 0) > 0) col++;
    };
    for (const cell of cellsOf(row)) {
      take();
      positions.set(cell, col);
      const cols = span(cell, 'colspan');
      const down = span(cell, 'rowspan');
      for (let i = 0; i < cols; i++) carried[col + i] = down;
      col += cols;
    }
    for (let i = 0; i < carried.length; i++) if ((carried[i] ?? 0) > 0) carried[i] = (carried[i] ?? 0) - 1;
  }
  return positions;
}

interface SectionLayout {
  rowspans: boolean;
  positions?: Map<Element, number> | undefined;
}
/** Rowspans are rare: most sections are laid out row by row; the rest as a whole, once per change. */
const sections = new WeakMap<Element, SectionLayout>();

const hasRowspan = (row: Element, cells: readonly Element[] = cellsOf(row)) =>
  cells.some((c) => c.hasAttribute('rowspan') && span(c, 'rowspan') > 1);

/**
 * What we know of a row's section. The whole section is read once; after that only the row at
 * hand (no `children.length` on a big tbody: marking the rows keeps invalidating that count).
 */
function sectionOf(row: Element, cells: readonly Element[]): SectionLayout | null {
  const section = row.parentElement;
  if (!section) return null;
  let info = sections.get(section);
  if (!info) {
    info = { rowspans: sectionHasRowspan(section, row) };
    sections.set(section, info);
  } else if (!info.rowspans && hasRowspan(row, cells)) {
    info.rowspans = true;
  }
  return info;
}

/** Column of each cell of a row without rowspans above it: colspans only. */
function rowLayout(cells: readonly Element[]): Map<Element, number> {
  const positions = new Map<Element, number>();
  let col = 0;
  for (const cell of cells) {
    positions.set(cell, col);
    col += cell.hasAttribute('colspan') ? span(cell, 'colspan') : 1;
  }
  return positions;
}

function columnsOf(row: Element, cells: readonly Element[], info: SectionLayout | null): Map<Element, number> {
  if (!info?.rowspans) return rowLayout(cells);
  const first = cells[0];
  // A row we have not laid out yet (new, or the section changed): lay the section out again.
  if (!info.positions || (first && !info.positions.has(first))) info.positions = layout(sectionRows(row));
  const positions = info.positions;
  return new Map(cells.map((c) => [c, positions.get(c) ?? 0]));
}

interface HeaderInfo {
  rows: Element[];
  roles: ColumnRole[];
}
/** Cached per table; checked against the header rows still being there. */
const headerCache = new WeakMap<Element, HeaderInfo | null>();

export function forgetTable(table: Element): void {
  headerCache.delete(table);
}

/** Old portals bold their header cells instead of using <th>. */
function isBoldRow(row: Element, read: ReadText): boolean {
  const cells = cellsOf(row);
  return (
    cells.length > 1 &&
    cells.every((c) => {
      const only = c.children.length === 1 ? c.firstElementChild : null;
      return only !== null && (tag(only) === 'B' || tag(only) === 'STRONG') && read(only).trim() === read(c).trim();
    })
  );
}

function headerRows(table: Element, read: ReadText): Element[] {
  if (tag(table) === 'TABLE') {
    const thead = Array.from(table.children).find((c) => tag(c) === 'THEAD');
    if (thead) {
      const rows = Array.from(thead.children).filter((r) => tag(r) === 'TR');
      if (rows.length > 0) return rows;
    }
    const rows = rowsOf(table).slice(0, 4);
    const out: Element[] = [];
    for (const row of rows) {
      const cells = cellsOf(row);
      if (cells.length > 1 && cells.every(isHeaderCell)) out.push(row);
      else break;
    }
    if (out.length === 0 && rows[0] && rows.length > 1 && isBoldRow(rows[0], read)) out.push(rows[0]);
    return out;
  }
  const first = rowsOf(table).find((r) => cellsOf(r).some((c) => c.getAttribute('role') === 'columnheader'));
  return first ? [first] : [];
}

function headerInfo(table: Element, read: ReadText): HeaderInfo | null {
  const cached = headerCache.get(table);
  if (cached !== undefined && (cached === null || cached.rows.every((r) => r.isConnected))) return cached;
  let rows = headerRows(table, read);
  if (rows.length === 0 && tag(table) === 'TABLE') rows = detachedHeader(table, read);
  let info: HeaderInfo | null = null;
  if (rows.length > 0) {
    const positions = layout(rows);
    // Every header text above each column, top to bottom ("Adjustment" over "Amount").
    const texts: string[][] = [];
    for (const [cell, col] of positions) {
      for (let i = 0; i < span(cell, 'colspan'); i++) {
        const list = texts[col + i] ?? [];
        list.push(read(cell));
        texts[col + i] = list;
      }
    }
    const roles: ColumnRole[] = [];
    texts.forEach((list, col) => {
      const own = columnRole(list[list.length - 1] ?? '');
      roles[col] = own === 'other' && list.length > 1 ? columnRole(list.join(' ')) : own;
    });
    info = { rows, roles };
  }
  headerCache.set(table, info);
  return info;
}

/** Number of columns a row spans. */
const width = (row: Element) => cellsOf(row).reduce((n, c) => n + span(c, 'colspan'), 0);

/** Number of columns header rows span, rowspans included. */
function headerWidth(rows: readonly Element[]): number {
  let n = 0;
  for (const [cell, col] of layout(rows)) n = Math.max(n, col + span(cell, 'colspan'));
  return n;
}

/**
 * Grids with a fixed header keep it in a table of its own just before the body's table (Kendo,
 * ExtJS, many portals). Such a header table holds only header rows and has as many columns as the
 * body; it is looked for among the previous siblings of the table and of its two nearest ancestors.
 */
function detachedHeader(table: Element, read: ReadText): Element[] {
  const body = rowsOf(table)[0];
  if (!body) return [];
  let el: Element | null = table;
  for (let depth = 0; depth < 3 && el; depth++, el = el.parentElement) {
    const prev: Element | null = el.previousElementSibling;
    if (!prev) continue;
    const other = tag(prev) === 'TABLE' ? prev : prev.querySelector('table');
    if (!other || other.contains(table)) continue;
    const rows = headerRows(other, read);
    if (rows.length > 0 && rowsOf(other).length === rows.length && headerWidth(rows) === width(body)) return rows;
  }
  return [];
}

/** The label of a key-value row: a row header, or a first cell that ends with a colon. */
function labelOf(row: Element, cells: readonly Element[], read: ReadText): Element | null {
  const first = cells[0];
  if (!first || cells.length < 2 || first.contains(row)) return null;
  if (isRowHeader(first)) return first;
  return /:\s*$/.test(read(first)) ? first : null;
}

interface Fact {
  role: ColumnRole;
  text: string;
}

/** What a record's labels say: group, amount, paid, date; a reason takes them only if it is alone. */
function recordContext(record: Element, facts: readonly Fact[]): RowContext {
  const ctx: RowContext = { row: record, record: true };
  if (facts.filter((f) => f.role === 'reason').length !== 1) return ctx;
  for (const fact of facts) apply(ctx, fact.role, fact.text);
  return ctx;
}

function apply(ctx: RowContext, role: ColumnRole | undefined, text: string): void {
  switch (role) {
    case 'group': {
      const group = parseGroupCell(text);
      if (group) ctx.group = group;
      break;
    }
    case 'amount':
    case 'denied':
    case 'patient':
    case 'deductible':
    case 'coinsurance':
    case 'copay':
    case 'billed':
    case 'allowed':
    case 'paid': {
      const amount = normalizeAmount(text);
      if (!amount || ctx.conflicts?.has(role)) break;
      const had = ctx[role];
      // Two columns of one kind ("Reduction", "Disallowed"): a zero never replaces an amount, and two
      // different amounts leave neither (which one is the adjustment's cannot be told).
      if (had === undefined || toCents(had) === 0) ctx[role] = amount;
      else if (toCents(amount) !== 0 && amount !== had) {
        delete ctx[role];
        ctx.conflicts ??= new Set();
        ctx.conflicts.add(role);
      }
      break;
    }
    case 'date': {
      const date = parseDateCell(text);
      if (date) ctx.serviceDate = date;
      break;
    }
    case 'type': {
      const kind = listKindOf(text);
      if (kind) ctx.type = kind;
      else if (/^\s*(carc|rarc|group|grupo)\s*$/i.test(text))
        ctx.type = /rarc/i.test(text) ? 'rarc' : /carc/i.test(text) ? 'carc' : 'group';
      break;
    }
    default:
      break;
  }
}

/** The roles whose cells tell something about the row (its group, amounts, date, code type). */
const ROW_ROLES: ReadonlySet<ColumnRole> = new Set([
  'group',
  'amount',
  'denied',
  'patient',
  'deductible',
  'coinsurance',
  'copay',
  'billed',
  'allowed',
  'paid',
  'date',
  'type',
]);

/** Columns that say which service line a row is: an empty one on a row means the row continues the line above. */
const LINE_ROLES: ReadonlySet<ColumnRole> = new Set(['date', 'billed', 'allowed', 'paid', 'ignore', 'claim']);

function rowContext(row: Element, roles: readonly ColumnRole[], read: ReadText, rows: Map<Element, RowContext>): RowContext {
  const cells = cellsOf(row);
  const info = sectionOf(row, cells);
  const columns = columnsOf(row, cells, info);
  const ctx: RowContext = { row, columns, cells };
  /** Whether the row shows any of the cells that say which line it is (its date, procedure, money). */
  let identified = false;
  let lineColumns = 0;
  for (const [cell, col] of columns) {
    const role = roles[col];
    if (role !== undefined && LINE_ROLES.has(role)) {
      lineColumns++;
      if (read(cell).trim() !== '') identified = true;
    }
    if (role === 'claim') ctx.ownClaim = true;
    // Only the columns that tell something about the row are read. "Adjustment" heads codes on one
    // portal and amounts on another: a cell that holds only money is the adjustment's amount.
    if (role !== undefined && ROW_ROLES.has(role)) {
      apply(ctx, role, read(cell));
      if (STACK_ROLES.has(role)) {
        const lines = cellLines(cell);
        if (lines) {
          ctx.stacked ??= {};
          ctx.stacked[role as StackRole] = lines.texts;
        }
      }
    } else if (role === 'reason') {
      const text = read(cell);
      if (MONEY.test(text)) apply(ctx, 'amount', text);
    }
  }
  // Cells of earlier rows that span down into this one (a line's "Paid" or "DOS" over its adjustments):
  // the row is part of the line those cells started.
  const positions = info?.rowspans ? info.positions : undefined;
  if (columns.size > 0 && positions) {
    const covered = new Set(columns.values());
    let above = row.previousElementSibling;
    for (let up = 1; above && up <= 20; up++, above = above.previousElementSibling) {
      for (const cell of cellsOf(above)) {
        const col = positions.get(cell);
        if (col !== undefined && !covered.has(col) && span(cell, 'rowspan') > up) {
          covered.add(col);
          apply(ctx, roles[col], read(cell));
          if (LINE_ROLES.has(roles[col] ?? 'other')) ctx.line ??= above;
        }
      }
    }
  }
  // A row with the line's columns but none of them filled only carries more adjustments of the line above.
  if (!ctx.line && lineColumns > 0 && !identified) {
    const previous = row.previousElementSibling;
    const above =
      previous && (rows.get(previous) ?? (previous.matches(ROW_SELECTOR) ? rowContext(previous, roles, read, rows) : undefined));
    if (above) {
      ctx.line = above.line ?? above.row;
      for (const key of ['billed', 'allowed', 'paid', 'serviceDate', 'deductible', 'coinsurance', 'copay', 'patient'] as const) {
        if (ctx[key] === undefined && above[key] !== undefined) ctx[key] = above[key];
      }
      ctx.ownClaim = above.ownClaim;
    }
  }
  return ctx;
}

/** The label (<dt>) that a <dd> belongs to. */
function termOf(dd: Element): Element | null {
  for (let el = dd.previousElementSibling; el; el = el.previousElementSibling) if (tag(el) === 'DT') return el;
  return null;
}

function dlContext(dl: Element, read: ReadText): RowContext {
  const facts: Fact[] = [];
  // Items may be wrapped in <div>s (allowed in HTML): read dt/dd pairs at either depth.
  const items = Array.from(dl.children).flatMap((c) => (tag(c) === 'DIV' ? Array.from(c.children) : [c]));
  if (items.length > MAX_RECORD_ROWS * 2) return { row: dl, record: false };
  let role: ColumnRole = 'other';
  for (const item of items) {
    if (tag(item) === 'DT') role = columnRole(read(item));
    else if (tag(item) === 'DD') facts.push({ role, text: read(item) });
  }
  return recordContext(dl, facts);
}

function keyValueContext(table: Element, read: ReadText): RowContext {
  const rows = rowsOf(table);
  if (rows.length > MAX_RECORD_ROWS) return { row: table, record: false };
  const facts: Fact[] = [];
  for (const row of rows) {
    const cells = cellsOf(row);
    const label = labelOf(row, cells, read);
    if (!label) continue;
    const role = columnRole(read(label));
    for (const cell of cells) if (cell !== label) facts.push({ role, text: read(cell) });
  }
  return recordContext(table, facts);
}

/** Context for text inside `block`, within one scan pass (which caches row and record contexts). */
export function contextOf(block: Element, pass: ContextPass): CellContext {
  const { rows, read } = pass;
  const t = tag(block);
  const cell = t === 'TD' || t === 'TH' ? block : block.closest(`dd,${CELL_SELECTOR}`);
  if (!cell) return pairContext(block, pass) ?? { role: 'other' };
  if (tag(cell) === 'DD') {
    const dt = termOf(cell);
    const role = dt ? columnRole(read(dt)) : 'other';
    const dl = cell.parentElement?.closest('dl');
    if (!dl) return { role };
    const record = cached(rows, dl, () => dlContext(dl, read));
    // A long list is not one record: each value stands alone.
    return { role, row: record.record ? record : cached(rows, cell, () => ({ row: cell })) };
  }
  const row = cell.parentElement;
  const table = row?.closest(TABLE_SELECTOR);
  if (!row || !table || !row.matches(ROW_SELECTOR) || isHeaderCell(cell)) return { role: 'other' };
  const header = headerInfo(table, read);
  if (header) {
    if (header.rows.includes(row)) return { role: 'other' };
    // Rows under a header row of their own in the body (an 835 viewer's "Group | Reason | Amount" under
    // each service line) are read by that row's labels, as adjustments of the line above it.
    const sub = subHeaderOf(row, pass);
    if (sub?.row === row) return { role: 'other' };
    if (sub) {
      const ctx = cached(rows, row, () => subRowContext(row, sub, header.roles, pass));
      return { role: sub.roles[ctx.columns?.get(cell) ?? -1] ?? 'other', row: ctx, cell };
    }
    const ctx = cached(rows, row, () => rowContext(row, header.roles, read, rows));
    const role = header.roles[ctx.columns?.get(cell) ?? -1] ?? 'other';
    if (role !== 'other') return { role, row: ctx, cell };
    // A column without a header of its own may still sit in a key-value row ("Reason code: | 45");
    // only a label that names codes counts, so a "Line 1" row header leaves the cell as free text.
    const label = labelOf(row, ctx.cells ?? cellsOf(row), read);
    const labelled = label && label !== cell ? columnRole(read(label)) : 'other';
    return { role: labelled === 'reason' || labelled === 'remark' || labelled === 'codes' ? labelled : 'other', row: ctx };
  }
  // A small table of codes and amounts inside a cell of codes ("CO-45 | $188.86" under "Adjustments"):
  // its cells are codes and their amounts, of the outer row's line.
  const nested = nestedContext(cell, row, table, pass);
  if (nested) return nested;
  // Key-value tables: a row header cell ("Reason code") labels the cells after it.
  const label = labelOf(row, cellsOf(row), read);
  if (!label || label === cell) return { role: 'other' };
  const record = cached(rows, table, () => keyValueContext(table, read));
  return { role: columnRole(read(label)), row: record.record ? record : cached(rows, row, () => ({ row })) };
}

/** For a headerless table inside a code column's cell: each row an adjustment of the outer row's line. */
function nestedContext(cell: Element, row: Element, table: Element, pass: ContextPass): CellContext | null {
  const outer = table.parentElement?.closest(CELL_SELECTOR);
  if (!outer) return null;
  const around = contextOf(outer, pass);
  if (around.role !== 'reason' && around.role !== 'codes') return null;
  const ctx = cached(pass.rows, row, () => {
    const own: RowContext = { row, ...(around.row?.line || around.row ? { line: around.row?.line ?? around.row?.row } : {}) };
    for (const key of ['billed', 'allowed', 'paid', 'serviceDate'] as const) {
      const value = around.row?.[key];
      if (value !== undefined) own[key] = value;
    }
    for (const c of cellsOf(row)) {
      const text = pass.read(c);
      if (MONEY.test(text)) apply(own, 'amount', text);
      else if (parseGroupCell(text)) apply(own, 'group', text);
    }
    return own;
  });
  return { role: MONEY.test(pass.read(cell)) ? 'amount' : around.role, row: ctx, cell };
}

interface SubHeader {
  row: Element;
  roles: ColumnRole[];
}

/** A body row of labels only ("Group | Reason | Amount | Qty | Description"), naming at least one code column. */
function subHeaderRoles(row: Element, read: ReadText): ColumnRole[] | null {
  const cells = cellsOf(row);
  let labels = 0;
  let codes = false;
  for (const c of cells) {
    const t = read(c).trim();
    if (t === '') continue;
    if (/\d/.test(t) || t.length > 30) return null;
    const role = columnRole(t);
    if (role === 'other') return null;
    labels++;
    if (role === 'reason' || role === 'group' || role === 'remark' || role === 'codes') codes = true;
  }
  if (labels < 2 || !codes) return null;
  const roles: ColumnRole[] = [];
  for (const [cell, col] of layout([row])) {
    const role = columnRole(read(cell));
    for (let i = 0; i < span(cell, 'colspan'); i++) roles[col + i] = role;
  }
  return roles;
}

/**
 * The body header row `row` is read under, if any: the nearest one above it, reached through rows that
 * leave empty the cells it leaves empty (a service line's own row, whose first cells are filled, ends it).
 */
function subHeaderOf(row: Element, pass: ContextPass): SubHeader | null {
  const section = row.parentElement;
  if (!section) return null;
  let found = pass.subHeaders.get(section);
  if (!found) {
    found = new Map();
    for (const r of Array.from(section.children)) {
      const roles = tag(r) === 'TR' || r.getAttribute('role') === 'row' ? subHeaderRoles(r, pass.read) : null;
      if (roles) found.set(r, { row: r, roles });
    }
    pass.subHeaders.set(section, found);
  }
  if (found.size === 0) return null;
  const own = found.get(row);
  if (own) return own;
  for (let above = row.previousElementSibling, n = 0; above && n < 40; above = above.previousElementSibling, n++) {
    const sub = found.get(above);
    if (sub) return continuesSub(row, sub.row, pass.read) ? sub : null;
  }
  return null;
}

/** Whether a row keeps empty the cells a sub-header keeps empty (the service line's own columns). */
function continuesSub(row: Element, sub: Element, read: ReadText): boolean {
  const empty = new Set<number>();
  for (const [cell, col] of layout([sub])) if (read(cell).trim() === '') empty.add(col);
  for (const [cell, col] of layout([row])) if (empty.has(col) && read(cell).trim() !== '') return false;
  return true;
}

/** A row under a body header row: its facts by that row's labels, its line the service line above the header. */
function subRowContext(row: Element, sub: SubHeader, roles: readonly ColumnRole[], pass: ContextPass): RowContext {
  const ctx = rowContext(row, sub.roles, pass.read, pass.rows);
  const main = sub.row.previousElementSibling;
  if (main) {
    const line = pass.rows.get(main) ?? rowContext(main, roles, pass.read, pass.rows);
    ctx.line = line.line ?? line.row;
    for (const key of ['billed', 'allowed', 'paid', 'serviceDate'] as const) {
      const value = line[key];
      if (ctx[key] === undefined && value !== undefined) ctx[key] = value;
    }
  }
  return ctx;
}

function cached(rows: Map<Element, RowContext>, key: Element, make: () => RowContext): RowContext {
  let ctx = rows.get(key);
  if (!ctx) {
    ctx = make();
    rows.set(key, ctx);
  }
  return ctx;
}

export function rowOf(node: Element): Element | null {
  return node.closest(ROW_SELECTOR);
}

const HEADING_TAGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'CAPTION', 'LEGEND', 'SUMMARY', 'FIGCAPTION', 'HEADER']);
/** An introduction a list or table follows: a short paragraph, a heading-like div or span line. */
const INTRO_TAGS = new Set(['P', 'DIV', 'SPAN', 'STRONG', 'B', 'LABEL']);
const MAX_INTRO = 320;
/** The head of a legend entry that is unmistakably a code: a group joined to a reason, or an MA remark. */
const LEGEND_ENTRY = /^\s*(?:(?:CO|PR|OA|PI|CR)[-*:/\u2013\u2014]\s?[A-Z]?\d{1,3}|MA\d{2,3})\s*(?:[:=\-\u2013\u2014]|\s{2,})/;
const SIBLINGS = 8;
const LEVELS = 6;

/**
 * What the heading, caption or intro that governs `block` names (glossaries, legends, footnotes:
 * "These claim adjustment reason codes…", "Remark codes on this remittance", a table's caption):
 * the nearest one before it, looking back through a few siblings at each of a few levels up. A
 * heading that names nothing ends the search: it starts another section.
 */
export function governingList(block: Element, pass: ContextPass): ListKind | undefined {
  const found = governing(block, pass, 0);
  return found ?? undefined;
}

function governing(el: Element, pass: ContextPass, depth: number): ListKind | null {
  const cached = pass.sections.get(el);
  if (cached !== undefined) return cached;
  let result: ListKind | null = null;
  let decided = false;
  if (tag(el) === 'TABLE') {
    const caption = Array.from(el.children).find((c) => tag(c) === 'CAPTION');
    const kind = caption ? sectionKindOf(pass.read(caption)) : undefined;
    if (kind) {
      result = kind;
      decided = true;
    }
  }
  for (let prev = el.previousElementSibling, n = 0; !decided && prev && n < SIBLINGS; prev = prev.previousElementSibling, n++) {
    const t = tag(prev);
    // A table's own section heading: a row of header cells only ("Remark codes (RARC) on this RA").
    if (HEADING_TAGS.has(t) || (t === 'TR' && isSectionRow(prev))) {
      result = sectionKindOf(pass.read(prev)) ?? null;
      decided = true;
    } else if (t === tag(el) && LEGEND_ENTRY.test(pass.read(prev).slice(0, 40))) {
      // An entry of the same list that starts with a code written as one ("CO-45 — …"): a legend of codes.
      result = 'codes';
      decided = true;
    } else if (INTRO_TAGS.has(t)) {
      const text = pass.read(prev);
      if (text.length <= MAX_INTRO) {
        const kind = sectionKindOf(text);
        if (kind) {
          result = kind;
          decided = true;
        }
      }
    }
  }
  const parent = el.parentElement;
  if (!decided && parent && depth < LEVELS && tag(parent) !== 'BODY') result = governing(parent, pass, depth + 1);
  pass.sections.set(el, result);
  return result;
}

/** Elements with label semantics of their own (definition lists, tables, lists) are read by their own rules. */
const PAIRLESS = new Set(['DT', 'DD', 'TD', 'TH', 'TR', 'LI', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'TABLE', 'UL', 'OL', 'DL']);
/** Longest text a label element beside its value may have ("Reason", "Adjustment amount:"). */
const MAX_PAIR_LABEL = 40;

/** The label element just before a value element: `<div class="k">Reason</div><div class="v">45</div>`. */
function pairLabel(el: Element, read: ReadText): ColumnRole | undefined {
  const prev = el.previousElementSibling;
  if (!prev || PAIRLESS.has(tag(el)) || PAIRLESS.has(tag(prev))) return undefined;
  const text = read(prev).trim();
  // A label is a few words without digits; a sentence ("Your copay.") is a value of its own.
  if (text === '' || text.length > MAX_PAIR_LABEL || /\d/.test(text) || /[.!?]$/.test(text)) return undefined;
  const role = columnRole(text.replace(/:$/, ''));
  return role === 'other' ? undefined : role;
}

/**
 * Label and value elements side by side, as claim cards lay them out without a table or a <dl>: the
 * label names the value's role, and the pairs of one card section (the value's container's container
 * when each pair has a box of its own) are read as one record, like a key-value table.
 */
function pairContext(block: Element, pass: ContextPass): CellContext | null {
  // The pair may be inline in one line box (`<div><span>Reason</span><span>45</span></div>`): its value is the last element.
  const last = block.childElementCount === 2 ? block.lastElementChild : null;
  const first = block.firstElementChild;
  const value = last && first && isInline(last) && isInline(first) && onlyThese(block, first, last, pass.read) ? last : block;
  const role = pairLabel(value, pass.read);
  if (!role) return null;
  const box = value.parentElement;
  if (!box) return { role };
  const boxed = box.childElementCount === 2;
  const record = boxed ? box.parentElement : box;
  if (!record) return { role };
  const row = cached(pass.rows, record, () => {
    const facts: Fact[] = [];
    const values = boxed
      ? Array.from(record.children, (pair) => (pair.childElementCount === 2 ? pair.lastElementChild : null))
      : Array.from(record.children);
    if (values.length > MAX_RECORD_ROWS * 2) return { row: record, record: false };
    for (const value of values) {
      const r = value ? pairLabel(value, pass.read) : undefined;
      if (value && r) facts.push({ role: r, text: pass.read(value) });
    }
    return recordContext(record, facts);
  });
  return value === block ? { role, row } : { role, row, value };
}

/** True when `box` shows nothing but the text of `a` and `b` (no words between or around them). */
function onlyThese(box: Element, a: Element, b: Element, read: ReadText): boolean {
  const squash = (t: string) => t.replace(/\s+/g, '');
  return squash(read(box)) === squash(read(a)) + squash(read(b));
}

/** A row inside a table whose cells are all header cells, one of them spanning: a heading for the rows after it. */
function isSectionRow(row: Element): boolean {
  const cells = cellsOf(row);
  return cells.length > 0 && cells.length <= 2 && cells.every(isHeaderCell) && cells.some((c) => span(c, 'colspan') > 1);
}

/** A heading that names a claim: "Claim 7731902 – Teodoro Brandt", "ICN 2224098711340", "Reclamación 44-1". */
const CLAIM_HEADING = /\b(?:claims?|icn|dcn|tcn|acct|account|patient|member|reclamaci[oó]n|paciente)\b/i;
const CLAIM_BOXES = new Set(['SECTION', 'ARTICLE', 'DETAILS', 'FIELDSET', 'LI', 'DIV', 'FORM', 'MAIN', 'TBODY']);
const HEADING_LIKE = new Set([
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'SUMMARY',
  'LEGEND',
  'CAPTION',
  'HEADER',
  'DIV',
  'P',
  'SPAN',
  'STRONG',
  'B',
  'DL',
]);
const MAX_CLAIM_HEADING = 160;

/**
 * The box that holds one claim, around `el`: the nearest section, card or details element whose first
 * children name a claim ("Claim 7731902 – Teodoro Brandt"). Codes in one box share a claim; a page
 * with no such box is one claim per table or record (the caller's fallback).
 */
export function claimOf(el: Element, pass: ContextPass): Element | null {
  const cached = pass.claims.get(el);
  if (cached !== undefined) return cached;
  let found: Element | null = null;
  let box: Element | null = el;
  for (let depth = 0; box && depth < 8 && tag(box) !== 'BODY'; depth++, box = box.parentElement) {
    const known = pass.claims.get(box);
    if (known !== undefined) {
      found = known;
      break;
    }
    if (CLAIM_BOXES.has(tag(box)) && namesClaim(box, pass.read)) {
      found = box;
      break;
    }
  }
  pass.claims.set(el, found);
  return found;
}

/** True when one of the box's first children is a short heading that names a claim. */
function namesClaim(box: Element, read: ReadText): boolean {
  let n = 0;
  for (let child = box.firstElementChild; child && n < 3; child = child.nextElementSibling, n++) {
    if (!HEADING_LIKE.has(tag(child))) continue;
    const text = read(child);
    if (text.length <= MAX_CLAIM_HEADING && CLAIM_HEADING.test(text)) return true;
  }
  return false;
}
