import { describe, expect, it } from 'vitest';
import { Churn } from './churn';

describe('Churn', () => {
  it('reads a block at once, then waits longer and longer while it keeps changing, and at once again after a quiet spell', () => {
    let now = 0;
    const churn = new Churn(() => now);
    const block = document.createElement('p');
    const tick = () => {
      const due = churn.due(block);
      if (due <= now) churn.read(block);
      return due - now;
    };
    // A clock ticking every second: read, read, then waits of 1 s, 2 s, 4 s... as the block is read.
    expect(tick()).toBe(0);
    const waits: number[] = [];
    for (let s = 1; s <= 120; s++) {
      now = s * 1000;
      const wait = tick();
      if (wait === 0) waits.push(s);
    }
    // Reads get rarer: the gaps between them grow to 30 s.
    const gaps = waits.map((s, i) => s - (waits[i - 1] ?? 0));
    expect(gaps.slice(0, 6)).toEqual([1, 2, 4, 8, 16, 30]);
    expect(Math.max(...gaps)).toBe(30);
    expect(waits.length).toBeLessThan(12);
    // Quiet for a minute: the next change is read at once.
    now += 60_000;
    expect(tick()).toBeLessThanOrEqual(0);
    // And the pace starts over: a second later, one second's wait.
    now += 1000;
    expect(tick()).toBe(0);
    now += 1000;
    expect(tick()).toBe(1000);
  });
});
