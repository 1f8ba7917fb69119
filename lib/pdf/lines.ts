/**
 * Rebuilds a page's lines from its text items: items on one baseline make a line, read left to right, and
 * each line is written as fixed-width text where an item starts at the character column its x position
 * maps to. A Standard Paper Remittance in Courier comes back column for column; a proportional table keeps
 * a wide gap between its cells (two spaces or more) and one space between words. Every character of the
 * rebuilt text remembers the item and the offset in the item it came from, so a mention found in the text
 * maps back to the text layer's spans.
 */
import type { ItemSpan, PdfPageText, PdfTextItem } from './types';

/** A run of a line's text between gaps of two columns or more: a table cell, a label, a value. */
export interface LineCell {
  /** Offsets in the page's text. */
  start: number;
  end: number;
  /** Horizontal extent on the page, in page units. */
  x0: number;
  x1: number;
}

export interface Line {
  /** Offsets in the page's text (end exclusive, before the line break). */
  start: number;
  end: number;
  /** The baseline's distance from the top of the page, in page units. */
  top: number;
  /** The text's height (its font size), the median of its items'. */
  size: number;
  x0: number;
  x1: number;
  /** Every item of the line is in a fixed-width font. */
  mono: boolean;
  /**
   * A printout's line: fixed-width, its words whole characters apart (spaces, not a layout, put them
   * there), with a gap of two characters or more somewhere (columns made of spaces) or none at all.
   */
  printout: boolean;
  /** Fixed-width words placed apart by whole characters, two or more somewhere on the line. */
  spaced: boolean;
  cells: LineCell[];
  /** The items that make the line, left to right (indexes into the page's items). */
  items: number[];
}

export interface PageLayout {
  pageNumber: number;
  width: number;
  height: number;
  /** The rebuilt text: the lines, top to bottom, joined by line breaks. */
  text: string;
  lines: Line[];
  /** For each character of `text`: the item it came from, or -1 for a space or line break the layout added. */
  itemOf: Int32Array;
  /** For each character of `text`: its offset in that item's `str`. */
  offsetOf: Int32Array;
  /** For each character of `text`: where it starts and ends on the page (NaN for what the layout added). */
  left: Float32Array;
  right: Float32Array;
  /** The width of one character column for proportional text, in page units. */
  charWidth: number;
}

/** A placed item: its index and geometry, with rotated text left out. */
interface Placed {
  index: number;
  str: string;
  x0: number;
  x1: number;
  top: number;
  size: number;
  font: string;
}

/** Text turned from the horizontal by more than this (about 3°) is not part of the page's lines. */
const MAX_SKEW = 0.05;
/** Baselines closer than this share a line (a share of the font size: superscripts and rounding stay on it). */
const SAME_LINE = 0.4;
/** Items closer than this (a share of the font size) are one word: `<b>CO</b>-45`, a kerned run split in two. */
const GLUED = 0.1;
/** A gap from this wide (a share of the font size) is between cells, not between words. */
const CELL_GAP = 0.75;

function place(item: PdfTextItem, index: number, pageHeight: number): Placed | null {
  if (item.str === '' || !/\S/.test(item.str)) return null;
  const [a = 0, b = 0, c = 0, d = 0, x = 0, y = 0] = item.transform;
  const scaleX = Math.hypot(a, b);
  const size = Math.hypot(c, d) || item.height;
  if (scaleX === 0 || size === 0 || a <= 0 || d <= 0) return null;
  if (Math.abs(b) / scaleX > MAX_SKEW || Math.abs(c) / size > MAX_SKEW) return null;
  return { index, str: item.str, x0: x, x1: x + Math.max(item.width, 0), top: pageHeight - y, size, font: item.fontName };
}

const median = (values: number[]): number => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((p, q) => p - q);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

