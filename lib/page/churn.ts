/**
 * Slows down reading a block again when the page keeps changing it (a ticking clock, a live counter,
 * a feed): the first changes are read at once; a block changed again within twice its current delay
 * waits, 1 s, then 2 s, 4 s… up to 30 s between reads; a block left alone that long is read at once
 * again. Marks of such a block stay valid meanwhile (a change to a marked node drops that mark at once).
 */
export const CHURN_FIRST_DELAY_MS = 1000;
export const CHURN_MAX_DELAY_MS = 30_000;

interface Pace {
  /** When it was last read. */
  last: number;
  /** How long it waits between reads now. */
  delay: number;
  /** When the change since the last read may be read (decided by the first change after a read). */
  due?: number;
  /** When it last changed. */
  changed?: number;
}

export class Churn {
  private pace = new WeakMap<Element, Pace>();

  constructor(private readonly now: () => number) {}

  /** When `block` may be read again after a change: now or earlier means at once. */
  due(block: Element): number {
    const pace = this.pace.get(block);
    if (!pace) return 0;
    const now = this.now();
    // Unchanged for twice its delay: it has calmed down, and is read at once again.
    const quiet = now - (pace.changed ?? pace.last) >= 2 * Math.max(pace.delay, CHURN_FIRST_DELAY_MS);
    pace.changed = now;
    if (quiet) pace.delay = 0;
    if (pace.due !== undefined) return pace.due;
    // Changed again soon after the last read: it churns; wait longer than last time.
    if (!quiet && now - pace.last < 2 * Math.max(pace.delay, CHURN_FIRST_DELAY_MS)) {
      pace.delay = Math.min(CHURN_MAX_DELAY_MS, pace.delay === 0 ? CHURN_FIRST_DELAY_MS : pace.delay * 2);
    }
    pace.due = pace.last + pace.delay;
    return pace.due;
  }

  /** `block` was read now. */
  read(block: Element): void {
    const pace = this.pace.get(block);
    if (pace) {
      pace.last = this.now();
      pace.due = undefined;
    } else this.pace.set(block, { last: this.now(), delay: 0 });
  }

  clear(): void {
    this.pace = new WeakMap();
  }
}
