/**
 * Tables in a page's lines: a header line (or a few, when header cells wrap or a header spans columns)
 * whose words name columns (columnRole: "Reason", "Remark", "GRP/RC-AMT", "Adj Amt", "Denied"…), then the
 * lines under it, each cell placed in the column it lies under. Rows are told apart by the space between
 * lines (a cell that wraps keeps its lines close) and by lines that fill the row again.
 */
import { type ColumnRole, columnRole } from '../detect/columns';
import { cellOf, type Line, type LineCell, type PageLayout, wordStarts } from './lines';

export interface Column {
  x0: number;
  x1: number;
  role: ColumnRole;
  /** The header's text over the column, top to bottom. */
  header: string;
}

export interface Table {
  columns: Column[];
  /**
   * Which table each column belongs to when the header repeats itself (two cards or panels side by
   * side, each with Group, Reason, Amount): a row's facts are read per side.
   */
  sides: number[];
  /** Where one column's region ends and the next one's begins (one fewer than columns). */
  cuts: number[];
  /** The header's font size. */
  size: number;
  /** A printout's table (fixed-width lines): its lines are read as a printout, the table adds what its columns say. */
  printout: boolean;
  /** Whether the rows are in a fixed-width font, once a row was read (a line in another font ends the table). */
  bodyMono?: boolean;
  /** The rows' font size, once a row was read (headers are often smaller than their rows). */
  bodySize?: number;
  /**
   * Where a panel beside the table starts (a report's sidebar sharing the table's baselines): what lies
   * from here on is not the table's, though it shares its lines.
   */
  aside?: number;
  x0: number;
  x1: number;
}

/** A cell of a row line: the line cell and the column it is under. */
export interface PlacedCell {
  cell: LineCell;
  column: number;
}

/** Roles that say a table holds adjustments: a header needs one of them to be read as a table's. */
const TELLING: ReadonlySet<ColumnRole> = new Set([
  'reason',
  'remark',
  'codes',
  'group',
  'type',
  'foreign',
  'amount',
  'denied',
  'patient',
  'deductible',
  'coinsurance',
  'copay',
]);
/** A header cell is a few words: short, and without figures. */
const MAX_HEADER_CELL = 48;

const textOf = (layout: PageLayout, cell: LineCell) => layout.text.slice(cell.start, cell.end);

function headerLike(layout: PageLayout, line: Line): boolean {
  return headerCells(layout, line.cells);
}

function headerCells(layout: PageLayout, cells: readonly LineCell[]): boolean {
  if (cells.length < 2) return false;
  return cells.every((c) => {
    // "Total denied (90 days)": what is in parentheses qualifies the header; it is not a value.
    // A currency sign beside a header's words names the column's unit ("Billed $", "$ Paid"); it is not a value.
    const t =
      textOf(layout, c)
        .replace(/\([^)]*\)/g, '')
        .replace(/(?:^|\s)\$(?=\s|$)/g, ' ')
        .trim() || textOf(layout, c);
    if (/^(?:#|№|no\.?)$/i.test(t)) return true;
    return t.length <= MAX_HEADER_CELL && !/\d|\$/.test(t) && /[A-Za-zÀ-ÿ]/.test(t);
  });
}

/** Lines of one header sit close together in one size. */
const close = (a: Line, b: Line) => Math.abs(b.top - a.top) <= 2.2 * Math.max(a.size, b.size) && Math.abs(a.size - b.size) <= 0.08 * a.size;

const overlap = (a0: number, a1: number, b0: number, b1: number) => Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));

interface HeaderCell extends LineCell {
  text: string;
  line: number;
}

