/**
 * The run's side of huge blocks (lib/page/huge-blocks.ts): their codes get overlay marks in a layer of
 * our own, made and decorated like marks, toned before they are drawn, never written into the block.
 * Gives the scanner its `huge` option and the run the blocks (for the card, the keys and the tally).
 */
import type { Mention } from '@/lib/detect/types';
import { HugeBlocks } from '@/lib/page/huge-blocks';
import type { ScannerOptions } from '@/lib/page/scanner';
import type { MarkElement } from '@/lib/page/units';

export interface HugeLayerDeps {
  /** A mark's attributes beyond the page contract (the run's decorate). */
  decorate(mark: MarkElement, mention: Mention): void;
  /** The CSS highlight a code is painted with where no overlay mark can be placed. */
  highlightOf(code: string): string;
  /** The layer's shadow root: gets our mark sheet and listeners. */
  onLayer(root: ShadowRoot): void;
  /** Fetches the codes' tones, then restyles: overlay marks are drawn toned. */
  toneFirst(codes: string[]): Promise<void>;
  /** Open in the e2e build (tests read the layer), closed otherwise. */
  layerMode: 'open' | 'closed';
}

export function hugeLayer(
  doc: Document,
  deps: HugeLayerDeps,
  signal: AbortSignal,
): { blocks: HugeBlocks; option: NonNullable<ScannerOptions['huge']> } {
  const blocks = new HugeBlocks(
    doc,
    {
      makeMark: (d, mention) => {
        const mark = d.createElement('remit-mark');
        mark.setAttribute('data-remit-code', mention.code);
        if (mention.amount) mark.setAttribute('data-remit-amount', mention.amount);
        deps.decorate(mark, mention);
        return mark;
      },
      highlightOf: (m) => deps.highlightOf(m.code),
      onLayer: (root) => deps.onLayer(root),
      layerMode: deps.layerMode,
    },
    signal,
  );
  const option: NonNullable<ScannerOptions['huge']> = {
    add: (record) => {
      void deps.toneFirst(record.mentions.map((m) => m.code)).then(() => {
        if (!signal.aborted) blocks.add(record);
      });
    },
    remove: (record) => blocks.remove(record),
    reveal: (record, index) => blocks.reveal(record, index),
  };
  return { blocks, option };
}
