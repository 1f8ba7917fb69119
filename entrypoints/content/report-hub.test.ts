import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PageReport } from '@/lib/messages';
import { ReportHub } from './report-hub';

const report = (n: number): PageReport => ({ mentions: [], marksOn: n > 0, scanning: false });

afterEach(() => vi.useRealTimers());

describe('ReportHub', () => {
  it('answers a new subscriber at once and batches changes into one push', async () => {
    vi.useFakeTimers();
    let n = 0;
    const hub = new ReportHub(new AbortController().signal, () => report(n));
    const seen: PageReport[] = [];
    const stop = hub.subscribe((r) => seen.push(r));
    expect(seen).toHaveLength(1);
    n = 1;
    hub.changed();
    hub.changed();
    await vi.advanceTimersByTimeAsync(100);
    expect(seen).toHaveLength(2);
    expect(seen[1]?.marksOn).toBe(true);
    stop();
    hub.changed();
    await vi.advanceTimersByTimeAsync(100);
    expect(seen).toHaveLength(2);
  });

  it('pushes nothing once its signal aborted', async () => {
    vi.useFakeTimers();
    const life = new AbortController();
    const hub = new ReportHub(life.signal, () => report(1));
    const listener = vi.fn();
    hub.subscribe(listener);
    hub.changed();
    life.abort();
    await vi.advanceTimersByTimeAsync(100);
    hub.push();
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