/** Columns from header cells: a cell over two or more cells of another header line spans them. */
function columnsOf(cells: HeaderCell[]): Column[] {
  const spans = (c: HeaderCell) => {
    const below = new Map<number, number>();
    for (const o of cells) if (o.line !== c.line && overlap(c.x0, c.x1, o.x0, o.x1) > 0) below.set(o.line, (below.get(o.line) ?? 0) + 1);
    return [...below.values()].some((n) => n >= 2);
  };
  const spanning = cells.filter(spans);
  const leaves = cells.filter((c) => !spanning.includes(c)).sort((a, b) => a.x0 - b.x0 || a.line - b.line);
  const groups: HeaderCell[][] = [];
  for (const cell of leaves) {
    const group = groups.find((g) => g.some((o) => overlap(cell.x0, cell.x1, o.x0, o.x1) > 0));
    if (group) group.push(cell);
    else groups.push([cell]);
  }
  return groups
    .map((group) => {
      const x0 = Math.min(...group.map((c) => c.x0));
      const x1 = Math.max(...group.map((c) => c.x1));
      const own = group
        .sort((a, b) => a.line - b.line)
        .map((c) => c.text)
        .join(' ');
      const over = spanning
        .filter((s) => overlap(s.x0, s.x1, x0, x1) > 0)
        .sort((a, b) => a.line - b.line)
        .map((s) => s.text);
      let role = columnRole(own);
      if (role === 'other' && over.length > 0) role = columnRole([...over, own].join(' '));
      return { x0, x1, role, header: [...over, own].join(' ') };
    })
    .sort((a, b) => a.x0 - b.x0);
}

function tableOf(columns: Column[], size: number, printout: boolean): Table | null {
  if (columns.length < 2) return null;
  const named = columns.filter((c) => c.role !== 'other');
  if (named.length < 2 || !named.some((c) => TELLING.has(c.role))) return null;
  const cuts: number[] = [];
  for (let i = 1; i < columns.length; i++) cuts.push(((columns[i - 1]?.x1 ?? 0) + (columns[i]?.x0 ?? 0)) / 2);
  return { columns, sides: sidesOf(columns), cuts, size, printout, x0: columns[0]?.x0 ?? 0, x1: Math.max(...columns.map((c) => c.x1)) };
}

/** The shortest period the header's roles repeat with (two or more times, two columns or more), as a side per column. */
function sidesOf(columns: readonly Column[]): number[] {
  const roles = columns.map((c) => c.role);
  for (let period = 2; period <= roles.length / 2; period++) {
    if (roles.length % period !== 0) continue;
    if (roles.every((r, i) => i < period || r === roles[i - period])) return roles.map((_, i) => Math.floor(i / period));
  }
  return roles.map(() => 0);
}

/**
 * The table whose header starts at line `at`: the header's lines (`at` and the header-like lines right
 * under it) and its columns; null when the line does not head a table.
 */
/** A gap this wide (in the header's font size) between a header's last cell and what follows is a panel's edge. */
const ASIDE_GAP = 4;

/**
 * Where a panel beside a header starts: after five or more header cells, a gap wider than any between
 * columns, then cells that are no header (a sidebar's "CO-50 Medical necessity" on the header's baseline).
 */
export function asideOf(layout: PageLayout, line: Line): number | undefined {
  const cells = line.cells;
  // A header of many short column names (a legend's "CO  Contractual obligation · OA …" is not one).
  const short = (c: LineCell) => textOf(layout, c).trim().split(/\s+/).length <= 3;
  // The last such gap: the header keeps every column it has.
  for (let k = cells.length - 1; k >= ASIDE_COLUMNS; k--) {
    const a = cells[k - 1] as LineCell;
    const b = cells[k] as LineCell;
    if (b.x0 - a.x1 < ASIDE_GAP * line.size) continue;
    const own = cells.slice(0, k);
    if (own.every(short) && headerCells(layout, own) && !headerCells(layout, cells.slice(k))) return b.x0;
  }
  return undefined;
}

/** A header beside a panel has this many columns at least. */
const ASIDE_COLUMNS = 5;

/** The cells of `line` before a panel beside it (all of them without one). */
export function ownCells(line: Line, aside: number | undefined): LineCell[] {
  return aside === undefined ? line.cells : line.cells.filter((c) => c.x0 < aside - line.size);
}

