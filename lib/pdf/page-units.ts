/**
 * A page's rebuilt lines, split into the pieces the detector reads, each with what its place tells (as a
 * web page's text units are): raw X12, a printout block (fixed-width lines, read line by line), the cells
 * of a table under their columns with their row's facts, the values of a key-value record under their
 * labels, and paragraphs (wrapped lines joined) under the heading or intro that governs them.
 */
import { type ColumnRole, columnRole } from '../detect/columns';
import type { DetectContext } from '../detect/text';
import { type ListKind, sectionKindOf } from '../detect/vocabulary';
import { type CellFacts, factsOf, overFacts } from './facts';
import type { Line, LineCell, PageLayout } from './lines';
import {
  continuesTable,
  headerAt,
  ownCells,
  type PlacedCell,
  placeCells,
  regionsCovered,
  sentenceLine,
  startsRow,
  type Table,
} from './table';
import { UnitText } from './unit-text';

export type UnitKind = 'x12' | 'printout' | 'text';

export interface Unit {
  kind: UnitKind;
  text: UnitText;
  ctx: DetectContext;
  /** A row's facts for the codes found: all of them for a reason cell, the group only for a remark cell. */
  facts?: CellFacts;
  apply?: 'reasons' | 'remarks';
  /**
   * A cell of a printout's table: the printout's own reading decides which codes there are; the cell adds
   * its column's facts to those in it, and reads its column's codes the printout left (a bare reason under "CARC").
   */
  overlay?: boolean;
  /** Raw X12 the previous page ended with, read before this unit's (it holds the claim this page goes on with). */
  before?: string;
}

/** What reading a page leaves for the next one: the section it ends in, a table that may go on. */
/** A panel of a page (lines side by side with others) and the section it ended in. */
export interface Panel {
  x0: number;
  x1: number;
  section?: ListKind;
}

export interface PageState {
  section?: ListKind;
  /** The panels the page ended with, when it was read in panels side by side. */
  panels?: Panel[];
  table?: Table;
  /** Raw X12 that ran to the page's end: its text so far and its unit's key. */
  x12?: { text: string; key: string };
}

/** A segment id at a line's start and its element separator used again: `CLP*123*1*…`, `CAS|CO|45|…`. */
const SEGMENT_LINE = /^\s*[A-Z][A-Z0-9]{1,2}([*|^])[^*|^]*\1/;
/** The section of the carried panel a line lies in (the last one that overlaps it), if any. */
function sectionAt(panels: readonly Panel[], line: Line): ListKind | undefined {
  const panel = panels.findLast((p) => line.x0 < p.x1 && line.x1 > p.x0 && line.x0 >= p.x0 - 2 * line.size);
  return panel?.section;
}

/** A segment id and its separator: a line that goes on with raw X12 already begun. */
const SEGMENT_NEXT = /^\s*[A-Z][A-Z0-9]{1,2}[*|^]/;
/** A code at a line's head followed by a legend's gap or punctuation: a legend entry, never a wrapped line's end. */
const LEGEND_ENTRY =
  /^\s*(?:[•·▪◦*–-]\s*)?(?:(?:CO|PR|OA|PI|CR)\s*[-–:*]?\s*[A-Z]?\d{1,3}|MA\d{2,3}|[MN]\d{1,3}|[A-Z]?\d{1,3})(?:\s*[:=–—-]\s| {2,}|$)/;
