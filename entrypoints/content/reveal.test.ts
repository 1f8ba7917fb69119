import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Mention } from '@/lib/detect/types';
import { Revealer } from './reveal';

const mention = (code: string): Mention => ({ start: 0, end: 1, kind: 'carc', code, reason: code });

afterEach(() => {
  vi.useRealTimers();
  document.body.innerHTML = '';
});

describe('Revealer', () => {
  it('goes to the marks of a code one after another in page order, and flashes each for a moment', () => {
    vi.useFakeTimers();
    document.body.innerHTML = '<p><remit-mark id="a"></remit-mark><remit-mark id="b"></remit-mark><remit-mark id="c"></remit-mark></p>';
    const [a, b, c] = ['a', 'b', 'c'].map((id) => document.getElementById(id) as HTMLElement) as [HTMLElement, HTMLElement, HTMLElement];
    for (const el of [a, b, c]) el.scrollIntoView = vi.fn();
    // Given out of order: the revealer sorts by page position.
    const marks = [
      { mark: c, mention: mention('CO-45') },
      { mark: b, mention: mention('PR-2') },
      { mark: a, mention: mention('CO-45') },
    ];
    const revealer = new Revealer(new AbortController().signal, () => marks);
    expect(revealer.reveal('CO-45')).toEqual({ found: true, index: 0, total: 2 });
    expect(a.hasAttribute('data-remit-flash')).toBe(true);
    expect(revealer.reveal('CO-45')).toEqual({ found: true, index: 1, total: 2 });
    expect(a.hasAttribute('data-remit-flash')).toBe(false);
    expect(c.hasAttribute('data-remit-flash')).toBe(true);
    vi.advanceTimersByTime(3000);
    expect(c.hasAttribute('data-remit-flash')).toBe(false);
    expect(revealer.reveal('N130')).toEqual({ found: false, index: -1, total: 0 });
  });

  it('takes its flash off when the run ends', () => {
    document.body.innerHTML = '<remit-mark id="a"></remit-mark>';
    const a = document.getElementById('a') as HTMLElement;
    a.scrollIntoView = vi.fn();
    const run = new AbortController();
    new Revealer(run.signal, () => [{ mark: a, mention: mention('CO-45') }]).reveal('CO-45');
    run.abort();
    expect(a.hasAttribute('data-remit-flash')).toBe(false);
  });
});
