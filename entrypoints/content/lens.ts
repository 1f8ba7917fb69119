/**
 * The content script's lens on one page for its whole life: the settings, the report popups follow,
 * and the current run of marks. "Marks on" starts a run, "marks off" aborts it; the content
 * script's own end (WXT's context) aborts everything.
 */
import type { KnownCodes } from '@/lib/detect/types';
import type { Ask, PageReport } from '@/lib/messages';
import { effectiveMode, type ReadingMode, type Settings } from '@/lib/settings';
import { anySignal } from '@/lib/signal';
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
}

export class PageLens {
  private run: Run | null = null;
  private stopRun: AbortController | null = null;
  private readonly hub: ReportHub;
  private mode: ReadingMode;

  constructor(
    private readonly deps: LensDeps,
    private settings: Settings,
  ) {
    this.mode = effectiveMode(settings.mode, deps.hostname);
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
    return {
      mentions: state?.mentions ?? [],
      marksOn: this.run !== null,
      scanning: state?.scanning ?? false,
      ...(state?.capped ? { capped: true } : {}),
      mode: this.mode,
    };
  }

  subscribe(listener: (report: PageReport) => void): () => void {
    return this.hub.subscribe(listener);
  }

  reveal(code: string): RevealResult {
    return this.run?.reveal(code) ?? { found: false, index: -1, total: 0 };
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
      },
      signal,
    );
    this.stopRun = stop;
    this.run = run;
    await run.done;
    if (this.run === run) this.hub.push();
  }

  /** Mode, mark style and categories changed (popup or options page): applied to the open page live. */
  applySettings(next: Settings): void {
    this.settings = next;
    this.mode = effectiveMode(next.mode, this.deps.hostname);
    this.run?.applySettings();
  }
}
