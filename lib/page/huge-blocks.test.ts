import { describe, expect, it } from 'vitest';
import { covers, indexAt } from './huge-blocks';

describe('huge blocks: finding a code by offset', () => {
  const mentions = [
    { start: 4, end: 6 },
    { start: 10, end: 14 },
    { start: 20, end: 22 },
  ];

  it('finds the code holding an offset, at its first and last character, and nothing between codes', () => {
    expect([3, 4, 5, 6, 9, 10, 13, 14, 20, 21, 22, 99].map((o) => indexAt(mentions, o))).toEqual([
      -1, 0, 0, -1, -1, 1, 1, -1, 2, 2, -1, -1,
    ]);
    expect(indexAt([], 0)).toBe(-1);
  });

  it('knows when what is painted still covers what is needed', () => {
    expect(
      covers(
        [
          [0, 100],
          [200, 300],
        ],
        [[10, 90]],
      ),
    ).toBe(true);
    expect(covers([[0, 100]], [[90, 110]])).toBe(false);
    expect(covers([[0, 100]], [])).toBe(true);
  });
});
