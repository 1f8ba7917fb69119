// The page benchmark (issue 3): one scan of the generated page in Chromium with the extension, measured from
// the page's main world (probe), a light trace (every main-thread task, CPU and wall) and CDP memory readings.
import { measureMemory } from './memory.mjs';
import { addRows, countMarks, installProbe, keepClaims, wrapFloor } from './page-probe.mjs';
import { pageTasks, startTrace, stopTrace, taskAt, tasksBetween } from './trace.mjs';

const MARK_PREFIX = 'remit-bench:';
const ROW_OPTIONS = { gapMs: 120, timeoutMs: 2000 };

/** @typedef {import('../e2e/browser.d.mts').LaunchedExtension} LaunchedExtension */

/**
 * The same page from a host the content script does not run on: memory baseline, then the control run for
 * added rows, then the smallest paced wrapping. The page stays open (in the background) until `close()`.
 * @param {LaunchedExtension} ext
 * @param {string} url
 * @param {string} pageName
 * @param {number} timeout
 */
export async function openBaseline(ext, url, pageName, timeout) {
  const page = await ext.context.newPage();
  const session = await ext.context.newCDPSession(page);
  await page.addInitScript(installProbe, pageName);
  await page.goto(url, { timeout });
  if ((await page.evaluate(() => document.querySelectorAll('remit-mark').length)) > 0) {
    throw new Error(`the content script ran on ${url}: no baseline`);
  }
  // Laid out and rendered like the measured page (in front): Blink's heap holds the layout tree, so a page
  // never shown would make the extension look 100+ MB heavier than it is.
  await page.bringToFront();
  await page.evaluate(
    () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(document.body.offsetHeight)))),
  );
  const memory = await measureMemory(session);
  return {
    memory,
    /** Added rows on the page without the extension, after keeping the same claims as the measured page. */
    async controlRows(rows, keep) {
      await page.bringToFront();
      if (keep !== undefined) await page.evaluate(keepClaims, keep);
      return page.evaluate(addRows, { rows, ...ROW_OPTIONS, expectMarks: false });
    },
    /** The wrap floor's wrapping, one claim per rendered frame for the first `claims` claims (after controlRows). */
    async claimsOneByOne(claims) {
      await page.bringToFront();
      return page.evaluate(wrapFloor, { claimsOneByOne: claims });
    },
    close: () => page.close(),
  };
}

/**
 * The wrap floor (see wrapFloor in page-probe.mjs) in a fresh tab on the baseline host: it rewrites the DOM,
 * so neither the memory baseline nor the control run may share its tab.
 * @param {LaunchedExtension} ext
 * @param {string} url
 * @param {string} pageName
 * @param {number} timeout
 */
export async function measureWrapFloor(ext, url, pageName, timeout) {
  const page = await ext.context.newPage();
  await page.addInitScript(installProbe, pageName);
  await page.goto(url, { timeout });
  await page.bringToFront();
  if ((await page.evaluate(() => document.querySelectorAll('remit-mark').length)) > 0) {
    throw new Error(`the content script ran on ${url}: no wrap floor`);
  }
  const result = await page.evaluate(wrapFloor);
  await page.close();
  return result;
}

/**
 * Loads the page with the extension, waits for "idle", then: counts marks, times the floor again, reads memory,
 * and adds rows. When added rows get no marks (the content script stopped marking, e.g. at a mark cap), half
 * of the marked claims are removed, as an SPA pages away, and the rows are timed again on what remains.
 * @param {LaunchedExtension} ext
 * @param {string} url
 * @param {{ pageName: string, rows: number, timeout: number, claims: number, expectedTotal: number }} options
 */
