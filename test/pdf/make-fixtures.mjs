// The PDF fixtures, made in the test run (plain Node ESM; `node test/pdf/make-fixtures.mjs` makes them by
// hand). Nothing made here is committed: it goes to test/pdf/.generated/ (git-ignored), and a fixture is
// made again only when what it is made from changed.
//
// - every static page of the labelled corpora (test/fixtures/pages, test/fixtures/held-out), printed to
//   PDF with Chromium's print-to-PDF, so each labelled page is also a labelled PDF (a page's frames print
//   with it, so a framed page's labels are added to its own); the tuning pages also under two other
//   styles (same content, same labels, another layout);
// - a Standard Paper Remittance typeset in Courier (test/pdf/fixtures/spr-courier.txt, one string per line
//   as MREP prints it) and raw X12 printed the same way;
// - a Medicare Summary Notice (test/pdf/fixtures/msn.html) and a multi-page member EOB (member-eob.mjs), its
//   table's header repeated on every page or printed once;
// - a scanned remittance (an image of a page, no text), one with a scanner's stamp as its only text, and
//   damaged files (truncated, corrupted cross-reference, not a PDF at all).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { findChromium } from '../e2e/browser.mjs';
import { projectRoot, startServer } from '../e2e/static-server.mjs';
import { memberEob } from './member-eob.mjs';
import { imagePdf, textPdf } from './pdf-writer.mjs';

export const OUT = path.join(projectRoot, 'test/pdf/.generated');
const HERE = path.join(projectRoot, 'test/pdf');
const FIXTURES = path.join(projectRoot, 'test/fixtures');
/** Bump when the way fixtures are made changes, so old copies are made again. */
const VERSION = '3';

/**
 * @typedef {{ name: string, pdf: string, expected: { code: string, amount?: string }[] | null, set: 'pages' | 'held-out' | 'generated', note?: string }} Fixture
 */

/** Pages a corpus folder holds that print as they are labelled: not frame documents, not pages that render themselves. */
export function corpusPages(folder) {
  const dir = path.join(FIXTURES, folder);
  const scripted = new Set(['spa.html', 'preact-spa.html']);
  for (const f of readdirSync(dir).filter((f) => /^corpus.*\.json$/.test(f))) {
    for (const e of JSON.parse(readFileSync(path.join(dir, f), 'utf8'))) if (e.script) scripted.add(e.page);
  }
  return readdirSync(dir)
    .filter((f) => f.endsWith('.html') && !f.endsWith('-child.html') && !scripted.has(f))
    .sort();
}

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const hash = (...parts) => {
  const h = createHash('sha256').update(VERSION);
  for (const p of parts) h.update(p);
  return h.digest('hex').slice(0, 16);
};

/** A page's labels, with those of the frames it shows (they print with it). */
function labelsOf(dir, page) {
  const html = readFileSync(path.join(dir, page), 'utf8');
  const marks = readJson(path.join(dir, page.replace(/\.html$/, '.expected.json')));
  const frames = [...html.matchAll(/<iframe\b[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]);
  const sources = [html];
  for (const frame of frames) {
    const expected = path.join(dir, frame.replace(/\.html$/, '.expected.json'));
    if (!existsSync(expected)) continue;
    marks.push(...readJson(expected));
    sources.push(readFileSync(path.join(dir, frame), 'utf8'));
  }
  return { marks, sources, framed: frames.length > 0 };
}

/** Writes atomically, so a reader never sees half a file. */
function put(file, bytes) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, file);
}

