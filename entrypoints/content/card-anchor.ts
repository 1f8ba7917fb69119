/** What the card reads from the mark it opens for: the line the mark is on, and the page's colours there. */
import { isInline } from '@/lib/page/units';

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
