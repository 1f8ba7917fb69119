// Hostile pages in real Chromium: markup and script-like text, huge numbers, thousands of codes in one
// text node, deeply nested and very wide DOM, and page CSS aimed at the card. The extension must never
// execute page text, never freeze the tab (no long task after the page loaded), never corrupt the page
// (text unchanged while marked, DOM restored exactly when marks go off), and keep its card intact.

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { marksOf, openPage, openPopup, scrollThrough, tabIdOf, tabReport, uniqueUrl, useExtension, waitForReport } from './harness';
import { bodyState, cardLook, HIDDEN_PAGE, markedRows, NO_MARKS_IN, overlayMarks, readProbe, textUnder, viewMarked } from './hostile-page';

declare const chrome: {
  tabs: { sendMessage(tabId: number, message: unknown, options: { frameId: number }): Promise<unknown> };
};

const e2e = useExtension();
const dialogs: string[] = [];
const errors: string[] = [];

/** Opens a hostile fixture on the built-in stand-in host and waits until the scan is done and reports `minCodes`. */
async function open(name: string, minCodes: number): Promise<Page> {
  const page = await openPage(e2e.ext, uniqueUrl(e2e.server.url(`hostile/${name}`)));
  page.on('dialog', (d) => {
    dialogs.push(`${name}: ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (e) => errors.push(`${name}: ${e.message}`));
  page.on('console', (m) => {
    // The browser's own favicon probe 404s on the fixture server; anything else is an error.
    if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico')) errors.push(`${name}: ${m.text()}`);
  });
  await waitForReport(e2e.ext, page, minCodes);
  return page;
}

const probe = (page: Page) => page.evaluate(readProbe);

/** Long tasks (> 50 ms, the browser's own definition) that started after the page finished loading: only the extension works then. */
async function longTasksAfterLoad(page: Page): Promise<{ start: number; duration: number }[]> {
  // One more frame, so a long task that just ended has been reported.
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
  const p = await probe(page);
  const renders = await page.evaluate(() => (window as unknown as { renders: { from: number; to: number }[] }).renders);
  // What a frame's rendering phase covers of a long task is the browser laying out the marked page;
  // the extension's own work is what this bounds: the rest of the task must stay under 50 ms. (The
  // rendering phase can begin a few ms into its task, more so on a busy machine.)
  const rendered = (t: { start: number; duration: number }) =>
    Math.max(0, ...renders.map((r) => Math.min(t.start + t.duration, r.to) - Math.max(t.start, r.from)));
  return p.longTasks.filter((t) => t.start >= p.loadedAt && t.duration - rendered(t) > 50);
}

/**
 * Opens the fixture until one load shows no long task after the page loaded (at most 3 loads). Work that
 * is not bounded per task makes a long task on every load; a busy shared CI machine only now and then.
 * Returns the page of the last load and the long tasks of every load, for the failure message.
 */
async function scanWithoutLongTask(name: string, minCodes: number): Promise<{ page: Page; longTasks: string[] }> {
  const seen: string[] = [];
  for (let attempt = 1; ; attempt++) {
    const page = await open(name, minCodes);
    const tasks = await longTasksAfterLoad(page);
    if (tasks.length === 0 || attempt === 3) {
      seen.push(...tasks.map((t) => `load ${attempt}: ${t.duration} ms at ${t.start}`));
      return { page, longTasks: tasks.length === 0 ? [] : seen };
    }
    seen.push(...tasks.map((t) => `load ${attempt}: ${t.duration} ms at ${t.start}`));
    await page.close();
  }
}

async function setMarks(page: Page, on: boolean): Promise<void> {
  const tabId = await tabIdOf(e2e.ext, page);
  await e2e.ext.worker.evaluate(({ tabId, on }) => chrome.tabs.sendMessage(tabId, { type: 'page:marks', on }, { frameId: 0 }), {
    tabId,
    on,
  });
}

/** Asks the page (as the popup's "find it on the page" does) to go to the next mention of a code. */
async function reveal(page: Page, code: string): Promise<{ found: boolean; index: number; total: number }> {
  const tabId = await tabIdOf(e2e.ext, page);
  return e2e.ext.worker.evaluate(
    ({ tabId, code }) =>
      chrome.tabs.sendMessage(tabId, { type: 'page:reveal', code }, { frameId: 0 }) as Promise<{
        found: boolean;
        index: number;
        total: number;
      }>,
    { tabId, code },
  );
}

/** The codes the tab's report holds, sorted. */
async function reportedCodes(page: Page): Promise<string[]> {
  return (await tabReport(e2e.ext, page)).mentions.map((m) => m.code).sort();
}

/** Marks leave the page's text alone; turning them off gives the page its exact DOM back. */
async function expectIntact(page: Page): Promise<void> {
  const { original } = await probe(page);
  expect(await page.evaluate(() => document.body.textContent)).toBe(original.text);
  await setMarks(page, false);
  const after = await page.evaluate(bodyState);
  expect(after.elements).toBe(original.elements);
  expect(after.active).toBe(original.active);
  expect(after.html === original.html).toBe(true);
}

describe('hostile pages', () => {
  it('never executes markup or script-like text, and marks only text the page shows', async () => {
    const page = await open('markup.html', 8);
    const marks = await page.evaluate(() =>
      Array.from(document.querySelectorAll('remit-mark'), (m) => ({
        code: m.getAttribute('data-remit-code'),
        in: m.parentElement?.closest('[id]')?.id,
      })),
    );
    const where = new Set(marks.map((m) => m.in));
    for (const id of ['img', 'script', 'svg', 'template', 'pre']) expect(where).toContain(id);
    // Never inside form fields, editable text, templates, scripts, styles or attributes.
    for (const id of ['ta', 'in', 'editable', 'tpl', 'plain']) expect(where).not.toContain(id);
    expect(await page.$$eval('#attributes remit-mark', (m) => m.length)).toBe(1);
    expect([await page.getAttribute('#attributes', 'title'), await page.getAttribute('#attributes', 'data-code')]).toEqual([
      'CO-45 in a title',
      'PR-2',
    ]);
    expect(await page.$$eval(NO_MARKS_IN, (m) => m.length)).toBe(0);
    expect(await page.inputValue('#ta')).toContain('<img src=x');

    // Open the card on a mark next to markup text: nothing runs, the card shows text only.
    await page.hover('#img remit-mark');
    await page.waitForFunction(() => document.querySelector('remit-lens-card')?.shadowRoot?.textContent?.includes('CO-45'));
    expect(
      await page.evaluate(() => document.querySelector('remit-lens-card')?.shadowRoot?.querySelectorAll('img, script, svg, iframe').length),
    ).toBe(0);
    await page.keyboard.press('Escape');

    expect((await probe(page)).pwned).toEqual([]);
    expect(dialogs).toEqual([]);
    await expectIntact(page);
    expect((await probe(page)).pwned).toEqual([]);
    await page.close();
  });

  it('takes huge and malformed numbers without breaking the page or the tally', async () => {
    const { page, longTasks } = await scanWithoutLongTask('numbers.html', 10);
    expect(longTasks).toEqual([]);
    // Amounts are exact decimals or nothing: never rounded, exponent or NaN forms of huge numbers.
    const amounts = (await marksOf(page)).map((m) => m.amount).filter((a) => a !== undefined);
    expect(amounts.every((a) => /^-?\d{1,14}\.\d\d$/.test(a))).toBe(true);
    expect(amounts).not.toContain('-100000000000000000.00');
    const popup = await openPopup(e2e.ext, await tabIdOf(e2e.ext, page));
    await popup.waitForSelector('[data-testid="code-count"]');
    await popup.waitForFunction(() => !document.querySelector('[data-testid="code-count"]')?.textContent?.includes('Scanning'));
    const text = (await popup.textContent('body')) ?? '';
    expect(text).not.toMatch(/NaN|Infinity|undefined|e\+\d/);
    await popup.close();
    await expectIntact(page);
    await page.close();
  });

  it('marks thousands of codes in one text node without a long task', async () => {
    const { page, longTasks } = await scanWithoutLongTask('flood.html', 5000);
    expect(longTasks).toEqual([]);
    expect(await page.$$eval('remit-mark', (m) => m.length)).toBeGreaterThanOrEqual(5000);
    await expectIntact(page);
    await page.close();
  });

  it('handles 1,200 levels of nesting and 5,000 siblings without a long task', async () => {
    const { page, longTasks } = await scanWithoutLongTask('deep.html', 5001);
    expect(longTasks).toEqual([]);
    // Every code is counted; marks go near the viewport only, the deepest one first of all.
    expect((await tabReport(e2e.ext, page)).mentions.length).toBe(5001);
    const marked = await page.$$eval('remit-mark', (m) => m.length);
    expect(marked).toBeGreaterThan(0);
    expect(marked).toBeLessThan(5001);
    expect(await page.evaluate(() => document.querySelector('#deep remit-mark')?.getAttribute('data-remit-code'))).toBe('CO-45');
    await expectIntact(page);
    await page.close();
  });

  it('keeps the card intact against page CSS aimed at it', async () => {
    const cardOf = async (page: Page) => {
      // The note sits below the fold; its mark comes when it nears the viewport.
      await page.locator('#note').scrollIntoViewIfNeeded();
      await page.waitForSelector('#note remit-mark');
      await page.hover('#note remit-mark');
      await page.waitForFunction(() => document.querySelector('remit-lens-card')?.shadowRoot?.textContent?.includes('sequestration'));
      return page.evaluate(cardLook);
    };
    const reference = await open('plain.html', 1);
    const expected = await cardOf(reference);
    await reference.close();
    const page = await open('css.html', 1);
    const got = await cardOf(page);
    expect(got.onScreen).toBe(true);
    expect(got.host).toEqual(expected.host);
    expect(got.card).toEqual(expected.card);
    expect(got.size).toEqual(expected.size);
    await page.close();
  });

  it('reads a 1 MB raw 835 in one <pre> whole, and marks it with overlays near the reader, never inside its text', async () => {
    // 1 MB is well past where overlays take over (256 KB); the bench reads 3 and 10 MB.
    const page = await open('big-pre.html?mb=1', 1);
    const claims = await page.evaluate(() => (window as unknown as { eraClaims: number }).eraClaims);
    // Every code is in the report: 8 a claim, and the last claim's OA-23.
    const report = await waitForReport(e2e.ext, page, claims * 8 + 1);
    expect(report.mentions.length).toBe(claims * 8 + 1);
    // Nothing was written into the block: its one text node is the page's.
    expect(await page.evaluate(() => document.getElementById('era')?.childNodes.length)).toBe(1);
    expect(await page.$$eval('#era remit-mark', (m) => m.length)).toBe(0);
    // Overlay marks near the reader only, each over its code's text.
    await page.waitForFunction(() =>
      Array.from(document.documentElement.children).some((el) => el.shadowRoot?.querySelector('remit-mark')),
    );
    const near = await page.evaluate(overlayMarks);
    const height = await page.evaluate(() => innerHeight);
    expect(near.length).toBeGreaterThan(20);
    expect(near.length).toBeLessThan(report.mentions.length / 20);
    for (const m of near) expect(m.top).toBeLessThan(4 * height);
    const shown = near.filter((m) => m.shown && m.top > 0 && m.bottom < height).slice(0, 6);
    expect(shown.length).toBeGreaterThan(0);
    for (const m of shown) expect(await page.evaluate(textUnder, m)).toContain(m.code.replace(/^[A-Z]{2}-/, ''));
    // The card opens over an overlay's code, from the pointer over the page's own text.
    const first = shown.find((m) => m.code === 'CO-253') ?? (shown[0] as (typeof shown)[number]);
    await page.mouse.move((first.left + first.right) / 2, (first.top + first.bottom) / 2);
    await page.waitForFunction((code) => document.querySelector('remit-lens-card')?.shadowRoot?.textContent?.includes(code), first.code);
    // Find it on the page, at the very end: the window scrolls there and an overlay is on it.
    expect(await reveal(page, 'OA-23')).toEqual({ found: true, index: 0, total: 1 });
    await page.waitForFunction(() => scrollY > 100_000);
    await page.waitForFunction(() =>
      Array.from(document.documentElement.children).some((el) =>
        Array.from(el.shadowRoot?.querySelectorAll('remit-mark[data-remit-flash]') ?? []).some(
          (m) => m.getAttribute('data-remit-code') === 'OA-23',
        ),
      ),
    );
    const there = await page.evaluate(overlayMarks);
    expect(there.some((m) => m.code === 'OA-23' && m.top > 0 && m.bottom < height)).toBe(true);
    expect(there.every((m) => m.top > -4 * height)).toBe(true);
    await expectIntact(page);
    await page.close();
  });

  it('a long page: every code counted at once, marks only near the reader (in a scrolling panel too), more on a jump, the far end found', async () => {
    // 3,000 rows on the page and 400 in a scrolling panel, two codes a row: past the point where only
    // every 16th block is watched (lib/page/scanner.ts sentinel()).
    const page = await open('long.html', 6800);
    expect((await tabReport(e2e.ext, page)).mentions.length).toBe(6800);
    let marked = await page.evaluate(markedRows);
    expect(marked.page).toContain('r0');
    // Marks near the top only: none past a few screens, none at the middle or the end.
    expect(marked.farthest).toBeLessThan(10);
    expect(marked.page).not.toContain('r1500');
    expect(marked.page).not.toContain('r2999');
    // The panel: rows near what it shows, not its far end.
    expect(marked.panel).toContain('p0');
    expect(marked.panel).not.toContain('p399');
    // A jump to the middle: the rows in view get their marks; the rows in between stay as they were.
    await page.evaluate(() => document.getElementById('r1500')?.scrollIntoView({ block: 'center' }));
    await page.waitForFunction(viewMarked);
    marked = await page.evaluate(markedRows);
    expect(marked.page).toContain('r1500');
    expect(marked.page).not.toContain('r800');
    expect(marked.page).not.toContain('r2999');
    // The panel scrolled to its end (the page back at the top): its last rows are marked.
    await page.evaluate(() => {
      scrollTo(0, 0);
      const panel = document.getElementById('panel') as HTMLElement;
      panel.scrollTop = panel.scrollHeight;
    });
    await page.waitForFunction(() => document.querySelectorAll('#p399 remit-mark').length === 2);
    // Find it on the page: the last row's OA-23, far below; its mark is placed and in view.
    expect(await reveal(page, 'OA-23')).toEqual({ found: true, index: 0, total: 1 });
    await page.waitForFunction(() => {
      const m = document.querySelector('#r2999 remit-mark[data-remit-code="OA-23"]');
      const r = m?.getBoundingClientRect();
      return r !== undefined && r.top >= 0 && r.bottom <= innerHeight;
    });
    await page.close();
  });

  it('follows a clock ticking inside a paragraph of 3,000 codes without marking the paragraph again', async () => {
    const page = await open('clock.html', 3000);
    await scrollThrough(page);
    const marked = await page.evaluate(() => (window as unknown as { marksAdded: number }).marksAdded);
    expect(marked).toBeGreaterThan(0);
    // Twenty ticks of the page's clock later (2 s of its 10 ms timer): no mark made again, the same report.
    await page.waitForFunction(
      (start) => (window as unknown as { stalls: { ticks: number } }).stalls.ticks > start + 200,
      await page.evaluate(() => (window as unknown as { stalls: { ticks: number } }).stalls.ticks),
    );
    expect(await page.evaluate(() => (window as unknown as { marksAdded: number }).marksAdded)).toBe(marked);
    expect((await tabReport(e2e.ext, page)).mentions.length).toBe(3000);
    await setMarks(page, false);
    expect(await page.evaluate(() => document.getElementById('block')?.textContent?.includes('CO-45 10.00; PR-2 11.00'))).toBe(true);
    await page.close();
  });

  it('lets a page strip or unwrap its marks: no loop, no doubled text, before or after marks go off', async () => {
    const page = await open('strip.html', 2);
    const original = await page.evaluate(() => document.getElementById('unwrap')?.textContent);
    await page.waitForFunction(() => (window as unknown as { sanitized: number }).sanitized >= 5);
    // A loop shows only over time: the block backs off (1 s, then 5 s) instead of marking again at once.
    await page.waitForTimeout(1500);
    const after = await page.evaluate(() => (window as unknown as { sanitized: number }).sanitized);
    expect(after).toBeLessThanOrEqual(8);
    expect(await page.evaluate(() => document.getElementById('unwrap')?.textContent)).toBe(original);
    // Still counted: the unwrapped paragraph keeps its codes in the report.
    expect(await reportedCodes(page)).toEqual(expect.arrayContaining(['CO-45', 'N130', 'PR-2']));
    await setMarks(page, false);
    expect(await page.evaluate(() => document.getElementById('unwrap')?.textContent)).toBe(original);
    expect(await page.evaluate(() => document.getElementById('strip')?.textContent)).toBe('Claim 2:  $2.36 and  $10.00.');
    await page.close();
  });

  it('counts what a reader can see or open, once, and marks folded codes when they open', async () => {
    const page = await open('hidden.html', HIDDEN_PAGE.shown.length + HIDDEN_PAGE.collapsed.length);
    const report = await tabReport(e2e.ext, page);
    expect(report.mentions.map((m) => m.code).sort()).toEqual([...HIDDEN_PAGE.shown, ...HIDDEN_PAGE.collapsed].sort());
    expect(report.collapsed).toBe(HIDDEN_PAGE.collapsed.length);
    const marked = () => page.$$eval('remit-mark', (ms) => ms.map((m) => m.getAttribute('data-remit-code') ?? '').sort());
    expect(await marked()).toEqual([...HIDDEN_PAGE.shown].sort());
    await page.click('#details summary');
    await page.waitForSelector('#details remit-mark[data-remit-code="CO-97"]');
    await page.click('#acc-btn');
    await page.waitForSelector('#acc remit-mark[data-remit-code="N290"]');
    await page.click('#tab2-btn');
    await page.waitForSelector('#tab2 remit-mark[data-remit-code="CO-50"]');
    for (const code of HIDDEN_PAGE.never) expect(await page.$$(`remit-mark[data-remit-code="${code}"]`)).toHaveLength(0);
    await page.close();
  });

  it('keeps working when the page defined the card element first, and ignores made-up events', async () => {
    const page = await open('predefined.html', 1);
    await page.hover('#note remit-mark');
    // The card comes in a host of our own that the page cannot take over.
    await page.waitForFunction(() =>
      Array.from(document.documentElement.children).some((el) => el.shadowRoot?.textContent?.includes('sequestration')),
    );
    await page.close();
    const synthetic = await open('synthetic.html', 1);
    await synthetic.waitForFunction(() => document.querySelector('remit-mark'));
    // The page fired pointer, focus and key events at a mark: no card opened for them.
    await synthetic.evaluate(() => new Promise((resolve) => setTimeout(resolve, 200)));
    expect(
      await synthetic.evaluate(
        () => !document.querySelector('remit-lens-card') || (document.querySelector('remit-lens-card') as HTMLElement).hidden,
      ),
    ).toBe(true);
    await synthetic.close();
  });

  it('reads a cell under 5,000 nested spans (deeper crashes Chromium itself) and comes back to idle', async () => {
    const page = await open('nested.html?depth=5000', 3);
    expect((await tabReport(e2e.ext, page)).mentions.map((m) => `${m.code} ${m.amount ?? ''}`.trim()).sort()).toEqual([
      'CO-45 12.00',
      'N130',
      'PR-2 20.00',
    ]);
    await page.close();
  });

  it('reported no page errors and no dialogs along the way', () => {
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  });
});
