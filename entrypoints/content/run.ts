/**
 * One run of marks on a page: from "marks on" to "marks off" (or the content script's end), torn
 * down by one AbortSignal. The scanner marks codes; the tones colour them; the card explains them;
 * the marked shadow roots get our style and listeners; the revealer finds them for the popup. Each
 * part takes the signal and releases what it holds when it aborts.
 */
import type { KnownCodes } from '@/lib/detect/types';
import { type Ask, type PageMention, toPageMention } from '@/lib/messages';
import { PageScanner } from '@/lib/page/scanner';
import { onAbort } from '@/lib/signal';
import { CardController } from './card-controller';
import { installMarkSheet } from './mark-style';
import { RemitLayer } from './remit-layer';
import { Revealer, type RevealResult } from './reveal';
import { shadowRootReader } from './shadow-root-reader';
import { MarkedRoots } from './shadow-roots';
import { MarkTones, type ToneView } from './tones';

export interface RunEnv {
  doc: Document;
  known: KnownCodes;
  ask: Ask;
  /** The reading mode and coloured categories now. */
  view(): ToneView;
  underline(): boolean;
  /** Called when marks were added or removed. */
  changed(): void;
  /** Where marks go: near the reader (the browser) or everywhere at once (tests without layout). */
  placement?: 'viewport' | 'all';
}

export interface RunState {
  mentions: PageMention[];
  /** Codes in sections the reader has not opened (a closed <details>, a folded panel, a tab not shown). */
  collapsed: number;
  scanning: boolean;
  capped: boolean;
}

export class Run {
  /** Resolves when the first scan is done and every mark has its tone. */
  readonly done: Promise<void>;
  /** The page read as a remittance: the report's facts, the marks' balances, the cards' scope. */
  readonly remit: RemitLayer;
  private readonly scanner: PageScanner;
  private readonly tones: MarkTones;
  private readonly card: CardController;
  private readonly revealer: Revealer;
  private readonly root: HTMLElement;

  constructor(
    private readonly env: RunEnv,
    signal: AbortSignal,
  ) {
    const { doc, ask } = env;
    this.root = doc.documentElement;
    const sheet = installMarkSheet(doc);
    this.tones = new MarkTones((codes) => ask({ type: 'catalog:explain', items: codes.map((code) => ({ code })) }), env.view());
    this.card = new CardController({
      doc,
      signal,
      entry: (mark) => this.scanner.entry(mark),
      scope: (m) => this.remit.scope(m),
      explain: (items) => ask({ type: 'catalog:explain', items }),
      mode: () => env.view().mode,
      roots: () => roots,
    });
    const roots = new MarkedRoots(signal, sheet, this.card);
    this.scanner = new PageScanner(doc, {
      known: env.known,
      decorate: (mark, mention) => {
        mark.tabIndex = 0;
        mark.setAttribute('role', 'button');
        mark.setAttribute('aria-expanded', 'false');
        mark.setAttribute('aria-haspopup', 'dialog');
        this.tones.decorate(mark, mention.code);
        this.remit.decorate(mark, mention);
      },
      // Colours first, in one round trip: marks are then written once, with their tone.
      beforeWrite: (mentions) => this.tones.fetch(mentions.map((m) => m.code)),
      onChange: () => {
        this.remit.changed();
        env.changed();
      },
      shadowRootOf: shadowRootReader(doc),
      // Every code is read and reported; marks go where the reader is, and follow the reader.
      placement: env.placement ?? 'viewport',
      onMarkedRoot: (shadow) => roots.add(shadow),
    });
    this.remit = new RemitLayer(this.scanner, signal);
    this.revealer = new Revealer(signal, this.scanner);
    this.root.setAttribute('data-remit-lens-state', 'scanning');
    this.applyMarkStyle();
    onAbort(signal, () => {
      this.scanner.stop();
      sheet.remove();
      this.root.removeAttribute('data-remit-lens-state');
      this.root.removeAttribute('data-remit-lens-style');
    });
    this.done = this.scanner.start().then(async () => {
      await this.tones.refresh();
      if (!signal.aborted) this.root.setAttribute('data-remit-lens-state', 'idle');
    });
  }

  /** Every code the run found (marked or not yet: marks follow the reader), and how many sit in folded sections. */
  state(): RunState {
    const detections = this.scanner.detections();
    return {
      mentions: detections.map((d) => toPageMention(d.mention)),
      collapsed: detections.filter((d) => d.collapsed).length,
      scanning: this.scanner.scanning,
      capped: this.scanner.capped,
    };
  }

  /** Tones of marks made before their explanation arrived (before a report goes out). */
  refreshTones(): Promise<void> {
    return this.tones.refresh();
  }

  reveal(code: string, key?: string): Promise<RevealResult> {
    return this.revealer.reveal(code, key);
  }

  /** New settings: mark style, tones, and the open card's mode. */
  applySettings(): void {
    const view = this.env.view();
    this.applyMarkStyle();
    this.tones.retone(
      view,
      this.scanner.marks.map((e) => ({ mark: e.mark, code: e.mention.code })),
    );
    this.card.setMode(view.mode);
  }

  private applyMarkStyle(): void {
    if (this.env.underline()) this.root.setAttribute('data-remit-lens-style', 'underline');
    else this.root.removeAttribute('data-remit-lens-style');
  }
}
