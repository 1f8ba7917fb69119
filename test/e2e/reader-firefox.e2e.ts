// The 835 reader in real Firefox (firefox-esr over WebDriver BiDi, the Firefox e2e build as a temporary
// add-on), one launch: every way in (reader.html?file=URL from the fixture server under its download-host
// name, the file picker, drag and drop, text pasted into the paste box, "Open in reader" from the popup on a tab showing raw
// X12), the totals and the failing claim's signed difference, the card from the keyboard with one tab stop,
// the CSV with and without identifiers, bad input, and no request to any host but the fixture server's
// documents. The Chromium file (reader.e2e.ts) covers each part in more depth.
import path from 'node:path';
import type { Page, Target } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LaunchedFirefox, launchFirefox } from './firefox.mjs';
import { projectRoot, type StaticServer, startServer } from './harness';
import { dropFile, FAILING, FILE_HOST, fixtureText, isIdle, keepDownloads, MEDICARE, type ReaderView, readView } from './reader-helpers';

declare const browser: { tabs: { query(filter: { active?: boolean; lastFocusedWindow?: boolean }): Promise<{ id?: number }[]> } };

let firefox: LaunchedFirefox;
let server: StaticServer;
/** Every request a page of this file made (WebDriver BiDi network events). */
const requests: string[] = [];
const errors: string[] = [];

beforeAll(async () => {
  server = await startServer();
  firefox = await launchFirefox({ localDomains: [FILE_HOST] });
});

afterAll(async () => {
  await firefox?.close();
  await server?.close();
});

const fileUrl = (file: string) => server.url(file, FILE_HOST);

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

const view = (page: Page): Promise<ReaderView> => page.evaluate(readView);

