/**
 * Marks on a page's text layer: each mention's spans (characters of text items, lib/pdf) wrapped in the
 * text layer's spans as <remit-mark> elements, as the content script marks a page's text (lib/page/marker),
 * with the same data-remit-code / data-remit-amount contract. A code pdf.js split over two items has two
 * marks of one mention (one id). Text is only ever moved into elements made here, never parsed as markup.
 */

import { markSpans, type Patch } from '@/lib/page/marker';
import type { PdfMention } from '@/lib/pdf/detect';
import { markId } from './pdf-reading';

interface ItemPiece {
  start: number;
  end: number;
  mention: PdfMention;
  index: number;
}

export interface MarkOptions {
  page: number;
  tone(code: string): string | undefined;
}

/** Marks `mentions` (the page's, in its order) in `spans` (the text layer's span per text item); returns the marks made. */
export function markTextLayer(spans: readonly HTMLElement[], mentions: readonly PdfMention[], options: MarkOptions): HTMLElement[] {
  const byItem = new Map<number, ItemPiece[]>();
  mentions.forEach((mention, index) => {
    for (const s of mention.spans) {
      const list = byItem.get(s.item) ?? [];
      list.push({ start: s.start, end: s.end, mention, index });
      byItem.set(s.item, list);
    }
  });
  const marks: HTMLElement[] = [];
  for (const [item, pieces] of byItem) {
    const span = spans[item];
    const node = span?.firstChild;
    if (!span || !(node instanceof Text)) continue;
    pieces.sort((a, b) => a.start - b.start);
    // Overlapping pieces cannot both be wrapped: the first one wins.
    const kept = pieces.filter((p, i) => i === 0 || p.start >= (pieces[i - 1]?.end ?? 0));
    const patch: Patch = markSpans({ nodes: [node], starts: [0], text: node.data, block: span }, kept, (mark, piece) =>
      decorate(mark as HTMLElement, piece, options),
    );
    for (const m of patch.marks) if (m instanceof HTMLElement) marks.push(m);
  }
  return marks;
}

function decorate(mark: HTMLElement, piece: ItemPiece, options: MarkOptions): void {
  const { mention } = piece;
  mark.setAttribute('data-remit-code', mention.code);
  if (mention.amount) mark.setAttribute('data-remit-amount', mention.amount);
  mark.setAttribute('data-mark', markId(options.page, piece.index));
  mark.setAttribute('role', 'button');
  mark.setAttribute('tabindex', '-1');
  mark.setAttribute('aria-label', `${mention.code}${mention.amount ? `, $${mention.amount}` : ''}: what it means`);
  const tone = options.tone(mention.code);
  if (tone) mark.className = `tone-${tone}`;
}

/** Gives every mark in `root` the class of its code's tone (meanings arrive after the marks). */
export function toneMarks(root: ParentNode, tone: (code: string) => string | undefined): void {
  for (const mark of Array.from(root.querySelectorAll<HTMLElement>('remit-mark[data-remit-code]'))) {
    const t = tone(mark.getAttribute('data-remit-code') ?? '');
    const want = t ? `tone-${t}` : '';
    if (mark.className !== want) mark.className = want;
  }
}
