import { describe, expect, it } from 'vitest';
import { type Box, cardLimits, placeCard } from './card-placement';

const box = (left: number, top: number, width: number, height: number): Box => ({ left, top, right: left + width, bottom: top + height });
const laptop = { width: 1366, height: 768 };

describe('cardLimits', () => {
  it('takes at most about 40% of the viewport in height, more on a small window so it stays readable', () => {
    expect(cardLimits(laptop)).toEqual({ width: 380, height: 307 });
    expect(cardLimits({ width: 640, height: 450 })).toEqual({ width: 380, height: 220 });
    expect(cardLimits({ width: 300, height: 200 })).toEqual({ width: 284, height: 184 });
  });
});

describe('placeCard', () => {
  const card = { width: 380, height: 300 };

  it('goes below the row the mark is on, so the row’s amounts stay visible', () => {
    const row = box(20, 100, 1300, 28);
    const at = placeCard(box(900, 106, 40, 16), row, card, laptop);
    expect(at.side).toBe('below');
    expect(at.top).toBeGreaterThanOrEqual(row.bottom);
    expect(at.left + card.width).toBeLessThanOrEqual(laptop.width - 8);
  });

  it('goes above the row near the bottom of the window', () => {
    const row = box(20, 600, 1300, 28);
    const at = placeCard(box(900, 606, 40, 16), row, card, laptop);
    expect(at.side).toBe('above');
    expect(at.top + card.height).toBeLessThanOrEqual(row.top);
  });

  it('goes beside the mark when neither above nor below the row has room', () => {
    const short = { width: 1366, height: 400 };
    const at = placeCard(box(100, 180, 40, 16), box(20, 170, 300, 36), card, short);
    expect(at.side).toBe('right');
    expect(at.left).toBeGreaterThanOrEqual(140);
  });

  it('keeps only the mark clear when its line is taller than half the window (a printout)', () => {
    const at = placeCard(box(300, 200, 40, 16), box(0, -2000, 1000, 6000), card, laptop);
    expect(at.side).toBe('below');
    expect(at.top).toBeGreaterThanOrEqual(216);
  });

  it('scrolls inside a shorter card where the roomiest side cannot hold it whole', () => {
    const small = { width: 420, height: 320 };
    const at = placeCard(box(200, 100, 40, 16), box(0, 96, 420, 24), { width: 380, height: 300 }, small);
    expect(at.maxHeight).toBeDefined();
    expect((at.maxHeight ?? 0) + at.top).toBeLessThanOrEqual(small.height - 8);
  });
});