/** Fonts in fixed width: pdf.js says so, or every run in the font advances the same per character. */
function monoFonts(page: PdfPageText, placed: readonly Placed[]): Set<string> {
  const mono = new Set<string>();
  const advances = new Map<string, number[]>();
  for (const p of placed) {
    const style = page.styles[p.font];
    if (style?.fontFamily === 'monospace') mono.add(p.font);
    else if (p.str.length >= 3) {
      const list = advances.get(p.font) ?? [];
      list.push((p.x1 - p.x0) / p.str.length / p.size);
      advances.set(p.font, list);
    }
  }
  for (const [font, list] of advances) {
    if (list.length < 6) continue;
    const lo = Math.min(...list);
    const hi = Math.max(...list);
    if (lo > 0 && hi / lo < 1.02) mono.add(font);
  }
  return mono;
}

/** Groups placed items into lines by baseline, top to bottom, each left to right. */
function groupLines(placed: Placed[]): Placed[][] {
  const sorted = [...placed].sort((p, q) => p.top - q.top || p.x0 - q.x0);
  const lines: Placed[][] = [];
  let current: Placed[] = [];
  let top = 0;
  let size = 0;
  for (const p of sorted) {
    if (current.length > 0 && Math.abs(p.top - top) <= SAME_LINE * Math.max(size, p.size)) {
      current.push(p);
      continue;
    }
    if (current.length > 0) lines.push(current);
    current = [p];
    top = p.top;
    size = p.size;
  }
  if (current.length > 0) lines.push(current);
  for (const line of lines) line.sort((p, q) => p.x0 - q.x0);
  return lines.map(dropDuplicates);
}

/** The same text drawn twice at (almost) the same place (a fake bold, a shadow) is read once. */
function dropDuplicates(line: Placed[]): Placed[] {
  const out: Placed[] = [];
  for (const p of line) {
    const prev = out[out.length - 1];
    if (prev && prev.str === p.str && Math.abs(prev.x0 - p.x0) < 0.3 * p.size) continue;
    out.push(p);
  }
  return out;
}

/** Panels side by side need this many lines of their own on each side. */
const PANEL_LINES = 3;

/**
 * Panels side by side (a sidebar beside the document, two cards, a status log beside a remittance):
 * a gutter no line crosses for a run of lines, with lines of their own on both sides (a table's columns
 * share their rows' baselines, panels mostly do not). Each panel is read on its own, left first.
 */
function splitPanels(lines: Placed[][], depth = 0): Placed[][] {
  if (depth > 3 || lines.length < 2 * PANEL_LINES) return lines;
  const best = bestGutter(lines);
  if (!best) return lines;
  const { x, from, to } = best;
  const left: Placed[][] = [];
  const right: Placed[][] = [];
  for (let i = from; i < to; i++) {
    const line = lines[i] ?? [];
    const l = line.filter((p) => p.x1 <= x);
    const r = line.filter((p) => p.x0 >= x);
    if (l.length > 0) left.push(l);
    if (r.length > 0) right.push(r);
  }
  return [
    ...splitPanels(lines.slice(0, from), depth + 1),
    ...splitPanels(left, depth + 1),
    ...splitPanels(right, depth + 1),
    ...splitPanels(lines.slice(to), depth + 1),
  ];
}

function bestGutter(lines: readonly Placed[][]): { x: number; from: number; to: number } | null {
  // Candidates: the edges of wide gaps between a line's items.
  const candidates = new Map<number, number>();
  // Where lines start (a panel's left edge), and the edges of wide gaps inside lines.
  for (const line of lines) {
    const first = line[0];
    if (first) candidates.set(Math.floor(first.x0) - 0.5, (candidates.get(Math.floor(first.x0) - 0.5) ?? 0) + 1);
  }
  for (const line of lines) {
    for (let i = 1; i < line.length; i++) {
      const a = line[i - 1] as Placed;
      const b = line[i] as Placed;
      // A panel's edge is where its lines start (or end): just before the right item, just after the left one.
      if (b.x0 - a.x1 >= 1.5 * Math.min(a.size, b.size)) {
        for (const x of [Math.floor(b.x0) - 0.5, Math.ceil(a.x1) + 0.5]) candidates.set(x, (candidates.get(x) ?? 0) + 1);
      }
    }
  }
  let best: { x: number; from: number; to: number; score: number } | null = null;
  for (const [x, seen] of candidates) {
    if (seen < 2) continue;
    const both = lines.map((line) => line.some((p) => p.x1 <= x) && line.some((p) => p.x0 >= x));
    let from = 0;
    for (let i = 0; i <= lines.length; i++) {
      const line = lines[i];
      // A line across the gutter ends a run, and so does a table's header with columns on both sides, and
      // rows of a table (lines on both sides, one after another: panels share a baseline only now and then).
      const crosses =
        !line ||
        line.some((p) => p.x0 < x && p.x1 > x) ||
        headerAcross(line, x) ||
        (both[i] === true && (both[i - 1] === true || both[i + 1] === true));
      if (!crosses) continue;
      const run = panelRun(lines, x, from, i);
      if (run && (!best || run > best.score)) best = { x, from, to: i, score: run };
      from = i + 1;
    }
  }
  return best;
}

