/**
 * One run of marks on a page: from "marks on" to "marks off" (or the content script's end), torn
 * down by one AbortSignal. The scanner marks codes; the tones colour them; the card explains them;
 * the marked shadow roots get our style and listeners; the revealer finds them for the popup. Each
 * part takes the signal and releases what it holds when it aborts.
 */
import type { KnownCodes, Mention } from '@/lib/detect/types';
import { type Ask, type PageMention, toPageMention } from '@/lib/messages';
import { HugeBlocks } from '@/lib/page/huge-blocks';
import { PageScanner } from '@/lib/page/scanner';
import type { MarkElement } from '@/lib/page/units';
import { onAbort } from '@/lib/signal';
import { CardController } from './card-controller';
import { MarkKeys, type MarkStep, type StepResult } from './mark-keys';
import { installMarkSheet, type MarkSheet } from './mark-style';
import { RemitLayer } from './remit-layer';
import { Revealer, type RevealResult } from './reveal';
import { shadowRootReader } from './shadow-root-reader';
import { MarkedRoots } from './shadow-roots';
import { MarkTones, type ToneView } from './tones';

/** Whether the document element says how the scan goes (the e2e build's page contract). */
const STATE_ON_PAGE = import.meta.env.MODE === 'e2e';

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
  /** How far the first scan has read the page (0–1), while it runs. */
  progress?: number;
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
  /** One tab stop for all marks, arrow keys between them, and the next/previous/denial commands. */
  private readonly keys: MarkKeys;
  private readonly root: HTMLElement;
  private readonly sheet: MarkSheet;
  /** Codes of huge blocks: overlay marks (or highlights), never marks in their text. */
  private readonly huge: HugeBlocks;

  constructor(
    private readonly env: RunEnv,
    signal: AbortSignal,
  ) {
    const { doc, ask } = env;
    this.root = doc.documentElement;
    const sheet = installMarkSheet(doc);
    this.sheet = sheet;
    /** A mark's attributes beyond the page contract: a button that opens its card, and its tone. */
    const decorate = (mark: MarkElement, mention: Mention) => {
      this.keys.decorate(mark);
      mark.setAttribute('role', 'button');
      mark.setAttribute('aria-expanded', 'false');
      mark.setAttribute('aria-haspopup', 'dialog');
      this.tones.decorate(mark, mention.code);
      this.remit.decorate(mark, mention);
    };
    this.tones = new MarkTones((codes) => ask({ type: 'catalog:explain', items: codes.map((code) => ({ code })) }), env.view());
    // Codes of huge blocks get overlay marks of their own (lib/page/huge-blocks.ts), decorated as marks.
    const huge = new HugeBlocks(
      doc,
      {
        makeMark: (d, mention) => {
          const mark = d.createElement('remit-mark');
          mark.setAttribute('data-remit-code', mention.code);
          if (mention.amount) mark.setAttribute('data-remit-amount', mention.amount);
          decorate(mark, mention);
          return mark;
        },
        highlightOf: (m) => this.tones.highlightOf(m.code),
        onLayer: (root) => roots.add(root),
        layerMode: STATE_ON_PAGE ? 'open' : 'closed',
      },
      signal,
    );
    this.huge = huge;
    this.card = new CardController({
      doc,
      signal,
      entry: (mark) => this.scanner.entry(mark) ?? huge.entry(mark),
      scope: (m) => this.remit.scope(m),
      explain: (items) => ask({ type: 'catalog:explain', items }),
      mode: () => env.view().mode,
      roots: () => roots,
      spotAt: (x, y) => huge.at(x, y),
      returnFocus: () => this.keys.returnFocus(),
    });
    const roots = new MarkedRoots(signal, sheet, this.card);
    this.scanner = new PageScanner(doc, {
      known: env.known,
      decorate,
      // Colours first, in one round trip: marks are then written once, with their tone (and the
      // sheet knows which of their codes the user left uncoloured).
      beforeWrite: async (mentions) => {
        await this.tones.fetch(mentions.map((m) => m.code));
        if (!signal.aborted) this.applyMarkStyle();
      },
      onProgress: () => env.changed(),
      onChange: () => {
        this.keys.changed();
        this.remit.changed();
        env.changed();
      },
      shadowRootOf: shadowRootReader(doc),
      // Every code is read and reported; marks go where the reader is, and follow the reader.
      placement: env.placement ?? 'viewport',
      onMarkedRoot: (shadow) => roots.add(shadow),
      // A huge block's codes get overlay marks (their tones first), never marks in its text.
      huge: {
        add: (record) => {
          void this.tones.fetch(record.mentions.map((m) => m.code)).then(() => {
            if (signal.aborted) return;
            this.applyMarkStyle();
            huge.add(record);
          });
        },
        remove: (record) => huge.remove(record),
        reveal: (record, index) => huge.reveal(record, index),
      },
    });
    // Overlay marks of huge blocks carry their line's balance too.
    const scanner = this.scanner;
    this.remit = new RemitLayer(
      {
        detections: () => scanner.detections(),
        nodeOf: (d) => scanner.nodeOf(d),
        get marks() {
          return [...scanner.marks, ...huge.placed()];
        },
        get scanning() {
          return scanner.scanning;
        },
      },
      signal,
    );
    this.revealer = new Revealer(signal, this.scanner);
    this.keys = new MarkKeys({
      doc,
      signal,
      detections: () => this.scanner.detections(),
      marks: () => this.scanner.marks.map((e) => e.mark),
      nodeOf: (d) => this.scanner.nodeOf(d),
      reveal: (d) => this.scanner.reveal(d),
      entry: (mark) => this.scanner.entry(mark) ?? huge.entry(mark),
      isDenial: async (codes) => {
        await this.tones.fetch(codes);
        return (code) => this.tones.get(code)?.bucket === 'denial';
      },
      open: (entry) => void this.card.open(entry),
      activeElement: () => roots.activeElement(doc),
      inCard: (node) => this.card.card.contains(node),
    });
    this.setState('scanning');
    this.applyMarkStyle();
    onAbort(signal, () => {
      this.scanner.stop();
      sheet.remove();
      this.root.removeAttribute('data-remit-lens-state');
    });
    // Whatever happens in the scan, the page's state comes back to idle.
    this.done = this.scanner
      .start()
      .then(async () => {
        await this.tones.refresh();
        if (!signal.aborted) this.applyMarkStyle();
      })
      .catch(() => undefined)
      .finally(() => {
        if (!signal.aborted) this.setState('idle');
      });
  }

  /**
   * The page contract's `data-remit-lens-state` (scanning, idle), for tests and outside checks: in the
   * e2e build only, so a page never learns from it that the extension runs there.
   */
  private setState(state: 'scanning' | 'idle'): void {
    if (STATE_ON_PAGE) this.root.setAttribute('data-remit-lens-state', state);
  }

  /** Every code the run found (marked or not yet: marks follow the reader), and how many sit in folded sections. */
  state(): RunState {
    const detections = this.scanner.detections();
    return {
      mentions: detections.map((d) => toPageMention(d.mention)),
      collapsed: detections.filter((d) => d.collapsed).length,
      scanning: this.scanner.scanning,
      ...(this.scanner.progress !== undefined ? { progress: this.scanner.progress } : {}),
      capped: this.scanner.capped,
    };
  }

  /** Tones of marks made before their explanation arrived (before a report goes out). */
  async refreshTones(): Promise<void> {
    await this.tones.refresh();
    this.applyMarkStyle();
  }

  reveal(code: string, key?: string): Promise<RevealResult> {
    return this.revealer.reveal(code, key);
  }

  /** The keyboard command's and the popup's next, previous and next-denial. */
  step(step: MarkStep): Promise<StepResult> {
    return this.keys.step(step);
  }

  /** New settings: mark style, tones, and the open card's mode. */
  applySettings(): void {
    const view = this.env.view();
    // The tones take the new view first: the sheet's uncoloured codes are worked out from it.
    this.tones.retone(
      view,
      this.scanner.marks.map((e) => ({ mark: e.mark, code: e.mention.code })),
    );
    this.applyMarkStyle();
    this.huge.redraw();
    this.card.setMode(view.mode);
  }

  /** The user's look, in our stylesheet only (mark-style.ts): underline only, uncoloured categories. */
  private applyMarkStyle(): void {
    this.sheet.configure({ underline: this.env.underline(), plainCodes: this.tones.plainCodes() });
  }
}