describe('the 835 reader in Firefox', () => {
  it('reader.html?file=URL: totals, marks, the failing claim with its signed difference on the claim and in the summary', async () => {
    const page = await reader(`?file=${encodeURIComponent(fileUrl('reader/failing-balance.835'))}`);
    const v = await view(page);
    expect(v.claims).toEqual(FAILING.claims);
    expect(v.totals).toEqual(FAILING.totals);
    expect(v.marks).toEqual(FAILING.marks);
    expect(v.offInSummary).toEqual(['BAL0002=-150']);
    expect(v.tabStops).toBe(1);
    await page.close();
  });

  it('the file picker and the card from the keyboard', async () => {
    const page = await reader();
    const input = await page.$('#file-input');
    if (!input) throw new Error('no file input');
    await (input as unknown as { uploadFile(...paths: string[]): Promise<void> }).uploadFile(
      path.join(projectRoot, 'test/fixtures/835/synthetic-medicare-b-co253.835'),
    );
    await page.waitForSelector('article[data-remit-claim="SYN0004"]');
    await page.waitForFunction(isIdle);
    const v = await view(page);
    expect(v.claims).toEqual(MEDICARE.claims);
    expect(v.totals).toEqual(MEDICARE.totals);
    expect(v.marks).toEqual(MEDICARE.marks);
    await page.focus('remit-mark[tabindex="0"]');
    await page.waitForSelector('#reader-card article[data-code="MA01"]');
    await page.keyboard.press('ArrowRight');
    await page.waitForSelector('#reader-card article[data-code="CO-16"]');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-remit-code'))).toBe('CO-16');
    expect(await page.$$eval('remit-mark[tabindex="0"]', (m) => m.length)).toBe(1);
    await page.keyboard.press('Escape');
    await page.waitForSelector('#reader-card', { hidden: true });
    await page.close();
  });

  it('drag and drop, then pasted text', async () => {
    const page = await reader();
    await page.evaluate(dropFile, { name: 'county.x12', text: fixtureText('835/county-bh-reversals-indented.835') });
    await page.waitForSelector('article[data-remit-claim="444444"]');
    await page.waitForFunction(isIdle);
    expect((await view(page)).claims).toHaveLength(10);
    // Into the paste box (Firefox gives a synthetic paste event no clipboard data; Chromium's test pastes on the page too).
    await page.click('details.paste summary');
    await page.$eval(
      '#paste-input',
      (el, text) => {
        const area = el as HTMLTextAreaElement;
        area.value = text;
        area.dispatchEvent(new Event('input', { bubbles: true }));
      },
      fixtureText('835/uhc-commercial-gt-component.835'),
    );
    await page.click('details.paste button');
    await page.waitForSelector('article[data-remit-claim="001-18604-358"]');
    await page.waitForFunction(isIdle);
    expect((await view(page)).claims).toEqual(['001-18573-358=ok', '001-18604-358=ok']);
    await page.close();
  });

  it('"Open in reader" from the popup, on a tab that shows a raw 835', async () => {
    const tab = await newPage();
    await tab.goto(fileUrl('835/emedny-ny-medicaid-co251-lq.835'));
    await tab.bringToFront();
    const control = await newPage();
    await firefox.openExtensionPage(control, 'options.html');
    await tab.bringToFront();
    const [active] = await control.evaluate(() => browser.tabs.query({ active: true, lastFocusedWindow: true }));
    const popup = await newPage();
    await firefox.openExtensionPage(popup, `popup.html?tabId=${active?.id}`);
    await popup.waitForSelector('button[data-action="open-reader"]');
    // WebDriver BiDi reports moz-extension pages as about:blank: the new tab is the one the click creates.
    const opened = new Promise<Target>((resolve) => firefox.browser.once('targetcreated', resolve));
    await popup.click('button[data-action="open-reader"]');
    const page = await (await opened).page();
    if (!page) throw new Error('the reader tab has no page');
    expect(await page.evaluate(() => location.search)).toBe(`?tab=${active?.id}`);
    page.on('request', (r) => requests.push(r.url()));
    await page.waitForSelector('article[data-remit-claim]', { timeout: 15_000 });
    await page.waitForFunction(isIdle);
    expect((await view(page)).marks).toEqual(['CO-29 12.00', 'CO-29 22.00', 'CO-251 2.75', 'N206', 'CO-251 20.00', 'N206']);
    await Promise.all([page.close(), popup.close().catch(() => undefined), control.close(), tab.close()]);
  });

  it('CSV: one row per adjustment, names and account numbers only when ticked', async () => {
    const page = await reader(`?file=${encodeURIComponent(fileUrl('reader/failing-balance.835'))}`);
    await page.evaluate(keepDownloads);
    await page.click('[data-testid="csv"]');
    await page.click('[data-testid="csv-identifiers"]');
    await page.click('[data-testid="csv"]');
    const [plain = '', named = ''] = await page.evaluate(() =>
      Promise.all((window as unknown as { __downloads: Blob[] }).__downloads.map((b) => b.text())),
    );
    expect(plain.trimEnd().split('\r\n')).toHaveLength(8);
    expect(plain).toContain('1,FB0000501,2024-06-03,2,Processed as the primary payer,100.00,63.50,15.00,-1.50,');
    expect(plain).not.toContain('FOXTROT');
    expect(named).toContain('"PATIENT, FOXTROT",BAL0002,EHP0000002');
    await page.close();
  });

  it('bad input: a truncated file keeps what it read, marked incomplete, with the segment; an 837 is said to be one', async () => {
    const page = await reader(`?file=${encodeURIComponent(fileUrl('reader/truncated.835'))}`);
    const v = await view(page);
    expect(v.claims).toEqual(['SYN0001=ok', 'SYN0002=unknown']);
    expect(v.incomplete).toBe(true);
    expect(v.problems.some((p) => p.startsWith('Segment 67 (SVC): the file ends inside transaction 000000002'))).toBe(true);
    await page.close();
    const other = await reader(`?file=${encodeURIComponent(fileUrl('reader/not-835.txt'))}`);
    expect(await other.evaluate(() => document.getElementById('problems-title')?.textContent)).toBe(
      'This is X12, but not an 835 remittance',
    );
    await other.close();
  });

  it('asked the network for nothing but the documents the tests opened, on the fixture server', () => {
    const outside = requests.filter((url) => !url.startsWith('moz-extension://') && !url.startsWith('blob:'));
    expect(outside.length).toBeGreaterThan(0);
    expect(outside.filter((url) => !url.startsWith(`http://${FILE_HOST}:${server.port}/`))).toEqual([]);
    const served = server.requests.map((r) => r.url).filter((u) => u !== '/favicon.ico');
    expect(served.every((u) => u.startsWith('/reader/') || u.startsWith('/835/'))).toBe(true);
    expect(errors).toEqual([]);
  });
});
