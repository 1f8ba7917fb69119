/**
 * Marks from the keyboard without a wall of tab stops: the page gets one added tab stop (a roving
 * tabindex: the mark last visited, or the first one made), the arrow keys walk from mark to mark, and
 * a command (keyboard shortcut or the popup's buttons) goes to the next or previous code, or the next
 * denial, from wherever focus is; Escape after such a jump returns focus where it was. Codes far from
 * the reader have no mark yet: a step places it first, in page order (shadow roots included).
 */
import type { Detection, MarkEntry } from '@/lib/page/scanner';
import { composedOrder, type MarkElement } from '@/lib/page/units';
import type { RevealSource } from './reveal';

export type MarkStep = 'next' | 'previous' | 'next-denial';

export interface StepResult {
  found: boolean;
  /** Where the step landed among the codes it walks (1-based), and how many there are. */
  index: number;
  total: number;
  /** The code it landed on. */
  code?: string;
}

export interface MarkKeysDeps {
  doc: Document;
  signal: AbortSignal;
  /** The scan: its codes in any order, their nodes, their marks (placed on demand), the marks now on the page. */
  source: RevealSource & { readonly marks: readonly MarkEntry[] };
  /** The mention behind a mark of ours. */
  entry(mark: Element): MarkEntry | undefined;
  /** Whether a code needs action (its tally bucket is a denial); asks the catalog for codes not seen yet. */
  isDenial(codes: string[]): Promise<(code: string) => boolean>;
  /** Opens the card of a mark that now has focus, and says it to screen readers. */
  open(entry: MarkEntry): void;
  /** The element that has focus, looking into our marked shadow roots. */
  activeElement(): Element | null;
  /** Whether a node is in our card (focus there keeps where Escape returns to). */
  inCard(node: Node): boolean;
  trusted?(event: Event): boolean;
}

const FORWARD = new Set(['ArrowRight', 'ArrowDown']);
const BACK = new Set(['ArrowLeft', 'ArrowUp']);

export class MarkKeys {
  /** The one mark in the page's tab order. */
  private door: MarkElement | null = null;
  /** The detection focus is on (a step's or a focused mark's). */
  private at: Detection | null = null;
  /** Where focus was before a command moved it to a mark; Escape goes back there. */
  private origin: Element | null = null;
  private order: Detection[] | null = null;

  constructor(private readonly deps: MarkKeysDeps) {
    const capture = { capture: true, signal: deps.signal };
    deps.doc.addEventListener('keydown', this.keydown, capture);
    deps.doc.addEventListener('focusin', this.focusin, capture);
  }

  /** A new mark (not on the page yet): out of the tab order unless it is the first, which becomes the door. */
  decorate(mark: MarkElement): void {
    if (this.door === null) {
      this.door = mark;
      mark.tabIndex = 0;
    } else {
      mark.tabIndex = -1;
    }
  }

  /** Marks came or went: page order is computed again on the next step, and a removed door is replaced. */
  changed(): void {
    this.order = null;
    if (this.door && !this.door.isConnected && this.door.tabIndex === 0) {
      const next = this.deps.source.marks.find((e) => e.mark.isConnected)?.mark;
      this.door = null;
      if (next) this.moveDoor(next);
    }
  }

  /** Where focus returns on Escape after a jump (else the card's mark). */
  returnFocus(): Element | null {
    const origin = this.origin;
    this.origin = null;
    return origin?.isConnected ? origin : null;
  }

  /** Goes to the next or previous code (or denial) from the one focus is on, placing its mark first. */
  async step(step: MarkStep): Promise<StepResult> {
    const all = this.ordered();
    let walk = all;
    if (step === 'next-denial') {
      const isDenial = await this.deps.isDenial([...new Set(all.map((d) => d.mention.code))]);
      walk = all.filter((d) => isDenial(d.mention.code));
    }
    if (walk.length === 0 || this.deps.signal.aborted) return { found: false, index: -1, total: walk.length };
    const from = this.current();
    const here = from ? all.indexOf(from) : -1;
    let target: Detection | undefined;
    if (step === 'previous') {
      target = [...walk].reverse().find((d) => here < 0 || all.indexOf(d) < here) ?? walk[walk.length - 1];
    } else {
      target = walk.find((d) => all.indexOf(d) > here) ?? walk[0];
    }
    if (!target) return { found: false, index: -1, total: walk.length };
    const active = this.deps.activeElement();
    const onMark = active ? this.deps.entry(active) !== undefined : false;
    const entry = await this.deps.source.reveal(target);
    if (!entry || this.deps.signal.aborted) return { found: false, index: -1, total: walk.length };
    if (!onMark && active && active !== this.deps.doc.body) this.origin = active;
    this.land(entry, target);
    return { found: true, index: walk.indexOf(target) + 1, total: walk.length, code: target.mention.code };
  }

  private land(entry: MarkEntry, detection: Detection): void {
    this.at = detection;
    this.moveDoor(entry.mark);
    entry.mark.scrollIntoView({ block: 'center', inline: 'nearest' });
    entry.mark.focus({ preventScroll: true });
    this.deps.open(entry);
  }

  private moveDoor(mark: MarkElement): void {
    if (this.door && this.door !== mark) this.door.tabIndex = -1;
    this.door = mark;
    mark.tabIndex = 0;
  }

  /** The detection of the focused mark, else the last one a step went to. */
  private current(): Detection | null {
    const active = this.deps.activeElement();
    const entry = active ? this.deps.entry(active) : undefined;
    if (entry) return this.ordered().find((d) => d.mention === entry.mention) ?? this.at;
    return this.at && this.ordered().includes(this.at) ? this.at : null;
  }

  /** What the reader can reach, in page order; kept until marks change. */
  private ordered(): Detection[] {
    if (this.order) return this.order;
    const withNodes = this.deps.source
      .detections()
      .filter((d) => !d.collapsed)
      .map((d) => ({ d, node: this.deps.source.nodeOf(d) }))
      .filter((x): x is { d: Detection; node: Node } => x.node !== undefined);
    withNodes.sort((a, b) => composedOrder(a.node, b.node) || a.d.mention.start - b.d.mention.start);
    this.order = withNodes.map((x) => x.d);
    return this.order;
  }

  private trusted(event: Event): boolean {
    return this.deps.trusted ? this.deps.trusted(event) : event.isTrusted;
  }

  /** The focused mark becomes the door: Tab comes back to it, Shift+Tab too. */
  private readonly focusin = (event: Event): void => {
    if (!this.trusted(event)) return;
    const active = this.deps.activeElement();
    const entry = active ? this.deps.entry(active) : undefined;
    if (!entry) {
      // Focus went elsewhere on the page: Escape no longer has a jump to undo.
      const to = event.composedPath()[0];
      if (!(to instanceof Node && this.deps.inCard(to))) this.origin = null;
      return;
    }
    this.moveDoor(entry.mark);
    this.at = this.ordered().find((d) => d.mention === entry.mention) ?? this.at;
  };

  /** Arrow keys on a mark walk the marks (a composite widget's keys; the page keeps every other key). */
  private readonly keydown = (event: Event): void => {
    const e = event as KeyboardEvent;
    if (!this.trusted(e) || e.altKey || e.ctrlKey || e.metaKey) return;
    const back = BACK.has(e.key);
    if (!back && !FORWARD.has(e.key)) return;
    const active = this.deps.activeElement();
    if (!active || !this.deps.entry(active)) return;
    e.preventDefault();
    e.stopPropagation();
    void this.step(back ? 'previous' : 'next');
  };
}
