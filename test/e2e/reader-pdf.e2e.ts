// PDFs in the reader, in real Chromium (one launch): every way in — reader.html?file=URL from the fixture
// server under its download-host name, the file picker, drag and drop, and "Open in Remit Lens" from the
// popup on a tab showing the PDF in Chromium's own viewer (headless Chromium has it), under the activeTab
// grant a toolbar click gives (triggered through DevTools' Extensions domain, on a host the extension has
// no permission for). Marks and amounts are compared with the fixtures' labels; the card opens on hover and
// from the keyboard with one tab stop; the popup on the reader tab shows the document's tally, the 2% check,
// Copy and CSV; a 50-page PDF has every page's text tallied while only the pages near the viewport are
// painted; a scan and damaged files say so; nothing is requested but the documents opened.
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSpr } from '../bench/generate-spr.mjs';
import { makeFixtures } from '../pdf/make-fixtures.mjs';
import { textPdf } from '../pdf/pdf-writer.mjs';
import { collectRequests, openPopup, type RecordedRequest, tabIdOf, useExtension } from './harness';
import { FILE_HOST, isIdle } from './reader-helpers';
import { dropBytes, PDF_LABELS, type PdfView, paintEveryPage, pdfBytes, readPdfView } from './reader-pdf-helpers';

/** A site the extension has no permission for: only a toolbar click (activeTab) opens it to the extension. */
const PDF_SITE = 'pdf-site.test';
const e2e = useExtension({ hostRules: [FILE_HOST, PDF_SITE], args: ['--enable-unsafe-extension-debugging'] });
let requests: RecordedRequest[];
const errors: string[] = [];

beforeAll(async () => {
  requests = collectRequests(e2e.ext.context);
  // The PDF fixtures (made and cached by the unit run; made here when missing).
  await makeFixtures();
}, 600_000);

afterAll(() => {
  expect(errors).toEqual([]);
});

const readerUrl = (query = '') => `chrome-extension://${e2e.ext.extensionId}/reader.html${query}`;
const pdfUrl = (name: string, host = FILE_HOST) => e2e.server.url(`generated-pdf/${name}`, host);

async function newReader(query = ''): Promise<Page> {
  const page = await e2e.ext.context.newPage();
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) errors.push(`${page.url()}: ${m.text()}`);
  });
  await page.goto(readerUrl(query));
  return page;
}

const waitIdle = (page: Page) => page.waitForFunction(isIdle, undefined, { timeout: 30_000 });
const view = (page: Page): Promise<PdfView> => page.evaluate(readPdfView);

/** Every page painted (so every mark is in the page), then what the view shows. */
async function fullView(page: Page): Promise<PdfView> {
  await page.waitForSelector('.pdf-page[data-painted]');
  await page.evaluate(paintEveryPage);
  return view(page);
}

