// @vitest-environment node
// lib/pdf in real Chromium, bundled by Vite as the extension will bundle it: pdf.js's worker from a local
// file, nothing fetched from elsewhere, the text layer's spans the ones the mentions point to.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSpr } from '../bench/generate-spr.mjs';
import { findChromium } from '../e2e/browser.mjs';
import { projectRoot, startServer } from '../e2e/static-server.mjs';
import { known } from '../known-codes';
import { memberEob } from './member-eob.mjs';
import { textPdf } from './pdf-writer.mjs';

let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'remit-lens-pdf-browser-'));
  await build({
    configFile: false,
    logLevel: 'silent',
    root: projectRoot,
    publicDir: false,
    build: {
      outDir: dir,
      emptyOutDir: false,
      minify: true,
      target: 'es2022',
      rollupOptions: { input: path.join(projectRoot, 'test/pdf/browser/entry.ts'), output: { format: 'es', entryFileNames: 'entry.js' } },
    },
  });
  await writeFile(
    path.join(dir, 'index.html'),
    '<!doctype html><meta charset="utf-8"><title>PDF</title><script type="module" src="./entry.js"></script>',
  );
}, 120_000);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('lib/pdf in Chromium', () => {
  it('reads a remittance PDF with the bundled worker and its marks land on the codes in the text layer', async () => {
    const server = await startServer(dir);
    const browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox', '--disable-gpu'] });
    const outside: string[] = [];
    try {
      const page = await browser.newPage();
      await page.route('**/*', (route) => {
        if (route.request().url().startsWith(server.origin)) return route.continue();
        outside.push(route.request().url());
        return route.abort();
      });
      await page.goto(server.url('index.html'));
      await page.waitForFunction(() => typeof window.runPdf === 'function');
      const spr = generateSpr({ claims: 12 });
      const bytes = [...textPdf(spr.pages, { title: 'Medicare Remittance Notice' })];
      const seen = await page.evaluate(([b, carc, rarc]) => window.runPdf(Uint8Array.from(b), carc, rarc), [
        bytes,
        [...known.carc],
        [...known.rarc],
      ] as const);
      if (typeof seen === 'string') throw new Error(seen);
      expect(seen.length).toBe(spr.total);
      // Each mark's characters in the text layer are the code as printed (CO-45, N130, MA01, 253).
      for (const m of seen) expect(m.marked.replace(/\s+/g, '')).toBe(m.code);
      // A proportional EOB printed by Chromium: its codes and the amounts its columns give.
      const eob = memberEob(30);
      const printer = await browser.newPage();
      await printer.route('**/*', (route) => route.abort());
      await printer.setContent(eob.html);
      const eobBytes = [...new Uint8Array(await printer.pdf({ format: 'Letter', printBackground: true }))];
      const eobSeen = await page.evaluate(([b, carc, rarc]) => window.runPdf(Uint8Array.from(b), carc, rarc), [
        eobBytes,
        [...known.carc],
        [...known.rarc],
      ] as const);
      if (typeof eobSeen === 'string') throw new Error(eobSeen);
      const key = (m: { code: string; amount?: string }) => `${m.code} ${m.amount ?? ''}`;
      expect(eobSeen.map(key).sort()).toEqual(eob.marks.map(key).sort());
      for (const m of eobSeen) expect(m.marked.replace(/\s+/g, '')).toBe(m.code);
      expect(server.requests.map((r) => r.url).sort()).toEqual(expect.arrayContaining(['/entry.js', '/index.html']));
      expect(outside).toEqual([]);
    } finally {
      await browser.close();
      await server.close();
    }
  }, 120_000);
});
