/**
 * The text one detector call reads (a paragraph, a table cell, a printout block), put together from
 * pieces of a page's rebuilt text, with the way back: an offset in the unit is an offset in the page.
 */

interface Piece {
  /** Where the piece starts in the unit's text. */
  at: number;
  /** Where it starts in the page's text; -1 for a joiner the unit added (a space between wrapped lines). */
  from: number;
  length: number;
}

export class UnitText {
  text = '';
  private readonly pieces: Piece[] = [];

  constructor(private readonly page: string) {}

  /** Adds the page's text `start`..`end`. */
  add(start: number, end: number): this {
    if (end > start) {
      this.pieces.push({ at: this.text.length, from: start, length: end - start });
      this.text += this.page.slice(start, end);
    }
    return this;
  }

  /** Adds text of the unit's own (a joiner) that is not on the page. */
  join(text: string): this {
    if (text !== '') {
      this.pieces.push({ at: this.text.length, from: -1, length: text.length });
      this.text += text;
    }
    return this;
  }

  get empty(): boolean {
    return this.text.trim() === '';
  }

  /** The page offset of the unit's character `offset` (a joiner maps to the page text right after it). */
  private pageOffset(offset: number, end: boolean): number {
    let lo = 0;
    let hi = this.pieces.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.pieces[mid]?.at ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    const piece = this.pieces[lo];
    if (!piece) return 0;
    if (piece.from >= 0) return piece.from + (offset - piece.at) + (end ? 1 : 0);
    // A joiner: the next page piece's start (for a start), the previous one's end (for an end).
    const near = end ? this.pieces.slice(0, lo).findLast((p) => p.from >= 0) : this.pieces.slice(lo + 1).find((p) => p.from >= 0);
    if (!near) return 0;
    return end ? near.from + near.length : near.from;
  }

  /** Whether the page's character at `offset` is part of this unit. */
  hasPage(offset: number): boolean {
    return this.pieces.some((p) => p.from >= 0 && offset >= p.from && offset < p.from + p.length);
  }

  /** The page's range for the unit's range `start`..`end` (end exclusive). */
  toPage(start: number, end: number): { start: number; end: number } {
    return { start: this.pageOffset(start, false), end: this.pageOffset(Math.max(start, end - 1), true) };
  }
}
