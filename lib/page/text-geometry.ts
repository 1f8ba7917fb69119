/**
 * Where the characters of one huge block of text are on screen, without asking the browser for every
 * one: in Chromium each layout query on a 10 MB <pre> (a range's box, the character under a point)
 * costs 15–40 ms. A block that keeps its line breaks and does not wrap (white-space: pre, how raw
 * 835 files and printouts are shown) is a grid: its lines start at the text's line breaks, one line
 * height apart, and a monospace character is one width wide; the grid is measured once. Any other
 * block asks for the character under a point (caretPositionFromPoint), which wraps correctly.
 */
import { lineAtOffset } from '../line-index';
import type { TextUnit } from './units';

/** A rectangle in viewport coordinates. */
export interface Box {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** The unit offsets shown inside a box, with a margin of about two boxes on every side. */
export type Spans = [from: number, to: number][];

interface Grid {
  lineStarts: number[];
  lineHeight: number;
  charWidth: number;
  /** Where the first character's box was, and where the block and its own scroll were, when measured. */
  top: number;
  left: number;
  blockTop: number;
  blockLeft: number;
  scrollTop: number;
  scrollLeft: number;
}

/** How far beyond what is shown text counts as near: two of the shown box on each side. */
const MARGIN = 2;
/** Characters measured for the width of one (a monospace font makes them all alike). */
const SAMPLE = 200;

export class TextGeometry {
  private grid: Grid | null | undefined;
  private index: Map<Node, number> | undefined;

  constructor(private readonly unit: TextUnit) {}

  /**
   * The offsets near what `view` shows of the block (view: the block's visible part, viewport
   * coordinates): `margin` times the view's size on every side.
   */
  spans(view: Box, margin = MARGIN): Spans {
    const grid = this.measured();
    if (grid) return this.gridSpans(grid, view, margin);
    const a = this.caretOffset(view.left + 1, view.top + 1);
    const b = this.caretOffset(view.right - 1, view.bottom - 1);
    if (a === undefined || b === undefined) return [[0, this.unit.text.length]];
    const from = Math.min(a, b);
    const to = Math.max(a, b);
    const chars = Math.max(1000 * margin, (to - from) * margin);
    return [[Math.max(0, from - chars), Math.min(this.unit.text.length, to + chars)]];
  }

  /** The unit offset of the character at a point, if the point is over the block's text. */
  offsetAt(x: number, y: number): number | undefined {
    const grid = this.measured();
    if (!grid) return this.caretOffset(x, y);
    const { top, left } = this.origin(grid);
    const line = Math.floor((y - top) / grid.lineHeight);
    const start = grid.lineStarts[line];
    if (line < 0 || start === undefined) return undefined;
    const end = (grid.lineStarts[line + 1] ?? this.unit.text.length + 1) - 1;
    const col = Math.floor((x - left) / grid.charWidth);
    if (col < 0 || start + col >= end) return undefined;
    return start + col;
  }

  /** Whether characters sit on a measured grid (a monospace block that keeps its lines): boxOf works. */
  get isGrid(): boolean {
    return this.measured() !== null;
  }

  /**
   * The box (viewport coordinates) of the text from `start` to `end` on one line, from the grid; null
   * when the block is not a grid.
   */
  boxOf(start: number, end: number): Box | null {
    const grid = this.measured();
    if (!grid) return null;
    const { top, left } = this.origin(grid);
    const line = lineAtOffset(grid.lineStarts, start);
    const col = start - (grid.lineStarts[line] ?? 0);
    const y = top + line * grid.lineHeight;
    const x = left + col * grid.charWidth;
    return { top: y, bottom: y + grid.lineHeight, left: x, right: x + (end - start) * grid.charWidth };
  }

