/**
 * Codes in a huge block of text (a raw 835 of megabytes in one <pre>) are shown without writing into
 * the block: any element put there makes the browser lay the whole block out again (measured in
 * Chromium: 0.5 s per write on 3 MB, 1.7 s on 10 MB; the page froze for minutes while thousands were
 * written). Measured alternatives, 3 MB <pre>:
 * - overlays: marks of their own in a layer above the page, placed over each code from the text's
 *   grid (text-geometry.ts): 4 ms to add 600, an 11 ms frame, the page's layout untouched;
 * - the CSS Custom Highlight API: no layout, but every repaint of the highlights walks the whole text
 *   node's fragments (210 ms of pre-paint at 3 MB, each time the reader scrolls past what is painted).
 * So a block that is a grid (white-space: pre, monospace: raw X12, printouts) gets overlay marks near
 * what the reader sees, which carry the page contract's attributes, take the card and the keyboard like
 * any mark and follow the reader as they scroll; any other huge block gets highlights.
 */
import type { Mention } from '../detect/types';
import { type Box, type Spans, TextGeometry } from './text-geometry';
import type { MarkElement, TextUnit } from './units';

/** A huge unit's codes, as the scanner keeps them. */
export interface HugeRecord {
  unit: TextUnit;
  mentions: Mention[];
}

/** A code under the pointer: its overlay mark, or (a block that is not a grid) its text range. */
export type HugeSpot = { mark: MarkElement; mention: Mention; range?: undefined } | { range: Range; mention: Mention; mark?: undefined };

export interface HugeOptions {
  /** Makes an overlay mark (attributes set) for a mention. */
  makeMark(doc: Document, mention: Mention): MarkElement;
  /** The highlight a mention is painted with where overlays cannot go (one per tone). */
  highlightOf(mention: Mention): string;
  /** The layer's shadow root was made: its marks need the mark style and the card's listeners. */
  onLayer?(root: ShadowRoot): void;
  /** Open in the e2e build, so tests read the overlay marks as they read any mark. */
  layerMode?: ShadowRootMode;
}

interface Painted {
  geometry: TextGeometry;
  /** The offsets near the reader now. */
  spans: Spans;
  /** Overlay marks by mention index. */
  marks: Map<number, MarkElement>;
}

/** What of the highlight API a window has. */
interface HighlightWindow {
  CSS?: { highlights?: Map<string, Set<AbstractRange>> };
  Highlight?: new (...ranges: AbstractRange[]) => Set<AbstractRange>;
  StaticRange?: typeof StaticRange;
}

export class HugeBlocks {
  private readonly records = new Map<HugeRecord, Painted>();
  private readonly byMark = new WeakMap<Element, { record: HugeRecord; index: number }>();
  private readonly highlights = new Set<string>();
  private layer: { host: HTMLElement; root: ShadowRoot } | null = null;
  private frame = 0;

  constructor(
    private readonly doc: Document,
    private readonly options: HugeOptions,
    signal: AbortSignal,
  ) {
    const view = doc.defaultView;
    const later = () => this.schedule();
    // Any scroller may move a huge block: the window's and every element's scroll (capture).
    view?.addEventListener('scroll', later, { capture: true, passive: true, signal });
    view?.addEventListener('resize', later, { passive: true, signal });
    signal.addEventListener('abort', () => this.clear(), { once: true });
  }

  get size(): number {
    return this.records.size;
  }

  add(record: HugeRecord): void {
    if (this.records.has(record)) return;
    this.records.set(record, { geometry: new TextGeometry(record.unit), spans: [], marks: new Map() });
    this.schedule();
  }

  remove(record: HugeRecord): void {
    const painted = this.records.get(record);
    if (!painted) return;
    for (const mark of painted.marks.values()) mark.remove();
    this.records.delete(record);
    this.repaintHighlights();
  }

  /** Makes every overlay and highlight again (tones or attributes changed). */
  redraw(): void {
    for (const painted of this.records.values()) {
      for (const mark of painted.marks.values()) mark.remove();
      painted.marks.clear();
      painted.spans = [];
    }
    this.schedule();
  }

  clear(): void {
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.records.clear();
    this.layer?.host.remove();
    this.layer = null;
    const registry = this.registry();
    for (const name of this.highlights) registry?.delete(name);
    this.highlights.clear();
  }

  /** The overlay marks placed now, with their mentions. */
  placed(): { mark: MarkElement; mention: Mention }[] {
    const out: { mark: MarkElement; mention: Mention }[] = [];
    for (const [record, painted] of this.records) {
      for (const [index, mark] of painted.marks) {
        const mention = record.mentions[index];
        if (mention) out.push({ mark, mention });
      }
    }
    return out;
  }

  /** The mention behind one of our overlay marks. */
  entry(mark: Element): { mark: MarkElement; mention: Mention } | undefined {
    const at = this.byMark.get(mark);
    const mention = at?.record.mentions[at.index];
    return at && mention && mark.isConnected ? { mark: mark as MarkElement, mention } : undefined;
  }

