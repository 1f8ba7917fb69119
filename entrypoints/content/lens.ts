/**
 * The content script's lens on one page for its whole life: the settings, the report popups follow,
 * and the current run of marks. "Marks on" starts a run, "marks off" aborts it; the content
 * script's own end (WXT's context) aborts everything.
 */
import type { KnownCodes } from '@/lib/detect/types';
import type { Ask, FrameReport, PageReport } from '@/lib/messages';
import { leadingText, readsAsMemberStatement } from '@/lib/page/statement';
import type { ClaimIdentifiers } from '@/lib/remit/page-facts';
import { effectiveMode, type ReadingMode, type Settings } from '@/lib/settings';
import { anySignal } from '@/lib/signal';
import type { MarkStep, StepResult } from './mark-keys';
import { framedFacts, framedMention } from './remit-frames';
import { ReportHub } from './report-hub';
import type { RevealResult } from './reveal';
import { Run } from './run';

export interface LensDeps {
  doc: Document;
  hostname: string;
  known: KnownCodes;
  ask: Ask;
  /** The content script's life (WXT's ctx.signal). */
  signal: AbortSignal;
  /** Tests without layout place every mark at once. */
  placement?: 'viewport' | 'all';
}

export class PageLens {
  private run: Run | null = null;
  private stopRun: AbortController | null = null;
  private readonly hub: ReportHub;
  private mode: ReadingMode;
  /** Whether the page reads as a member's statement (Automatic mode then uses patient words). */
  private statement: boolean;
  /** The codes of the tab's frames (this is its top frame): part of the tab's report. */
  private readonly frames = new Map<number, FrameReport>();

  constructor(
    private readonly deps: LensDeps,
    private settings: Settings,
  ) {
    this.statement = readsAsMemberStatement(leadingText(deps.doc));
    this.mode = effectiveMode(settings.mode, deps.hostname, this.statement);
    this.hub = new ReportHub(
      deps.signal,
      () => this.report(),
      () => this.run?.refreshTones() ?? Promise.resolve(),
    );
  }

  get marksOn(): boolean {
    return this.run !== null;
  }

  report(): PageReport {
    const state = this.run?.state();
    const frames = [...this.frames.values()];
    const collapsed = (state?.collapsed ?? 0) + frames.reduce((n, f) => n + (f.collapsed ?? 0), 0);
    // Each frame keys its claims and lines on its own: a frame's keys are made its own.
    const framed = [...this.frames.entries()];
    const remits = [...(this.run?.remit.remits() ?? []), ...framed.flatMap(([id, f]) => (f.remits ?? []).map((r) => framedFacts(id, r)))];
    return {
      mentions: [...(state?.mentions ?? []), ...framed.flatMap(([id, f]) => f.mentions.map((m) => framedMention(id, m)))],
      ...(remits.length > 0 ? { remits } : {}),
      marksOn: this.run !== null,
      scanning: (state?.scanning ?? false) || frames.some((f) => f.scanning),
      ...(state?.progress !== undefined ? { progress: state.progress } : {}),
      ...(state?.capped ? { capped: true } : {}),
      ...(collapsed > 0 ? { collapsed } : {}),
      mode: this.mode,
    };
  }

  subscribe(listener: (report: PageReport) => void): () => void {
    return this.hub.subscribe(listener);
  }

  /** A frame of this tab sent its codes (through the background): the tab's report includes them. */
  frameReport(frameId: number, report: FrameReport): void {
    if (report.mentions.length === 0 && !report.scanning) this.frames.delete(frameId);
    else this.frames.set(frameId, report);
    this.hub.changed();
  }

  /** The codes this frame found, for its top frame. */
  ownReport(): FrameReport {
    const state = this.run?.state();
    const remits = this.run?.remit.remits();
    return {
      mentions: state?.mentions ?? [],
      scanning: state?.scanning ?? false,
      ...(state?.collapsed ? { collapsed: state.collapsed } : {}),
      ...(remits ? { remits } : {}),
    };
  }

  reveal(code: string, key?: string): Promise<RevealResult> {
    return this.run?.reveal(code, key) ?? Promise.resolve({ found: false, index: -1, total: 0 });
  }

  /** The claim and account numbers this frame's page shows, for an export the user asked to have them in. */
  identifiers(): ClaimIdentifiers[] {
    return this.run?.remit.identifiers() ?? [];
  }

  step(step: MarkStep): Promise<StepResult> {
    return this.run?.step(step) ?? Promise.resolve({ found: false, index: -1, total: 0 });
  }

  async setMarks(on: boolean): Promise<void> {
    if (on === this.marksOn || this.deps.signal.aborted) return;
    if (!on) {
      this.stopRun?.abort();
      this.stopRun = null;
      this.run = null;
      this.hub.push();
      return;
    }
    const stop = new AbortController();
    const signal = anySignal(this.deps.signal, stop.signal);
    const run = new Run(
      {
        doc: this.deps.doc,
        known: this.deps.known,
        ask: this.deps.ask,
        view: () => ({ mode: this.mode, categories: this.settings.categories }),
        underline: () => this.settings.markStyle === 'underline',
        changed: () => this.hub.changed(),
        ...(this.deps.placement ? { placement: this.deps.placement } : {}),
      },
      signal,
    );
    this.stopRun = stop;
    this.run = run;
    await run.done;
    if (this.run !== run) return;
    // A page built after load (a member portal's app) may read as a statement only now.
    const statement = readsAsMemberStatement(leadingText(this.deps.doc));
    if (statement !== this.statement) this.applySettings(this.settings, statement);
    this.hub.push();
  }

  /** Mode, mark style and categories changed (popup or options page): applied to the open page live. */
  applySettings(next: Settings, statement = this.statement): void {
    this.settings = next;
    this.statement = statement;
    this.mode = effectiveMode(next.mode, this.deps.hostname, this.statement);
    this.run?.applySettings();
  }
}
