// The PDF bench (plain Node): a 50-page Standard Paper Remittance (320 claims, Courier text as MREP prints
// it) and a 50-page member EOB printed by Chromium (a proportional table under a repeated header), read
// with pdf.js's legacy build and lib/pdf (bundled by Vite, as the extension bundles it), page by page as
// the reader reads it. Prints the time to open the file, to the first page's text and
// mentions, to the whole document's mentions, per-page figures and memory, with PASS/MISS against the
// issue's targets (first page marked within 300 ms of its text; the whole tally within 2 s). Checks the
// marks against the generated document's own. Run with --expose-gc for steadier memory figures.
//
//   node --expose-gc test/bench/pdf-bench.mjs   BENCH_PDF_CLAIMS=320  BENCH_PDF_EOB_ROWS=1150  BENCH_PDF_RUNS=5
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { findChromium } from '../e2e/browser.mjs';
import { projectRoot } from '../e2e/static-server.mjs';
import { memberEob } from '../pdf/member-eob.mjs';
import { textPdf } from '../pdf/pdf-writer.mjs';
import { heading, max, mb, median, misses, ms, row, verdict } from './format.mjs';
import { generateSpr } from './generate-spr.mjs';

const CLAIMS = Number(process.env.BENCH_PDF_CLAIMS ?? 320);
const EOB_ROWS = Number(process.env.BENCH_PDF_EOB_ROWS ?? 1150);
const RUNS = Number(process.env.BENCH_PDF_RUNS ?? 5);
const TARGET = { firstPageMs: 300, documentMs: 2000 };

// pdf.js 6 uses Promise.withResolvers (Node 22+); Node 20 gets the one polyfill it needs.
if (!Promise.withResolvers) {
  Promise.withResolvers = () => {
    let resolve;
    let reject;
    const promise = new Promise((yes, no) => {
      resolve = yes;
      reject = no;
    });
    return { promise, resolve, reject };
  };
}

async function bundle(dir) {
  await build({
    configFile: false,
    logLevel: 'silent',
    root: projectRoot,
    build: {
      write: true,
      outDir: dir,
      minify: true,
      emptyOutDir: false,
      lib: { entry: 'test/bench/pdf-entry.ts', formats: ['es'], fileName: () => 'pdf-entry.mjs' },
    },
  });
  return import(pathToFileURL(path.join(dir, 'pdf-entry.mjs')).href);
}

const gc = () => globalThis.gc?.();
const heap = () => {
  gc();
  return process.memoryUsage();
};

/** One reading of the whole document, page by page, as the reader does it. */
async function readOnce(lib, pdfjs, known, bytes) {
  const t0 = performance.now();
  const opened = await lib.openPdf(pdfjs, bytes);
  if (!opened.ok) throw new Error(opened.problem.message);
  const { source } = opened;
  const tOpen = performance.now();
  const detector = new lib.DocumentDetector(known, source.title);
  const pages = [];
  let firstText = 0;
  let firstMarked = 0;
  for (let n = 1; n <= source.numPages; n++) {
    const a = performance.now();
    const read = await source.page(n);
    const b = performance.now();
    if (!read.ok) throw new Error(read.problem.message);
    const { detection } = detector.add(read.page);
    const c = performance.now();
    pages.push({ text: b - a, detect: c - b, mentions: detection.mentions.length });
    if (n === 1) {
      firstText = b - t0;
      firstMarked = c - t0;
    }
  }
  const tEnd = performance.now();
  const mentions = detector.pages.flatMap((p) => p.mentions);
  await source.close();
  return {
    open: tOpen - t0,
    firstText,
    firstMarked,
    firstDetect: pages[0]?.detect ?? 0,
    total: tEnd - t0,
    pages,
    mentions,
    numPages: source.numPages,
  };
}