export async function measureScan(ext, url, { pageName, rows, timeout, claims, expectedTotal }) {
  const page = await ext.context.newPage();
  const session = await ext.context.newCDPSession(page);
  await page.addInitScript(installProbe, pageName);
  await startTrace(session);
  const loadStart = performance.now();
  await page.goto(url, { waitUntil: 'commit', timeout });
  await page.waitForFunction(() => window.__remitBench?.idleAt != null, null, { polling: 250, timeout });
  const wallMs = performance.now() - loadStart;
  const probe = await page.evaluate(() => {
    const b = window.__remitBench;
    const nav = /** @type {PerformanceNavigationTiming | undefined} */ (performance.getEntriesByType('navigation')[0]);
    return {
      scanningAt: b.scanningAt,
      idleAt: b.idleAt,
      firstMarkAt: b.firstMarkAt,
      dclAt: b.dclAt,
      longTasks: b.longTasks,
      longFrames: b.longFrames,
      floorPre: b.floorPre,
      loadEventEnd: nav?.loadEventEnd ?? null,
      visibility: document.visibilityState,
    };
  });
  // Marks go only near the reader: what was found is the tab's report (every code and amount).
  const found = await reportCounts(ext, page);
  const placed = await page.evaluate(countMarks);
  const floorPost = [];
  for (let i = 0; i < 5; i++) floorPost.push(await page.evaluate(() => window.__remitBench.floor()));
  const memory = await measureMemory(session);

  let added = await page.evaluate(addRows, { rows, ...ROW_OPTIONS, expectMarks: true });
  /** @type {{ unmarked: number, kept: number } | undefined} */
  let retried;
  if (added.rows.length > 0 && added.rows.every((r) => r.marksMs === null)) {
    const keep = Math.max(1, Math.floor((claims * found.total) / expectedTotal / 2));
    const kept = await page.evaluate(keepClaims, keep);
    retried = { unmarked: added.rows.length, kept };
    added = await page.evaluate(addRows, { rows, ...ROW_OPTIONS, expectMarks: true });
  }
  const trace = pageTasks(await stopTrace(session), MARK_PREFIX);
  await page.close();
  return { wallMs, probe, found, placed, floorPost, memory, added, retried, trace };
}

/**
 * The tab's report as the popup gets it, through the extension's worker (the page brought to the front so
 * the active tab is it), counted by "CODE AMOUNT" like countMarks.
 * @param {LaunchedExtension} ext
 * @param {import('playwright-core').Page} page
 */
export async function reportCounts(ext, page) {
  await page.bringToFront();
  const mentions = /** @type {{ code: string, amount?: string }[]} */ (
    await ext.worker.evaluate(async () => {
      const api = /** @type {any} */ (globalThis).chrome;
      const [tab] = await api.tabs.query({ active: true, lastFocusedWindow: true });
      const report = await api.tabs.sendMessage(tab.id, { type: 'page:report' }, { frameId: 0 });
      return report.mentions.map((/** @type {{ code: string, amount?: string }} */ m) => ({ code: m.code, amount: m.amount }));
    })
  );
  /** @type {Record<string, number>} */
  const counts = {};
  for (const m of mentions) {
    const key = `${m.code} ${m.amount ?? ''}`.trim();
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return { total: mentions.length, counts };
}

/**
 * The scan window on the trace clock: from the start of the task in which the content script set "scanning"
 * (the page's observer runs in that task's microtask checkpoint, after the scanner's first chunk) to the end
 * of the task that set "idle".
 * @param {ReturnType<typeof pageTasks>} trace
 */
export function scanWindow(trace) {
  const tScan = trace.marks.get('scanning');
  const tIdle = trace.marks.get('idle');
  const first = tScan !== undefined ? taskAt(trace.tasks, tScan) : undefined;
  const last = tIdle !== undefined ? taskAt(trace.tasks, tIdle) : undefined;
  if (!first || !last) return undefined;
  return { start: first.start, end: last.end, tasks: tasksBetween(trace.tasks, first.start, last.end) };
}

/** Tasks while the (last) batch of rows went in. */
export function rowsWindow(trace) {
  const from = trace.marks.get('rows-start');
  const to = trace.marks.get('rows-end');
  return from !== undefined && to !== undefined ? tasksBetween(trace.tasks, from, to) : [];
}
