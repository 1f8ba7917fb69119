/**
 * Opens and closes the card as the reader points at, focuses or presses a mark, and keeps it beside
 * its mark while the page scrolls. Every listener ends with the run's signal.
 */
import type { ExplainInput, Explanation } from '@/lib/catalog/explain';
import type { Mention } from '@/lib/detect/types';
import { explainInput } from '@/lib/messages';
import { MARK_NAME, type MarkElement } from '@/lib/page/units';
import type { ReadingMode } from '@/lib/settings';
import { later } from '@/lib/signal';
import { anchorConnected, type CardAnchor } from './card-anchor';
import { CardHost } from './card-host';
import { followHugeBlocks, type Spot } from './huge-hover';
import type { CardScope } from './remit-layer';
import type { MarkedRoots, RootHandlers } from './shadow-roots';

/** A mark and the mention behind it. */
export interface MarkedMention {
  mark: MarkElement;
  mention: Mention;
}

export interface CardDeps {
  doc: Document;
  signal: AbortSignal;
  /** The mention behind a mark of ours that is still on the page. */
  entry(mark: Element): MarkedMention | undefined;
  /** What the card lists beside a mention: its line's codes, its claim's, the claim's figures and balance. */
  scope(mention: Mention): CardScope;
  explain(items: ExplainInput[]): Promise<Explanation[]>;
  mode(): ReadingMode;
  roots(): MarkedRoots;
  /** The code under a point in a huge block (huge-hover.ts). */
  spotAt?(x: number, y: number): Spot | undefined;
  /** Where Escape sends focus after a jump to a mark from elsewhere (else the card's mark). */
  returnFocus?(): Element | null;
  /** Whether an event came from the user (the default: isTrusted); a page's synthetic events open nothing. */
  trusted?(event: Event): boolean;
}

/** The text a card says was written on the page. */
function textOf(anchor: CardAnchor): string {
  return 'startContainer' in anchor ? anchor.toString() : (anchor.textContent ?? '');
}

/** The grace period that lets the pointer travel from the mark into the card. */
const CLOSE_DELAY_MS = 400;

export class CardController implements RootHandlers {
  readonly card: CardHost;
  private cancelClose: () => void = () => undefined;
  /** Only the latest request may show its card (answers can arrive out of order). */
  private openToken = 0;
  private returningTo: MarkElement | null = null;
  /** The mention the open card explains. */
  private openMention: Mention | null = null;

  constructor(private readonly deps: CardDeps) {
    const { doc, signal } = deps;
    this.card = new CardHost(doc, signal);
    const capture = { capture: true, signal };
    doc.addEventListener('pointerover', this.pointerover, capture);
    doc.addEventListener('pointerout', this.pointerout, capture);
    doc.addEventListener('focusin', this.focusin, capture);
    doc.addEventListener('keydown', this.keydown, capture);
    doc.defaultView?.addEventListener('scroll', this.scroll, { ...capture, passive: true });
    const spotAt = deps.spotAt;
    if (spotAt) {
      const trusted = (e: Event) => this.trusted(e);
      followHugeBlocks({ doc, signal, spotAt, trusted, open: (a, m) => void this.openAt(a, m), away: (x, y) => this.away(x, y) });
    }
  }

  private trusted(event: Event): boolean {
    return this.deps.trusted ? this.deps.trusted(event) : event.isTrusted;
  }

  /** Redraws the open card in another reading mode. */
  setMode(mode: ReadingMode): void {
    this.card.setMode(mode);
  }

  async open(entry: MarkedMention): Promise<void> {
    if (this.returningTo === entry.mark) return;
    await this.openAt(entry.mark, entry.mention);
  }

  /** Opens the card for a mention beside its anchor (a mark, or a huge block's text range). */
  async openAt(anchor: CardAnchor, m: Mention): Promise<void> {
    this.cancelClose();
    if (this.card.openFor === anchor || (this.openMention === m && this.card.openFor)) return;
    const token = ++this.openToken;
    const scope = this.deps.scope(m);
    const [explanation, ...rest] = await this.deps.explain([explainInput(m), ...scope.line, ...scope.claim]);
    if (!explanation || !anchorConnected(anchor) || token !== this.openToken || this.deps.signal.aborted) return;
    this.openMention = m;
    const related = rest.slice(0, scope.line.length);
    const claimRelated = rest.slice(scope.line.length);
    this.card.show(
      anchor,
      { explanation, related, claimRelated, written: textOf(anchor), ...(scope.summary ? { claim: scope.summary } : {}) },
      this.deps.mode(),
    );
  }