  /** The code under a point in a huge block. */
  at(x: number, y: number): HugeSpot | undefined {
    for (const [record, painted] of this.records) {
      const box = record.unit.block.getBoundingClientRect();
      if (x < box.left || x > box.right || y < box.top || y > box.bottom) continue;
      const offset = painted.geometry.offsetAt(x, y);
      if (offset === undefined) continue;
      const index = indexAt(record.mentions, offset);
      const mention = record.mentions[index];
      if (index < 0 || !mention) continue;
      const mark = painted.marks.get(index);
      if (mark) return { mark, mention };
      if (painted.geometry.isGrid) continue;
      // Not a grid: the character under the point was asked of the browser; its own box must hold the point.
      const range = painted.geometry.rangeOf(mention.start, mention.end);
      const rect = range?.getBoundingClientRect();
      if (range && rect && x >= rect.left - 1 && x <= rect.right + 1 && y >= rect.top - 1 && y <= rect.bottom + 1)
        return { range, mention };
    }
    return undefined;
  }

  /**
   * Scrolls a code into view and gives its overlay mark (placed now); undefined when its block is not
   * a grid (its highlight is scrolled to and no mark exists) or the code is gone.
   */
  reveal(record: HugeRecord, index: number): MarkElement | undefined {
    const painted = this.records.get(record);
    const m = record.mentions[index];
    if (!painted || !m) return undefined;
    const box = painted.geometry.boxOf(m.start, m.end);
    if (box) scrollBoxIntoView(record.unit.block, box);
    else {
      const range = painted.geometry.rangeOf(m.start, m.end);
      if (range) scrollBoxIntoView(record.unit.block, range.getBoundingClientRect());
    }
    this.paint();
    return painted.marks.get(index);
  }

  private schedule(): void {
    if (this.frame !== 0 || this.records.size === 0) return;
    const view = this.doc.defaultView;
    if (!view) return;
    this.frame = view.requestAnimationFrame(() => {
      this.frame = 0;
      this.paint();
    });
  }

  /** Places the overlays near the reader (and moves them with the text), or repaints highlights. */
  private paint(): void {
    let highlightsMoved = false;
    for (const [record, painted] of this.records) {
      const view = visiblePart(record.unit.block);
      const grid = painted.geometry.isGrid;
      if (!view) {
        if (painted.spans.length > 0) {
          painted.spans = [];
          highlightsMoved ||= !grid;
          if (grid) this.placeOverlays(record, painted, null);
        }
        continue;
      }
      // What is painted still reaches a view beyond what is shown: only the overlays move.
      if (painted.spans.length === 0 || !covers(painted.spans, painted.geometry.spans(view, 1))) {
        painted.spans = painted.geometry.spans(view);
        highlightsMoved ||= !grid;
      }
      if (grid) this.placeOverlays(record, painted, view);
    }
    if (highlightsMoved) this.repaintHighlights();
  }

  /** The overlay marks of a grid record: made for mentions near the reader, placed over their text. */
  private placeOverlays(record: HugeRecord, painted: Painted, view: Box | null): void {
    const wanted = new Set<number>();
    if (view) {
      for (const [from, to] of painted.spans) {
        for (let i = firstFrom(record.mentions, from); i < record.mentions.length; i++) {
          const m = record.mentions[i] as Mention;
          if (m.start >= to) break;
          wanted.add(i);
        }
      }
    }
    for (const [i, mark] of painted.marks) {
      if (wanted.has(i)) continue;
      // Never take away the mark that has focus (the reader is on it).
      if (mark.ownerDocument.activeElement === this.layer?.host && this.layer?.root.activeElement === mark) continue;
      mark.remove();
      painted.marks.delete(i);
    }
    if (wanted.size === 0) return;
    const layer = this.ensureLayer();
    const origin = layer.host.getBoundingClientRect();
    for (const i of wanted) {
      const m = record.mentions[i] as Mention;
      const box = painted.geometry.boxOf(m.start, m.end);
      if (!box) continue;
      let mark = painted.marks.get(i);
      if (!mark) {
        mark = this.options.makeMark(this.doc, m);
        mark.setAttribute('data-remit-overlay', '');
        this.byMark.set(mark, { record, index: i });
        painted.marks.set(i, mark);
        layer.root.append(mark);
      }
      const style = (mark as HTMLElement).style;
      style.top = `${box.top - origin.top}px`;
      style.left = `${box.left - origin.left}px`;
      style.width = `${box.right - box.left}px`;
      style.height = `${box.bottom - box.top}px`;
      // Outside what the block shows (scrolled away inside a scroller): not drawn over other content.
      style.visibility =
        view && box.bottom > view.top && box.top < view.bottom && box.right > view.left && box.left < view.right ? '' : 'hidden';
    }
  }

