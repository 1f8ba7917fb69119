import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Mention } from '@/lib/detect/types';
import type { Detection, MarkEntry } from '@/lib/page/scanner';
import { Revealer, type RevealSource } from './reveal';

const mention = (code: string): Mention => ({ start: 0, end: 1, kind: 'carc', code, reason: code });

afterEach(() => {
  vi.useRealTimers();
  document.body.innerHTML = '';
});

/** Detections over the marks given, in the order given; `placed` says which have a mark yet. */
function source(items: { el: HTMLElement; code: string; placed: boolean }[]): RevealSource & { placedNow: string[] } {
  const placedNow: string[] = [];
  const detections: Detection[] = items.map((item) => ({ mention: mention(item.code), record: item, collapsed: false }));
  return {
    placedNow,
    detections: () => detections,
    nodeOf: (d) => (d.record as { el: HTMLElement }).el.firstChild ?? (d.record as { el: HTMLElement }).el,
    reveal: async (d) => {
      const item = d.record as { el: HTMLElement; placed: boolean; code: string };
      if (!item.placed) {
        item.placed = true;
        placedNow.push(item.code);
      }
      return { mark: item.el, mention: d.mention } as MarkEntry;
    },
  };
}

describe('Revealer', () => {
  it('goes to the mentions of a code one after another in page order, placing a mark where there is none yet, and flashes it', async () => {
    vi.useFakeTimers();
    document.body.innerHTML = '<p><span id="a">a</span><span id="b">b</span><span id="c">c</span></p>';
    const [a, b, c] = ['a', 'b', 'c'].map((id) => document.getElementById(id) as HTMLElement) as [HTMLElement, HTMLElement, HTMLElement];
    for (const el of [a, b, c]) el.scrollIntoView = vi.fn();
    // Given out of order: the revealer sorts by page position.
    const src = source([
      { el: c, code: 'CO-45', placed: false },
      { el: b, code: 'PR-2', placed: true },
      { el: a, code: 'CO-45', placed: true },
    ]);
    const revealer = new Revealer(new AbortController().signal, src);
    expect(await revealer.reveal('CO-45')).toEqual({ found: true, index: 0, total: 2 });
    expect(a.hasAttribute('data-remit-flash')).toBe(true);
    expect(await revealer.reveal('CO-45')).toEqual({ found: true, index: 1, total: 2 });
    expect(src.placedNow).toEqual(['CO-45']);
    expect(a.hasAttribute('data-remit-flash')).toBe(false);
    expect(c.hasAttribute('data-remit-flash')).toBe(true);
    vi.advanceTimersByTime(3000);
    expect(c.hasAttribute('data-remit-flash')).toBe(false);
    expect(await revealer.reveal('N130')).toEqual({ found: false, index: -1, total: 0 });
  });

  it('takes its flash off when the run ends', async () => {
    document.body.innerHTML = '<span id="a">a</span>';
    const a = document.getElementById('a') as HTMLElement;
    a.scrollIntoView = vi.fn();
    const run = new AbortController();
    await new Revealer(run.signal, source([{ el: a, code: 'CO-45', placed: true }])).reveal('CO-45');
    expect(a.hasAttribute('data-remit-flash')).toBe(true);
    run.abort();
    expect(a.hasAttribute('data-remit-flash')).toBe(false);
  });
});
