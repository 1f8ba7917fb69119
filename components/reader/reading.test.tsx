// The reader's reading pass: claims become entries as soon as they are complete (never the one still being
// read), totals and checks match the file, and a trace seen in an earlier file of the same tab is flagged.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shippedSequestration } from '@/lib/catalog/sequestration-data';
import { Reading, type SeenTraces } from './reading';

const text = readFileSync(join(process.cwd(), 'test/fixtures/835/synthetic-medicare-b-co253.835'), 'utf8');

describe('Reading', () => {
  it('adds each claim once it is complete, slice by slice, and ends with the checks of each payment', () => {
    let clock = 0;
    const reading = new Reading(text, 'a.835', shippedSequestration(), new Map(), 7);
    const counts: number[] = [];
    // A clock that moves 1 ms per look: every slice reads one step of 7 segments, then stops.
    let slices = 1;
    while (!reading.slice(0.5, () => clock++)) {
      counts.push(reading.entries.length);
      if (++slices > 100) throw new Error('never finished');
    }
    // Claims arrive one by one as the next one starts, never all at the end.
    expect(slices).toBeGreaterThan(10);
    expect(new Set(counts)).toEqual(new Set([0, 1, 2, 3]));
    expect(reading.entries.map((e) => [e.remit, e.number, e.claim.account, e.claim.lines.length])).toEqual([
      [0, 1, 'SYN0001', 2],
      [1, 1, 'SYN0002', 2],
      [1, 2, 'SYN0003', 2],
      [1, 3, 'SYN0004', 1],
    ]);
    expect(reading.remitChecks.map((c) => [c.payment.state, c.offClaims, c.sequestrationChecked, c.sequestrationOff])).toEqual([
      ['ok', 0, 0, 0],
      ['ok', 0, 5, 1],
    ]);
    expect(reading.totals.summary().claims).toBe(4);
    expect([...reading.codes].sort()).toContain('CO-253');
    expect(reading.byKey.get('c4')?.claim.account).toBe('SYN0004');
  });

  it('never hands out a claim that is still being read', () => {
    const reading = new Reading(text, 'a.835', shippedSequestration(), new Map(), 3);
    const firstSeen = new Map<string, string>();
    let clock = 0;
    for (let slices = 0; !reading.slice(0.5, () => clock++); slices++) {
      expect(slices).toBeLessThan(1000);
      for (const e of reading.entries) {
        if (!firstSeen.has(e.claim.key)) firstSeen.set(e.claim.key, JSON.stringify(e.claim));
      }
    }
    // Each claim, when it first appeared, was already what it is at the end: its lines, adjustments and remarks.
    for (const e of reading.entries) expect(firstSeen.get(e.claim.key) ?? JSON.stringify(e.claim)).toBe(JSON.stringify(e.claim));
    expect(firstSeen.size).toBe(3);
  });

  it('flags a check/EFT trace opened before in this tab, and within one file', () => {
    const seen: SeenTraces = new Map();
    const first = new Reading(text, 'first.835', shippedSequestration(), seen);
    while (!first.slice(1e9));
    expect(first.duplicates).toEqual([]);
    const again = new Reading(text, 'second.835', shippedSequestration(), seen);
    while (!again.slice(1e9));
    expect(again.duplicates.map((d) => [d.remit, d.trace, d.seenIn])).toEqual([
      [0, '800000001', 'first.835, payment 1'],
      [1, '800000002', 'first.835, payment 2'],
    ]);
  });
});