/** Reads one document RUNS+1 times and prints its numbers; `expected` is "CODE AMOUNT" or "CODE" → count. */
async function benchDocument(title, lib, pdfjs, known, bytes, expected, note) {
  const total = [...expected.values()].reduce((a, b) => a + b, 0);
  const before = heap();
  // The first run also warms up pdf.js and V8; it is reported apart.
  const cold = await readOnce(lib, pdfjs, known, bytes);
  const after = heap();
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await readOnce(lib, pdfjs, known, bytes));
  const found = new Map();
  for (const m of cold.mentions) {
    const key = m.amount ? `${m.code} ${m.amount}` : m.code;
    found.set(key, (found.get(key) ?? 0) + 1);
  }
  const wrong = [...new Set([...expected.keys(), ...found.keys()])].filter((k) => (expected.get(k) ?? 0) !== (found.get(k) ?? 0));

  heading(`PDF: ${title}`);
  row('document', `${cold.numPages} pages`, `${(bytes.length / 1024).toFixed(0)} KB, ${total} marks expected; ${note}`);
  const med = (f) => median(runs.map(f));
  row('open (parse the file)', ms(med((r) => r.open)), `[first run ${ms(cold.open)}]`);
  row('page 1: text content', ms(med((r) => r.firstText - r.open)), `[${ms(cold.firstText - cold.open)}]`);
  row('page 1: layout and detection', ms(med((r) => r.firstDetect)), `[${ms(cold.firstDetect)}]`);
  row('page 1 marked, from opening the file', ms(med((r) => r.firstMarked)), `[${ms(cold.firstMarked)}]`);
  row('whole document: every page read and detected', ms(med((r) => r.total)), `[${ms(cold.total)}]`);
  const perPage = runs.flatMap((r) => r.pages);
  row('per page: text content (median / max)', `${ms(median(perPage.map((p) => p.text)))} / ${ms(max(perPage.map((p) => p.text)))}`);
  row(
    'per page: layout and detection (median / max)',
    `${ms(median(perPage.map((p) => p.detect)))} / ${ms(max(perPage.map((p) => p.detect)))}`,
  );
  row(
    'mentions',
    String(cold.mentions.length),
    wrong.length === 0 ? 'exactly the expected marks' : `${wrong.length} differ: ${wrong.slice(0, 6).join(', ')}`,
  );
  row(
    'heap (after GC) before / after the first read',
    `${mb(before.heapUsed)} / ${mb(after.heapUsed)}`,
    `${mb(after.heapUsed - before.heapUsed)} kept (mentions, layouts)`,
  );
  row('resident set size after', mb(after.rss));
  verdict(
    `${title}: first page marked within 300 ms of its text`,
    med((r) => r.firstDetect) <= TARGET.firstPageMs,
    ms(med((r) => r.firstDetect)),
  );
  verdict(`${title}: whole document tallied within 2 s`, med((r) => r.total) <= TARGET.documentMs, ms(med((r) => r.total)));
  verdict(`${title}: every expected mark, nothing else`, wrong.length === 0, `${cold.mentions.length} of ${total}`);
}

/** The member EOB printed by Chromium, or null when no Chromium is installed. */
async function printedEob() {
  let executablePath;
  try {
    executablePath = findChromium();
  } catch {
    return null;
  }
  const { html, marks } = memberEob(EOB_ROWS);
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage();
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html);
    const bytes = new Uint8Array(await page.pdf({ format: 'Letter', printBackground: true }));
    const expected = new Map();
    for (const m of marks) {
      const key = m.amount ? `${m.code} ${m.amount}` : m.code;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    return { bytes, expected };
  } finally {
    await browser.close();
  }
}

const started = performance.now();
const tmp = await mkdtemp(path.join(os.tmpdir(), 'remit-lens-pdf-bench-'));
try {
  const lib = await bundle(tmp);
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const known = lib.toKnownCodes(lib.shippedCatalog().knownCodes());
  console.log(
    `${os.cpus().length} CPU · Node ${process.versions.node} · pdf.js legacy build, its worker on the main thread · times are medians of ${RUNS} warm runs, the first run in brackets`,
  );

  const spr = generateSpr({ claims: CLAIMS });
  await benchDocument(
    'Standard Paper Remittance',
    lib,
    pdfjs,
    known,
    textPdf(spr.pages, { title: 'Medicare Remittance Notice' }),
    spr.expected,
    `${CLAIMS} claims in Courier`,
  );

  const eob = await printedEob();
  if (eob) await benchDocument('member EOB', lib, pdfjs, known, eob.bytes, eob.expected, `${EOB_ROWS} service lines, printed by Chromium`);
  else console.log('\n(no Chromium: the printed member EOB is left out; set CHROME_PATH)');

  console.log(`\n${misses.length === 0 ? 'all targets met' : `missed: ${misses.join('; ')}`} (${ms(performance.now() - started)})`);
  if (process.env.BENCH_STRICT === '1' && misses.length > 0) process.exitCode = 1;
} finally {
  await rm(tmp, { recursive: true, force: true });
}