describe('opening a PDF', () => {
  it('reader.html?file=URL: the Courier SPR, every code and amount as labelled, each mark over its code in the text layer', async () => {
    const page = await newReader(`?file=${encodeURIComponent(pdfUrl('spr-courier.pdf'))}`);
    await waitIdle(page);
    const v = await fullView(page);
    expect(v.pages).toBe(2);
    expect(v.marks).toEqual(PDF_LABELS['spr-courier.pdf']);
    // The text under each mark is its code as printed (CO-45, N130, MA01).
    expect(v.texts.every((t) => /^(?:(?:CO|PR|OA|PI)-)?[A-Z]?\d{1,3}$|^(?:MA|N|M)\d+$/.test(t))).toBe(true);
    expect(v.tabStops).toBe(1);
    expect(v.codeCount).toBe(`${PDF_LABELS['spr-courier.pdf'].length} codes in this document`);
    await page.close();
  });

  it('the file picker: a multi-page member EOB whose header prints once, and a printed corpus page', async () => {
    const page = await newReader();
    await waitIdle(page);
    for (const name of ['member-eob-continued.pdf', 'pages--eob-patient.pdf'] as const) {
      await page.setInputFiles('#file-input', { name, mimeType: 'application/pdf', buffer: pdfBytes(name) });
      await page.waitForFunction((n) => document.querySelector('[data-testid="pdf-status"]')?.textContent?.startsWith(n), name);
      await waitIdle(page);
      expect((await fullView(page)).marks, name).toEqual(PDF_LABELS[name]);
    }
    await page.close();
  });

  it('drag and drop: the Medicare Summary Notice, and raw X12 printed to PDF', async () => {
    const page = await newReader();
    await waitIdle(page);
    for (const name of ['msn.pdf', 'x12-printout.pdf'] as const) {
      await page.evaluate(dropBytes, { name, base64: pdfBytes(name).toString('base64'), type: 'application/pdf' });
      await page.waitForFunction((n) => document.querySelector('[data-testid="pdf-status"]')?.textContent?.startsWith(n), name);
      await waitIdle(page);
      expect((await fullView(page)).marks, name).toEqual(PDF_LABELS[name]);
    }
    await page.close();
  });

  it('"Open in Remit Lens" from the popup on Chromium’s PDF viewer, under the toolbar click’s activeTab grant only', async () => {
    const tab = await e2e.ext.context.newPage();
    const url = pdfUrl('spr-courier.pdf', PDF_SITE);
    await tab.goto(url);
    expect(await tab.evaluate(() => document.contentType)).toBe('application/pdf');
    const tabId = await tabIdOf(e2e.ext, tab);
    // Without the grant the extension may not read the tab (no permission for the site).
    const before = await e2e.ext.worker.evaluate((id) => chrome.tabs.get(id).then((t) => t.url ?? null), tabId);
    expect(before).toBeNull();
    await clickToolbarButton(tab);
    const popup = await openPopup(e2e.ext, tabId);
    await popup.waitForSelector('section.page[data-state="cannot-scan-pdf"] button[data-action="open-pdf"]');
    const served = e2e.server.requests.length;
    const [reader] = await Promise.all([
      e2e.ext.context.waitForEvent('page', (p) => p.url().includes('/reader.html')),
      popup.click('button[data-action="open-pdf"]'),
    ]);
    reader.on('pageerror', (e) => errors.push(`${reader.url()}: ${e.message}`));
    const params = new URL(reader.url()).searchParams;
    expect(params.get('file')).toBe(url);
    expect(params.get('tab')).toBe(String(tabId));
    await waitIdle(reader);
    expect((await fullView(reader)).marks).toEqual(PDF_LABELS['spr-courier.pdf']);
    // The tab read its own document again (the fixture server sends no-store); the reader itself asked for nothing.
    expect(e2e.server.requests.slice(served).map((r) => `${r.host.split(':')[0]} ${r.url}`)).toEqual([
      `${PDF_SITE} /generated-pdf/spr-courier.pdf`,
    ]);
    await Promise.all([reader.close(), popup.close().catch(() => undefined), tab.close()]);
  });

  it('a PDF that cannot be fetched again: said plainly, with the site to allow and the file picker', async () => {
    // The site gives no permission and no CORS: the reader cannot fetch it (and no tab shows it).
    const page = await newReader(`?file=${encodeURIComponent(pdfUrl('spr-courier.pdf', PDF_SITE))}`);
    await waitIdle(page);
    const failed = (await view(page)).failed ?? '';
    expect(failed).toContain('could not be fetched');
    expect(failed).toContain(`http://${PDF_SITE}:${e2e.server.port} does not let other sites read its files`);
    expect(await page.textContent('button[data-action="allow-site"]')).toBe(
      `Allow Remit Lens to read files from http://${PDF_SITE}:${e2e.server.port}`,
    );
    expect(await page.isVisible('button[data-action="pick-file"]')).toBe(true);
    await page.close();
    // An address that now gives a page instead of the PDF (a one-time link, a form's result, a sign-in page).
    const gone = await newReader(`?file=${encodeURIComponent(pdfUrl('damaged-not-pdf.pdf'))}`);
    await waitIdle(gone);
    expect((await view(gone)).failed).toContain('This address no longer gives the PDF (a one-time link, the result of a form');
    await gone.close();
  });
});

describe('opening a site’s PDFs in the reader by themselves (opt-in per site)', () => {
  it('off by default; turned on from the popup on a PDF, the site’s next PDF opens in the reader; Stop on the options page turns it off', async () => {
    const first = await e2e.ext.context.newPage();
    await first.goto(pdfUrl('msn.pdf'));
    // Off by default: the PDF stays in Chromium's viewer.
    expect(first.url()).toBe(pdfUrl('msn.pdf'));
    const popup = await openPopup(e2e.ext, await tabIdOf(e2e.ext, first));
    await popup.click('button[data-action="always-open-pdfs"]');
    await popup.waitForSelector('[data-testid="pdf-site-on"]');
    const tab = await e2e.ext.context.newPage();
    tab.on('pageerror', (e) => errors.push(`${tab.url()}: ${e.message}`));
    await tab.goto(pdfUrl('spr-courier.pdf')).catch(() => undefined);
    await tab.waitForURL((u) => u.href.startsWith(readerUrl()));
    expect(new URL(tab.url()).searchParams.get('file')).toBe(pdfUrl('spr-courier.pdf'));
    await waitIdle(tab);
    expect((await fullView(tab)).marks).toEqual(PDF_LABELS['spr-courier.pdf']);
    // Pages that are not PDFs are left alone.
    await tab.goto(e2e.server.url('smoke.html', FILE_HOST));
    expect(tab.url()).toBe(e2e.server.url('smoke.html', FILE_HOST));
    const options = await e2e.ext.context.newPage();
    await options.goto(`chrome-extension://${e2e.ext.extensionId}/options.html`);
    await options.click(`[data-testid="pdf-sites"] li[data-origin="http://${FILE_HOST}:${e2e.server.port}"] button`);
    // Saved (the list shows it): the background reads the setting when a PDF asks, so the next one stays in the viewer.
    await options.waitForSelector('[data-testid="no-pdf-sites"]');
    await tab.goto(pdfUrl('msn.pdf'));
    expect(await tab.evaluate(() => document.contentType)).toBe('application/pdf');
    await Promise.all([options.close(), tab.close(), popup.close().catch(() => undefined), first.close()]);
  });
});

