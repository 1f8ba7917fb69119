// @vitest-environment node
// pdf.js in Node (its legacy build) on PDFs made in memory, and a stand-in pdf.js for what real files
// rarely do (a page that fails).
import { describe, expect, it } from 'vitest';
import { known } from '../../test/known-codes';
import { nodePdfjs } from '../../test/pdf/node-pdfjs';
import { imagePdf, textPdf } from '../../test/pdf/pdf-writer.mjs';
import { openPdf, type PdfDocumentLike, type PdfjsLike, readPdfText } from './load';
import { readPdf } from './read';

const spr = () =>
  textPdf(
    [
      [
        'MEDICARE REMITTANCE NOTICE     PAGE 1 OF 2',
        'PERF PROV   PROC   BILLED   GRP/RC-AMT       PROV PD',
        '1417382906  99214  210.00   CO-45    81.59   100.68',
      ],
      ['MEDICARE REMITTANCE NOTICE     PAGE 2 OF 2', 'REM: N130'],
    ],
    { title: 'Medicare Remittance Notice' },
  );

describe('loading a PDF with pdf.js', () => {
  it('reads every page as text items, with their positions and fonts', async () => {
    const read = await readPdfText(await nodePdfjs(), spr());
    if (!read.ok) throw new Error(read.problem.message);
    expect(read.text.numPages).toBe(2);
    expect(read.text.title).toBe('Medicare Remittance Notice');
    const [first] = read.text.pages;
    if (!first?.ok) throw new Error('page 1');
    expect(first.page.items.map((i) => i.str).join('|')).toContain('CO-45');
    expect(first.page.items.every((i) => i.transform.length === 6 && typeof i.fontName === 'string')).toBe(true);
    expect(Object.values(first.page.styles).some((s) => s.fontFamily === 'monospace')).toBe(true);
  });

  it('leaves the caller its bytes (pdf.js gets a copy)', async () => {
    const bytes = spr();
    const opened = await openPdf(await nodePdfjs(), bytes);
    expect(opened.ok).toBe(true);
    if (opened.ok) await opened.source.close();
    expect(bytes.byteLength).toBeGreaterThan(0);
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
  });

  it('says a damaged file is damaged, and never throws', async () => {
    const pdfjs = await nodePdfjs();
    const bytes = spr();
    for (const broken of [bytes.slice(0, bytes.length / 3), new TextEncoder().encode('<html>Session expired</html>'), new Uint8Array()]) {
      const read = await readPdf(pdfjs, broken, known);
      expect(read.status).toBe('unreadable');
      if (read.status === 'unreadable') expect(read.problem.message).toMatch(/damaged|not a PDF|empty/);
    }
  });

  it('says a scan is a scan, with what to do instead', async () => {
    // A 1×1 grey JPEG: an image and no text, as a scanner makes.
    const jpeg = Uint8Array.from(
      atob(
        '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAAMCAgICAgMCAgIDAwMDBAYEBAQEBAgGBgUGCQgKCgkICQkKDA8MCgsOCwkJDRENDg8QEBEQCgwSExIQEw8QEBD/yQALCAABAAEBAREA/8wABgAQEAX/2gAIAQEAAD8A0s8g/9k=',
      ),
      (c) => c.charCodeAt(0),
    );
    const read = await readPdf(await nodePdfjs(), imagePdf(jpeg, { pixelWidth: 1, pixelHeight: 1, caption: 'p1' }), known);
    expect(read.status).toBe('scanned');
    if (read.status === 'scanned') expect(read.reason).toMatch(/scan.*ERA\/835/s);
  });

  it('reads the pages it can when one page fails', async () => {
    const real = await nodePdfjs();
    const failing: PdfjsLike = {
      getDocument(params) {
        const task = real.getDocument(params);
        const promise = task.promise.then(
          (doc): PdfDocumentLike => ({
            numPages: doc.numPages,
            getMetadata: () => doc.getMetadata(),
            getPage: (n) => (n === 2 ? Promise.reject(new Error('bad page tree')) : doc.getPage(n)),
          }),
        );
        return { promise, destroy: () => task.destroy() };
      },
    };
    const read = await readPdf(failing, spr(), known);
    expect(read.status).toBe('read');
    if (read.status !== 'read') return;
    expect(read.problems).toEqual([{ pageNumber: 2, problem: expect.objectContaining({ message: 'Page 2 could not be read.' }) }]);
    expect(read.pages.flatMap((p) => p.mentions.map((m) => `${m.code} ${m.amount}`))).toEqual(['CO-45 81.59']);
  });

  it('asks pdf.js for no eval, no XFA and no fetching unless given local URLs', async () => {
    const seen: object[] = [];
    const spy: PdfjsLike = {
      getDocument(params) {
        seen.push(params);
        return { promise: Promise.reject(new Error('stop')), destroy: () => Promise.resolve() };
      },
    };
    await openPdf(spy, spr());
    await openPdf(spy, spr(), {
      standardFontDataUrl: 'chrome-extension://id/pdfjs/standard_fonts/',
      cMapUrl: 'chrome-extension://id/pdfjs/cmaps/',
    });
    expect(seen[0]).toMatchObject({ isEvalSupported: false, enableXfa: false, useWorkerFetch: false, stopAtErrors: false });
    expect(seen[0]).not.toHaveProperty('standardFontDataUrl');
    expect(seen[1]).toMatchObject({
      useWorkerFetch: true,
      cMapPacked: true,
      standardFontDataUrl: 'chrome-extension://id/pdfjs/standard_fonts/',
    });
  });
});
