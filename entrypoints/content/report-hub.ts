/**
 * The page's report to popups that follow it: pushed to every subscriber when the marks change
 * (at most every REPORT_DELAY_MS), and at once when a run starts or ends.
 */
import type { PageReport } from '@/lib/messages';
import { later } from '@/lib/signal';

const REPORT_DELAY_MS = 50;
/** A big page's report (thousands of codes, each push a full copy the popup tallies again) goes out less often. */
const BIG_REPORT = 5000;
const BIG_REPORT_DELAY_MS = 500;

export class ReportHub {
  private readonly listeners = new Set<(report: PageReport) => void>();
  private pending = false;
  /** How many codes the last push held. */
  private lastSize = 0;

  /** `read` builds the current report; `beforePush` finishes what a report needs (mark tones). */
  constructor(
    private readonly signal: AbortSignal,
    private readonly read: () => PageReport,
    private readonly beforePush: () => Promise<void> = () => Promise.resolve(),
  ) {}

  subscribe(listener: (report: PageReport) => void): () => void {
    this.listeners.add(listener);
    listener(this.read());
    return () => this.listeners.delete(listener);
  }

  /** The marks changed: one push after a short delay, however many changes come meanwhile. */
  changed(): void {
    if (this.pending || this.signal.aborted) return;
    this.pending = true;
    later(this.signal, this.lastSize > BIG_REPORT ? BIG_REPORT_DELAY_MS : REPORT_DELAY_MS, () => {
      this.pending = false;
      void this.beforePush().then(() => this.push());
    });
  }

  push(): void {
    if (this.listeners.size === 0 || this.signal.aborted) return;
    const report = this.read();
    this.lastSize = report.mentions.length;
    for (const listener of this.listeners) listener(report);
  }
}
