/**
 * What a card opens beside (a mark, or the text of a code in a huge block) and what it reads there: the
 * line the code is on, and the page's colours around it.
 */
import { isInline, type MarkElement } from '@/lib/page/units';

/** Light text around the mark means a dark page: the card then comes in dark colours too. */
export function schemeAround(mark: Element): 'light' | 'dark' {
  const color = mark.ownerDocument.defaultView?.getComputedStyle(mark).color ?? '';
  if (!color.startsWith('rgb')) return 'light';
  const linear = (color.match(/[\d.]+/g) ?? []).slice(0, 3).map((part) => {
    const c = Number(part) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  const [r = 0, g = 0, b = 0] = linear;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.4 ? 'dark' : 'light';
}

/** The row or line a mark is on: its table row, or the block its text runs in. */
export function lineOf(mark: Element): Element | null {
  const row = mark.closest('tr,[role="row"]');
  if (row) return row;
  let el = mark.parentElement;
  while (el && isInline(el)) el = el.parentElement;
  return el;
}

/** What a card opens beside: a mark, or the text of a code in a huge block (lib/page/huge-blocks.ts). */
export type CardAnchor = MarkElement | Range;

export function isRange(anchor: CardAnchor): anchor is Range {
  return 'startContainer' in anchor;
}

/** The element an anchor's text is in (for its colours). */
export function elementOf(anchor: CardAnchor): Element | null {
  if (!isRange(anchor)) return anchor;
  const node = anchor.startContainer;
  return node.nodeType === 1 ? (node as Element) : node.parentElement;
}

/** True while the anchor's text is on the page. */
export function anchorConnected(anchor: CardAnchor): boolean {
  return isRange(anchor) ? anchor.startContainer.isConnected : anchor.isConnected;
}

/** The line of a code in a huge block: its own line, across the block (the block itself is all lines). */
export function lineInBlock(range: Range, mark: DOMRect): DOMRect {
  const block = elementOf(range);
  const box = block?.getBoundingClientRect();
  if (!box) return mark;
  return new DOMRect(box.left, mark.top, box.width, mark.height);
}
