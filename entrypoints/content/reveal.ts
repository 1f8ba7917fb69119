/**
 * "Find it on the page": each call scrolls to the next mark of a code, in page order (shadow roots
 * included), and flashes it for a moment.
 */
import { composedOrder, type MarkElement } from '@/lib/page/units';
import { later } from '@/lib/signal';
import type { MarkedMention } from './card-controller';

export interface RevealResult {
  found: boolean;
  index: number;
  total: number;
}

const FLASH_MS = 2500;

export class Revealer {
  private readonly next = new Map<string, number>();
  private flashed: MarkElement | null = null;
  private cancelFlash: () => void = () => undefined;

  constructor(
    private readonly signal: AbortSignal,
    private readonly marks: () => readonly MarkedMention[],
  ) {
    signal.addEventListener('abort', () => this.unflash(), { once: true });
  }

  reveal(code: string): RevealResult {
    const marks = this.marks()
      .filter((e) => e.mention.code === code)
      .map((e) => e.mark)
      .sort(composedOrder);
    if (marks.length === 0) return { found: false, index: -1, total: 0 };
    const index = ((this.next.get(code) ?? -1) + 1) % marks.length;
    this.next.set(code, index);
    const mark = marks[index] as MarkElement;
    this.unflash();
    this.flashed = mark;
    mark.scrollIntoView({ block: 'center', inline: 'nearest' });
    mark.setAttribute('data-remit-flash', '');
    this.cancelFlash = later(this.signal, FLASH_MS, () => this.unflash());
    return { found: true, index, total: marks.length };
  }

  private unflash(): void {
    this.cancelFlash();
    this.flashed?.removeAttribute('data-remit-flash');
    this.flashed = null;
  }
}
