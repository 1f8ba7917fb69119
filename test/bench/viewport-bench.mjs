// Marks where the reader is (issue 19), in Chromium: how soon marks are there after a jump to any scroll
// position, and whether frames stay short while loading and while scrolling at a steady pace, with the
// extension and without it (the same page from a host the content script does not run on).
import { installProbe } from './page-probe.mjs';

/** Scroll positions (fractions of the page) for the jumps: top, middle, end, then spread deterministically. */
export const JUMPS = [0, 0.5, 1, 0.93, 0.07, 0.61, 0.34, 0.82, 0.18, 0.71, 0.45, 0.99, 0.26, 0.88, 0.12, 0.55, 0.39, 0.77, 0.03, 0.66];

/**
 * In the page: jumps to each position and waits, frame by frame, until every table row in the viewport has a
 * mark in its Reason cell (the bench page's rows each hold one). `frames` is the count of frames from the
 * scroll to the first one that showed the marks: 1 means the frame that showed the new position had them.
 * Self-contained (Playwright serializes it).
 * @param {{ positions: number[] }} options
 */
export async function jumpsToMarks({ positions }) {
  const rows = Array.from(document.querySelectorAll('table.lines tbody tr'));
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())));
  const inView = () => {
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (rows[mid].getBoundingClientRect().bottom < 0) lo = mid + 1;
      else hi = mid;
    }
    const out = [];
    for (let i = lo; i < rows.length; i++) {
      const r = rows[i].getBoundingClientRect();
      if (r.top > innerHeight) break;
      if (r.bottom > 0) out.push(rows[i]);
    }
    return out;
  };
  const marked = () => {
    const visible = inView();
    return visible.length > 0 && visible.every((tr) => tr.children[8]?.querySelector('remit-mark'));
  };
  const max = document.documentElement.scrollHeight - innerHeight;
  const results = [];
  for (const position of positions) {
    await frame();
    await frame();
    const t0 = performance.now();
    scrollTo(0, Math.round(position * max));
    let frames = 0;
    let at = null;
    while (frames < 240) {
      const t = await frame();
      frames++;
      if (marked()) {
        at = t;
        break;
      }
    }
    results.push({ position, ms: at === null ? null : at - t0, frames: at === null ? null : frames });
  }
  scrollTo(0, 0);
  return results;
}

/**
 * In the page: scrolls down `px` per frame for `frames` frames and collects the long animation frames meanwhile.
 * @param {{ px: number, frames: number }} options
 */
export async function steadyScroll({ px, frames }) {
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())));
  const long = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) long.push(e.duration);
  });
  try {
    observer.observe({ type: 'long-animation-frame' });
  } catch {
    return null;
  }
  scrollTo(0, 0);
  await frame();
  const t0 = performance.now();
  for (let i = 0; i < frames; i++) {
    scrollBy(0, px);
    await frame();
  }
  const elapsed = performance.now() - t0;
  await new Promise((resolve) => setTimeout(resolve, 100));
  observer.disconnect();
  scrollTo(0, 0);
  return { elapsed, frames, long: long.length, over50: long.filter((d) => d > 50).length, longest: long.length ? Math.max(...long) : 0 };
}

/**
 * Loads the bench page with the extension (waits for idle) and from the baseline host (waits as long), then the
 * jumps on the first and steady scrolling on both.
 * @param {import('../e2e/browser.d.mts').LaunchedExtension} ext
 * @param {{ url: string, baselineUrl: string, pageName: string, timeout: number }} options
 */
export async function viewportInChromium(ext, { url, baselineUrl, pageName, timeout }) {
  const withExt = await ext.context.newPage();
  await withExt.addInitScript(installProbe, pageName);
  await withExt.goto(url, { waitUntil: 'commit', timeout });
  await withExt.bringToFront();
  await withExt.waitForFunction(() => window.__remitBench?.idleAt != null, null, { polling: 100, timeout });
  const probe = await withExt.evaluate(() => {
    const b = window.__remitBench;
    return { scanningAt: b.scanningAt, idleAt: b.idleAt, firstMarkAt: b.firstMarkAt, dclAt: b.dclAt, longFrames: b.longFrames };
  });
  const scanMs = (probe.idleAt ?? 0) - (probe.scanningAt ?? 0);
  const jumps = await withExt.evaluate(jumpsToMarks, { positions: JUMPS });
  const scrolled = await withExt.evaluate(steadyScroll, { px: 40, frames: 240 });
  await withExt.close();

  const bare = await ext.context.newPage();
  await bare.addInitScript(installProbe, pageName);
  await bare.goto(baselineUrl, { waitUntil: 'commit', timeout });
  await bare.bringToFront();
  await bare.waitForFunction(() => window.__remitBench?.dclAt != null, null, { polling: 100, timeout });
  // As long after DOMContentLoaded as the extension's scan lasted after its start, and the same injection delay.
  const until = (probe.idleAt ?? 0) - (probe.dclAt ?? 0);
  await bare.waitForFunction((t) => performance.now() - window.__remitBench.dclAt >= t, until, { polling: 100, timeout });
  const bareProbe = await bare.evaluate(() => ({ dclAt: window.__remitBench.dclAt, longFrames: window.__remitBench.longFrames }));
  const bareScrolled = await bare.evaluate(steadyScroll, { px: 40, frames: 240 });
  await bare.close();

  const loadFrames = (p, from, to) => p.longFrames.filter((f) => f.start + f.duration >= from && f.start <= to);
  const withLoad = loadFrames(probe, probe.scanningAt ?? 0, probe.idleAt ?? 0);
  const bareLoad = loadFrames(
    bareProbe,
    (bareProbe.dclAt ?? 0) + ((probe.scanningAt ?? 0) - (probe.dclAt ?? 0)),
    (bareProbe.dclAt ?? 0) + until,
  );
  return { probe, scanMs, jumps, scrolled, bareScrolled, withLoad, bareLoad };
}
