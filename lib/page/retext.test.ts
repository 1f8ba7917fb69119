import { describe, expect, it } from 'vitest';
import { known } from '../../test/known-codes';
import { detectInText } from '../detect/text';
import { retextUnit } from './retext';

const detect = (text: string) => detectInText(text, known, { remittance: true });

/** A unit of three nodes: codes, a clock, codes. */
function unit(clock: string) {
  const data = ['Adjustments CO-45 12.00 and PR-2 20.00; updated ', clock, ' by the payer; remark N130 applies.'];
  const starts = [0, data[0]?.length ?? 0, (data[0]?.length ?? 0) + clock.length];
  const text = data.join('');
  return { unit: { text, starts }, data, mentions: detect(text) };
}

describe('retextUnit', () => {
  it('brings a unit up to date when a clock ticks away from its codes, codes after it moved by the change', () => {
    const u = unit('10:32:15 AM');
    const r = retextUnit(u.unit, u.data, u.mentions, 1, 1, ['10:32:16 in the morning'], detect);
    expect(r).not.toBe(null);
    expect(r?.text).toBe(`${u.data[0]}10:32:16 in the morning${u.data[2]}`);
    expect(r?.data[1]).toBe('10:32:16 in the morning');
    const n130 = u.mentions.find((m) => m.code === 'N130');
    expect(n130 && r && n130.start >= r.from).toBe(true);
    // What detection finds in the new text is the old mentions, moved.
    const moved = u.mentions.map((m) => (r && m.start >= r.from ? m.start + r.by : m.start));
    expect(detect(r?.text ?? '').map((m) => m.start)).toEqual(moved);
    expect(r?.starts).toEqual([0, u.unit.starts[1], (u.unit.starts[1] ?? 0) + '10:32:16 in the morning'.length]);
  });

  it('reads the block again when the change touches a code, holds an amount, or makes a code', () => {
    const u = unit('10:32:15 AM');
    // A code in the new text.
    expect(retextUnit(u.unit, u.data, u.mentions, 1, 1, ['10:32 and CO-97'], detect)).toBe(null);
    // An amount in the new text.
    expect(retextUnit(u.unit, u.data, u.mentions, 1, 1, ['$13.50'], detect)).toBe(null);
    // A node holding a code.
    expect(retextUnit(u.unit, u.data, u.mentions, 0, 1, ['Adjustments CO-45 13.00 and PR-2 20.00; updated '], detect)).toBe(null);
    // A label that makes a list of what follows.
    const v = { unit: { text: 'Paid in full. 45 (see below)', starts: [0, 14] }, data: ['Paid in full. ', '45 (see below)'], mentions: [] };
    expect(retextUnit(v.unit, v.data, v.mentions, 0, 1, ['Reason code: '], detect)).toBe(null);
  });
});