  /** Closes the card; focus goes back to its mark, or after Escape, to where a jump came from. */
  close(returnFocus: boolean, escaped = false): void {
    const anchor = this.card.openMark;
    this.openToken++;
    this.openMention = null;
    this.card.hide();
    const origin = escaped ? this.deps.returnFocus?.() : null;
    if (origin) {
      (origin as HTMLElement).focus?.();
    } else if (returnFocus && anchor?.isConnected) {
      // Focus comes back to the mark without reopening its card.
      this.returningTo = anchor;
      anchor.focus();
      this.returningTo = null;
    }
  }

  /** The mark an event happened in: the first of ours on its path (marks in shadow trees are retargeted to their host). */
  private entryOf(event: Event): MarkedMention | undefined {
    for (const node of event.composedPath()) {
      if (node instanceof Element && node.localName === MARK_NAME) return this.deps.entry(node);
    }
    return undefined;
  }

  readonly pointerover = (event: Event): void => {
    if (!this.trusted(event) || this.deps.roots().seenDeeper(event)) return;
    const entry = this.entryOf(event);
    if (entry) void this.open(entry);
    else if (this.card.contains(event.composedPath()[0] as Node)) this.cancelClose();
  };

  readonly pointerout = (event: Event): void => {
    const mark = this.card.openMark;
    if (!mark || !this.trusted(event) || this.deps.roots().seenDeeper(event)) return;
    // Retargeted for this listener: inside the same shadow tree, the node itself.
    const to = (event as PointerEvent).relatedTarget as Node | null;
    if (to && (this.card.contains(to) || mark.contains(to))) return;
    this.closeSoon();
  };

  /** Closes the card after a grace period, unless focus is on its mark or in it by then. */
  private closeSoon(): void {
    this.cancelClose();
    this.cancelClose = later(this.deps.signal, CLOSE_DELAY_MS, () => {
      const active = this.deps.roots().activeElement(this.deps.doc);
      if (active !== this.card.openFor && !this.card.contains(active)) this.close(false);
    });
  }

  /** Off a huge block's code (and not in the card): its card goes after the grace period. */
  private away(x: number, y: number): void {
    const anchor = this.card.openFor;
    const overlay = this.card.openMark?.hasAttribute('data-remit-overlay') === true;
    if (anchor && (overlay || !this.card.openMark) && !this.card.containsPoint(x, y)) this.closeSoon();
  }

  readonly focusin = (event: Event): void => {
    if (!this.trusted(event) || this.deps.roots().seenDeeper(event)) return;
    const entry = this.entryOf(event);
    if (entry) void this.open(entry);
    else if (this.card.openFor && !this.card.contains(event.composedPath()[0] as Node)) this.close(false);
  };

  readonly keydown = (event: Event): void => {
    if (!this.trusted(event)) return;
    const key = (event as KeyboardEvent).key;
    const anchor = this.card.openFor;
    // Keys go to the focused element; in a closed shadow root the event only shows its host.
    const target = key === 'Enter' || key === ' ' ? this.deps.roots().activeElement(this.deps.doc) : null;
    const entry = target ? this.deps.entry(target) : undefined;
    if (entry && entry.mark === target) {
      // The mark is a button: pressing it opens its card (again, after Escape) and moves into it.
      event.preventDefault();
      if (anchor === entry.mark) this.card.focusCard();
      else void this.open(entry).then(() => this.card.openFor === entry.mark && this.card.focusCard());
      return;
    }
    if (!anchor) return;
    if (key === 'Escape') {
      event.stopPropagation();
      this.close(true, true);
    } else if (key === 'Tab' && this.card.hasFocus()) {
      // The card sits at the end of the document: leave it from its mark, so Tab carries on
      // through the page from there (the browser moves on from the newly focused mark).
      this.close(true);
    }
  };

  readonly scroll = (): void => this.card.place();
}
