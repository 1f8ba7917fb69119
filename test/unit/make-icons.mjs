// Rasterizes our own artwork (public/icon/remit-lens.svg) into the PNG sizes the stores and browsers
// use (public/icon/{16,32,48,128}.png, which WXT puts in the manifest) with headless Chromium.
// Run after changing the SVG:  node test/unit/make-icons.mjs
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { findChromium } from '../e2e/browser.mjs';
import { projectRoot } from '../e2e/static-server.mjs';

export const ICON_SIZES = [16, 32, 48, 128];
const dir = path.join(projectRoot, 'public/icon');
const svg = await readFile(path.join(dir, 'remit-lens.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: findChromium(), args: ['--no-sandbox', '--disable-gpu'] });
try {
  for (const size of ICON_SIZES) {
    const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
    const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    await page.setContent(`<style>html,body{margin:0;background:transparent}</style><img src="${src}" width="${size}" height="${size}">`);
    await page.waitForFunction(() => document.images[0]?.complete);
    await page.screenshot({ path: path.join(dir, `${size}.png`), omitBackground: true });
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(`wrote ${ICON_SIZES.map((s) => `public/icon/${s}.png`).join(', ')}`);