describe('reading it', () => {
  let page: Page;
  beforeAll(async () => {
    page = await newReader(`?file=${encodeURIComponent(pdfUrl('spr-courier.pdf'))}`);
    await waitIdle(page);
    await page.waitForSelector('.pdf-page[data-painted] remit-mark');
  });
  afterAll(async () => {
    await page.close();
  });

  it('a mark opens the card on hover; the keyboard has one tab stop and moves with the arrows; Escape closes', async () => {
    await page.hover('remit-mark[data-remit-code="CO-253"] >> nth=0');
    await page.waitForSelector('#reader-card article[data-code="CO-253"]');
    // The card checks the 2% against the line's payment (3.42 of 133.54 + 3.42).
    expect(await page.textContent('#reader-card')).toContain('2%');
    await page.mouse.move(0, 0);
    await page.waitForSelector('#reader-card', { state: 'detached' });
    await page.focus('remit-mark[tabindex="0"]');
    const first = await page.evaluate(() => document.activeElement?.getAttribute('data-remit-code'));
    await page.waitForSelector(`#reader-card article[data-code="${first}"]`);
    await page.keyboard.press('ArrowRight');
    const second = await page.evaluate(() => document.activeElement?.getAttribute('data-remit-code'));
    await page.waitForSelector(`#reader-card article[data-code="${second}"]`);
    expect(await page.$$eval('remit-mark[tabindex="0"]', (m) => m.length)).toBe(1);
    await page.keyboard.press('Escape');
    await page.waitForSelector('#reader-card', { state: 'detached' });
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('REMIT-MARK');
  });

  it('the tally beside the document: buckets, the 2% check, Copy and CSV', async () => {
    const v = await view(page);
    expect(v.tally).toContain('Sequestration');
    expect(await page.textContent('.pdf-tally [data-testid="seq-check"]')).toMatch(/match/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('.pdf-tally [data-action="export-csv"]')]);
    expect(download.suggestedFilename()).toBe('remit-lens-pdf-tally.csv');
    const csv = await readFile(await download.path(), 'utf8');
    expect(csv).toContain('CO-253');
    // Codes and amounts only: no patient names or claim numbers from the document.
    for (const secret of ['ABERNATHY', 'NOA-44120', '2124120330101']) expect(csv).not.toContain(secret);
  });

  it('the popup on the reader tab: the document’s tally, the 2% check, find on the page, marks off and on, Copy and CSV', async () => {
    const popup = await openPopup(e2e.ext, await tabIdOf(e2e.ext, page));
    await popup.waitForSelector(`[data-testid="code-count"]:has-text("${PDF_LABELS['spr-courier.pdf'].length} codes")`);
    expect(await popup.textContent('section.page [data-testid="seq-check"]')).toMatch(/match/);
    await popup.click('section.page tr[data-code="N130"] button.code-btn');
    await popup.waitForSelector('section.page .hint:has-text("N130: mention 1 of")');
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-remit-code') === 'N130');
    await popup.uncheck('section.page .page-bar input[type="checkbox"]');
    await page.waitForSelector('.reader[data-marks="off"]');
    await popup.check('section.page .page-bar input[type="checkbox"]');
    await page.waitForSelector('.reader[data-marks="on"]');
    const [download] = await Promise.all([popup.waitForEvent('download'), popup.click('section.page button:has-text("Download CSV")')]);
    expect(await readFile(await download.path(), 'utf8')).toContain('CO-253');
    await popup.close();
  });
});