/** A line that is a code and nothing else: a legend's term, its description on the next line. */
const LONE_CODE = /^\s*(?:(?:CO|PR|OA|PI|CR)\s*[-–:*]?\s*)?(?:[A-Z]?\d{1,3}|MA\d{2,3}|[MN]\d{1,3})\s*$/;
/** A numbered or lettered list item's marker (printed as text, where a page's list marker is not). */
const LIST_ITEM = /^\s*(?:\d{1,2}|[A-Za-z])[.)]\s/;
/** A label of a key-value pair: a few words without figures. */
const LABEL = /^[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ .#&/()'’-]{0,38}:?$/;
const MAX_INTRO = 320;

const sliceOf = (layout: PageLayout, c: { start: number; end: number }) => layout.text.slice(c.start, c.end);

/** Roles a key-value label may give its value: anything telling, or a label that ends with a colon. */
function labelRole(text: string): ColumnRole | undefined {
  if (!LABEL.test(text.trim())) return undefined;
  const role = columnRole(text.replace(/:\s*$/, ''));
  return role !== 'other' || /:\s*$/.test(text) ? role : undefined;
}

export class PageReader {
  readonly units: Unit[] = [];
  private section: ListKind | undefined;
  private table: Table | undefined;
  /** The panels the previous page ended with, and this page's so far. */
  private readonly carried: Panel[];
  private readonly panels: Panel[] = [];
  /** Raw X12 that runs to this page's end (or the previous page's, until this page has its own). */
  private x12Tail: { text: string; key: string } | undefined;
  private readonly x12Before: { text: string; key: string } | undefined;
  private rows = 0;
  private readonly bodySize: number;
  /** Where the panel read since line `from` starts, once its lines share baselines with the ended one. */
  private edge: { from: number; x: number } | undefined;
  /** Two lists side by side under their headings: where the second starts, each one's section, the last line read. */
  private lists: { x: number; sections: [ListKind, ListKind]; size: number; top: number } | undefined;

  /** The page's layout with lines of its own: a line shared by two panels is trimmed here, never in the page's layout. */
  private readonly layout: PageLayout;

  constructor(
    layout: PageLayout,
    private readonly remittance: boolean,
    state: PageState = {},
  ) {
    this.layout = { ...layout, lines: [...layout.lines] };
    this.section = state.section;
    this.carried = state.panels ?? [];
    this.table = state.table;
    this.x12Tail = state.x12;
    this.x12Before = state.x12;
    this.bodySize = bodySizeOf(layout);
  }

  get state(): PageState {
    return {
      ...(this.section ? { section: this.section } : {}),
      ...(this.panels.length > 0 ? { panels: this.panels } : {}),
      ...(this.table ? { table: this.table } : {}),
      ...(this.x12Tail && this.x12Tail !== this.x12Before ? { x12: this.x12Tail } : {}),
    };
  }

  private key(): string {
    return `p${this.layout.pageNumber}.${++this.rows}`;
  }

  private base(): DetectContext {
    const section = this.section;
    return { remittance: this.remittance, ...(section ? { section } : {}) };
  }

  read(): Unit[] {
    const lines = this.layout.lines;
    let i = 0;
    let panelFrom = 0;
    const first = lines[0];
    // A page that goes on from panels side by side: each panel goes on under its own section.
    if (first && this.carried.length > 0) this.section = sectionAt(this.carried, first) ?? this.section;
    while (i < lines.length) {
      // Back up the page: a panel beside the last one starts; what governed that one does not govern this one.
      const prev = lines[i - 1];
      const line = lines[i];
      if (prev && line && line.top < prev.top - prev.size) {
        this.endPanel(panelFrom, i);
        panelFrom = i;
        this.section = sectionAt(this.carried, line);
        this.table = undefined;
      }
      // A line shared with a panel that ended above: that panel's part is read apart, the rest goes on below.
      // Lists side by side under their own headings: each side under its heading.
      if (this.acrossPanels(i, panelFrom) || this.listsSideBySide(i)) {
        i++;
        continue;
      }
      // Label and value lines (three or more) are a record even where the first pair reads like a header.
      const next =
        this.x12(i) ??
        this.printout(i) ??
        (this.pairsAt(i) >= 3 ? this.record(i) : null) ??
        this.tableAt(i) ??
        this.record(i) ??
        this.paragraph(i);
      i = Math.max(next, i + 1);
    }
    if (this.panels.length > 0) this.endPanel(panelFrom, lines.length);
    return this.units;
  }

  /**
   * A line whose cells lie partly under a panel that ended above (a glossary in two columns whose second
   * column started lower and now shares the first one's baselines; a side menu beside a report): the
   * ended panel's cells are read under that panel's section (a heading or intro there governs that side
   * only), and the line goes on without them as a line of the current panel. True when nothing is left.
   */
  private acrossPanels(at: number, panelFrom: number): boolean {
    const line = this.layout.lines[at];
    const ended = this.panels[this.panels.length - 1];
    const current = this.layout.lines.slice(panelFrom, at);
    if (!line || line.printout || !ended || current.length === 0) return false;
    // The current panel's left edge (from its own lines, before they came to share baselines with the
    // ended one); the line's cells before it are the ended panel's, the rest this one's.
    const sharing = this.edge?.from === panelFrom;
    const edge = sharing && this.edge ? this.edge.x : Math.min(...current.map((l) => l.x0));
    const slack = line.size;
    const inside = line.cells.filter((c) => c.x1 < edge - slack);
    const outside = line.cells.filter((c) => c.x0 >= edge - slack);
    if (inside.length === 0 || inside.length + outside.length !== line.cells.length) return false;
    // A line of the ended panel's side alone goes on under its section once the two share baselines.
    if (outside.length === 0 && !sharing) return false;
    // Two columns for real: the ended panel's last lines lie wholly before the edge; and a table's header
    // across the page (under both panels) is the page's again.
    const before = this.layout.lines.slice(Math.max(0, panelFrom - 2), panelFrom);
    if (!sharing && (before.length === 0 || before.some((l) => l.x1 >= edge - slack))) return false;
    if (headerAt(this.layout, at)) return false;
    this.edge = { from: panelFrom, x: edge };
    const unit = new UnitText(this.layout.text);
    inside.forEach((c, k) => {
      if (k > 0) unit.join(' ');
      unit.add(c.start, c.end);
    });
    const text = unit.text;
    const section = ended.section;
    if (/\d/.test(text))
      this.units.push({
        kind: 'text',
        text: unit,
        ctx: { remittance: this.remittance, ...(section ? { section } : {}), lineKey: this.key() },
      });
    if (text.length <= MAX_INTRO && !LEGEND_ENTRY.test(text)) ended.section = sectionKindOf(text) ?? section;
    const first = outside[0];
    if (!first) return true;
    // The rest of the line, as the current panel's own line (in this reader's copy of the lines).
    this.layout.lines[at] = {
      ...line,
      start: first.start,
      x0: first.x0,
      cells: outside,
      items: line.items.filter((item) => {
        for (let k = first.start; k < line.end; k++) if (this.layout.itemOf[k] === item) return true;
        return false;
      }),
    };
    return false;
  }

  /**
   * Two lists side by side under headings on one line ("Claim adjustment reason codes      Remark codes"),
   * their entries sharing baselines: from that line on, each line is read in two at the second heading's
   * left edge, each side under its heading's section, until a line crosses that edge or the lists end.
   */
  private listsSideBySide(at: number): boolean {
    const line = this.layout.lines[at];
    if (!line || line.printout) return false;
    const kinds = line.cells.map((c) => sectionKindOf(sliceOf(this.layout, c)));
    const second = line.cells[1];
    const list = (k: ListKind | undefined) => k === 'carc' || k === 'rarc' || k === 'codes';
    // Legends, not a table's two code columns: under the first heading a code stands before its description.
    const next = this.layout.lines[at + 1];
    const under = next && second ? next.cells.filter((c) => c.x1 < second.x0) : [];
    const legend = under.length >= 2 && LONE_CODE.test(sliceOf(this.layout, under[0] as LineCell));
    if (line.cells.length === 2 && second && kinds.every(list) && legend) {
      this.lists = { x: second.x0, sections: [kinds[0] as ListKind, kinds[1] as ListKind], size: line.size, top: line.top };
      return true;
    }
    const lists = this.lists;
    if (!lists) return false;
    const slack = line.size;
    const left = line.cells.filter((c) => c.x1 < lists.x - slack);
    const right = line.cells.filter((c) => c.x0 >= lists.x - slack);
    // The lists end at a line across their edge, one in another size, or a gap no list leaves.
    if (
      left.length + right.length !== line.cells.length ||
      Math.abs(line.size - lists.size) > 0.15 * lists.size ||
      line.top - lists.top > 3 * lists.size
    ) {
      this.lists = undefined;
      return false;
    }
    lists.top = line.top;
    [left, right].forEach((cells, side) => {
      if (cells.length === 0) return;
      const unit = new UnitText(this.layout.text);
      cells.forEach((c, k) => {
        if (k > 0) unit.join(' ');
        unit.add(c.start, c.end);
      });
      const section = lists.sections[side];
      if (/\d/.test(unit.text))
        this.units.push({
          kind: 'text',
          text: unit,
          ctx: { remittance: this.remittance, ...(section ? { section } : {}), lineKey: this.key() },
        });
    });
    return true;
  }

  /** Notes where the panel of lines `from`..`to` lies and the section it ended in. */
  private endPanel(from: number, to: number): void {
    const lines = this.layout.lines.slice(from, to);
    if (lines.length === 0) return;
    this.panels.push({
      x0: Math.min(...lines.map((l) => l.x0)),
      x1: Math.max(...lines.map((l) => l.x1)),
      ...(this.section ? { section: this.section } : {}),
    });
  }

  /** Raw X12 lines: one segment per line, or one long text wrapped. */
  private x12(at: number): number | null {
    const lines = this.layout.lines;
    const first = lines[at];
    if (!first || !SEGMENT_LINE.test(sliceOf(this.layout, first))) return null;
    let end = at + 1;
    while (end < lines.length) {
      const line = lines[end];
      if (!line) break;
      const text = sliceOf(this.layout, line).trim();
      // Segments (once a run started, one element is enough: `N3*PO BOX 12~`), or the rest of a wrapped one.
      if (!SEGMENT_NEXT.test(text) && !(/[*|^~]/.test(text) && !/\s\S+\s\S+\s/.test(text))) break;
      end++;
    }
    const unit = new UnitText(this.layout.text);
    const tilde = lines.slice(at, end).some((l) => sliceOf(this.layout, l).includes('~'));
    for (let i = at; i < end; i++) {
      const line = lines[i];
      if (!line) continue;
      if (i > at) {
        const prev = sliceOf(this.layout, lines[i - 1] ?? line).trimEnd();
        // A segment cut by the line's end goes on; one that ended (`~`, or a line per segment) does not.
        unit.join(tilde && !prev.endsWith('~') ? '' : '\n');
      }
      const text = sliceOf(this.layout, line);
      const lead = text.length - text.trimStart().length;
      unit.add(line.start + lead, line.end);
    }
    // Raw X12 at the top of a page goes on from the previous page's: its claim and line are there.
    const carried = at === 0 ? this.x12Tail : undefined;
    const key = carried?.key ?? this.key();
    this.units.push({ kind: 'x12', text: unit, ctx: { lineKey: key }, ...(carried ? { before: carried.text } : {}) });
    if (end === lines.length) this.x12Tail = { text: x12Context(carried ? `${carried.text}\n${unit.text}` : unit.text), key };
    return end;
  }

  /**
   * Fixed-width lines laid out with spaces (a printout in Courier): read line by line, as a <pre> is. A
   * page set in a fixed-width font but laid out by HTML (paragraphs, tables placed apart) is read as a
   * page is.
   */
  private printout(at: number): number | null {
    const lines = this.layout.lines;
    if (!lines[at]?.printout) return null;
    let end = at;
    while (end < lines.length && lines[end]?.printout && (end === at || !SEGMENT_LINE.test(sliceOf(this.layout, lines[end] as Line))))
      end++;
    const unit = new UnitText(this.layout.text);
    for (let i = at; i < end; i++) {
      const line = lines[i];
      if (!line) continue;
      if (i > at) unit.join('\n');
      unit.add(line.start, line.end);
    }
    this.units.push({ kind: 'printout', text: unit, ctx: { ...this.base(), lineKey: this.key() } });
    this.table = undefined;
    // A printout laid out as a table (an HTML table in Courier, a Medicaid RA): its columns add their facts.
    for (let i = at; i < end; ) {
      const header = headerAt(this.layout, i);
      i = header ? Math.max(this.rowsOf(header.table, i + header.lines, end, true), i + 1) : i + 1;
    }
    this.table = undefined;
    return end;
  }

  /** A table from its header (or one that goes on from the previous page) and its rows. */
  private tableAt(at: number): number | null {
    const header = headerAt(this.layout, at);
    let table: Table;
    let start: number;
    if (header) {
      table = header.table;
      start = at + header.lines;
    } else if (this.table && this.fitsCarried(this.table, at)) {
      table = this.table;
      start = at;
    } else return null;
    this.table = table;
    // The header's own baselines may carry a panel beside the table: read apart.
    if (header && table.aside !== undefined) {
      for (let i = at; i < start; i++) {
        const line = this.layout.lines[i];
        if (line) this.besideTable(table, line);
      }
    }
    return this.rowsOf(table, start, this.layout.lines.length, false);
  }

  /**
   * The cells of `line` in the panel beside `table` (its aside), read as that panel's text (no section of
   * the table's changes); returns the line without them, or null when nothing of the table's is left.
   */
  private besideTable(table: Table, line: Line): Line | null {
    const aside = table.aside;
    if (aside === undefined) return line;
    const own = ownCells(line, aside);
    if (own.length === line.cells.length) return line;
    const side = line.cells.filter((c) => !own.includes(c));
    const unit = new UnitText(this.layout.text);
    side.forEach((c, k) => {
      if (k > 0) unit.join(' ');
      unit.add(c.start, c.end);
    });
    if (/\d/.test(unit.text)) this.units.push({ kind: 'text', text: unit, ctx: { ...this.base(), lineKey: this.key() } });
    if (own.length === 0) return null;
    return { ...line, cells: own, x1: Math.max(...own.map((c) => c.x1)) };
  }

  /** Reads the table's rows from line `start` on (before `limit`); returns where the table ends. */
  private rowsOf(table: Table, start: number, limit: number, overlay: boolean): number {
    const lines = this.layout.lines;
    const rows: { line: Line; placed: PlacedCell[] }[][] = [];
    let row: { line: Line; placed: PlacedCell[] }[] = [];
    const close = () => {
      if (row.length > 0) rows.push(row);
      row = [];
    };
    let end = start;
    for (; end < limit; end++) {
      const whole = lines[end];
      if (!whole) break;
      // A panel beside the table shares its baselines: its cells are read apart, its lines do not end the table.
      const line = this.besideTable(table, whole);
      if (!line) continue;
      const prev = row[row.length - 1]?.line ?? lines[end - 1];
      if (!continuesTable(this.layout, table, line, prev) || headerAt(this.layout, end)) break;
      const placed = placeCells(this.layout, table, line);
      const starts = row.length === 0 || startsRow(table, row, line, placed);
      if (starts && (sentenceLine(this.layout, line) || namesSection(this.layout, line) || capsHeading(this.layout, line))) break;
      // A claim's header between its lines ("Patient control # …  Payer claim # …"): labelled values, no row.
      if (labelledCells(this.layout, line) >= 2) {
        close();
        continue;
      }
      // One run of text across the columns ("NAME SMITH, ANA  MID …  ICN …  MOA MA01"): the claim's own line,
      // read as text of its own (its remarks are the claim's), under no column.
      const only = line.cells[0];
      if (line.cells.length === 1 && only && regionsCovered(table, only) >= 3) {
        close();
        this.units.push({
          kind: 'text',
          text: new UnitText(this.layout.text).add(only.start, only.end),
          ctx: { ...this.base(), lineKey: this.key() },
        });
        continue;
      }
      table.bodySize ??= line.size;
      table.bodyMono ??= line.mono;
      if (starts) close();
      row.push({ line, placed });
    }
    close();
    // One row of figures set much larger than their labels is a dashboard's cards, not a table's row.
    // (Under the figures, small print may follow: "▲ 4.1% vs prior 90 days".)
    const big = rows.filter((r) => r.some(({ line }) => line.size >= 1.3 * table.size && /\d/.test(sliceOf(this.layout, line))));
    const summary = big.length === 1 && rows.length <= 3;
    for (const r of rows) this.rowUnits(table, r, overlay, summary);
    return end;
  }

  /** A line at a page's top goes on with the last page's table when its cells sit under that table's columns. */
  private fitsCarried(table: Table, at: number): boolean {
    const line = this.layout.lines[at];
    if (!line || !continuesTable(this.layout, table, line, undefined)) return false;
    const placed = placeCells(this.layout, table, line);
    const columns = new Set(placed.map((p) => p.column));
    const aligned = placed.every((p) => {
      const col = table.columns[p.column];
      return col !== undefined && p.cell.x1 > col.x0 - 2 * table.size && p.cell.x0 < col.x1 + 2 * table.size;
    });
    // Cells laid out apart (not pieces of a sentence cut at the table's columns), each in a column of its own.
    return aligned && line.cells.length >= 3 && columns.size >= 3 && columns.size === placed.length;
  }

  /** The units of one row: each code-bearing cell under its column, with the row's (or its line's) facts. */
  private rowUnits(table: Table, row: { line: Line; placed: PlacedCell[] }[], overlay: boolean, summary: boolean): void {
    const key = this.key();
    // Side by side tables (a repeated header) are rows of their own.
    for (const side of new Set(table.sides)) {
      const cells = row.map(({ line, placed }) => ({ line, placed: placed.filter((p) => table.sides[p.column] === side) }));
      this.sideUnits(table, cells, new Set(table.sides).size > 1 ? `${key}.${side}` : key, overlay, summary);
    }
  }

  private sideUnits(table: Table, row: { line: Line; placed: PlacedCell[] }[], key: string, overlay: boolean, summary: boolean): void {
    const roleOf = (column: number): ColumnRole => table.columns[column]?.role ?? 'other';
    const text = (cell: LineCell) => sliceOf(this.layout, cell);
    // Each column's cells, top to bottom, and the line each is on.
    const byColumn = new Map<number, { cell: LineCell; line: number }[]>();
    row.forEach(({ placed }, line) => {
      for (const p of placed) {
        const list = byColumn.get(p.column) ?? [];
        list.push({ cell: p.cell, line });
        byColumn.set(p.column, list);
      }
    });
    // A dashboard's cards ("Open denials 12", "Denied dollars $312,480", "Top reason CO-97"): each card
    // stands alone, and a bare number there is a count, whatever its label says.
    const rowFacts = summary
      ? {}
      : factsOf([...byColumn].map(([column, cells]) => ({ role: roleOf(column), text: cells.map((c) => text(c.cell)).join(' ') })));
    const lineFacts = (line: number, except: number) =>
      summary
        ? {}
        : factsOf(
            [...byColumn]
              .filter(([c]) => c !== except)
              .flatMap(([c, cells]) => cells.filter((x) => x.line === line).map((x) => ({ role: roleOf(c), text: text(x.cell) }))),
          );
    for (const [column, cells] of byColumn) {
      const bareCount = summary && cells.every((c) => /^\s*\d{1,3}\s*$/.test(text(c.cell)));
      const role = bareCount ? 'other' : roleOf(column);
      if (!cells.some((c) => /\d/.test(text(c.cell)))) continue;
      const apply = role === 'reason' || role === 'codes' ? 'reasons' : role === 'remark' ? 'remarks' : undefined;
      // Over a printout, only the code columns have anything to add.
      if (overlay && !apply) continue;
      const extra = overlay ? { overlay: true } : {};
      // Stacked cells (`CO 45` over `PR 3` beside `12.00` over `3.00`), or a code cell on one line: each line with its own facts over the row's.
      const stacked =
        cells.length > 1 &&
        apply === 'reasons' &&
        [...byColumn].some(([c, other]) => c !== column && other.length === cells.length && isStackRole(roleOf(c)));
      const ctxOf = (facts: CellFacts): DetectContext => ({
        ...this.base(),
        lineKey: key,
        column: role,
        ...(facts.paid ? { paid: facts.paid } : {}),
        ...(facts.serviceDate ? { serviceDate: facts.serviceDate } : {}),
        ...(facts.type ? { rowType: facts.type } : {}),
        ...(overlay ? { fixedWidth: true } : {}),
      });
      if (stacked || cells.length === 1) {
        cells.forEach(({ cell, line }, index) => {
          const own = stacked
            ? overFacts(
                lineFacts(line, column),
                factsOf(
                  [...byColumn]
                    .filter(([c, other]) => c !== column && other.length === cells.length)
                    .map(([c, other]) => ({ role: roleOf(c), text: text((other[index] as { cell: LineCell }).cell) })),
                ),
              )
            : lineFacts(line, column);
          // A stacked line's amount is on its own line or nowhere: the row's belongs to another line's code.
          const facts = overFacts(stacked ? withoutAmounts(rowFacts) : rowFacts, own);
          this.units.push({
            kind: 'text',
            text: new UnitText(this.layout.text).add(cell.start, cell.end),
            ctx: ctxOf(facts),
            facts,
            ...(apply ? { apply } : {}),
            ...extra,
          });
        });
        continue;
      }
      const unit = new UnitText(this.layout.text);
      cells.forEach(({ cell }, index) => {
        if (index > 0) unit.join(' ');
        unit.add(cell.start, cell.end);
      });
      this.units.push({ kind: 'text', text: unit, ctx: ctxOf(rowFacts), facts: rowFacts, ...(apply ? { apply } : {}), ...extra });
    }
  }

  /** How many label-and-value lines start at `at`. */
  private pairsAt(at: number): number {
    let n = 0;
    for (let i = at; i < this.layout.lines.length; i++) {
      const line = this.layout.lines[i];
      const label = line?.cells[0];
      if (!line || line.printout || line.cells.length !== 2 || !label || labelRole(sliceOf(this.layout, label)) === undefined) break;
      n++;
    }
    return n;
  }

  /** Key-value lines ("Reason code    45", "Group:  CO"), read as one record: a lone reason takes its group and amount. */
  private record(at: number): number | null {
    const lines = this.layout.lines;
    const pairs: { role: ColumnRole; value: LineCell[]; line: Line }[] = [];
    let end = at;
    for (; end < lines.length; end++) {
      const line = lines[end];
      if (!line || line.printout) break;
      const prev = pairs[pairs.length - 1];
      if (prev && (line.top - prev.line.top > 2.6 * line.size || Math.abs(line.size - prev.line.size) > 0.15 * line.size)) break;
      const label = line.cells[0];
      const role = label && line.cells.length >= 2 ? labelRole(sliceOf(this.layout, label)) : undefined;
      if (role !== undefined) {
        // Several pairs on a line (a claim summary in three columns): every other cell a label.
        const side = sideBySide(this.layout, line);
        if (side) pairs.push(...side.map((p) => ({ ...p, line })));
        else pairs.push({ role, value: line.cells.slice(1), line });
        continue;
      }
      // A value that goes on under its label's value (a second remark code on a line of its own).
      const only = line.cells[0];
      if (prev && line.cells.length === 1 && only && sliceOf(this.layout, only).length <= 24 && !LABEL.test(sliceOf(this.layout, only))) {
        prev.value.push(only);
        prev.line = line;
        continue;
      }
      break;
    }
    if (pairs.length === 0) return null;
    const key = this.key();
    const texts = pairs.map((p) => ({ role: p.role, text: p.value.map((c) => sliceOf(this.layout, c)).join(' ') }));
    // Facts count only for a record with one reason in it (several reasons' group is shared, their amounts are not).
    const facts = texts.filter((t) => t.role === 'reason').length === 1 ? factsOf(texts) : factsOf(texts.filter((t) => t.role === 'group'));
    for (const pair of pairs) {
      const unit = new UnitText(this.layout.text);
      pair.value.forEach((cell, index) => {
        if (index > 0) unit.join(' ');
        unit.add(cell.start, cell.end);
      });
      if (!/\d/.test(unit.text)) continue;
      const apply = pair.role === 'reason' || pair.role === 'codes' ? 'reasons' : pair.role === 'remark' ? 'remarks' : undefined;
      this.units.push({
        kind: 'text',
        text: unit,
        ctx: {
          ...this.base(),
          lineKey: key,
          column: pair.role,
          ...(facts.paid ? { paid: facts.paid } : {}),
          ...(facts.serviceDate ? { serviceDate: facts.serviceDate } : {}),
        },
        facts,
        ...(apply ? { apply } : {}),
      });
    }
    return end;
  }

  /** A paragraph: a line and the lines it wraps onto; a heading or an intro sets the section that follows. */
  private paragraph(at: number): number {
    const lines = this.layout.lines;
    const first = lines[at];
    if (!first) return at + 1;
    let end = at + 1;
    if (first.cells.length === 1) {
      let right = first.x1;
      for (; end < lines.length; end++) {
        const prev = lines[end - 1] as Line;
        const line = lines[end];
        if (!line || !wraps(this.layout, prev, line, Math.max(right, line.x1))) break;
        right = Math.max(right, line.x1);
      }
    }
    const unit = new UnitText(this.layout.text);
    for (let i = at; i < end; i++) {
      const line = lines[i] as Line;
      if (i > at) {
        // A word broken at a hyphen goes on without a space ("CO-" and "45" are "CO-45").
        unit.join(/[A-Za-z0-9][-\u2010\u2011]$/.test(unit.text) ? '' : ' ');
      }
      const text = sliceOf(this.layout, line);
      const lead = text.length - text.trimStart().length;
      unit.add(line.start + lead, line.end);
    }
    const text = unit.text;
    const heading = first.size >= 1.15 * this.bodySize && end - at <= 3;
    if (heading) {
      this.section = sectionKindOf(text);
      this.table = undefined;
    }
    if (/\d/.test(text)) this.units.push({ kind: 'text', text: unit, ctx: { ...this.base(), lineKey: this.key() } });
    // An intro names the list that follows; a legend's entry that speaks of codes ("45  Reason code: …", or
    // its description under the code) does not.
    const prev = lines[at - 1];
    const term = prev !== undefined && LONE_CODE.test(sliceOf(this.layout, prev));
    if (!heading && text.length <= MAX_INTRO && !LEGEND_ENTRY.test(text) && !term && !labelRow(this.layout, first)) {
      const kind = sectionKindOf(text);
      if (kind) this.section = kind;
    }
    return end;
  }
}

function withoutAmounts(facts: CellFacts): CellFacts {
  const { amount: _a, denied: _d, patient: _p, deductible: _e, coinsurance: _c, copay: _o, ...rest } = facts;
  return rest;
}

function isStackRole(role: ColumnRole): boolean {
  return (
    role === 'group' ||
    role === 'amount' ||
    role === 'denied' ||
    role === 'patient' ||
    role === 'deductible' ||
    role === 'coinsurance' ||
    role === 'copay'
  );
}

/** Whether `line` is the next line of the paragraph `prev` ends (its text wrapped there). */
function wraps(layout: PageLayout, prev: Line, line: Line, right: number): boolean {
  if (line.printout || line.cells.length !== 1) return false;
  if (Math.abs(line.size - prev.size) > 0.1 * prev.size) return false;
  if (line.top - prev.top > 1.8 * prev.size || line.top <= prev.top) return false;
  if (Math.abs(line.x0 - prev.x0) > 3 * prev.size) return false;
  const text = sliceOf(layout, line);
  if (LEGEND_ENTRY.test(text) || LIST_ITEM.test(text)) return false;
  // The line's first word would have fit at the end of the previous line: that line ended on purpose.
  const word = /^\s*\S+/.exec(text)?.[0].trim().length ?? 0;
  const wordWidth = (word + 1) * ((line.x1 - line.x0) / Math.max(1, text.trim().length));
  return prev.x1 + wordWidth > right;
}

/** Carried X12 kept short: the interchange header (its separators) and the text from the last claim on. */
const MAX_X12_CONTEXT = 16 * 1024;
function x12Context(text: string): string {
  if (text.length <= MAX_X12_CONTEXT) return text;
  const isa = /^\s*ISA.{100,120}?[~\n]/s.exec(text)?.[0] ?? '';
  let claim = -1;
  for (const m of text.matchAll(/(?:^|[~\n])[ \t]*(?=CLP[*|^])/g)) claim = (m.index ?? 0) + m[0].length;
  const from = claim >= 0 ? claim : text.length - MAX_X12_CONTEXT;
  return `${isa}${isa ? '\n' : ''}${text.slice(from)}`;
}

/** A line of label-value pairs side by side (`Label  value  Label  value`), or null. */
function sideBySide(layout: PageLayout, line: Line): { role: ColumnRole; value: LineCell[] }[] | null {
  const cells = line.cells;
  if (cells.length < 4 || cells.length % 2 !== 0) return null;
  const pairs: { role: ColumnRole; value: LineCell[] }[] = [];
  for (let i = 0; i < cells.length; i += 2) {
    const role = labelRole(sliceOf(layout, cells[i] as LineCell));
    if (role === undefined) return null;
    pairs.push({ role, value: [cells[i + 1] as LineCell] });
  }
  return pairs;
}

/** A line on its own of two words or more in capitals ("CLAIM-LEVEL ADJUSTMENTS", "SERVICE LINES"): a heading, no row. */
function capsHeading(layout: PageLayout, line: Line): boolean {
  const cell = line.cells[0];
  if (line.cells.length !== 1 || !cell) return false;
  const text = sliceOf(layout, cell).trim();
  return /^[A-Z][A-Z&/()-]*(?:\s+[A-Z&/()-]+)+$/.test(text);
}

/** A line on its own that names a list of codes ("PROVIDER LEVEL ADJUSTMENTS", "Remark codes"): a heading, no row. */
function namesSection(layout: PageLayout, line: Line): boolean {
  const cell = line.cells[0];
  if (line.cells.length !== 1 || !cell) return false;
  const text = sliceOf(layout, cell);
  return !/\d/.test(text) && sectionKindOf(text) !== undefined;
}

/**
 * A row of short labels side by side ("FILE   VERSION   CLAIMS   POSTING STATUS", a summary card's
 * captions, a filter bar's "Label: value" pairs): names of fields, not a sentence that introduces a list.
 */
function labelRow(layout: PageLayout, line: Line): boolean {
  if (line.cells.length < 3) return false;
  // Short labels, or labels with their values ("Payer: All (6)   Location: Main – Suite 300   Status: Open").
  // A cell that names our lists ("Reason codes: 16 …") introduces them, whatever stands beside it.
  const names = line.cells.some((c) => {
    const kind = sectionKindOf(sliceOf(layout, c));
    return kind !== undefined && kind !== 'foreign';
  });
  return (
    !names &&
    (line.cells.every((c) => sliceOf(layout, c).trim().split(/\s+/).length <= 4) ||
      labelledCells(layout, line) >= Math.ceil(line.cells.length / 2))
  );
}

/** Cells that are a label and its value in one ("Member ID: 700412", "Payer claim # 24107A00318"). */
function labelledCells(layout: PageLayout, line: Line): number {
  return line.cells.filter((c) => /^[A-Za-z][A-Za-z .()/'-]{1,30}(?::|\s#:?)\s*\S/.test(sliceOf(layout, c))).length;
}

/** The size most of the page's text is in. */
function bodySizeOf(layout: PageLayout): number {
  const chars = new Map<number, number>();
  for (const line of layout.lines) {
    const size = Math.round(line.size * 2) / 2;
    chars.set(size, (chars.get(size) ?? 0) + (line.end - line.start));
  }
  let best = 0;
  let most = -1;
  for (const [size, n] of chars) {
    if (n > most) {
      most = n;
      best = size;
    }
  }
  return best || 10;
}
