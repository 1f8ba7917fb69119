/**
 * A page changed text inside a long block we read, away from its codes (a clock or a counter ticking
 * in a paragraph of thousands of codes). Reading and marking the whole block again on every tick is
 * the cost; instead the unit is brought up to date in place when the change cannot have changed what
 * it says about codes: the changed text held no code and no amount, holds none now, and detection
 * around the change finds the same codes before and after it.
 */
import type { Mention } from '../detect/types';
import type { TextUnit } from './units';

/** Characters read on each side of the change: more than any label, list or amount reaches. */
const AROUND = 160;
/** An amount in the changed text (`12.00`): it may be a code's, so the whole block is read again. */
const AMOUNT = /\d[\d,]*\.\d{2}/;

export interface Retexted {
  text: string;
  starts: number[];
  /** Each node's text (the unit's `data` after the change). */
  data: string[];
  /** Offsets at or after `from` move by `by`. */
  from: number;
  by: number;
}

/**
 * The unit after nodes `index`..`index + count - 1` (whose text when read was `data`) became nodes
 * with `texts`, or null when the block must be read again. `detect` reads codes in a piece of text.
 */
export function retextUnit(
  unit: Pick<TextUnit, 'text' | 'starts'>,
  data: readonly string[],
  mentions: readonly Pick<Mention, 'start' | 'end'>[],
  index: number,
  count: number,
  texts: readonly string[],
  detect: (text: string) => readonly Pick<Mention, 'start' | 'end' | 'code' | 'amount'>[],
): Retexted | null {
  const start = unit.starts[index];
  if (start === undefined || index + count > data.length) return null;
  const old = data.slice(index, index + count).join('');
  const now = texts.join('');
  const end = start + old.length;
  // A code in (or touching) the changed text, or an amount there: read again.
  if (mentions.some((m) => m.start <= end && m.end >= start)) return null;
  if (AMOUNT.test(old) || AMOUNT.test(now)) return null;
  const text = unit.text.slice(0, start) + now + unit.text.slice(end);
  const by = now.length - old.length;
  const from = Math.max(0, start - AROUND);
  const before = detect(unit.text.slice(from, Math.min(unit.text.length, end + AROUND)));
  const after = detect(text.slice(from, Math.min(text.length, start + now.length + AROUND)));
  const at = (m: Pick<Mention, 'start'>, shift: number) => (m.start >= end - from ? m.start + shift : m.start);
  const same =
    before.length === after.length &&
    before.every((b, i) => {
      const a = after[i];
      return a !== undefined && a.code === b.code && a.amount === b.amount && a.start === at(b, by);
    });
  if (!same) return null;
  const starts = [...unit.starts.slice(0, index)];
  let offset = start;
  for (const t of texts) {
    starts.push(offset);
    offset += t.length;
  }
  for (let i = index + count; i < unit.starts.length; i++) starts.push((unit.starts[i] ?? 0) + by);
  return { text, starts, data: [...data.slice(0, index), ...texts, ...data.slice(index + count)], from: end, by };
}