export function headerAt(layout: PageLayout, at: number): { table: Table; lines: number } | null {
  const first = layout.lines[at];
  if (!first) return null;
  const aside = headerLike(layout, first) ? undefined : asideOf(layout, first);
  if (!headerLike(layout, first) && aside === undefined) return null;
  // A printout's header heads printout lines; a proportional one proportional lines.
  let count = 1;
  for (let i = at + 1; i < layout.lines.length && count < 4; i++) {
    const line = layout.lines[i];
    const prev = layout.lines[i - 1];
    if (!line || !prev || !close(prev, line) || line.printout !== first.printout) break;
    // A wrapped header word stands alone under its column: a one-cell line is header too.
    const own = ownCells(line, aside);
    if (!headerCells(layout, own) && !(own.length === 1 && singleHeaderWord(layout, { ...line, cells: own }))) break;
    count++;
  }
  const body = bodyWords(layout, at + count, first);
  // Of the header-like lines, the most that still make a table (a caption line above a header is not header).
  for (let n = count; n >= 1; n--) {
    const cells: HeaderCell[] = [];
    for (let i = at; i < at + n; i++) {
      const line = layout.lines[i];
      if (!line) continue;
      for (const c of ownCells(line, aside))
        for (const part of splitHeaderCell(layout, c, body, line.size)) cells.push({ ...part, text: textOf(layout, part), line: i });
    }
    const table = tableOf(columnsOf(cells), first.size, first.printout);
    if (!table) continue;
    // Two captions side by side ("Denied claims (13)" … "Top denial reasons") over a fuller header: that one heads the table.
    if (table.columns.length <= 2 && (headerAt(layout, at + n)?.table.columns.length ?? 0) > table.columns.length) return null;
    return { table: aside === undefined ? table : { ...table, aside }, lines: n };
  }
  return null;
}

