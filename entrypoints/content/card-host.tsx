/**
 * One shadow-root host for the card, however many marks the page has. Page CSS cannot reach
 * inside; our CSS cannot leak out. The card is placed next to its mark and kept on screen.
 */
import { render } from 'preact';
import { type CardMode, CodeCard, leadText } from '@/components/CodeCard';
import cardCss from '@/components/card.css?raw';
import hostCss from '@/components/card-host.css?raw';
import { cardLimits, MARGIN, placeCard } from '@/components/card-placement';
import { copyText } from '@/components/clipboard';
import type { Explanation } from '@/lib/catalog/explain';
import type { MarkElement } from '@/lib/page/units';
import type { ClaimSummary } from '@/lib/remit/scope';
import { type CardAnchor, elementOf, isRange, lineInBlock, lineOf, schemeAround } from './card-anchor';
import { makeHost } from './card-root';

/** Lets a just-inserted live region reach the accessibility tree before its text changes. */
const ANNOUNCE_DELAY_MS = 100;

export interface CardData {
  explanation: Explanation;
  related: Explanation[];
  written: string;
  /** The codes given for the whole claim, and the claim's figures and balance (entrypoints/content/remit-layer.ts). */
  claimRelated?: Explanation[];
  claim?: ClaimSummary;
}

export class CardHost {
  readonly host: HTMLElement;
  private readonly shadow: ShadowRoot;
  private readonly frame: HTMLElement;
  private readonly live: HTMLElement;
  private anchor: CardAnchor | null = null;
  private data: CardData | null = null;
  private mode: CardMode = 'biller';
  private announceTimer: ReturnType<typeof setTimeout> | undefined;

  /** Lives as long as `signal`: the run that made it. */
  constructor(
    private readonly doc: Document,
    signal: AbortSignal,
  ) {
    const { host, shadow } = makeHost(doc);
    this.host = host;
    this.shadow = shadow;
    this.host.hidden = true;
    const style = doc.createElement('style');
    style.textContent = `${hostCss}\n${cardCss}`;
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

  get openFor(): CardAnchor | null {
    return this.anchor;
  }

  /** The mark the card is open for (none for a code in a huge block). */
  get openMark(): MarkElement | null {
    return this.anchor && !isRange(this.anchor) ? this.anchor : null;
  }

  show(anchor: CardAnchor, data: CardData, mode: CardMode): void {
    if (!this.host.isConnected) this.doc.documentElement.append(this.host);
    if (this.anchor !== anchor) this.openMark?.setAttribute('aria-expanded', 'false');
    this.anchor = anchor;
    this.data = data;
    this.mode = mode;
    this.openMark?.setAttribute('aria-expanded', 'true');
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
    this.openMark?.setAttribute('aria-expanded', 'false');
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

  /** True when a point (viewport coordinates) is over the open card. */
  containsPoint(x: number, y: number): boolean {
    if (this.host.hidden) return false;
    const r = this.frame.getBoundingClientRect();
    return x >= r.left && x <= r.right && y >= r.top && y <= r.bottom;
  }

  /** True when keyboard focus is inside the card. */
  hasFocus(): boolean {
    return this.shadow.activeElement !== null;
  }

  focusCard(): void {
    this.frame.querySelector<HTMLElement>('button')?.focus();
  }

  /** Beside the mark, clear of its line, inside the viewport (components/card-placement.ts). */
  place(): void {
    const anchor = this.anchor;
    if (!anchor) return;
    const viewport = this.viewport();
    const limits = cardLimits(viewport);
    const style = this.frame.style;
    style.maxWidth = `${limits.width}px`;
    style.maxHeight = `${limits.height}px`;
    const mark = anchor.getClientRects()[0] ?? anchor.getBoundingClientRect();
    const line = isRange(anchor) ? lineInBlock(anchor, mark) : (lineOf(anchor)?.getBoundingClientRect() ?? mark);
    const size = this.frame.getBoundingClientRect();
    let at = placeCard(mark, line, size, viewport);
    if (at.maxHeight !== undefined) style.maxHeight = `${at.maxHeight}px`;
    if (at.maxWidth !== undefined) {
      // Narrower is taller: place again with the height the narrower card takes.
      style.maxWidth = `${at.maxWidth}px`;
      at = { ...at, top: Math.max(MARGIN, Math.min(at.top, viewport.height - MARGIN - this.frame.getBoundingClientRect().height)) };
    }
    style.top = `${Math.round(at.top)}px`;
    style.left = `${Math.round(at.left)}px`;
    this.frame.setAttribute('data-side', at.side);
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
        {...(data.claimRelated ? { claimRelated: data.claimRelated } : {})}
        {...(data.claim ? { claim: data.claim } : {})}
        written={data.written}
        mode={this.mode}
        scheme={this.anchor ? schemeAround(elementOf(this.anchor) ?? this.doc.documentElement) : 'light'}
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
