/**
 * One shadow-root host for the card, however many marks the page has. Page CSS cannot reach
 * inside; our CSS cannot leak out. The card is placed next to its mark and kept on screen.
 */
import { render } from 'preact';
import { type CardMode, CodeCard, leadText } from '@/components/CodeCard';
import cardCss from '@/components/card.css?raw';
import { copyText } from '@/components/clipboard';
import type { Explanation } from '@/lib/catalog/explain';
import type { MarkElement } from '@/lib/page/units';

/**
 * `!important` on :host beats the page's `!important` (the shadow tree wins for important
 * rules), so `* { all: unset !important }` on the page cannot move, hide or restyle the host.
 * The host stays rendered (0×0) while the card is closed so its live region is always in the
 * accessibility tree; `hidden` only hides the frame.
 */
const HOST_CSS = `:host {
  all: initial !important; display: block !important; position: fixed !important; z-index: 2147483647 !important;
  top: 0 !important; left: 0 !important; width: 0 !important; height: 0 !important; overflow: visible !important;
  visibility: visible !important; opacity: 1 !important; transform: none !important; filter: none !important;
  clip-path: none !important; pointer-events: auto !important; contain: none !important;
}
:host([hidden]) .frame { display: none; }
.frame { all: initial; display: block; position: fixed; overflow: auto; border-radius: 8px; box-shadow: 0 6px 24px rgb(0 0 0 / 0.22); }
.frame > .card { max-width: none; }
/* A card taller than its room scrolls; Copy stays in sight. */
.frame .card-foot { position: sticky; bottom: -10px; margin-bottom: -10px; padding: 6px 0 10px; background: var(--rl-bg); }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }`;

const MARGIN = 8;
const GAP = 6;
const CARD_WIDTH = 380;
/** Below this much room on a side, a card squeezed there would be too small to read. */
const MIN_ROOM_HEIGHT = 140;
const MIN_ROOM_WIDTH = 220;
/** Lets a just-inserted live region reach the accessibility tree before its text changes. */
const ANNOUNCE_DELAY_MS = 100;

export interface CardData {
  explanation: Explanation;
  related: Explanation[];
  written: string;
}