/** Cells of words without figures on both sides of `x`, two or more on each: a header whose columns go on past `x`. */
function headerAcross(line: readonly Placed[], x: number): boolean {
  const cells = (items: Placed[]) => {
    let n = items.length > 0 ? 1 : 0;
    for (let i = 1; i < items.length; i++) {
      const a = items[i - 1] as Placed;
      const b = items[i] as Placed;
      if (b.x0 - a.x1 >= 1.5 * Math.min(a.size, b.size)) n++;
    }
    return n;
  };
  const words = (items: Placed[]) => cells(items) >= 2 && items.every((p) => !/\d|\$/.test(p.str));
  return words(line.filter((p) => p.x1 <= x)) && words(line.filter((p) => p.x0 >= x));
}

/** How good a split at `x` of lines `from`..`to` is (lines on one side only), or 0 when it is no panel split. */
function panelRun(lines: readonly Placed[][], x: number, from: number, to: number): number {
  let left = 0;
  let right = 0;
  let both = 0;
  /** Changes from a line on one side only to one on the other side only. */
  let turns = 0;
  let last: 'l' | 'r' | undefined;
  for (let i = from; i < to; i++) {
    const line = lines[i] ?? [];
    const l = line.some((p) => p.x1 <= x);
    const r = line.some((p) => p.x0 >= x);
    if (l && r) both++;
    else if (l || r) {
      const side = l ? 'l' : 'r';
      if (last && last !== side) turns++;
      last = side;
      if (l) left++;
      else right++;
    }
  }
  if (left < PANEL_LINES || right < PANEL_LINES) return 0;
  // A table wraps a cell now and then; panels have more lines apart than together.
  if (both > Math.min(left, right)) return 0;
  // Panels' lines interleave down the page; a table's wrapped cells above a note under it do not.
  if (turns < Math.max(2, Math.min(left, right) / 2)) return 0;
  return left + right;
}

/**
 * Relative advances of characters in a proportional font (Helvetica's, in thousandths of an em): pdf.js
 * gives a run's width, not its glyphs' positions, and a word's place inside a run (a table cell pdf.js
 * joined with its neighbour) is estimated from these, scaled to the run's width.
 */
const ADVANCE: Record<string, number> = {
  ' ': 278,
  '!': 278,
  '"': 355,
  '#': 556,
  $: 556,
  '%': 889,
  '&': 667,
  "'": 191,
  '(': 333,
  ')': 333,
  '*': 389,
  '+': 584,
  ',': 278,
  '-': 333,
  '.': 278,
  '/': 278,
  ':': 278,
  ';': 278,
  '<': 584,
  '=': 584,
  '>': 584,
  '?': 556,
  '@': 1015,
  A: 667,
  B: 667,
  C: 722,
  D: 722,
  E: 667,
  F: 611,
  G: 778,
  H: 722,
  I: 278,
  J: 500,
  K: 667,
  L: 556,
  M: 833,
  N: 722,
  O: 778,
  P: 667,
  Q: 778,
  R: 722,
  S: 667,
  T: 611,
  U: 722,
  V: 667,
  W: 944,
  X: 667,
  Y: 667,
  Z: 611,
  a: 556,
  b: 556,
  c: 500,
  d: 556,
  e: 556,
  f: 278,
  g: 556,
  h: 556,
  i: 222,
  j: 222,
  k: 500,
  l: 222,
  m: 833,
  n: 556,
  o: 556,
  p: 556,
  q: 556,
  r: 333,
  s: 500,
  t: 278,
  u: 556,
  v: 500,
  w: 722,
  x: 500,
  y: 500,
  z: 500,
};