  /** The grid of a block that keeps its line breaks and does not wrap, measured once; null for any other block. */
  private measured(): Grid | null {
    if (this.grid !== undefined) return this.grid;
    this.grid = null;
    const { block, text } = this.unit;
    const view = block.ownerDocument.defaultView;
    if (view?.getComputedStyle(block).whiteSpace !== 'pre') return null;
    const lineStarts = [0];
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lineStarts.push(at + 1);
    // Two lines' boxes give the line height; the first line's the character width.
    const firstEnd = (lineStarts[1] ?? text.length + 1) - 1;
    const sample = Math.min(firstEnd, SAMPLE);
    const range = this.rangeOf(0, lineStarts.length > 1 ? Math.min((lineStarts[1] ?? 0) + 1, text.length) : sample);
    if (!range) return null;
    const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0 || r.height > 0);
    const first = rects[0];
    if (!first || sample === 0) return null;
    const second = rects.find((r) => r.top >= first.bottom - 1);
    const lineHeight = second ? second.top - first.top : first.height;
    const widthRange = this.rangeOf(0, sample);
    const width = widthRange?.getBoundingClientRect().width ?? 0;
    if (!(lineHeight > 0) || !(width > 0)) return null;
    // A proportional font makes columns uneven: two halves of the sample must be as wide.
    const half = sample >> 1;
    const a = half > 8 ? this.rangeOf(0, half)?.getBoundingClientRect().width : undefined;
    const b = half > 8 ? this.rangeOf(half, half * 2)?.getBoundingClientRect().width : undefined;
    if (a !== undefined && b !== undefined && Math.abs(a - b) > Math.max(1, (width / sample) * 0.5)) return null;
    const box = block.getBoundingClientRect();
    this.grid = {
      lineStarts,
      lineHeight,
      charWidth: width / sample,
      top: first.top,
      left: first.left,
      blockTop: box.top,
      blockLeft: box.left,
      scrollTop: block.scrollTop,
      scrollLeft: block.scrollLeft,
    };
    return this.grid;
  }

  /** Where the first character is now: moved with the block, and against the block's own scroll. */
  private origin(grid: Grid): { top: number; left: number } {
    const box = this.unit.block.getBoundingClientRect();
    return {
      top: grid.top + (box.top - grid.blockTop) - (this.unit.block.scrollTop - grid.scrollTop),
      left: grid.left + (box.left - grid.blockLeft) - (this.unit.block.scrollLeft - grid.scrollLeft),
    };
  }

  private gridSpans(grid: Grid, view: Box, margin: number): Spans {
    const { top, left } = this.origin(grid);
    const lines = grid.lineStarts.length;
    const shownFrom = Math.floor((view.top - top) / grid.lineHeight);
    const shownTo = Math.ceil((view.bottom - top) / grid.lineHeight);
    const extra = Math.max(10 * margin, (shownTo - shownFrom) * margin);
    const from = Math.max(0, shownFrom - extra);
    const to = Math.min(lines - 1, shownTo + extra);
    if (from > to) return [];
    const colFrom = Math.floor((view.left - left) / grid.charWidth);
    const colTo = Math.ceil((view.right - left) / grid.charWidth);
    const cols = Math.max(100 * margin, (colTo - colFrom) * margin);
    const first = Math.max(0, colFrom - cols);
    const last = colTo + cols;
    const out: Spans = [];
    for (let line = from; line <= to; line++) {
      const start = grid.lineStarts[line] ?? 0;
      const end = (grid.lineStarts[line + 1] ?? this.unit.text.length + 1) - 1;
      const a = Math.min(end, start + first);
      const b = Math.min(end, start + last);
      if (b <= a) continue;
      const prev = out[out.length - 1];
      // Whole lines run together into one span.
      if (prev && prev[1] + 1 >= a) prev[1] = b;
      else out.push([a, b]);
    }
    return out;
  }

  /** A range over unit offsets. */
  rangeOf(from: number, to: number): Range | null {
    const a = this.locate(from, false);
    const b = this.locate(to, true);
    if (!a || !b) return null;
    const range = this.unit.block.ownerDocument.createRange();
    range.setStart(a.node, a.offset);
    range.setEnd(b.node, b.offset);
    return range;
  }

  /** The text node and offset in it of a unit offset. */
  locate(offset: number, preferEnd: boolean): { node: Text; offset: number } | null {
    const { nodes, starts } = this.unit;
    let lo = 0;
    let hi = nodes.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      const start = starts[mid] ?? 0;
      if (start < offset || (!preferEnd && start === offset)) lo = mid;
      else hi = mid - 1;
    }
    const node = nodes[lo];
    if (!node) return null;
    return { node, offset: Math.max(0, Math.min(node.data.length, offset - (starts[lo] ?? 0))) };
  }

  private caretOffset(x: number, y: number): number | undefined {
    const doc = this.unit.block.ownerDocument as Document & {
      caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null;
      caretRangeFromPoint?: (x: number, y: number) => Range | null;
    };
    let node: Node | undefined;
    let offset = 0;
    if (typeof doc.caretPositionFromPoint === 'function') {
      const at = doc.caretPositionFromPoint(x, y);
      node = at?.offsetNode;
      offset = at?.offset ?? 0;
    } else if (typeof doc.caretRangeFromPoint === 'function') {
      const at = doc.caretRangeFromPoint(x, y);
      node = at?.startContainer;
      offset = at?.startOffset ?? 0;
    }
    if (!node) return undefined;
    if (!this.index) this.index = new Map(this.unit.nodes.map((n, i) => [n, i]));
    const i = this.index.get(node);
    return i === undefined ? undefined : (this.unit.starts[i] ?? 0) + offset;
  }
}
