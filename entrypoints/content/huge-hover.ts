/**
 * The pointer over huge blocks: their overlay marks sit in a layer the pointer goes through, so no
 * pointerover reaches them. The code under the pointer is looked up once a frame at most (the last
 * position wins) and its card opened; off a code, the controller decides whether the card goes.
 */
import type { Mention } from '@/lib/detect/types';
import type { MarkElement } from '@/lib/page/units';
import type { CardAnchor } from './card-anchor';

/** The code under a point: its overlay mark, or where there is none, its text range. */
export type Spot = { mark: MarkElement; mention: Mention } | { range: Range; mention: Mention };

export interface HugeHoverDeps {
  doc: Document;
  signal: AbortSignal;
  spotAt(x: number, y: number): Spot | undefined;
  trusted(event: Event): boolean;
  open(anchor: CardAnchor, mention: Mention): void;
  /** The pointer is over no code of a huge block. */
  away(x: number, y: number): void;
}

export function followHugeBlocks(deps: HugeHoverDeps): void {
  const { doc, signal } = deps;
  let pointer: { x: number; y: number } | null = null;
  let frame = 0;
  const pointed = () => {
    frame = 0;
    if (!pointer || signal.aborted) return;
    const spot = deps.spotAt(pointer.x, pointer.y);
    if (spot) deps.open('mark' in spot ? spot.mark : spot.range, spot.mention);
    else deps.away(pointer.x, pointer.y);
  };
  const move = (event: Event) => {
    if (!deps.trusted(event)) return;
    const e = event as PointerEvent;
    pointer = { x: e.clientX, y: e.clientY };
    if (frame === 0) frame = doc.defaultView?.requestAnimationFrame(pointed) ?? 0;
  };
  doc.addEventListener('pointermove', move, { capture: true, passive: true, signal });
  signal.addEventListener('abort', () => cancelAnimationFrame(frame), { once: true });
}
