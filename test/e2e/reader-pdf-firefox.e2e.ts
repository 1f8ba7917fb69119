// PDFs in the reader, in real Firefox (firefox-esr over WebDriver BiDi, one launch): reader.html?file=URL,
// the file picker, drag and drop, and "Open in Remit Lens" from the popup on a tab showing the PDF in
// Firefox's own viewer (pdf.js, which no extension may script: the reader fetches the address instead, and on
// a site it has no access to offers to allow it — the prompt is granted by a test pref, the click and the
// request are real). Marks and amounts are compared with the labels; the popup on the reader tab shows the
// tally; a scan and damaged files say so; nothing is requested but the documents opened.
import path from 'node:path';
import type { Page, Target } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFixtures } from '../pdf/make-fixtures.mjs';
import { type LaunchedFirefox, launchFirefox } from './firefox.mjs';
import { projectRoot, type StaticServer, startServer } from './harness';
import { FILE_HOST, isIdle } from './reader-helpers';
import { dropBytes, PDF_LABELS, type PdfView, paintEveryPage, pdfBytes, readPdfView } from './reader-pdf-helpers';

declare const browser: {
  tabs: { query(filter: object): Promise<{ id?: number; url?: string }[]> };
  permissions: { contains(p: { origins: string[] }): Promise<boolean> };
};

/** A site the add-on has no permission for (wxt.config.ts E2E_NO_ACCESS_HOST). */
const PDF_SITE = 'pdf-site.test';
let firefox: LaunchedFirefox;
let server: StaticServer;
let control: Page;
const requests: string[] = [];
const errors: string[] = [];

beforeAll(async () => {
  await makeFixtures();
  server = await startServer();
  firefox = await launchFirefox({
    localDomains: [FILE_HOST, PDF_SITE],
    // The permission prompt a click on "Allow…" opens is answered yes (a real user's click does the same).
    prefs: { 'extensions.webextOptionalPermissionPrompts': false },
  });
  control = await firefox.browser.newPage();
  await firefox.openExtensionPage(control, 'options.html');
}, 600_000);

afterAll(async () => {
  await firefox?.close();
  await server?.close();
});

const pdfUrl = (name: string, host = FILE_HOST) => server.url(`generated-pdf/${name}`, host);

async function newPage(): Promise<Page> {
  const page = await firefox.browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e: unknown) => errors.push(String(e)));
  return page;
}

async function reader(query = ''): Promise<Page> {
  const page = await newPage();
  await firefox.openExtensionPage(page, `reader.html${query}`);
  await page.waitForFunction(isIdle, { timeout: 30_000 });
  return page;
}

const view = (page: Page): Promise<PdfView> => page.evaluate(readPdfView);

async function fullView(page: Page): Promise<PdfView> {
  await page.waitForSelector('.pdf-page[data-painted]');
  await page.evaluate(paintEveryPage);
  return view(page);
}

/** The tab id of the tab whose URL starts with `prefix`, as the add-on sees it. */
async function tabIdOf(prefix: string): Promise<number> {
  const tabs = await control.evaluate(() => browser.tabs.query({}));
  const tab = tabs.find((t) => t.url?.startsWith(prefix));
  if (tab?.id === undefined) throw new Error(`no tab at ${prefix}: ${JSON.stringify(tabs)}`);
  return tab.id;
}

/** Clicks a popup button that opens the reader in a new tab; returns that tab's page. */
async function clickToReader(popup: Page, selector: string): Promise<Page> {
  // WebDriver BiDi reports moz-extension pages as about:blank: the new tab is the one the click creates.
  const opened = new Promise<Target>((resolve) => firefox.browser.once('targetcreated', resolve));
  await popup.click(selector);
  const page = await (await opened).page();
  if (!page) throw new Error('the reader tab has no page');
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e: unknown) => errors.push(String(e)));
  return page;
}