/** Where each character of a run starts (and, last, where the run ends), by the widths above scaled to the run. */
function charEdges(p: Placed, mono: boolean): Float64Array {
  const n = p.str.length;
  const edges = new Float64Array(n + 1);
  const widths = Array.from(p.str, (ch) => (mono ? 1 : (ADVANCE[ch] ?? (/\d/.test(ch) ? 556 : 556))));
  const total = widths.reduce((a, b) => a + b, 0) || 1;
  let at = 0;
  for (let i = 0; i < n; i++) {
    edges[i] = p.x0 + ((p.x1 - p.x0) * at) / total;
    at += widths[i] ?? 0;
  }
  edges[n] = p.x1;
  return edges;
}

class TextBuilder {
  text = '';
  readonly items: number[] = [];
  readonly offsets: number[] = [];

  pad(n: number): void {
    for (let i = 0; i < n; i++) {
      this.text += ' ';
      this.items.push(-1);
      this.offsets.push(-1);
    }
  }

  append(p: Placed): void {
    this.text += p.str;
    for (let i = 0; i < p.str.length; i++) {
      this.items.push(p.index);
      this.offsets.push(i);
    }
  }

  maps(): { itemOf: Int32Array; offsetOf: Int32Array } {
    return { itemOf: Int32Array.from(this.items), offsetOf: Int32Array.from(this.offsets) };
  }
}

/** Splits a line's text into cells at gaps of two spaces or more, with where each cell lies on the page. */
function cellsOf(text: string, lineStart: number, geometry: (offset: number, right?: boolean) => number): LineCell[] {
  const cells: LineCell[] = [];
  for (const m of text.matchAll(/\S+(?: \S+)*/g)) {
    const start = lineStart + (m.index ?? 0);
    const end = start + m[0].length;
    cells.push({ start, end, x0: geometry(start), x1: geometry(end - 1, true) });
  }
  return cells;
}

/** Lays a page's text out as lines of fixed-width text. */
export function layoutPage(page: PdfPageText): PageLayout {
  const placed: Placed[] = [];
  page.items.forEach((item, index) => {
    const p = place(item, index, page.height);
    if (p) placed.push(p);
  });
  const mono = monoFonts(page, placed);
  const advance = (p: Placed) => (p.x1 - p.x0) / p.str.length;
  const charWidth = median(placed.filter((p) => !mono.has(p.font) && p.str.length >= 2).map(advance)) || median(placed.map(advance)) || 5;
  const origin = placed.reduce((min, p) => Math.min(min, p.x0), Number.POSITIVE_INFINITY);
  const builder = new TextBuilder();
  const lines: Line[] = [];
  const left: number[] = [];
  const right: number[] = [];
  for (const group of splitPanels(groupLines(placed))) {
    if (lines.length > 0) builder.pad(1);
    const lineStart = builder.text.length;
    const isMono = group.every((p) => mono.has(p.font));
    // A printout's columns come from its own character width; proportional text from the page's.
    const width = isMono ? median(group.map(advance)) || charWidth : charWidth;
    let column = 0;
    let prev: Placed | undefined;
    let onGrid = true;
    let spaced = /\S {2,}\S/.test(group.map((p) => p.str).join(''));
    for (const p of group) {
      const target = Math.max(0, Math.round((p.x0 - origin) / width));
      if (!prev) builder.pad(target);
      else {
        const gap = p.x0 - prev.x1;
        const em = Math.min(p.size, prev.size);
        let spaces: number;
        if (isMono) {
          // In a printout words are whole characters apart; runs placed apart by a layout (a table in a
          // fixed-width font) are not, and that gap is a cell's edge even when it is one space wide.
          const chars = gap / width;
          const placedApart = chars > 0.5 && Math.abs(chars - Math.round(chars)) > 0.05;
          if (placedApart) onGrid = false;
          else if (Math.round(chars) >= 2) spaced = true;
          spaces = Math.max(target - column, gap > 0.3 * width ? 1 : 0, placedApart ? 2 : 0);
        } else if (gap < GLUED * em) spaces = 0;
        else if (gap < CELL_GAP * em) spaces = 1;
        else spaces = Math.max(2, target - column);
        builder.pad(spaces);
      }
      builder.append(p);
      column = builder.text.length - lineStart;
      prev = p;
    }
    const end = builder.text.length;
    const lineText = builder.text.slice(lineStart, end);
    const byIndex = new Map(group.map((p) => [p.index, p]));
    const edges = new Map<number, Float64Array>();
    const geometry = (at: number, after = false) => {
      const p = byIndex.get(builder.items[at] ?? -1);
      if (!p) return origin;
      let e = edges.get(p.index);
      if (!e) {
        e = charEdges(p, isMono);
        edges.set(p.index, e);
      }
      return e[(builder.offsets[at] ?? 0) + (after ? 1 : 0)] ?? p.x1;
    };
    for (let at = left.length; at < end; at++) {
      const known = byIndex.has(builder.items[at] ?? -1);
      left.push(known ? geometry(at) : Number.NaN);
      right.push(known ? geometry(at, true) : Number.NaN);
    }
    lines.push({
      start: lineStart,
      end,
      top: median(group.map((p) => p.top)),
      size: median(group.map((p) => p.size)),
      x0: group[0]?.x0 ?? 0,
      x1: Math.max(...group.map((p) => p.x1)),
      mono: isMono,
      printout: isMono && onGrid,
      spaced: isMono && spaced,
      cells: cellsOf(lineText, lineStart, geometry),
      items: group.map((p) => p.index),
    });
  }
  markPrintouts(lines);
  const { itemOf, offsetOf } = builder.maps();
  while (left.length < builder.text.length) {
    left.push(Number.NaN);
    right.push(Number.NaN);
  }
  return {
    pageNumber: page.pageNumber,
    width: page.width,
    height: page.height,
    text: builder.text,
    lines,
    itemOf,
    offsetOf,
    left: Float32Array.from(left),
    right: Float32Array.from(right),
    charWidth,
  };
}

