/**
 * Where the card goes, as plain geometry: inside the viewport, beside its mark, and clear of the line
 * the mark is on (the row's amounts must stay readable), at most about 40% of the viewport tall
 * (longer content scrolls inside). Below the line when the card fits there, else above it, else beside
 * the mark; only when no side has usable room does it cover the line, clamped to the viewport.
 */

export interface Box {
  top: number;
  left: number;
  right: number;
  bottom: number;
}

export interface Size {
  width: number;
  height: number;
}

export const MARGIN = 8;
export const GAP = 6;
export const CARD_WIDTH = 380;
/** The share of the viewport a card may take in height before it scrolls inside. */
export const HEIGHT_SHARE = 0.4;
/** Smaller than this the card is hard to read: a small window (200% zoom) lets it take more. */
export const MIN_HEIGHT = 220;
/** Below this much room on a side, a card squeezed there would be too small to read. */
const MIN_ROOM_HEIGHT = 140;
const MIN_ROOM_WIDTH = 220;

/** The card's largest size in this viewport. */
export function cardLimits(viewport: Size): Size {
  const room = Math.max(0, viewport.height - 2 * MARGIN);
  return {
    width: Math.max(0, Math.min(CARD_WIDTH, viewport.width - 2 * MARGIN)),
    height: Math.min(room, Math.max(Math.round(viewport.height * HEIGHT_SHARE), MIN_HEIGHT)),
  };
}

export interface Placement {
  top: number;
  left: number;
  /** Set when the card must be shorter than its limit to fit the side it goes to. */
  maxHeight?: number;
  maxWidth?: number;
  side: 'below' | 'above' | 'right' | 'left' | 'over';
}

const clamp = (value: number, low: number, high: number) => Math.min(Math.max(value, low), Math.max(low, high));

/**
 * `mark`: the mark's box; `line`: the box of the row or line it is on (its amounts); `card`: the card's
 * size at its limits; all in viewport coordinates.
 */
export function placeCard(mark: Box, line: Box, card: Size, viewport: Size): Placement {
  const { width: vw, height: vh } = viewport;
  const { width: w, height: h } = card;
  // The line is what must stay visible; when it is far wider or taller than the viewport, the mark is.
  const keep = line.bottom - line.top > vh * 0.5 ? mark : line;
  const room = {
    below: vh - MARGIN - (keep.bottom + GAP),
    above: keep.top - GAP - MARGIN,
    right: vw - MARGIN - (mark.right + GAP),
    left: mark.left - GAP - MARGIN,
  };
  const x = clamp(mark.left, MARGIN, vw - MARGIN - w);
  if (room.below >= h) return { top: keep.bottom + GAP, left: x, side: 'below' };
  if (room.above >= h) return { top: keep.top - GAP - h, left: x, side: 'above' };
  const besideTop = clamp(mark.top, MARGIN, vh - MARGIN - h);
  if (room.right >= w) return { top: besideTop, left: mark.right + GAP, side: 'right' };
  if (room.left >= w) return { top: besideTop, left: mark.left - GAP - w, side: 'left' };
  const tall = room.below >= room.above ? 'below' : 'above';
  if (room[tall] >= MIN_ROOM_HEIGHT) {
    const height = room[tall];
    return { top: tall === 'below' ? keep.bottom + GAP : keep.top - GAP - height, left: x, maxHeight: height, side: tall };
  }
  const wide = room.right >= room.left ? 'right' : 'left';
  if (room[wide] >= MIN_ROOM_WIDTH) {
    const width = room[wide];
    return { top: besideTop, left: wide === 'right' ? mark.right + GAP : mark.left - GAP - width, maxWidth: width, side: wide };
  }
  return { top: clamp(mark.bottom + GAP, MARGIN, vh - MARGIN - h), left: x, side: 'over' };
}