describe('PDFs in the reader, in Firefox', () => {
  it('reader.html?file=URL: the Courier SPR, every code and amount as labelled, one tab stop, the card from the keyboard', async () => {
    const page = await reader(`?file=${encodeURIComponent(pdfUrl('spr-courier.pdf'))}`);
    const v = await fullView(page);
    expect(v.marks).toEqual(PDF_LABELS['spr-courier.pdf']);
    expect(v.tabStops).toBe(1);
    await page.focus('remit-mark[tabindex="0"]');
    const code = await page.evaluate(() => document.activeElement?.getAttribute('data-remit-code'));
    await page.waitForSelector(`#reader-card article[data-code="${code}"]`);
    await page.keyboard.press('Escape');
    await page.waitForSelector('#reader-card', { hidden: true });
    await page.close();
  });

  it('the file picker and drag and drop: a multi-page member EOB and the Medicare Summary Notice', async () => {
    const page = await reader();
    const input = await page.$('#file-input');
    if (!input) throw new Error('no file input');
    await (input as unknown as { uploadFile(...paths: string[]): Promise<void> }).uploadFile(
      path.join(projectRoot, 'test/pdf/.generated/member-eob.pdf'),
    );
    await page.waitForFunction(() => document.querySelector('[data-testid="pdf-status"]')?.textContent?.startsWith('member-eob.pdf'));
    await page.waitForFunction(isIdle);
    expect((await fullView(page)).marks).toEqual(PDF_LABELS['member-eob.pdf']);
    await page.evaluate(dropBytes, { name: 'msn.pdf', base64: pdfBytes('msn.pdf').toString('base64'), type: 'application/pdf' });
    await page.waitForFunction(() => document.querySelector('[data-testid="pdf-status"]')?.textContent?.startsWith('msn.pdf'));
    await page.waitForFunction(isIdle);
    expect((await fullView(page)).marks).toEqual(PDF_LABELS['msn.pdf']);
    await page.close();
  });

  it('the popup on the reader tab shows the document’s tally and the 2% check', async () => {
    const page = await reader(`?file=${encodeURIComponent(pdfUrl('spr-courier.pdf'))}`);
    await page.bringToFront();
    const id = await tabIdOf(firefox.extensionUrl('reader.html'));
    const popup = await newPage();
    await firefox.openExtensionPage(popup, `popup.html?tabId=${id}`);
    await popup.waitForFunction(
      (n) => document.querySelector('[data-testid="code-count"]')?.textContent?.includes(`${n} codes`),
      {},
      PDF_LABELS['spr-courier.pdf'].length,
    );
    expect(await popup.$eval('section.page [data-testid="seq-check"]', (e) => e.textContent)).toMatch(/match/);
    await Promise.all([popup.close(), page.close()]);
  });

  it('"Open in Remit Lens" from Firefox’s PDF viewer: the reader fetches the address (a site it may read)', async () => {
    const tab = await newPage();
    await tab.goto(pdfUrl('spr-courier.pdf'));
    const id = await tabIdOf(pdfUrl('spr-courier.pdf'));
    const popup = await newPage();
    await firefox.openExtensionPage(popup, `popup.html?tabId=${id}`);
    await popup.waitForSelector('section.page[data-state="cannot-scan-pdf"] button[data-action="open-pdf"]');
    const page = await clickToReader(popup, 'button[data-action="open-pdf"]');
    await page.waitForFunction(isIdle, { timeout: 30_000 });
    expect(await page.evaluate(() => new URLSearchParams(location.search).get('tab'))).toBe(String(id));
    expect((await fullView(page)).marks).toEqual(PDF_LABELS['spr-courier.pdf']);
    await Promise.all([page.close(), popup.close().catch(() => undefined), tab.close()]);
  });

  it('a site the add-on may not read (its PDF in the viewer): said plainly; "Allow" asks for that site, then it opens', async () => {
    const url = pdfUrl('msn.pdf', PDF_SITE);
    const tab = await newPage();
    await tab.goto(url);
    await tab.bringToFront();
    // Without access the add-on does not see the tab's address; a toolbar click (activeTab) shows it to the
    // popup, which WebDriver BiDi cannot click: the reader is opened as the popup opens it, with the tab.
    const [active] = await control.evaluate(() => browser.tabs.query({ active: true, lastFocusedWindow: true }));
    expect(active?.url).toBeUndefined();
    const page = await reader(`?file=${encodeURIComponent(url)}&tab=${active?.id}`);
    const origin = `http://${PDF_SITE}:${server.port}`;
    expect((await view(page)).failed).toContain(`${origin} does not let other sites read its files`);
    const pattern = `http://${PDF_SITE}/*`;
    expect(await control.evaluate((p) => browser.permissions.contains({ origins: [p] }), pattern)).toBe(false);
    await page.click('button[data-action="allow-site"]');
    await page.waitForFunction(() => document.querySelector('[data-testid="pdf-status"]')?.textContent?.startsWith('msn.pdf'));
    await page.waitForFunction(isIdle);
    expect((await fullView(page)).marks).toEqual(PDF_LABELS['msn.pdf']);
    expect(await control.evaluate((p) => browser.permissions.contains({ origins: [p] }), pattern)).toBe(true);
    await Promise.all([page.close(), tab.close()]);
  });

  it('a site’s PDFs opened in the reader by themselves: off by default, on from the popup (webRequest asked with the site), off again', async () => {
    const first = await newPage();
    await first.goto(pdfUrl('msn.pdf'));
    const id = await tabIdOf(pdfUrl('msn.pdf'));
    const popup = await newPage();
    await firefox.openExtensionPage(popup, `popup.html?tabId=${id}`);
    await popup.click('button[data-action="always-open-pdfs"]');
    await popup.waitForSelector('[data-testid="pdf-site-on"]');
    const granted = await control.evaluate(() =>
      (browser.permissions as unknown as { getAll(): Promise<{ permissions: string[] }> }).getAll().then((p) => p.permissions),
    );
    expect(granted).toEqual(expect.arrayContaining(['webRequest', 'webRequestBlocking']));
    const tab = await newPage();
    await tab.goto(pdfUrl('spr-courier.pdf')).catch(() => undefined);
    await tab.waitForFunction(() => location.protocol === 'moz-extension:' && document.documentElement.dataset.remitLensState === 'idle', {
      timeout: 30_000,
    });
    expect((await fullView(tab)).marks).toEqual(PDF_LABELS['spr-courier.pdf']);
    const options = await newPage();
    await firefox.openExtensionPage(options, 'options.html');
    await options.click('[data-testid="pdf-sites"] li button');
    // Saved (the list shows it): the background reads the setting when a PDF arrives.
    await options.waitForSelector('[data-testid="no-pdf-sites"]');
    const again = await newPage();
    await again.goto(pdfUrl('msn.pdf'));
    expect(await again.evaluate(() => location.href)).toBe(pdfUrl('msn.pdf'));
    await Promise.all([again.close(), options.close(), tab.close(), popup.close().catch(() => undefined), first.close()]);
  });

  it('a scan and damaged files: said plainly, and the reader goes on', async () => {
    const page = await reader(`?file=${encodeURIComponent(pdfUrl('scanned-stamp.pdf'))}`);
    expect((await view(page)).scanned).toContain('This PDF is a scan');
    for (const name of ['damaged-truncated.pdf', 'damaged-xref.pdf', 'damaged-not-pdf.pdf']) {
      await page.evaluate(dropBytes, { name, base64: pdfBytes(name).toString('base64'), type: 'application/pdf' });
      await page.waitForFunction((n) => document.querySelector('[data-testid="failed"]')?.textContent?.startsWith(n), {}, name);
      await page.waitForFunction(isIdle);
      expect((await view(page)).failed, name).toMatch(/damaged or is not a PDF|could be read/);
    }
    await page.close();
  });

  it('asked the network for nothing but the documents the tests opened', () => {
    const outside = requests.filter((url) => !url.startsWith('moz-extension://') && !url.startsWith('blob:') && url !== 'about:blank');
    expect(outside.length).toBeGreaterThan(0);
    expect(outside.filter((url) => !url.includes('/generated-pdf/'))).toEqual([]);
    const served = server.requests.map((r) => r.url).filter((u) => u !== '/favicon.ico');
    expect(served.every((u) => u.startsWith('/generated-pdf/'))).toBe(true);
    expect(errors).toEqual([]);
  });
});