/**
 * Whether each run of fixed-width lines is a printout: every line's words whole characters apart and
 * columns made of spaces somewhere. One line placed apart by a layout makes the run a page set in a
 * fixed-width font (an HTML table in Courier), read as a page is.
 */
function markPrintouts(lines: Line[]): void {
  for (let i = 0; i < lines.length; ) {
    if (!lines[i]?.mono) {
      i++;
      continue;
    }
    let end = i;
    while (end < lines.length && lines[end]?.mono) end++;
    const run = lines.slice(i, end);
    const printout = run.every((l) => l.printout) && run.some((l) => l.spaced);
    for (const line of run) line.printout = printout;
    i = end;
  }
}

/** A cell for the page's text `start`..`end` (a piece of a line's cell), with where it lies. */
export function cellOf(layout: PageLayout, start: number, end: number): LineCell {
  let a = start;
  let b = end;
  while (a < b && /\s/.test(layout.text[a] ?? '')) a++;
  while (b > a && /\s/.test(layout.text[b - 1] ?? '')) b--;
  return { start: a, end: b, x0: layout.left[a] ?? 0, x1: layout.right[b - 1] ?? 0 };
}

/** Where the words of a cell start, as offsets in the page's text (the first word's too). */
export function wordStarts(layout: PageLayout, cell: LineCell): number[] {
  const starts: number[] = [];
  for (let i = cell.start; i < cell.end; i++) {
    if (/\S/.test(layout.text[i] ?? '') && (i === cell.start || /\s/.test(layout.text[i - 1] ?? ''))) starts.push(i);
  }
  return starts;
}

/** The item spans that characters `start`..`end` of the page's text came from, in text order. */
export function spansOf(layout: PageLayout, start: number, end: number): ItemSpan[] {
  const spans: ItemSpan[] = [];
  for (let i = Math.max(0, start); i < Math.min(end, layout.text.length); i++) {
    const item = layout.itemOf[i] ?? -1;
    if (item < 0) continue;
    const offset = layout.offsetOf[i] ?? 0;
    const last = spans[spans.length - 1];
    if (last && last.item === item && last.end === offset) last.end = offset + 1;
    else spans.push({ item, start: offset, end: offset + 1 });
  }
  return spans;
}
