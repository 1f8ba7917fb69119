// Lookup benchmark: time per keystroke of the popup's code search over the whole shipped catalog.
//  - pure search: lib/catalog/search.ts + lib/catalog/data.ts bundled by Vite (same source the background
//    worker ships) and timed in Node and inside the extension's own service worker (Chromium's V8);
//  - popup round trip: chrome.runtime.sendMessage({ type: 'catalog:search' }) from the real popup page.
import vm from 'node:vm';
import { build } from 'vite';
import { projectRoot } from '../e2e/static-server.mjs';

/** Words a person types; every prefix is one keystroke (and one search). */
export const TYPED = [
  '253',
  'co-253',
  'co 45',
  'pr2',
  'b15',
  'n130',
  'ma 130',
  'timely filing',
  'bundled',
  'sequestration',
  'prior authorization',
  'not covered',
];

/** Every keystroke of TYPED, in typing order ("2", "25", "253", "c", "co", ...). */
export function keystrokes() {
  return TYPED.flatMap((word) => Array.from(word, (_, i) => word.slice(0, i + 1)));
}

/** The search code as one IIFE script defining `RemitLensLookup` ({ shippedCatalog, CodeSearch }). */
export async function bundleSearch() {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    root: projectRoot,
    build: {
      write: false,
      minify: false,
      emptyOutDir: false,
      lib: { entry: 'test/bench/lookup-entry.ts', formats: ['iife'], name: 'RemitLensLookup', fileName: () => 'lookup.js' },
    },
  });
  const output = Array.isArray(result) ? result[0] : result;
  const chunk = output && 'output' in output ? output.output.find((c) => c.type === 'chunk') : undefined;
  if (chunk?.type !== 'chunk') throw new Error('bundleSearch: Vite produced no chunk');
  return chunk.code;
}

/**
 * Runs in Node or (serialized) in the service worker. performance.now() is coarse in browsers (100 µs), so
 * each keystroke is timed as a batch of `reps` searches; its time is the batch mean. The cold time is the
 * first search of a fresh worker: catalog parse + index build + one query.
 * @param {{ shippedCatalog(): unknown, CodeSearch: new (c: unknown) => { search(q: string): unknown[] } }} lib
 * @param {string[]} keys
 * @param {number} reps
 */
export function timeSearch(lib, keys, reps) {
  const t0 = performance.now();
  const catalog = lib.shippedCatalog();
  const t1 = performance.now();
  const search = new lib.CodeSearch(catalog);
  const t2 = performance.now();
  const firstHits = search.search(keys[0] ?? '2').length;
  const t3 = performance.now();
  // One warm-up pass so the JIT has seen every query shape, as it has after a few keystrokes in the popup.
  for (const q of keys) search.search(q);
  const perKey = [];
  const hits = [];
  for (const q of keys) {
    const start = performance.now();
    let n = 0;
    for (let i = 0; i < reps; i++) n = search.search(q).length;
    perKey.push((performance.now() - start) / reps);
    hits.push(n);
  }
  return { catalogMs: t1 - t0, indexMs: t2 - t1, firstQueryMs: t3 - t2, coldMs: t3 - t0, firstHits, perKey, hits };
}

/** Pure search in this Node process. */
export function timeSearchInNode(code, keys, reps) {
  const lib = vm.runInThisContext(`(() => { ${code}\n; return RemitLensLookup; })()`);
  return timeSearch(lib, keys, reps);
}

/** Pure search inside the extension's service worker (evaluated over CDP; the extension itself is untouched). */
export async function timeSearchInWorker(worker, code, keys, reps) {
  // A function keeps the bundle's top-level names out of the worker's global scope.
  const expression = `(() => { ${code}\n; return (${timeSearch.toString()})(RemitLensLookup, ${JSON.stringify(keys)}, ${reps}); })()`;
  return worker.evaluate(expression);
}

/**
 * Round trips from the real popup page to the background worker, one message per keystroke, `rounds` times.
 * The first message of a fresh worker also builds the catalog and index: reported as cold.
 * @param {import('playwright-core').Page} popup
 */
export async function timeRoundTrips(popup, keys, rounds) {
  return popup.evaluate(
    async ({ keys, rounds }) => {
      const ext = globalThis.chrome;
      const t0 = performance.now();
      const first = await ext.runtime.sendMessage({ type: 'catalog:search', query: keys[0] });
      const coldMs = performance.now() - t0;
      const perKey = [];
      const hits = [];
      for (let r = 0; r < rounds; r++) {
        for (const query of keys) {
          const start = performance.now();
          const found = await ext.runtime.sendMessage({ type: 'catalog:search', query });
          perKey.push(performance.now() - start);
          if (r === 0) hits.push(found.length);
        }
      }
      return { coldMs, firstHits: first.length, perKey, hits };
    },
    { keys, rounds },
  );
}
