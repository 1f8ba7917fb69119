// What both browsers' corpus tests do with a page of the labelled corpus: wait until a page that renders
// itself has settled, and compare its marks with its labels less its known differences.
import { expect } from 'vitest';
import { withoutKnown } from '../known-differences';
import { pagesDir } from './corpus';
import { beyond, loadCorpus } from './corpus-score';
import { countMarks, type Evaluates, type Mark, treesExpression } from './harness';

/** Pages of the tuning corpus that render with a script of their own (their frames' documents too). */
export const scriptedPages = new Set(
  loadCorpus('pages')
    .entries.filter((e) => e.script)
    .map((e) => e.page),
);

/**
 * For a page that renders itself after load: waits until the count of marks in its frames has not
 * changed for 1.5 s (and at least 2.5 s in all, at most 10 s), the way a person waits for a portal.
 */
export async function settle(frames: () => Evaluates[], pause: () => Promise<void>): Promise<void> {
  let last = -1;
  let stableSince = Date.now();
  const started = Date.now();
  while (Date.now() - started < 10_000) {
    let n = 0;
    for (const frame of frames()) n += (await frame.evaluate(treesExpression(countMarks)).catch(() => 0)) as number;
    if (n !== last) {
      last = n;
      stableSince = Date.now();
    } else if (Date.now() - stableSince > 1500 && Date.now() - started > 2500) return;
    await pause();
  }
}

/** A page's marks against its labels, less the page's documented known differences. */
export function expectLabelled(file: string, expected: Mark[], found: Mark[]): void {
  const missed = beyond(expected, found);
  const extra = beyond(found, expected);
  if (missed.length + extra.length > 0) console.log(`${file}\n  missed: ${missed.join(' | ')}\n  extra:  ${extra.join(' | ')}`);
  expect(withoutKnown(pagesDir, file, missed, extra), `${file}: marks`).toEqual({ missed: [], extra: [], stale: [] });
}