describe('a long PDF', () => {
  it('50 pages: every page’s text read and tallied at once, only the pages near the viewport painted; the last one when scrolled to', async () => {
    const spr = generateSpr({ claims: 320 });
    const bytes = Buffer.from(textPdf(spr.pages, { title: 'Medicare Remittance Notice' }));
    const page = await newReader();
    await waitIdle(page);
    await page.setInputFiles('#file-input', { name: 'long.pdf', mimeType: 'application/pdf', buffer: bytes });
    await page.waitForFunction(() => document.querySelector('[data-testid="pdf-status"]')?.textContent?.startsWith('long.pdf'));
    await waitIdle(page);
    await page.waitForSelector('[data-testid="pdf-code-count"]');
    const v = await view(page);
    expect(v.pages).toBe(spr.pages.length);
    expect(v.pages).toBeGreaterThanOrEqual(50);
    expect(v.codeCount).toBe(`${spr.total} codes in this document`);
    expect(v.painted).toBeGreaterThan(0);
    expect(v.painted).toBeLessThanOrEqual(4);
    await page.evaluate(() => document.querySelector('.pdf-page:last-child')?.scrollIntoView());
    await page.waitForSelector('.pdf-page:last-child[data-painted] remit-mark');
    expect((await view(page)).painted).toBeLessThanOrEqual(8);
    await page.close();
  });
});

describe('what it cannot read', () => {
  it('a scan says so, in the reader and in the popup, with what to do instead', async () => {
    const page = await newReader(`?file=${encodeURIComponent(pdfUrl('scanned.pdf'))}`);
    await waitIdle(page);
    const v = await view(page);
    expect(v.scanned).toContain('This PDF has no text in it: it is a scan');
    expect(v.scanned).toContain('Ask the payer for the electronic remittance (ERA/835 file)');
    const popup = await openPopup(e2e.ext, await tabIdOf(e2e.ext, page));
    await popup.waitForSelector('section.page[data-state="cannot-scan-scanned-pdf"]');
    expect(await popup.textContent('section.page')).toContain('This PDF is a scan');
    await Promise.all([popup.close(), page.close()]);
  });

  it('damaged files: a clear message, nothing breaks, the next file opens', async () => {
    const page = await newReader();
    await waitIdle(page);
    for (const name of ['damaged-truncated.pdf', 'damaged-xref.pdf', 'damaged-not-pdf.pdf']) {
      await page.setInputFiles('#file-input', { name, mimeType: 'application/pdf', buffer: pdfBytes(name) });
      await page.waitForFunction((n) => document.querySelector('[data-testid="failed"]')?.textContent?.startsWith(n), name);
      await waitIdle(page);
      expect((await view(page)).failed, name).toMatch(/damaged or is not a PDF|could be read/);
    }
    await page.setInputFiles('#file-input', { name: 'msn.pdf', mimeType: 'application/pdf', buffer: pdfBytes('msn.pdf') });
    await page.waitForFunction(() => document.querySelector('[data-testid="pdf-status"]')?.textContent?.startsWith('msn.pdf'));
    await waitIdle(page);
    expect((await fullView(page)).marks).toEqual(PDF_LABELS['msn.pdf']);
    await page.close();
  });
});

describe('privacy', () => {
  it('the reader asked the network only for the documents it was told to open; nothing is stored', async () => {
    const isOurs = (url: string | undefined) => url?.startsWith(`chrome-extension://${e2e.ext.extensionId}/`) ?? false;
    // (Navigations away from a reader tab that the test made itself are not the reader's.)
    const fromReader = requests.filter((r) => isOurs(r.frameUrl) && !isOurs(r.url) && !r.url.startsWith('blob:') && !r.isNavigation);
    const opened = ['spr-courier.pdf', 'damaged-not-pdf.pdf', 'scanned.pdf'].map((n) => pdfUrl(n));
    // The address the site refused (no permission, no CORS) was tried once; nothing else.
    expect([...new Set(fromReader.map((r) => r.url))].sort()).toEqual([...opened, pdfUrl('spr-courier.pdf', PDF_SITE)].sort());
    const stored = await e2e.ext.worker.evaluate(async () => ({
      local: await chrome.storage.local.get(null),
      session: await chrome.storage.session.get(null),
    }));
    expect(stored).toEqual({ local: {}, session: {} });
  });
});

/** What a click on the toolbar button gives: the activeTab grant for the tab (DevTools' Extensions.triggerAction). */
async function clickToolbarButton(tab: Page): Promise<void> {
  const browser = e2e.ext.context.browser();
  if (!browser) throw new Error('no browser session');
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] });
    const target = targetInfos.find((t) => t.url === tab.url());
    if (!target) throw new Error(`no tab target for ${tab.url()}`);
    await cdp.send('Extensions.triggerAction', { id: e2e.ext.extensionId, targetId: target.targetId });
  } finally {
    await cdp.detach();
  }
}

declare const chrome: {
  tabs: { get(id: number): Promise<{ url?: string }> };
  storage: Record<'local' | 'session', { get(key: null): Promise<Record<string, unknown>> }>;
};
