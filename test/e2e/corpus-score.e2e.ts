// Scores the detector in real Chromium over both labelled corpora: the tuning corpus
// (test/fixtures/pages) and the held-out one (test/fixtures/held-out), which is never used to tune
// it. Prints precision, recall and amount accuracy per corpus and the pages that differ.
import type { Frame, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { add, beyond, type Corpus, describeScore, emptyScore, labelsOf, loadCorpus, type Score, score } from './corpus-score';
import { countMarks, type Mark, openPage, settledReport, tabReport, treesExpression, useExtension } from './harness';

const e2e = useExtension();
// CORPUS=pages scores the tuning corpus alone (while tuning, the held-out pages' misses stay unseen).
const corpora = ['pages', 'held-out'].filter((name) => !process.env.CORPUS || process.env.CORPUS === name).map(loadCorpus);
const totals = new Map<string, { all: Score; negativeMarks: number }>();

afterAll(() => {
  for (const [name, t] of totals)
    console.log(`corpus ${name} (Chromium): ${describeScore(t.all)}; marks on negative pages: ${t.negativeMarks}`);
});

const idle = "document.documentElement.getAttribute('data-remit-lens-state') === 'idle'";

/** Idle, and for pages that render with a script of their own, no change in the marks for a second. */
async function settled(page: Page, script: boolean): Promise<void> {
  for (const frame of page.frames()) await frame.waitForFunction(idle, undefined, { timeout: 15_000 }).catch(() => undefined);
  if (!script) return;
  let last = -1;
  let stableSince = Date.now();
  const started = Date.now();
  while (Date.now() - started < 10_000) {
    let n = 0;
    for (const frame of page.frames()) n += (await frame.evaluate(treesExpression(countMarks)).catch(() => 0)) as number;
    if (n !== last) {
      last = n;
      stableSince = Date.now();
    } else if (Date.now() - stableSince > 1500 && Date.now() - started > 2500) break;
    await page.waitForTimeout(100);
  }
}

const fileOf = (frame: Frame) => new URL(frame.url()).pathname.split('/').pop() ?? '';

describe.each(corpora)('corpus $name', (corpus: Corpus) => {
  const t = { all: emptyScore(), negativeMarks: 0 };
  totals.set(corpus.name, t);
  const framed = new Set(corpus.entries.filter((e) => e.frameOf).map((e) => e.page));
  it.each(corpus.entries.filter((e) => !e.frameOf && !/-child\.html$/.test(e.page)))('$page', async (entry) => {
    const page = await openPage(e2e.ext, e2e.server.url(`${corpus.folder}/${entry.page}`));
    try {
      await settled(page, entry.script);
      // What the product reports for the tab (frames and folded sections included), against the labels
      // of the page and of the frames it shows.
      const names = page.frames().map((frame) => (frame === page.mainFrame() ? entry.page : fileOf(frame)));
      const expected = names
        .filter((name) => name === entry.page || framed.has(name) || /-child\.html$/.test(name))
        .flatMap((name) => labelsOf(corpus, name));
      const report = await settledReport(() => tabReport(e2e.ext, page));
      const found: Mark[] = report.mentions.map((m) => ({ code: m.code, amount: m.amount }));
      add(t.all, score(expected, found));
      if (entry.kind === 'negative') t.negativeMarks += found.length;
      const missed = beyond(expected, found);
      const extra = beyond(found, expected);
      if (missed.length + extra.length > 0)
        console.log(`${corpus.name}/${entry.page}\n    missed: ${missed.join(' | ')}\n    extra:  ${extra.join(' | ')}`);
      expect(true).toBe(true);
    } finally {
      await page.close();
    }
  });
});
