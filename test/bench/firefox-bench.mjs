// The page benchmark's scan in Firefox (npm run bench): the same generated page, loaded in firefox-esr with
// the Firefox e2e build installed, timed by the same in-page probe. Firefox has no Long Tasks or Long
// Animation Frames API and no CDP memory readings, so this part gives times and marks only.
import { findFirefox, launchFirefox } from '../e2e/firefox.mjs';
import { countMarks, installProbe } from './page-probe.mjs';
import { JUMPS, jumpsToMarks } from './viewport-bench.mjs';

/**
 * What installProbe recorded that this part reads.
 * @typedef {{ scanningAt: number | null, idleAt: number | null, firstMarkAt: number | null, dclAt: number | null, floorPre: { ms: number }[] }} ProbeTimes
 */

/**
 * @param {{ url: string, pageName: string, timeout: number }} options
 * @returns {Promise<{ skipped: string } | { version: string, probe: ProbeTimes, found: { total: number, counts: Record<string, number> }, jumps: { position: number, ms: number | null, frames: number | null }[] }>}
 */
export async function firefoxPageBench({ url, pageName, timeout }) {
  try {
    findFirefox();
  } catch (error) {
    return { skipped: error instanceof Error ? error.message : String(error) };
  }
  const firefox = await launchFirefox({ timeout });
  try {
    const page = await firefox.browser.newPage();
    await page.evaluateOnNewDocument(installProbe, pageName);
    await page.goto(url, { timeout });
    await page.waitForFunction("document.documentElement.getAttribute('data-remit-lens-state') === 'idle'", { timeout, polling: 100 });
    const probe = await page.evaluate(() => {
      const b = /** @type {{ __remitBench: ProbeTimes }} */ (/** @type {unknown} */ (window)).__remitBench;
      return { scanningAt: b.scanningAt, idleAt: b.idleAt, firstMarkAt: b.firstMarkAt, dclAt: b.dclAt, floorPre: b.floorPre };
    });
    const found = await page.evaluate(countMarks);
    const jumps = /** @type {{ position: number, ms: number | null, frames: number | null }[]} */ (
      await page.evaluate(jumpsToMarks, { positions: JUMPS })
    );
    return { version: await firefox.browser.version(), probe, found, jumps };
  } finally {
    await firefox.close();
  }
}