  /** One layer above the page for every overlay mark: a shadow host at the document's origin. */
  private ensureLayer(): { host: HTMLElement; root: ShadowRoot } {
    if (this.layer?.host.isConnected) return this.layer;
    const host = this.doc.createElement('div');
    const root = host.attachShadow({ mode: this.options.layerMode ?? 'closed' });
    host.setAttribute(
      'style',
      'all: initial !important; position: absolute !important; top: 0 !important; left: 0 !important; width: 0 !important; height: 0 !important; overflow: visible !important; z-index: 2147483646 !important; pointer-events: none !important;',
    );
    this.doc.documentElement.append(host);
    this.layer = { host, root };
    this.options.onLayer?.(root);
    return this.layer;
  }

  /** Rebuilds the highlights of records that are not grids. */
  private repaintHighlights(): void {
    const registry = this.registry();
    const view = this.doc.defaultView as (Window & HighlightWindow) | null;
    if (!registry || !view?.Highlight || !view.StaticRange) return;
    const byName = new Map<string, AbstractRange[]>();
    for (const [record, painted] of this.records) {
      if (painted.geometry.isGrid) continue;
      for (const [from, to] of painted.spans) {
        for (let i = firstFrom(record.mentions, from); i < record.mentions.length; i++) {
          const m = record.mentions[i] as Mention;
          if (m.start >= to) break;
          const a = painted.geometry.locate(m.start, false);
          const b = painted.geometry.locate(m.end, true);
          if (!a || !b) continue;
          const range = new view.StaticRange({ startContainer: a.node, startOffset: a.offset, endContainer: b.node, endOffset: b.offset });
          const name = this.options.highlightOf(m);
          const list = byName.get(name);
          if (list) list.push(range);
          else byName.set(name, [range]);
        }
      }
    }
    for (const name of this.highlights) if (!byName.has(name)) registry.delete(name);
    this.highlights.clear();
    for (const [name, ranges] of byName) {
      const highlight = new view.Highlight();
      for (const range of ranges) highlight.add(range);
      registry.set(name, highlight);
      this.highlights.add(name);
    }
  }

  private registry(): Map<string, Set<AbstractRange>> | undefined {
    return (this.doc.defaultView as (Window & HighlightWindow) | null)?.CSS?.highlights;
  }
}

/** The index of the mention holding `offset` (or -1): mentions are sorted and do not overlap. */
export function indexAt(mentions: readonly Pick<Mention, 'start' | 'end'>[], offset: number): number {
  const i = firstFrom(mentions, offset);
  const m = mentions[i];
  return m && m.start <= offset ? i : -1;
}

/** The first mention that ends after `offset`. */
function firstFrom(mentions: readonly Pick<Mention, 'start' | 'end'>[], offset: number): number {
  let lo = 0;
  let hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((mentions[mid]?.end ?? 0) <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** True when every span of `inner` lies inside a span of `outer`. */
export function covers(outer: Spans, inner: Spans): boolean {
  return inner.every(([a, b]) => outer.some(([c, d]) => c <= a && b <= d));
}

/** What of the block the reader can see: the block's box inside the viewport and its clipping ancestors. */
function visiblePart(block: Element): Box | null {
  const view = block.ownerDocument.defaultView;
  if (!view) return null;
  const r = block.getBoundingClientRect();
  let box: Box = {
    top: Math.max(r.top, 0),
    bottom: Math.min(r.bottom, view.innerHeight),
    left: Math.max(r.left, 0),
    right: Math.min(r.right, view.innerWidth),
  };
  for (let a = block.parentElement; a && a !== block.ownerDocument.documentElement; a = a.parentElement) {
    if (view.getComputedStyle(a).overflow === 'visible') continue;
    const c = a.getBoundingClientRect();
    box = {
      top: Math.max(box.top, c.top),
      bottom: Math.min(box.bottom, c.bottom),
      left: Math.max(box.left, c.left),
      right: Math.min(box.right, c.right),
    };
  }
  return box.bottom > box.top && box.right > box.left ? box : null;
}

/** Scrolls the block (if it scrolls) and the window so that a box in it is in the middle of the view. */
function scrollBoxIntoView(block: Element, box: Box): void {
  const view = block.ownerDocument.defaultView;
  if (!view) return;
  let dy = (box.top + box.bottom) / 2;
  let dx = (box.left + box.right) / 2;
  // Scrollers from the block outwards take their share of the way first.
  for (let a: Element | null = block; a && a !== block.ownerDocument.documentElement; a = a.parentElement) {
    if (a.scrollHeight <= a.clientHeight + 1 && a.scrollWidth <= a.clientWidth + 1) continue;
    const style = view.getComputedStyle(a);
    if (!/auto|scroll/.test(`${style.overflowY} ${style.overflowX}`)) continue;
    const r = a.getBoundingClientRect();
    const beforeTop = a.scrollTop;
    const beforeLeft = a.scrollLeft;
    a.scrollTop += dy - (r.top + r.height / 2);
    a.scrollLeft += dx - (r.left + r.width / 2);
    dy -= a.scrollTop - beforeTop;
    dx -= a.scrollLeft - beforeLeft;
  }
  view.scrollBy({ top: dy - view.innerHeight / 2, left: dx < 0 || dx > view.innerWidth ? dx - view.innerWidth / 2 : 0 });
}