/** One maker at a time across test workers: a lock directory, taken over when its owner is gone. */
async function withLock(dir, fn) {
  const lock = path.join(dir, '.lock');
  for (let waited = 0; ; waited += 100) {
    try {
      mkdirSync(lock);
      writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch {
      const pid = Number(readFileSync(path.join(lock, 'pid'), 'utf8').trim() || 0);
      let alive = false;
      try {
        if (pid) process.kill(pid, 0);
        alive = pid !== 0;
      } catch {}
      if (!alive && waited > 1000) rmSync(lock, { recursive: true, force: true });
      if (waited > 300_000) throw new Error(`make-fixtures: ${lock} is held by ${pid}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** Splits the hand-made printout into pages at form feeds (a line `\f`). */
function printoutPages(text) {
  const pages = [[]];
  for (const line of text.replace(/\n$/, '').split('\n')) {
    if (line === '\\f') pages.push([]);
    else pages[pages.length - 1].push(line);
  }
  return pages;
}

/** A printout of raw X12: one segment per line, as a viewer prints a file. */
function x12Pages(text, linesPerPage = 60) {
  const lines = text
    .split(/~\s*/)
    .filter((s) => s.trim() !== '')
    .map((s) => `${s}~`);
  const pages = [];
  for (let i = 0; i < lines.length; i += linesPerPage) pages.push(lines.slice(i, i + linesPerPage));
  return pages;
}

/**
 * Makes (or reuses) every fixture. Returns them with their labels (`expected` null for the scanned and
 * damaged ones, which have no marks to compare).
 * @param {{ out?: string, force?: boolean, log?: (line: string) => void }} [options]
 * @returns {Promise<Fixture[]>}
 */
export async function makeFixtures({ out = OUT, force = false, log = () => {} } = {}) {
  mkdirSync(out, { recursive: true });
  return withLock(out, async () => {
    const manifestFile = path.join(out, 'manifest.json');
    /** @type {Record<string, string>} */
    const manifest = existsSync(manifestFile) && !force ? readJson(manifestFile) : {};
    /** @type {Fixture[]} */
    const fixtures = [];
    /** @type {{ name: string, key: string, make: (page: import('playwright-core').Page, server: { url: (p: string) => string }) => Promise<Uint8Array> }[]} */
    const toPrint = [];
    /** Files made without a browser, and what to print with one. */
    const need = (name, key) => force || manifest[name] !== key || !existsSync(path.join(out, name));

    for (const set of /** @type {const} */ (['pages', 'held-out'])) {
      const dir = path.join(FIXTURES, set);
      for (const page of corpusPages(set)) {
        const { marks, sources, framed } = labelsOf(dir, page);
        const name = `${set}--${page.replace(/\.html$/, '.pdf')}`;
        fixtures.push({ name, pdf: path.join(out, name), expected: marks, set, ...(framed ? { note: 'with its frame' } : {}) });
        const key = hash(...sources);
        if (need(name, key)) toPrint.push({ name, key, make: (p, server) => printPage(p, server.url(`${set}/${page}`)) });
        if (set !== 'pages') continue;
        // The tuning pages again under other styles: the same content (so the same labels), laid out otherwise.
        for (const [style, css] of Object.entries(STYLES)) {
          const styled = `${style}--${name}`;
          fixtures.push({ name: styled, pdf: path.join(out, styled), expected: marks, set: 'styled' });
          const styledKey = hash(css, ...sources);
          if (need(styled, styledKey))
            toPrint.push({ name: styled, key: styledKey, make: (p, server) => printPage(p, server.url(`pages/${page}`), css) });
        }
      }
    }

    // The Standard Paper Remittance in Courier, and raw X12 printed the same way.
    const sprText = readFileSync(path.join(HERE, 'fixtures/spr-courier.txt'), 'utf8');
    const spr = textPdf(printoutPages(sprText), { title: 'Medicare Remittance Notice' });
    const generated = [
      { name: 'spr-courier.pdf', bytes: spr, expected: readJson(path.join(HERE, 'fixtures/spr-courier.expected.json')) },
      {
        name: 'x12-printout.pdf',
        bytes: textPdf(x12Pages(readFileSync(path.join(FIXTURES, '835/synthetic-medicare-b-co253.835'), 'utf8')), { title: '835' }),
        expected: readJson(path.join(FIXTURES, 'pages/era-synthetic-medicare-b-co253.expected.json')),
      },
      // Damaged: the SPR cut off in its middle; its cross-reference table and trailer overwritten; bytes that are no PDF.
      { name: 'damaged-truncated.pdf', bytes: spr.slice(0, Math.floor(spr.length * 0.4)), expected: null },
      { name: 'damaged-xref.pdf', bytes: corruptXref(spr), expected: null },
      {
        name: 'damaged-not-pdf.pdf',
        bytes: new TextEncoder().encode('<html><body>Session expired. Please sign in again.</body></html>\n'),
        expected: null,
      },
    ];
    for (const g of generated) {
      const file = path.join(out, g.name);
      const key = hash(Buffer.from(g.bytes));
      if (need(g.name, key)) {
        put(file, g.bytes);
        manifest[g.name] = key;
      }
      fixtures.push({ name: g.name, pdf: file, expected: g.expected, set: 'generated' });
    }

    const msnHtml = readFileSync(path.join(HERE, 'fixtures/msn.html'), 'utf8');
    fixtures.push({
      name: 'msn.pdf',
      pdf: path.join(out, 'msn.pdf'),
      expected: readJson(path.join(HERE, 'fixtures/msn.expected.json')),
      set: 'generated',
    });
    if (need('msn.pdf', hash(msnHtml))) toPrint.push({ name: 'msn.pdf', key: hash(msnHtml), make: (p) => printHtml(p, msnHtml) });

    for (const [name, repeatHeader] of /** @type {const} */ ([
      ['member-eob.pdf', true],
      ['member-eob-continued.pdf', false],
    ])) {
      const eob = memberEob(72, { repeatHeader });
      fixtures.push({ name, pdf: path.join(out, name), expected: eob.marks, set: 'generated' });
      if (need(name, hash(eob.html))) toPrint.push({ name, key: hash(eob.html), make: (p) => printHtml(p, eob.html) });
    }

    // Scans: the MSN as an image only, and with a scanner's stamp as its only text.
    for (const [name, caption] of /** @type {const} */ ([
      ['scanned.pdf', undefined],
      ['scanned-stamp.pdf', 'Scanned 06/18/2024 p1'],
    ])) {
      fixtures.push({ name, pdf: path.join(out, name), expected: null, set: 'generated' });
      const key = hash(msnHtml, caption ?? '');
      if (need(name, key)) toPrint.push({ name, key, make: (p) => scanOf(p, msnHtml, caption) });
    }

    if (toPrint.length > 0) {
      log(`make-fixtures: printing ${toPrint.length} PDF(s) with Chromium`);
      const server = await startServer('test/fixtures');
      const browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox', '--disable-gpu'] });
      try {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        // The fixtures need nothing from elsewhere: block anything that is not the fixture server.
        await context.route('**/*', (route) => (route.request().url().startsWith(server.origin) ? route.continue() : route.abort()));
        const page = await context.newPage();
        for (const job of toPrint) {
          put(path.join(out, job.name), await job.make(page, server));
          manifest[job.name] = job.key;
        }
      } finally {
        await browser.close();
        await server.close();
      }
    }
    put(manifestFile, `${JSON.stringify(manifest, null, 1)}\n`);
    return fixtures;
  });
}

const PDF_OPTIONS = /** @type {const} */ ({ format: 'Letter', printBackground: true });
/**
 * The corpus pages are laid out for a 1280-pixel screen: printed in landscape at 80% (a print dialog's
 * "fit to width"), a page is as wide as on screen, so no table is cut at the paper's edge.
 */
const CORPUS_PDF_OPTIONS = /** @type {const} */ ({ format: 'Letter', landscape: true, scale: 0.8, printBackground: true });

async function printPage(page, url, css) {
  await page.goto(url, { waitUntil: 'load' });
  await page.evaluate(() => {
    // A closed <details> is labelled (its reader can open it); a PDF holds only what was printed: open them, as one would before printing.
    for (const d of document.querySelectorAll('details')) d.open = true;
    return document.fonts.ready.then(() => undefined);
  });
  if (css) await page.addStyleTag({ content: css });
  return page.pdf(CORPUS_PDF_OPTIONS);
}

/**
 * Other styles for the tuning pages, to check that reading follows layout rather than one stylesheet:
 * tables with little padding in a serif face (pdf.js joins their cells), and everything in a fixed-width
 * face except printouts (an HTML page in Courier is still laid out by HTML).
 */
const STYLES = {
  tight:
    ':not(pre):not(pre *):not(code) { font-family: Georgia, "Times New Roman", serif !important; } td, th { padding: 1px 3px !important; }',
  courier: ':not(pre):not(pre *) { font-family: "Courier New", Courier, monospace !important; }',
};

async function printHtml(page, html) {
  await page.setContent(html, { waitUntil: 'load' });
  return page.pdf(PDF_OPTIONS);
}

/** What a scanner makes of the page: a picture of it, no text. */
async function scanOf(page, html, caption) {
  await page.setViewportSize({ width: 850, height: 1100 });
  await page.setContent(html, { waitUntil: 'load' });
  const jpeg = await page.screenshot({ type: 'jpeg', quality: 70 });
  await page.setViewportSize({ width: 1280, height: 900 });
  return imagePdf(new Uint8Array(jpeg), { pixelWidth: 850, pixelHeight: 1100, ...(caption ? { caption } : {}) });
}

/** The file with its cross-reference table, trailer and startxref overwritten by noise of the same length. */
function corruptXref(bytes) {
  const copy = Buffer.from(bytes);
  const at = copy.lastIndexOf(Buffer.from('xref'));
  for (let i = at; i < copy.length; i++) copy[i] = 0x20 + ((i * 7) % 90);
  // Damage the objects as well, so the file cannot be rebuilt by scanning for "obj".
  for (let i = copy.indexOf(Buffer.from(' obj')); i >= 0 && i < at; i = copy.indexOf(Buffer.from(' obj'), i + 4))
    copy.write(' ojb', i, 'latin1');
  return new Uint8Array(copy);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const started = Date.now();
  const fixtures = await makeFixtures({ force: process.argv.includes('--force'), log: console.log });
  const size = fixtures.reduce((n, f) => n + (existsSync(f.pdf) ? statSync(f.pdf).size : 0), 0);
  console.log(
    `${fixtures.length} fixtures in ${path.relative(projectRoot, OUT)} (${(size / 1024).toFixed(0)} KB), ${Date.now() - started} ms`,
  );
}
