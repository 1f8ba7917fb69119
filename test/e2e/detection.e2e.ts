// The labelled page corpus (test/fixtures/pages) in real Chromium with the extension: every page must
// yield exactly its expected marks (code + amount multiset), keep its text and table layout, and come
// back byte-for-byte when marks are turned off. spa.html and preact-spa.html are single-page apps (their own renderer; the real Preact) that edit,
// removes, inserts and moves rows while marks are present. shadow.html keeps its remittance in web
// components' shadow roots: marks, text, layout and restore are read there too (harness snapshots).
// Prints precision and recall over the corpus.
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusPages, expectedFor, expectedSpa, keyOf, markKeys, SPA_ACTIONS, SPA_PAGES, sortMarks } from './corpus';
import { expectLabelled, scriptedPages, settle } from './corpus-check';
import { beyond } from './corpus-score';
import {
  inTrees,
  type Mark,
  marksOf,
  openPage,
  scrollThrough,
  settledReport,
  snapshotOf,
  snapshotPage,
  tabIdOf,
  tabReport,
  treesExpression,
  useExtension,
} from './harness';

// Frame documents (*-child.html) are checked inside the page that frames them.
const pages = corpusPages({ frames: false });

const e2e = useExtension();

declare const chrome: { tabs: { sendMessage(tabId: number, message: unknown): Promise<unknown> } };

beforeAll(async () => {
  // The page as it was before any content script ran (content scripts run at document_idle, later).
  // Shadow roots included: a page's components have rendered by then (their scripts ran during the parse).
  await e2e.ext.context.addInitScript(
    `document.addEventListener('DOMContentLoaded', () => { window.__original = ${treesExpression(snapshotOf)}; }, { once: true });`,
  );
});

const totals = { expected: 0, found: 0, correct: 0, cells: 0, maxShift: 0 };

afterAll(async () => {
  if (totals.expected > 0) {
    const precision = totals.found === 0 ? 1 : totals.correct / totals.found;
    const recall = totals.correct / totals.expected;
    console.log(
      `detection corpus (Chromium): ${totals.expected} expected marks, ${totals.found} found, ${totals.correct} correct; ` +
        `precision ${precision.toFixed(4)}, recall ${recall.toFixed(4)}; ` +
        `${totals.cells} cell boxes compared, largest change ${totals.maxShift.toFixed(3)} px`,
    );
  }
});

/** Adds one comparison to the corpus totals (multiset intersection = correct marks). */
function count(expected: Mark[], found: Mark[]): void {
  const left = expected.map(keyOf);
  let correct = 0;
  for (const m of found) {
    const i = left.indexOf(keyOf(m));
    if (i >= 0) {
      left.splice(i, 1);
      correct++;
    }
  }
  totals.expected += expected.length;
  totals.found += found.length;
  totals.correct += correct;
}

const waitIdle = (frame: Frame) =>
  frame.waitForFunction(() => document.documentElement.getAttribute('data-remit-lens-state') === 'idle', undefined, { timeout: 15_000 });

/** Every table cell's box (and every <dt>/<dd>), in shadow roots too: marks must not move or resize a cell. */
const cellBoxes = (frame: Frame) =>
  inTrees(frame, (trees) =>
    trees.flatMap((tree) =>
      Array.from(tree.querySelectorAll('td,th,[role="gridcell"],[role="columnheader"],[role="cell"],[role="rowheader"],dd,dt'), (el) => {
        const r = el.getBoundingClientRect();
        return [r.x, r.y, r.width, r.height];
      }),
    ),
  );

/**
 * Chromium measures each text node's run on its own and rounds it up to 1/64 px, so a cell whose
 * text was split around a mark can grow by a few 1/64 px ("M15, MA130": 73.703 → 73.734 px) even
 * with no style at all. That is below what a screen shows; a reflow (a wrapped line, a moved
 * column) moves boxes by whole pixels. Returns the boxes that moved by more than a quarter pixel.
 */
function moved(on: number[][][], off: number[][][]): string[] {
  const out: string[] = [];
  on.forEach((frame, f) => {
    expect(frame.length).toBe(off[f]?.length);
    frame.forEach((box, i) => {
      const other = off[f]?.[i] ?? [];
      totals.cells++;
      for (let k = 0; k < box.length; k++) totals.maxShift = Math.max(totals.maxShift, Math.abs((box[k] ?? 0) - (other[k] ?? 0)));
      if (box.some((v, k) => Math.abs(v - (other[k] ?? Number.NaN)) > 0.25)) out.push(`frame ${f} cell ${i}: ${box} vs ${other}`);
    });
  });
  return out;
}