function singleHeaderWord(layout: PageLayout, line: Line): boolean {
  const cell = line.cells[0];
  if (!cell) return false;
  const t = textOf(layout, cell);
  return t.length <= 24 && /^[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ.#&/()' -]*$/.test(t);
}

/** The column each cell of `line` lies under (the region it overlaps most). */
export function placeCells(layout: PageLayout, table: Table, line: Line): PlacedCell[] {
  return line.cells
    .flatMap((cell) => splitAtCuts(layout, table, cell, line.size))
    .map((cell) => ({ cell, column: columnAt(table, cell.x0, cell.x1) }));
}

/** Word edges of the lines under a header (a few of them), per line: where its words start and end. */
interface BodyWords {
  starts: number[][];
  ends: number[][];
}

const BODY_LINES = 8;

function bodyWords(layout: PageLayout, from: number, header: Line): BodyWords {
  const out: BodyWords = { starts: [], ends: [] };
  for (let i = from; i < layout.lines.length && out.starts.length < BODY_LINES; i++) {
    const line = layout.lines[i];
    if (!line || line.printout !== header.printout || line.size > 1.5 * header.size) break;
    if (line.cells.length < 2) continue;
    const starts: number[] = [];
    const ends: number[] = [];
    for (const cell of line.cells) {
      const words = wordStarts(layout, cell);
      words.forEach((w, k) => {
        starts.push(layout.left[w] ?? Number.NaN);
        const next = words[k + 1];
        const last = next === undefined ? cell.end - 1 : layout.text.slice(cell.start, next).trimEnd().length + cell.start - 1;
        ends.push(layout.right[last] ?? Number.NaN);
      });
    }
    out.starts.push(starts);
    out.ends.push(ends);
  }
  return out;
}

/** How many lines have a word that ends at `x` and does not start at the column's left edge `left`. */
function alignedEnds(body: BodyWords, left: number, x: number, tolerance: number): number {
  let n = 0;
  body.ends.forEach((ends, line) => {
    const starts = body.starts[line] ?? [];
    if (ends.some((e, k) => Math.abs(e - x) <= tolerance && Math.abs((starts[k] ?? Number.NaN) - left) > tolerance)) n++;
  });
  return n;
}

/**
 * How many lines leave the space `gapStart`..`gapEnd` empty and have words on both sides of it under the
 * header cell: a column boundary the header's words did not show (a label aligned left over figures aligned right).
 */
function gutterLines(body: BodyWords, cell: LineCell, gapStart: number, gapEnd: number): number {
  if (!(gapEnd > gapStart)) return 0;
  let n = 0;
  body.starts.forEach((starts, line) => {
    const ends = body.ends[line] ?? [];
    let left = false;
    let right = false;
    let crossed = false;
    starts.forEach((s, k) => {
      const e = ends[k] ?? s;
      if (s < gapEnd && e > gapStart) crossed = true;
      else if (e <= gapStart && s >= cell.x0 - 2) left = true;
      else if (s >= gapEnd && e <= cell.x1 + 2) right = true;
    });
    if (left && right && !crossed) n++;
  });
  return n;
}

/** How many lines have a value within `tolerance` of `x`. */
function alignedLines(values: number[][], x: number, tolerance: number): number {
  return values.filter((line) => line.some((v) => Math.abs(v - x) <= tolerance)).length;
}

/**
 * A header cell pdf.js joined with its neighbour (a table with little padding: "Group Reason Adj Amt"):
 * split where the words of the lines under it line up with a word of the header, their starts (columns
 * aligned left) or their ends (figures aligned right), in two lines or more.
 */
function splitHeaderCell(layout: PageLayout, cell: LineCell, body: BodyWords, size: number): LineCell[] {
  const words = wordStarts(layout, cell);
  if (words.length < 2 || body.starts.length === 0) return [cell];
  // A layout puts a column's words at the same x to a hundredth of a point; chance alignments are rarer than that.
  const needed = Math.max(Math.min(2, body.starts.length), Math.ceil(0.4 * body.starts.length));
  const tolerance = 0.35 * size;
  const cuts: number[] = [];
  for (let k = 1; k < words.length; k++) {
    const w = words[k] as number;
    const end = layout.text.slice(cell.start, w).trimEnd().length + cell.start - 1;
    const starts = alignedLines(body.starts, layout.left[w] ?? Number.NaN, tolerance);
    // Figures aligned right end where their header ends; a short word at the column's left edge may end
    // there too by chance, so those do not count.
    const ends = alignedEnds(body, cell.x0, layout.right[end] ?? Number.NaN, tolerance);
    // Or the space between the two header words is a gutter of the rows, with their words on both sides.
    const gutter = gutterLines(body, cell, layout.right[end] ?? Number.NaN, layout.left[w] ?? Number.NaN);
    if (starts >= needed || ends >= needed || gutter >= Math.max(needed, Math.ceil(0.6 * body.starts.length))) cuts.push(w);
  }
  // Each part must name a column of its own ("Group", "Reason", "Adj Amt"): "Código | de | motivo" and
  // "Claim | adjustment codes" are one header each.
  const whole = columnRole(textOf(layout, cell));
  const unnamed = (role: ColumnRole) => role === 'other' || (role === 'ignore' && whole !== 'ignore' && whole !== 'other');
  while (cuts.length > 0) {
    const parts = splitAt(layout, cell, cuts);
    const bad = parts.findIndex((part) => unnamed(columnRole(textOf(layout, part))));
    if (bad < 0) return parts;
    // Join the unnamed part with its neighbour: drop the cut before it (or after it, for the first part).
    cuts.splice(bad === 0 ? 0 : bad - 1, 1);
  }
  return [cell];
}

function splitAt(layout: PageLayout, cell: LineCell, cuts: number[]): LineCell[] {
  if (cuts.length === 0) return [cell];
  const out: LineCell[] = [];
  let from = cell.start;
  for (const cut of cuts) {
    out.push(cellOf(layout, from, cut));
    from = cut;
  }
  out.push(cellOf(layout, from, cell.end));
  return out.filter((c) => c.end > c.start);
}

/** A row's cell pdf.js joined across columns ("$81.59 N130"): split where a column boundary falls between two of its words. */
function splitAtCuts(layout: PageLayout, table: Table, cell: LineCell, size: number): LineCell[] {
  const words = wordStarts(layout, cell);
  if (words.length < 2) return [cell];
  const slack = 0.2 * size;
  const cuts: number[] = [];
  for (let k = 1; k < words.length; k++) {
    const w = words[k] as number;
    const end = layout.text.slice(cell.start, w).trimEnd().length + cell.start - 1;
    const gapStart = layout.right[end] ?? Number.NaN;
    const gapEnd = layout.left[w] ?? Number.NaN;
    for (let i = 1; i < table.columns.length; i++) {
      const column = table.columns[i] as Column;
      const cut = table.cuts[i - 1] ?? Number.NaN;
      // A boundary in the space between the two words, or the next column's header starting where the word does.
      if ((cut >= gapStart - slack && cut <= gapEnd + slack) || Math.abs(column.x0 - gapEnd) <= slack) {
        cuts.push(w);
        break;
      }
    }
  }
  return splitAt(layout, cell, cuts);
}

function columnAt(table: Table, x0: number, x1: number): number {
  let best = 0;
  let most = -1;
  for (let i = 0; i < table.columns.length; i++) {
    const lo = i === 0 ? Number.NEGATIVE_INFINITY : (table.cuts[i - 1] ?? 0);
    const hi = i === table.columns.length - 1 ? Number.POSITIVE_INFINITY : (table.cuts[i] ?? 0);
    const o = overlap(x0, Math.max(x1, x0 + 0.01), lo, hi);
    if (o > most) {
      most = o;
      best = i;
    }
  }
  return best;
}

/** How many column regions a cell covers for the most part (a paragraph under a table covers many). */
export function regionsCovered(table: Table, cell: LineCell): number {
  let n = 0;
  for (let i = 0; i < table.columns.length; i++) {
    const col = table.columns[i];
    if (!col) continue;
    const lo = i === 0 ? col.x0 : (table.cuts[i - 1] ?? col.x0);
    const hi = i === table.columns.length - 1 ? col.x1 : (table.cuts[i] ?? col.x1);
    if (hi > lo && overlap(cell.x0, cell.x1, lo, hi) >= 0.6 * (hi - lo)) n++;
  }
  return n;
}

/** Whether `line` (after `prev`, the table's last line) still belongs to the table. */
export function continuesTable(layout: PageLayout, table: Table, line: Line, prev: Line | undefined): boolean {
  if (line.printout !== table.printout) return false;
  // A heading or a note in another font than the rows (a bold sans heading under a table in Courier).
  if (table.bodyMono !== undefined && line.mono !== table.bodyMono) return false;
  // A heading (larger than the header and the rows so far), or a gap a table's rows never leave.
  if (line.size > (table.bodySize === undefined ? 2 * table.size : 1.2 * Math.max(table.size, table.bodySize))) return false;
  if (prev && line.top - prev.top > 4.5 * Math.max(prev.size, table.size)) return false;
  if (line.x1 < table.x0 - 2 * table.size || line.x0 > table.x1 + 2 * table.size) return false;
  // Running text under the table spans several columns in one cell.
  // (A claim's header row spans the columns too, but it is names and numbers, not a sentence.)
  if (line.cells.some((c) => regionsCovered(table, c) >= 3 && sentence(textOf(layout, c)))) return false;
  return true;
}

function sentence(text: string): boolean {
  return text.split(' ').length >= 6 && (!/\d/.test(text) || /[.!?]$/.test(text.trim()));
}

/** Whether a line fills most of the table's columns (a row of its own, not a wrapped cell's next line). */
export function fillsRow(table: Table, placed: readonly PlacedCell[]): boolean {
  const columns = new Set(placed.map((p) => p.column));
  return columns.size >= Math.max(2, Math.ceil(0.6 * table.columns.length));
}

/** A line that is a sentence on its own (a heading, a note under the table) is no table row. */
export function sentenceLine(layout: PageLayout, line: Line): boolean {
  const cell = line.cells[0];
  if (line.cells.length !== 1 || !cell) return false;
  const text = textOf(layout, cell);
  return !/\d/.test(text) && text.trim().split(/\s+/).length >= 4;
}

/** Whether a line starts a new row after the row's `lines`. */
export function startsRow(
  table: Table,
  rowLines: readonly { line: Line; placed: PlacedCell[] }[],
  line: Line,
  placed: PlacedCell[],
): boolean {
  const last = rowLines[rowLines.length - 1];
  if (!last) return true;
  if (line.top - last.line.top > 1.6 * Math.max(line.size, last.line.size)) return true;
  return fillsRow(table, placed) && rowLines.some((r) => fillsRow(table, r.placed));
}
