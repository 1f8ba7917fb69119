/**
 * Shadow roots that hold marks. A pointer move or a focus change inside one shadow tree never
 * reaches the document, so each such root gets the mark style and the same listeners as the
 * document (all ended by the run's signal). Roots are held weakly: a component the page threw
 * away must not be kept alive by us.
 */
import { isElement, isShadowRoot } from '@/lib/page/dom';
import { onAbort } from '@/lib/signal';
import type { MarkSheet } from './mark-style';

/** The listeners every marked root gets; `scroll` because scrolling inside a component stays in its tree. */
export interface RootHandlers {
  pointerover(event: Event): void;
  pointerout(event: Event): void;
  focusin(event: Event): void;
  scroll(event: Event): void;
}

export class MarkedRoots {
  private readonly listened = new WeakSet<ShadowRoot>();
  /** Hosts of closed roots with marks: the page's event paths stop at such a host. */
  private readonly closedRoots = new WeakMap<Element, ShadowRoot>();
  private count = 0;

  constructor(
    private readonly signal: AbortSignal,
    private readonly sheet: MarkSheet,
    private readonly handlers: RootHandlers,
  ) {}

  /** A shadow root got its first marks: style them there and listen to what happens inside. */
  add(root: ShadowRoot): void {
    if (this.signal.aborted || this.listened.has(root)) return;
    this.sheet.adopt(root);
    if (root.host.shadowRoot !== root) this.closedRoots.set(root.host, root);
    this.listened.add(root);
    this.count++;
    const options = { capture: true, signal: this.signal };
    root.addEventListener('pointerover', this.handlers.pointerover, options);
    root.addEventListener('pointerout', this.handlers.pointerout, options);
    root.addEventListener('focusin', this.handlers.focusin, options);
    root.addEventListener('scroll', this.handlers.scroll, { ...options, passive: true });
    // The style goes out of the root with the run (its listeners go by the signal).
    const ref = new WeakRef(root);
    onAbort(this.signal, () => {
      const live = ref.deref();
      if (live) this.sheet.unadopt(live);
    });
  }

  /**
   * True when a listener of ours deeper in the event's path (a shadow root with marks) gets the event
   * too: that one, the last to see it in the capture phase, handles it. Outside a closed root the
   * path stops at its host; a focus event only went inside when the root holds the focus.
   */
  seenDeeper(event: Event): boolean {
    if (this.count === 0) return false;
    for (const node of event.composedPath()) {
      if (node === event.currentTarget) return false;
      if (node instanceof Node && isShadowRoot(node) && this.listened.has(node)) return true;
      const closed = node instanceof Node && isElement(node) ? this.closedRoots.get(node) : undefined;
      if (closed && this.listened.has(closed)) return event.type !== 'focusin' || closed.activeElement !== null;
    }
    return false;
  }

  /** The focused element, inside shadow roots too (the document only knows their host). */
  activeElement(doc: Document): Element | null {
    let active = doc.activeElement;
    for (;;) {
      const root = active ? (this.closedRoots.get(active) ?? active.shadowRoot) : null;
      const inner = root?.activeElement;
      if (!inner) return active;
      active = inner;
    }
  }
}
