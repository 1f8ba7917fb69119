/**
 * Which watched elements are near what the reader sees: within about two screens of the viewport, or,
 * inside a scrolling element (a grid's body, a panel), within a screen of its visible part. One
 * IntersectionObserver watches the viewport; a scrolling element gets one of its own when an element is
 * found clipped by it (an observer on the viewport sees only what a scroller shows).
 */

export type NearHandler = (elements: Element[]) => void;

/** Above and below the viewport: what a reader reaches with a scroll or two is marked before it shows. */
export const VIEWPORT_MARGIN = '200% 0px';
/** Inside a scrolling element: one of its heights above and below what it shows. */
const SCROLLER_MARGIN = '100% 0px';

export class NearViewport {
  private readonly io: IntersectionObserver;
  private readonly scrollers = new Map<Element, IntersectionObserver>();
  private readonly inScroller = new WeakMap<Element, Element>();

  static available(doc: Document): boolean {
    return typeof doc.defaultView?.IntersectionObserver === 'function';
  }

  constructor(
    private readonly doc: Document,
    private readonly onNear: NearHandler,
  ) {
    const IO = doc.defaultView?.IntersectionObserver as typeof IntersectionObserver;
    this.io = new IO((entries) => this.seen(entries), { rootMargin: VIEWPORT_MARGIN });
  }

  watch(el: Element): void {
    this.io.observe(el);
  }

  unwatch(el: Element): void {
    this.io.unobserve(el);
    const scroller = this.inScroller.get(el);
    if (scroller) this.scrollers.get(scroller)?.unobserve(el);
  }

  disconnect(): void {
    this.io.disconnect();
    for (const io of this.scrollers.values()) io.disconnect();
    this.scrollers.clear();
  }

  private seen(entries: IntersectionObserverEntry[]): void {
    const near: Element[] = [];
    const view = this.doc.defaultView;
    const height = view?.innerHeight ?? 0;
    for (const entry of entries) {
      if (entry.isIntersecting) {
        near.push(entry.target);
        continue;
      }
      // Near the viewport yet not intersecting it: clipped by a scrolling element around it.
      const r = entry.boundingClientRect;
      if (r.width === 0 && r.height === 0) continue;
      if (r.bottom < -2 * height || r.top > 3 * height) continue;
      this.watchInScroller(entry.target);
    }
    if (near.length > 0) this.onNear(near);
  }

  private watchInScroller(el: Element): void {
    const scroller = scrollerOf(el);
    if (!scroller || this.inScroller.get(el) === scroller) return;
    this.inScroller.set(el, scroller);
    let io = this.scrollers.get(scroller);
    if (!io) {
      const IO = this.doc.defaultView?.IntersectionObserver as typeof IntersectionObserver;
      io = new IO(
        (entries) => {
          const near = entries.filter((e) => e.isIntersecting).map((e) => e.target);
          if (near.length > 0) this.onNear(near);
        },
        { root: scroller, rootMargin: SCROLLER_MARGIN },
      );
      this.scrollers.set(scroller, io);
    }
    io.observe(el);
  }
}

/** The nearest ancestor that scrolls or clips its content vertically. */
function scrollerOf(el: Element): Element | null {
  const view = el.ownerDocument.defaultView;
  if (!view) return null;
  for (let a = el.parentElement; a && a !== el.ownerDocument.body && a !== el.ownerDocument.documentElement; a = a.parentElement) {
    const overflow = view.getComputedStyle(a).overflowY;
    if (overflow === 'auto' || overflow === 'scroll' || overflow === 'hidden' || overflow === 'clip') return a;
  }
  return null;
}
