// The 835 reader benchmark (part of `npm run bench`): a generated 20,000-claim (~10 MB) 835 read by
//  - the parser alone and the reader's whole reading pass (parse, checks, totals, filter index) in Node, bundled
//    from the same source the extension ships;
//  - the reader page in Chromium, opened as reader.html?file=<the fixture server under its download-host name>:
//    time to the first claims on screen, to the whole file read, the longest main-thread task while reading
//    (Long Tasks), a search over all claims, and the JS heap after;
//  - the same page in Firefox when one is installed (times from outside the page: no Long Tasks API there).
import vm from 'node:vm';
import { build } from 'vite';
import { findFirefox, launchFirefox } from '../e2e/firefox.mjs';
import { projectRoot } from '../e2e/static-server.mjs';

/** The e2e build's stand-in download host (wxt.config.ts E2E_FILE_HOST). */
export const FILE_HOST = 'reader-files.test';
export const READER_TARGET = { firstClaimsMs: 1000, taskMs: 200 };

/** Parser and reading pass as one IIFE script defining `RemitLensReader`. */
async function bundleReader() {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    root: projectRoot,
    resolve: { alias: { '@': projectRoot } },
    build: {
      write: false,
      minify: true,
      emptyOutDir: false,
      lib: { entry: 'test/bench/reader-entry.ts', formats: ['iife'], name: 'RemitLensReader', fileName: () => 'reader.js' },
    },
  });
  const output = Array.isArray(result) ? result[0] : result;
  const chunk = output && 'output' in output ? output.output.find((c) => c.type === 'chunk') : undefined;
  if (chunk?.type !== 'chunk') throw new Error('bundleReader: Vite produced no chunk');
  return chunk.code;
}

/**
 * Node: best of `runs` for the parser alone and for the reader's reading pass.
 * @param {string} text
 * @param {number} runs
 */
export async function readerInNode(text, runs = 3) {
  const context = vm.createContext({ performance, console, Intl, TextDecoder });
  vm.runInContext(`${await bundleReader()}\nglobalThis.RemitLensReader = RemitLensReader;`, context);
  const lib = context.RemitLensReader;
  const parse = [];
  const reading = [];
  let claims = 0;
  let off = 0;
  for (let i = 0; i < runs; i++) {
    let t = performance.now();
    const result = lib.parse835(text);
    parse.push(performance.now() - t);
    claims = result.remittances.reduce((n, r) => n + r.claims.length, 0);
    t = performance.now();
    const r = new lib.Reading(text, 'bench.835', lib.shippedSequestration(), new Map());
    while (!r.slice(1e9));
    reading.push(performance.now() - t);
    off = r.entries.filter((e) => e.checks.balance.state !== 'ok').length;
  }
  return { parse: Math.min(...parse), reading: Math.min(...reading), claims, off };
}

/** In the page, before the reader's script: when the first claim appears, when reading ends, every long task. */
function installReaderProbe() {
  const b = { firstClaimAt: null, idleAt: null, tasks: [] };
  window.__readerBench = b;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) b.tasks.push({ at: e.startTime, ms: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No Long Tasks API (Firefox).
  }
  const look = () => {
    if (b.firstClaimAt === null && document.querySelector('article[data-remit-claim]')) b.firstClaimAt = performance.now();
    if (b.firstClaimAt !== null && b.idleAt === null && document.documentElement.getAttribute('data-remit-lens-state') === 'idle') {
      b.idleAt = performance.now();
    }
  };
  new MutationObserver(look).observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['data-remit-lens-state'],
  });
}

/**
 * Chromium: the reader page on the generated file.
 * @param {{ ext: import('../e2e/browser.d.mts').LaunchedExtension, url: string, claims: number, timeout: number }} o
 */
export async function readerInChromium({ ext, url, claims, timeout }) {
  const page = await ext.context.newPage();
  try {
    await page.addInitScript(installReaderProbe);
    await page.goto(`chrome-extension://${ext.extensionId}/reader.html?file=${encodeURIComponent(url)}`);
    await page.waitForFunction(() => window.__readerBench?.idleAt !== null, undefined, { timeout, polling: 100 });
    const b = await page.evaluate(() => window.__readerBench);
    const shown = await page.evaluate(() => document.querySelectorAll('article[data-remit-claim]').length);
    const heap = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? Number.NaN);
    // A search over every claim: typing one account number until the list shows it.
    const t0 = Date.now();
    await page.fill('[data-testid="claim-search"]', 'ACCT0012345');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="claim-count"]')?.textContent?.startsWith('Showing 1 of'),
      undefined,
      {
        timeout,
      },
    );
    const search = Date.now() - t0;
    const count = await page.textContent('[data-testid="claim-count"]');
    const during = b.tasks.filter((t) => t.at + t.ms >= (b.firstClaimAt ?? 0) && t.at <= (b.idleAt ?? Number.POSITIVE_INFINITY));
    return {
      firstClaims: b.firstClaimAt,
      idle: b.idleAt,
      longest: Math.max(0, ...during.map((t) => t.ms)),
      longTasks: during.length,
      shown,
      heap,
      search,
      allRead: count === `Showing 1 of ${claims} claims`,
    };
  } finally {
    await page.close();
  }
}

/**
 * Firefox (when installed): the same page, timed from outside it.
 * @param {{ url: string, claims: number, timeout: number }} o
 */
export async function readerInFirefox({ url, claims, timeout }) {
  try {
    findFirefox();
  } catch (error) {
    return { skipped: error instanceof Error ? error.message : String(error) };
  }
  const firefox = await launchFirefox({ timeout, localDomains: [FILE_HOST] });
  try {
    const page = await firefox.browser.newPage();
    await firefox.openExtensionPage(page, 'reader.html');
    const t0 = Date.now();
    const navigate = firefox.openExtensionPage(page, `reader.html?file=${encodeURIComponent(url)}`);
    await navigate;
    await page.waitForFunction(() => document.querySelector('article[data-remit-claim]') !== null, { timeout, polling: 20 });
    const firstClaims = Date.now() - t0;
    await page.waitForFunction(() => document.documentElement.getAttribute('data-remit-lens-state') === 'idle', { timeout, polling: 50 });
    const idle = Date.now() - t0;
    const count = await page.evaluate(() => document.querySelector('[data-testid="claim-count"]')?.textContent ?? '');
    return { version: await firefox.browser.version(), firstClaims, idle, allRead: count === `${claims} claims` };
  } finally {
    await firefox.close();
  }
}
