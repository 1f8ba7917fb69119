// Pages that fight back (issue 20), in Chromium: a raw 835 of 3 MB and of 10 MB in one <pre>, and a clock
// ticking inside a paragraph of 3,000 codes. For each, with the extension and without it (the same page from a
// host the content script does not run on): the page's own timer (test/fixtures/hostile/stall.js notes how
// late a 10 ms interval runs), main-thread busy time (CDP Performance metrics) and, with the extension, the
// time to a complete report against the bare text pass.
import { installProbe } from './page-probe.mjs';

/** The pages, by path under the fixtures' hostile/ folder. */
export const HOSTILE_PAGES = [
  { name: 'big-pre.html', query: '?mb=3', label: 'raw 835, 3 MB in one <pre>' },
  { name: 'big-pre.html', query: '?mb=10', label: 'raw 835, 10 MB in one <pre>' },
  { name: 'clock.html', query: '', label: 'clock in a paragraph of 3,000 codes' },
];

/** After idle, how long the page is watched on (the clock ticks; marks must not be rewritten). */
const SETTLE_MS = 3000;

/**
 * @param {import('playwright-core').CDPSession} session
 * @returns {Promise<number>} main-thread task time so far, ms
 */
async function busyMs(session) {
  const { metrics } = await session.send('Performance.getMetrics');
  return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? Number.NaN) * 1000;
}

/**
 * One page, with or without the extension: from navigation until `windowMs` after DOMContentLoaded (with the
 * extension: until idle, then SETTLE_MS more).
 * @param {import('../e2e/browser.d.mts').LaunchedExtension} ext
 * @param {string} url
 * @param {{ pageName: string, timeout: number, windowMs?: number }} options
 */
async function measure(ext, url, { pageName, timeout, windowMs }) {
  const page = await ext.context.newPage();
  const session = await ext.context.newCDPSession(page);
  await session.send('Performance.enable');
  await page.addInitScript(installProbe, pageName);
  await page.bringToFront();
  const busy0 = await busyMs(session);
  await page.goto(url, { waitUntil: 'commit', timeout });
  await page.waitForFunction(() => window.__remitBench?.dclAt != null, null, { polling: 50, timeout });
  if (windowMs === undefined) {
    await page.waitForFunction(() => window.__remitBench?.idleAt != null, null, { polling: 50, timeout });
    await page.waitForFunction((t) => performance.now() - window.__remitBench.idleAt >= t, SETTLE_MS, { polling: 100, timeout });
  } else {
    await page.waitForFunction((t) => performance.now() - window.__remitBench.dclAt >= t, windowMs, { polling: 100, timeout });
  }
  const busy = (await busyMs(session)) - busy0;
  const r = await page.evaluate(() => {
    const b = window.__remitBench;
    const stalls = /** @type {{ longest: number, late: number, ticks: number, gaps: { at: number, gap: number }[] }} */ (window.stalls);
    const nav = /** @type {PerformanceNavigationTiming | undefined} */ (performance.getEntriesByType('navigation')[0]);
    return {
      dclAt: b.dclAt,
      loadAt: nav?.loadEventEnd ?? null,
      scanningAt: b.scanningAt,
      idleAt: b.idleAt,
      floor: b.floorPre.map((f) => f.ms),
      stalls: { longest: stalls.longest, late: stalls.late, ticks: stalls.ticks, gaps: stalls.gaps },
      now: performance.now(),
      marksAdded: /** @type {number | undefined} */ (window.marksAdded),
    };
  });
  await page.close();
  return { ...r, busy };
}

/**
 * @param {import('../e2e/browser.d.mts').LaunchedExtension} ext
 * @param {{ url: (path: string, baseline: boolean) => string, timeout: number }} options
 */
export async function hostileInChromium(ext, { url, timeout }) {
  const out = [];
  for (const p of HOSTILE_PAGES) {
    const path = `hostile/${p.name}${p.query}`;
    const withExt = await measure(ext, url(path, false), { pageName: p.name, timeout });
    const bare = await measure(ext, url(path, true), { pageName: p.name, timeout, windowMs: withExt.now - (withExt.dclAt ?? 0) });
    out.push({ ...p, withExt, bare });
  }
  return out;
}
