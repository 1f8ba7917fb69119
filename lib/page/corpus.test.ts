// The labelled page corpus (test/fixtures/pages) run through the DOM layer under happy-dom: fast feedback
// on detection; the real-browser test (test/e2e/detection.e2e.ts) checks the same pages in Chromium.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { known } from '../../test/known-codes';
import { withoutKnown } from '../../test/known-differences';
import { PageScanner } from './scanner';

const dir = join(process.cwd(), 'test/fixtures/pages');
/** Pages that render with a script of their own, which DOMParser does not run: the e2e tests cover them. */
const scripted = new Set([
  'spa.html',
  'preact-spa.html',
  ...readdirSync(dir)
    .filter((f) => /^corpus.*\.json$/.test(f))
    .flatMap((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as { page: string; script?: boolean }[])
    .filter((e) => e.script)
    .map((e) => e.page),
]);
const pages = readdirSync(dir).filter((f) => f.endsWith('.html') && !scripted.has(f));

interface Mark {
  code: string;
  amount?: string;
}

const key = (m: Mark) => `${m.code} ${m.amount ?? ''}`.trim();
const sorted = (marks: Mark[]) => marks.map(key).sort();

/** Multiset difference: what `a` has beyond `b`. */
function minus(a: string[], b: string[]): string[] {
  const left = [...b];
  return a.filter((x) => {
    const i = left.indexOf(x);
    if (i < 0) return true;
    left.splice(i, 1);
    return false;
  });
}
const totals = { expected: 0, found: 0, correct: 0 };
afterAll(() => {
  const precision = totals.correct / totals.found;
  const recall = totals.correct / totals.expected;
  console.log(
    `happy-dom corpus: ${totals.expected} expected, ${totals.found} marked, precision ${precision.toFixed(4)}, recall ${recall.toFixed(4)}`,
  );
});

async function scan(html: string): Promise<{ doc: Document; scanner: PageScanner }> {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const scanner = new PageScanner(doc, { known, yieldToPage: () => Promise.resolve() });
  await scanner.start();
  return { doc, scanner };
}

describe('page corpus under happy-dom', () => {
  it.each(pages)('%s: exact marks, same text, exact restore', async (page) => {
    // happy-dom loads no frame from a URL (and logs an error for each it is asked to): a frame's document
    // is a page of the corpus on its own, so here the frame shows an empty srcdoc instead.
    const html = readFileSync(join(dir, page), 'utf8').replace(/(<iframe\b[^>]*?)\ssrc=/g, '$1 srcdoc="" data-src=');
    const expected = JSON.parse(readFileSync(join(dir, page.replace(/\.html$/, '.expected.json')), 'utf8')) as Mark[];
    const { doc, scanner } = await scan(html);
    const before = new DOMParser().parseFromString(html, 'text/html').body;
    const marks = Array.from(doc.querySelectorAll('remit-mark, tspan[data-remit-code]'), (el) => {
      const amount = el.getAttribute('data-remit-amount');
      return { code: el.getAttribute('data-remit-code') ?? '', ...(amount ? { amount } : {}) };
    });
    const missed = minus(sorted(expected), sorted(marks));
    const extra = minus(sorted(marks), sorted(expected));
    totals.expected += expected.length;
    totals.found += marks.length;
    totals.correct += marks.length - extra.length;
    if (missed.length + extra.length > 0) console.log(`${page}\n  missed: ${missed.join(' | ')}\n  extra:  ${extra.join(' | ')}`);
    expect(withoutKnown(dir, page, missed, extra)).toEqual({ missed: [], extra: [], stale: [] });
    expect(doc.body.textContent).toBe(before.textContent);
    scanner.stop();
    expect(doc.querySelectorAll('remit-mark, tspan[data-remit-code]').length).toBe(0);
    expect(doc.body.innerHTML).toBe(before.innerHTML);
  });
});