async function setMarks(page: Page, on: boolean): Promise<void> {
  const tabId = await tabIdOf(e2e.ext, page);
  await e2e.ext.worker.evaluate(({ tabId, on }) => chrome.tabs.sendMessage(tabId, { type: 'page:marks', on }), { tabId, on });
  for (const frame of page.frames()) {
    if (on) await waitIdle(frame);
    else
      await frame.waitForFunction(
        `!document.documentElement.hasAttribute('data-remit-lens-state') && ${treesExpression((trees) => trees.every((t) => t.querySelector('remit-mark') === null))}`,
      );
  }
}

/** The frame's fixture file name, for frames other than the main one. */
const fileOf = (frame: Frame) => new URL(frame.url()).pathname.split('/').pop() ?? '';

/** The page's frames once idle and, for a page that renders itself, once its marks stop changing. */
async function settledFrames(page: Page, script: boolean): Promise<Frame[]> {
  for (const frame of page.frames()) await waitIdle(frame);
  if (script) {
    await settle(
      () => page.frames(),
      () => page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50)))),
    );
    for (const frame of page.frames()) await waitIdle(frame);
  }
  return page.frames();
}

describe('detection corpus', () => {
  it.each(pages)('%s: exact marks, same text and layout, exact restore', async (file) => {
    const page = await openPage(e2e.ext, e2e.server.url(`pages/${file}`));
    const errors: Error[] = [];
    page.on('pageerror', (e) => errors.push(e));
    const script = scriptedPages.has(file);
    try {
      const frames = await settledFrames(page, script);
      const names = frames.map((frame) => (frame === page.mainFrame() ? file : fileOf(frame)));
      const expected = sortMarks(names.flatMap((name) => expectedFor(name)));
      // The tab's report: every code read, frames and folded sections included, marked or not yet.
      const report = await settledReport(() => tabReport(e2e.ext, page));
      const reported = sortMarks(report.mentions.map((m) => ({ code: m.code, amount: m.amount })));
      count(expected, reported);
      expectLabelled(file, expected, reported);

      // Marks follow the reader: once the reader has gone through the page, every code it shows is
      // marked (codes in folded sections when opened), and nothing is marked that is not reported.
      await scrollThrough(page);
      const marks = sortMarks((await Promise.all(frames.map((frame) => marksOf(frame)))).flat());
      expect(beyond(marks, reported), `${file}: marks that are not in the report`).toEqual([]);
      expect(marks.length, `${file}: marks after scrolling through`).toBeGreaterThanOrEqual(reported.length - (report.collapsed ?? 0));

      for (const frame of frames) {
        // A page that renders itself after load has no pristine snapshot to compare its text with.
        if (script) continue;
        const now = await snapshotPage(frame);
        const original = await frame.evaluate(() => window.__original);
        expect(original?.marks, 'captured before marking').toBe(0);
        expect(now.text, 'textContent with marks').toBe(original?.text);
        expect(now.rendered, 'innerText with marks').toBe(original?.rendered);
      }

      const boxesOn = await Promise.all(frames.map(cellBoxes));
      await setMarks(page, false);
      const boxesOff = await Promise.all(frames.map(cellBoxes));
      if (!script) expect(moved(boxesOn, boxesOff), 'cells moved by marks').toEqual([]);
      for (const frame of frames) {
        const [now, original] = await Promise.all([snapshotPage(frame), frame.evaluate(() => window.__original)]);
        expect(now.marks, `${fileOf(frame)}: no marks left`).toBe(0);
        if (script) continue;
        expect(now.html === original?.html, `${fileOf(frame)}: DOM restored exactly`).toBe(true);
        // Our mark style is taken out of every shadow root it went into.
        expect(now.sheets, `${fileOf(frame)}: shadow roots' style sheets`).toEqual(original?.sheets);
      }
      // On again: the same report, never doubled.
      await setMarks(page, true);
      const again = await settledReport(() => tabReport(e2e.ext, page));
      expectLabelled(file, expected, sortMarks(again.mentions.map((m) => ({ code: m.code, amount: m.amount }))));
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

// ---------------------------------------------------------------------------------------------------
// A single-page app edits its rows while marks are present.

async function spaExpected(page: Page): Promise<Mark[]> {
  const [state, notes] = await page.evaluate(() => [window.spa.state(), window.spa.notes()] as const);
  return expectedSpa(state, notes);
}

/** Waits until the marks equal `expected`, then one more frame and task, and checks they stayed so. */
async function settleOn(page: Page, expected: Mark[]): Promise<Mark[]> {
  const keys = expected.map(keyOf);
  await page
    .waitForFunction(`JSON.stringify((${markKeys})()) === ${JSON.stringify(JSON.stringify([...keys].sort()))}`, undefined, {
      timeout: 5_000,
    })
    .catch(() => undefined);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
  return marksOf(page);
}

describe('single-page apps', () => {
  it.each(SPA_PAGES)('%s: marks stay equal to the rows on screen while the app edits, removes, inserts and moves them', async (file) => {
    const page = await openPage(e2e.ext, e2e.server.url(`pages/${file}`));
    const errors: Error[] = [];
    page.on('pageerror', (e) => errors.push(e));
    try {
      await waitIdle(page.mainFrame());
      const initial = expectedFor(file);
      expect(await spaExpected(page)).toEqual(initial);
      const first = await marksOf(page);
      count(initial, first);
      expect(first).toEqual(initial);

      const tabId = await tabIdOf(e2e.ext, page);
      for (const action of SPA_ACTIONS) {
        await page.click(`#${action}`);
        const expected = await spaExpected(page);
        const found = await settleOn(page, expected);
        count(expected, found);
        expect(found, `after "${action}"`).toEqual(expected);
        // The app's own check of its nodes, and what the popup would tally.
        await page.evaluate(() => window.spa.verify());
        const report = (await e2e.ext.worker.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'page:report' }), tabId)) as {
          mentions: { code: string; amount?: string }[];
        };
        expect(sortMarks(report.mentions.map((m) => ({ code: m.code, amount: m.amount })))).toEqual(expected);
      }
      expect(errors).toEqual([]);

      // Marks off: the app's rows are exactly what a fresh render gives; on again: the same marks.
      await setMarks(page, false);
      const same = await page.evaluate(() => document.getElementById('rows')?.innerHTML === window.spa.freshHtml());
      expect(same, 'rows restored exactly').toBe(true);
      await page.evaluate(() => window.spa.verify());
      await setMarks(page, true);
      expect(await marksOf(page)).toEqual(await spaExpected(page));
      await page.click('#insert');
      expect(await settleOn(page, await spaExpected(page))).toEqual(await spaExpected(page));
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

describe('editors stay unmarked', () => {
  it('typing codes into a contenteditable note or a textarea brings no marks into them', async () => {
    const page = await openPage(e2e.ext, e2e.server.url('pages/forms.html'));
    try {
      await waitIdle(page.mainFrame());
      await page.focus('#editor');
      await page.evaluate(() => {
        // Caret at the end of the note, as if the biller clicked there.
        const range = document.createRange();
        range.selectNodeContents(document.getElementById('editor')!);
        range.collapse(false);
        getSelection()?.removeAllRanges();
        getSelection()?.addRange(range);
      });
      await page.keyboard.type(' Also CO-45 $12.00 and remark code N130.');
      await page.fill('#letter', 'CO-253 $2.00 and PR-2 $20.00');
      // A page change next to the editor is scanned, so the scanner did react to this round of edits.
      await page.evaluate(() => {
        const p = document.createElement('p');
        p.id = 'after-typing';
        p.textContent = 'Posted PR-2 $20.00.';
        document.body.append(p);
      });
      await page.waitForSelector('#after-typing remit-mark[data-remit-code="PR-2"]');
      expect(await page.locator('#editor').textContent()).toContain('CO-45 $12.00');
      expect(await page.evaluate(() => document.querySelectorAll('[contenteditable] remit-mark, textarea remit-mark').length)).toBe(0);
      expect(await marksOf(page)).toEqual([
        { code: 'CO-45', amount: undefined },
        { code: 'CO-45', amount: '12.00' },
        { code: 'PR-2', amount: '20.00' },
      ]);
    } finally {
      await page.close();
    }
  });
});
