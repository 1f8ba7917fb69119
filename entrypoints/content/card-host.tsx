/**
 * One shadow-root host for the card, however many marks the page has. Page CSS cannot reach
 * inside; our CSS cannot leak out. The card is placed next to its mark and kept on screen.
 */
import { render } from 'preact';
import { CodeCard } from '@/components/CodeCard';
import cardCss from '@/components/card.css?raw';
import type { Explanation } from '@/lib/catalog/explain';

const HOST_CSS = `:host { all: initial; position: fixed; z-index: 2147483647; top: 0; left: 0; display: block; }
:host([hidden]) { display: none; }
.frame { position: fixed; max-height: calc(100vh - 16px); overflow: auto; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }`;

export interface CardData {
  explanation: Explanation;
  related: Explanation[];
  written: string;
}

export class CardHost {
  readonly host: HTMLElement;
  private readonly frame: HTMLElement;
  private readonly live: HTMLElement;
  private anchor: HTMLElement | null = null;

  constructor(
    private readonly doc: Document,
    private readonly onCopy: (text: string) => void,
  ) {
    this.host = doc.createElement('remit-lens-card');
    this.host.hidden = true;
    const shadow = this.host.attachShadow({ mode: 'open' });
    const style = doc.createElement('style');
    style.textContent = `${HOST_CSS}\n${cardCss}`;
    this.frame = doc.createElement('div');
    this.frame.className = 'frame';
    this.frame.setAttribute('role', 'dialog');
    this.frame.setAttribute('aria-modal', 'false');
    this.live = doc.createElement('div');
    this.live.className = 'sr';
    this.live.setAttribute('aria-live', 'polite');
    shadow.append(style, this.frame, this.live);
  }

  get openFor(): HTMLElement | null {
    return this.anchor;
  }

  show(mark: HTMLElement, data: CardData, mode: 'biller' | 'patient'): void {
    if (!this.host.isConnected) this.doc.documentElement.append(this.host);
    this.anchor?.setAttribute('aria-expanded', 'false');
    this.anchor = mark;
    mark.setAttribute('aria-expanded', 'true');
    this.frame.setAttribute('aria-label', `Remit Lens: ${data.explanation.code}`);
    render(
      <CodeCard
        explanation={data.explanation}
        related={data.related}
        written={data.written}
        mode={mode}
        onCopy={this.onCopy}
        id="rl-card"
      />,
      this.frame,
    );
    this.host.hidden = false;
    this.place();
    // Screen readers hear the meaning when the card opens (the mark keeps the page's text).
    this.live.textContent = `${data.explanation.code}: ${data.explanation.headline ?? data.explanation.summary}`;
  }

  hide(): void {
    this.anchor?.setAttribute('aria-expanded', 'false');
    this.anchor = null;
    this.host.hidden = true;
    this.live.textContent = '';
  }

  contains(node: Node | null): boolean {
    return node !== null && (node === this.host || this.host.contains(node) || this.frame.contains(node));
  }

  focusCard(): void {
    this.frame.querySelector<HTMLElement>('button')?.focus();
  }

  /** Below the mark when it fits, else above; clamped inside the viewport on every side. */
  place(): void {
    if (!this.anchor) return;
    const view = this.doc.defaultView;
    const vw = view?.innerWidth ?? 800;
    const vh = view?.innerHeight ?? 600;
    const r = this.anchor.getBoundingClientRect();
    const card = this.frame.getBoundingClientRect();
    const margin = 8;
    let top = r.bottom + 6;
    if (top + card.height > vh - margin) top = Math.max(margin, r.top - card.height - 6);
    if (top + card.height > vh - margin) top = Math.max(margin, vh - margin - card.height);
    const left = Math.min(Math.max(margin, r.left), Math.max(margin, vw - margin - card.width));
    this.frame.style.top = `${Math.round(top)}px`;
    this.frame.style.left = `${Math.round(left)}px`;
    this.frame.style.maxWidth = `${Math.max(200, vw - 2 * margin)}px`;
  }

  remove(): void {
    render(null, this.frame);
    this.host.remove();
    this.anchor = null;
  }
}
