/**
 * One run of marks on a page: from "marks on" to "marks off" (or the content script's end), torn
 * down by one AbortSignal. The scanner marks codes; the tones colour them; the card explains them;
 * the marked shadow roots get our style and listeners; the revealer finds them for the popup. Each
 * part takes the signal and releases what it holds when it aborts.
 */
import type { Mention } from '@/lib/detect/types';
import type { HugeBlocks } from '@/lib/page/huge-blocks';
import { PageScanner } from '@/lib/page/scanner';
import type { MarkElement } from '@/lib/page/units';
import { onAbort } from '@/lib/signal';
import { CardController } from './card-controller';
import { hugeLayer } from './huge-layer';
import { MarkKeys, type MarkStep, type StepResult } from './mark-keys';
import { installMarkSheet, type MarkSheet } from './mark-style';
import { RemitLayer } from './remit-layer';
import { Revealer, type RevealResult } from './reveal';
import { E2E_BUILD, type RunEnv, type RunState, runState, showState } from './run-state';
import { shadowRootReader } from './shadow-root-reader';
import { MarkedRoots } from './shadow-roots';
import { MarkTones } from './tones';

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
  /** Whether codes of huge blocks are painted as highlights here (their rules restyle the whole page). */
  private highlights = false;

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
    // Colours first, in one round trip: marks are then written once, with their tone (and the sheet
    // knows which of their codes the user left uncoloured).
    const toneFirst = async (codes: string[]) => {
      await this.tones.fetch(codes);
      if (!signal.aborted) this.applyMarkStyle();
    };
    // Codes of huge blocks get overlay marks of their own, decorated as marks (huge-layer.ts).
    const { blocks: huge, option: hugeOption } = hugeLayer(
      doc,
      {
        decorate,
        highlightOf: (code) => {
          if (!this.highlights) {
            this.highlights = true;
            this.applyMarkStyle();
          }
          return this.tones.highlightOf(code);
        },
        onLayer: (root) => roots.add(root),
        toneFirst,
        layerMode: E2E_BUILD ? 'open' : 'closed',
      },
      signal,
    );
    this.huge = huge;
    const entry = (mark: Element) => this.scanner.entry(mark) ?? huge.entry(mark);
    this.card = new CardController({
      doc,
      signal,
      entry,
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
      beforeWrite: (mentions) => toneFirst(mentions.map((m) => m.code)),
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
      huge: hugeOption,
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
      source: this.scanner,
      entry,
      isDenial: async (codes) => {
        await this.tones.fetch(codes);
        return (code) => this.tones.get(code)?.bucket === 'denial';
      },
      open: (entry) => void this.card.open(entry),
      activeElement: () => roots.activeElement(doc),
      inCard: (node) => this.card.card.contains(node),
    });
    showState(this.root, 'scanning');
    this.applyMarkStyle();
    onAbort(signal, () => {
      this.scanner.stop();
      sheet.remove();
      showState(this.root, null);
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
        if (!signal.aborted) showState(this.root, 'idle');
      });
  }

  /** Every code the run found (marked or not yet: marks follow the reader), and how many sit in folded sections. */
  state(): RunState {
    return runState(this.scanner);
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
    this.sheet.configure({ underline: this.env.underline(), plainCodes: this.tones.plainCodes(), highlights: this.highlights });
  }
}