/** Light text around the mark means a dark page: the card then comes in dark colours too. */
export function schemeAround(mark: Element): 'light' | 'dark' {
  const color = mark.ownerDocument.defaultView?.getComputedStyle(mark).color ?? '';
  if (!color.startsWith('rgb')) return 'light';
  const linear = (color.match(/[\d.]+/g) ?? []).slice(0, 3).map((part) => {
    const c = Number(part) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const [r = 0, g = 0, b = 0] = linear;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.4 ? 'dark' : 'light';
}

const clamp = (value: number, low: number, high: number) => Math.min(Math.max(value, low), Math.max(low, high));

export class CardHost {
  readonly host: HTMLElement;
  private readonly shadow: ShadowRoot;
  private readonly frame: HTMLElement;
  private readonly live: HTMLElement;
  private anchor: MarkElement | null = null;
  private data: CardData | null = null;
  private mode: CardMode = 'biller';
  private announceTimer: ReturnType<typeof setTimeout> | undefined;

  /** Lives as long as `signal`: the run that made it. */
  constructor(
    private readonly doc: Document,
    signal: AbortSignal,
  ) {
    this.host = doc.createElement('remit-lens-card');
    this.host.hidden = true;
    this.shadow = this.host.attachShadow({ mode: 'open' });
    const style = doc.createElement('style');
    style.textContent = `${HOST_CSS}\n${cardCss}`;
    this.frame = doc.createElement('div');
    this.frame.className = 'frame';
    this.frame.setAttribute('role', 'dialog');
    this.live = doc.createElement('div');
    this.live.className = 'sr';
    this.live.setAttribute('aria-live', 'polite');
    this.shadow.append(style, this.frame, this.live);
    doc.defaultView?.addEventListener('resize', () => this.place(), { passive: true, signal });
    signal.addEventListener('abort', () => this.remove(), { once: true });
  }

  get openFor(): MarkElement | null {
    return this.anchor;
  }

  show(mark: MarkElement, data: CardData, mode: CardMode): void {
    if (!this.host.isConnected) this.doc.documentElement.append(this.host);
    if (this.anchor !== mark) this.anchor?.setAttribute('aria-expanded', 'false');
    this.anchor = mark;
    this.data = data;
    this.mode = mode;
    mark.setAttribute('aria-expanded', 'true');
    this.draw();
    this.announce(leadText(data.explanation, mode));
  }

  /** Re-renders the open card in another mode (the user switched it in the popup). */
  setMode(mode: CardMode): void {
    if (mode === this.mode) return;
    this.mode = mode;
    if (this.anchor && this.data) this.draw();
  }

  hide(): void {
    this.anchor?.setAttribute('aria-expanded', 'false');
    this.anchor = null;
    this.data = null;
    this.host.hidden = true;
    clearTimeout(this.announceTimer);
    this.live.textContent = '';
  }

  /** True for the host and anything inside its shadow root (events arrive retargeted to the host). */
  contains(node: Node | null): boolean {
    return node !== null && (node === this.host || this.shadow.contains(node));
  }

  /** True when keyboard focus is inside the card. */
  hasFocus(): boolean {
    return this.shadow.activeElement !== null;
  }

  focusCard(): void {
    this.frame.querySelector<HTMLElement>('button')?.focus();
  }

  /**
   * Next to the mark and inside the viewport: below when the whole card fits there, else above,
   * else beside. When no side holds the whole card (small windows, 200% zoom), the card keeps
   * clear of the mark on its roomiest side and scrolls inside; only when no side has usable room
   * does it cover the mark, clamped to the viewport.
   */
  place(): void {
    if (!this.anchor) return;
    const { width: vw, height: vh } = this.viewport();
    const style = this.frame.style;
    style.maxWidth = `${Math.max(0, Math.min(CARD_WIDTH, vw - 2 * MARGIN))}px`;
    style.maxHeight = `${Math.max(0, vh - 2 * MARGIN)}px`;
    const r = this.anchor.getClientRects()[0] ?? this.anchor.getBoundingClientRect();
    let { width: w, height: h } = this.frame.getBoundingClientRect();
    const room = {
      below: vh - MARGIN - (r.bottom + GAP),
      above: r.top - GAP - MARGIN,
      right: vw - MARGIN - (r.right + GAP),
      left: r.left - GAP - MARGIN,
    };
    const vertical = (side: 'below' | 'above') => ({
      top: side === 'below' ? r.bottom + GAP : r.top - GAP - h,
      x: clamp(r.left, MARGIN, vw - MARGIN - w),
    });
    const beside = (side: 'right' | 'left') => ({
      top: clamp(r.top, MARGIN, vh - MARGIN - h),
      x: side === 'right' ? r.right + GAP : r.left - GAP - w,
    });
    const tall = room.below >= room.above ? 'below' : 'above';
    const wide = room.right >= room.left ? 'right' : 'left';
    let at: { top: number; x: number };
    if (room.below >= h) at = vertical('below');
    else if (room.above >= h) at = vertical('above');
    else if (room.right >= w) at = beside('right');
    else if (room.left >= w) at = beside('left');
    else if (room[tall] >= MIN_ROOM_HEIGHT) {
      style.maxHeight = `${room[tall]}px`;
      h = this.frame.getBoundingClientRect().height;
      at = vertical(tall);
    } else if (room[wide] >= MIN_ROOM_WIDTH) {
      style.maxWidth = `${room[wide]}px`;
      ({ width: w, height: h } = this.frame.getBoundingClientRect());
      at = beside(wide);
    } else {
      at = { top: clamp(r.bottom + GAP, MARGIN, vh - MARGIN - h), x: clamp(r.left, MARGIN, vw - MARGIN - w) };
    }
    const { top, x } = at;
    style.top = `${Math.round(top)}px`;
    style.left = `${Math.round(x)}px`;
  }

  private remove(): void {
    clearTimeout(this.announceTimer);
    render(null, this.frame);
    this.host.remove();
    this.anchor = null;
    this.data = null;
  }

  private draw(): void {
    const data = this.data;
    if (!data) return;
    const { explanation: e } = data;
    this.frame.setAttribute('aria-label', `Remit Lens: ${e.code}`);
    render(
      <CodeCard
        explanation={e}
        related={data.related}
        written={data.written}
        mode={this.mode}
        scheme={this.anchor ? schemeAround(this.anchor) : 'light'}
        onCopy={(text) => this.copy(text)}
        id="rl-card"
      />,
      this.frame,
    );
    this.host.hidden = false;
    this.place();
  }

  /** Fixed positions are relative to the layout viewport, which excludes scrollbars. */
  private viewport(): { width: number; height: number } {
    const view = this.doc.defaultView;
    const root = this.doc.documentElement;
    const width = Math.min(view?.innerWidth ?? 800, root.clientWidth || Number.POSITIVE_INFINITY);
    const height = Math.min(view?.innerHeight ?? 600, root.clientHeight || Number.POSITIVE_INFINITY);
    return { width, height };
  }

  private announce(text: string): void {
    clearTimeout(this.announceTimer);
    this.live.textContent = '';
    this.announceTimer = setTimeout(() => {
      this.live.textContent = text;
    }, ANNOUNCE_DELAY_MS);
  }

  /** The card's Copy: a selection copy, where needed, happens inside our shadow root. */
  private copy(text: string): Promise<void> {
    return copyText(text, this.doc, this.shadow);
  }
}
