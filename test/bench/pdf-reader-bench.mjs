// The PDF reader benchmark (part of `npm run bench`; BENCH_ONLY=pdf runs just this): a generated 50-page
// Standard Paper Remittance (320 claims in Courier) opened in the reader page in Chromium as
// reader.html?file=<the fixture server under its download-host name>. From the reader's own performance
// marks: when page 1's text layer was up and when its marks were on it (issue 18: within 300 ms), when every
// page's text was read and the document's tally shown (within 2 s of navigation); how many pages were
// painted (only those near the viewport); the JS heap and DOM size after; the tally's count checked against
// the generated document's.

import { textPdf } from '../pdf/pdf-writer.mjs';
import { generateSpr } from './generate-spr.mjs';

export const PDF_TARGET = { markedAfterTextLayerMs: 300, tallyMs: 2000 };
export const PDF_CLAIMS = 320;

/** The 50-page remittance as bytes, and how many codes it holds. */
export function benchPdf(claims = PDF_CLAIMS) {
  const spr = generateSpr({ claims });
  return { bytes: textPdf(spr.pages, { title: 'Medicare Remittance Notice' }), pages: spr.pages.length, total: spr.total };
}

/**
 * Chromium: the reader page on the generated PDF, `runs` times (a fresh tab each); medians and the first run.
 * @param {{ ext: import('../e2e/browser.d.mts').LaunchedExtension, url: string, total: number, timeout: number, runs?: number }} o
 */
export async function pdfReaderInChromium({ ext, url, total, timeout, runs = 3 }) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    const page = await ext.context.newPage();
    try {
      const cdp = await ext.context.newCDPSession(page);
      await cdp.send('Performance.enable');
      await page.goto(`chrome-extension://${ext.extensionId}/reader.html?file=${encodeURIComponent(url)}`);
      await page.waitForSelector('[data-testid="pdf-code-count"]', { timeout });
      await page.waitForSelector('.pdf-page[data-page-number="1"][data-painted]', { timeout });
      const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])));
      const view = await page.evaluate(() => ({
        pages: document.querySelectorAll('.pdf-page').length,
        painted: document.querySelectorAll('.pdf-page[data-painted]').length,
        count: document.querySelector('[data-testid="pdf-code-count"]')?.textContent ?? '',
        nodes: document.getElementsByTagName('*').length,
      }));
      const { metrics } = await cdp.send('Performance.getMetrics');
      const metric = (name) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
      results.push({
        opened: marks['remit-lens:pdf-opened'],
        textLayer: marks['remit-lens:text-layer:1'],
        marked: marks['remit-lens:marked:1'],
        read: marks['remit-lens:pdf-read'],
        tally: marks['remit-lens:tally'],
        heap: metric('JSHeapUsedSize'),
        ...view,
        right: view.count === `${total} codes in this document`,
      });
      await cdp.detach();
    } finally {
      await page.close();
    }
  }
  return results;
}
