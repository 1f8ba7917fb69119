/**
 * "Find it on the page": each call goes to the next mention of a code, in page order (shadow roots
 * included), placing its mark first when it has none yet (far from where the reader is), scrolls it
 * into view and flashes it for a moment. With a claim's or a line's key (from the popup's claim list,
 * a balance or a 2% check that fails), only the mentions of that claim or line: of one code, or any.
 */
import type { Detection, MarkEntry } from '@/lib/page/scanner';
import { composedOrder, type MarkElement } from '@/lib/page/units';
import { later } from '@/lib/signal';

export interface RevealResult {
  found: boolean;
  index: number;
  total: number;
}

/** What the revealer needs from the scanner. */
export interface RevealSource {
  detections(): Detection[];
  /** The detection's first text node, for page order. */
  nodeOf(detection: Detection): Node | undefined;
  reveal(detection: Detection): Promise<MarkEntry | undefined>;
}

const FLASH_MS = 2500;

export class Revealer {
  private readonly next = new Map<string, number>();
  private flashed: MarkElement | null = null;
  private cancelFlash: () => void = () => undefined;

  constructor(
    private readonly signal: AbortSignal,
    private readonly source: RevealSource,
  ) {
    signal.addEventListener('abort', () => this.unflash(), { once: true });
  }

  async reveal(code: string, key?: string): Promise<RevealResult> {
    const found = this.source
      .detections()
      .filter(
        (d) => (code === '' || d.mention.code === code) && (key === undefined || d.mention.lineKey === key || d.mention.claimKey === key),
      )
      .map((d) => ({ d, node: this.source.nodeOf(d) }))
      .filter((x): x is { d: Detection; node: Node } => x.node !== undefined)
      .sort((a, b) => composedOrder(a.node, b.node) || a.d.mention.start - b.d.mention.start);
    if (found.length === 0) return { found: false, index: -1, total: 0 };
    const which = key === undefined ? code : `${code}|${key}`;
    const index = ((this.next.get(which) ?? -1) + 1) % found.length;
    this.next.set(which, index);
    const entry = await this.source.reveal((found[index] as { d: Detection }).d);
    if (!entry || this.signal.aborted) return { found: false, index: -1, total: found.length };
    const mark = entry.mark;
    this.unflash();
    this.flashed = mark;
    mark.scrollIntoView({ block: 'center', inline: 'nearest' });
    mark.setAttribute('data-remit-flash', '');
    this.cancelFlash = later(this.signal, FLASH_MS, () => this.unflash());
    return { found: true, index, total: found.length };
  }

  private unflash(): void {
    this.cancelFlash();
    this.flashed?.removeAttribute('data-remit-flash');
    this.flashed = null;
  }
}
