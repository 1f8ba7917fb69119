// The 835 reader in real Chromium: every way in (reader.html?file=URL from the fixture server under its
// download-host name, the file picker, drag and drop, pasted text, "Open in reader" from the popup on a tab
// that shows raw X12), the rendered totals and balances (a failing claim with its signed difference on the
// claim and in the summary), marks that open the code card by pointer and keyboard with one tab stop, the
// filter, the CSV (identifiers only when ticked), print preview, bad input (truncated, mis-enveloped, an 837,
// not X12), a trace opened twice, axe-core, and that the reader asks the network for nothing but the
// document it was told to open. Saves test/e2e/screenshots/reader-835.png for the README.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate835 } from '../bench/generate-835.mjs';
import {
  collectRequests,
  marksOf,
  openPage,
  openPopup,
  projectRoot,
  type RecordedRequest,
  screenshot,
  tabIdOf,
  uniqueUrl,
  useExtension,
  waitForMarks,
} from './harness';
import { dropFile, FAILING, FILE_HOST, fixtureText, isIdle, MEDICARE, pasteText, type ReaderView, readView } from './reader-helpers';

const e2e = useExtension({ hostRules: [FILE_HOST] });
let requests: RecordedRequest[];
const errors: string[] = [];

beforeAll(() => {
  requests = collectRequests(e2e.ext.context);
});

const readerUrl = (query = '') => `chrome-extension://${e2e.ext.extensionId}/reader.html${query}`;
const fileUrl = (file: string) => e2e.server.url(file, FILE_HOST);

async function newReader(query = ''): Promise<Page> {
  const page = await e2e.ext.context.newPage();
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
  await page.goto(readerUrl(query));
  return page;
}

const waitIdle = (page: Page) => page.waitForFunction(isIdle, undefined, { timeout: 30_000 });
const view = (page: Page): Promise<ReaderView> => page.evaluate(readView);

/** Opens a fixture through reader.html?file=<the fixture server's URL>. */
async function openByUrl(file: string): Promise<Page> {
  const page = await newReader(`?file=${encodeURIComponent(fileUrl(file))}`);
  await waitIdle(page);
  return page;
}

afterAll(() => {
  expect(errors).toEqual([]);
});

describe('opening an 835', () => {
  it('reader.html?file=URL: totals, the failing claim with its signed difference on the claim and in the summary, PLB explained', async () => {
    const page = await openByUrl('reader/failing-balance.835');
    const v = await view(page);
    expect(v.claims).toEqual(FAILING.claims);
    expect(v.totals).toEqual(FAILING.totals);
    expect(v.marks).toEqual(FAILING.marks);
    expect(v.offInSummary).toEqual(['BAL0002=-150']);
    expect(v.checks).toEqual(['payment:ok', 'claims:off', 'lines:off']);
    expect(await page.textContent('article[data-remit-claim="BAL0002"] .claim-balance')).toContain(
      'Does not balance: the claim payment is $1.50 less than its figures add up to ($65.00)',
    );
    expect(await page.getAttribute('tr[data-remit-line="1"][data-remit-balance="-150"]', 'data-remit-balance')).toBe('-150');
    const plb = await page.$$eval('tr[data-plb]', (rows) => rows.map((r) => r.textContent ?? ''));
    expect(plb[0]).toContain('Interest owed');
    expect(plb[0]).toContain('Adds $4.75 to this payment');
    expect(plb[1]).toContain('Overpayment recovery');
    expect(plb[1]).toContain('Reduces this payment by $50.00');
    expect(await page.textContent('article[data-remit-claim="BAL0003"] .next')).toContain('Denied: line 1 (97110) — CO-50:');
    await page.close();
  });

  it('the file picker (any name): the Medicare sample with CO-253 checked by date, MA130, crossovers', async () => {
    const page = await newReader();
    await waitIdle(page);
    await page.setInputFiles('#file-input', {
      name: 'MEDICARE REMIT.edi',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(fixtureText('835/synthetic-medicare-b-co253.835')),
    });
    await page.waitForSelector('article[data-remit-claim="SYN0004"]');
    await waitIdle(page);
    const v = await view(page);
    expect(v.claims).toEqual(MEDICARE.claims);
    expect(v.totals).toEqual(MEDICARE.totals);
    expect(v.marks).toEqual(MEDICARE.marks);
    expect(v.tabStops).toBe(1);
    expect(v.checks).toContain('sequestration:off');
    expect(await page.textContent('[data-check="sequestration"]')).toContain('4 of 5 match the rate for their date of service');
    const steps = await page.$$eval('article[data-remit-claim] .next', (els) => els.map((e) => e.textContent ?? ''));
    expect(steps[0]).toContain('MA130: no appeal rights for this claim');
    expect(steps[1]).toContain('The payer sent this claim on to EXAMPLE MEDIGAP PLAN (ID 99901): do not send it to that payer yourself');
    expect(steps[3]).toContain('CO-253 is not the 2% sequestration share');
    await screenshot(page, 'reader-835');
    await page.close();
  });

  it('drag and drop (CRLF, BOM, indented; a .x12 name)', async () => {
    const page = await newReader();
    await waitIdle(page);
    await page.evaluate(dropFile, { name: 'county.x12', text: fixtureText('835/county-bh-reversals-indented.835') });
    await page.waitForSelector('article[data-remit-claim="444444"]');
    await waitIdle(page);
    const v = await view(page);
    expect(v.claims).toEqual([
      '444444=ok',
      '999999=ok',
      '888888=ok',
      '111111=ok',
      '121212=ok',
      '333333=ok',
      '777777=ok',
      '123456=ok',
      '090909=ok',
      '090909=unknown',
    ]);
    // The last CLP has no amounts: the payment is incomplete and says where.
    expect(v.problems).toEqual([
      'Segment 98 (CLP): the total charge (CLP03) is missing: expected an amount.',
      'Segment 98 (CLP): the claim payment (CLP04) is missing: expected an amount.',
    ]);
    await page.close();
  });

  it('pasted text: into the paste box, and anywhere on the page', async () => {
    const page = await newReader();
    await waitIdle(page);
    await page.click('details.paste summary');
    await page.fill('#paste-input', fixtureText('835/uhc-commercial-gt-component.835'));
    await page.click('details.paste button');
    await page.waitForSelector('article[data-remit-claim="001-18604-358"]');
    await waitIdle(page);
    expect((await view(page)).claims).toEqual(['001-18573-358=ok', '001-18604-358=ok']);
    await page.evaluate(pasteText, fixtureText('835/emedny-ny-medicaid-co251-lq.835'));
    await page.waitForFunction(() => document.querySelectorAll('article[data-remit-claim="PATIENT ACCOUNT NUMBER"]').length === 3);
    await waitIdle(page);
    expect((await view(page)).totals.payments).toBe('$45.75');
    await page.close();
  });

  it('"Open in reader" from the popup, on a tab that shows a raw 835', async () => {
    const tab = await e2e.ext.context.newPage();
    await tab.goto(fileUrl('835/emedny-ny-medicaid-co251-lq.835'));
    const popup = await openPopup(e2e.ext, await tabIdOf(e2e.ext, tab));
    const [reader] = await Promise.all([
      e2e.ext.context.waitForEvent('page', (p) => p.url().includes('/reader.html')),
      popup.click('button[data-action="open-reader"]'),
    ]);
    reader.on('pageerror', (e) => errors.push(`${reader.url()}: ${e.message}`));
    expect(new URL(reader.url()).searchParams.get('tab')).toBe(String(await tabIdOf(e2e.ext, tab)));
    await reader.waitForSelector('article[data-remit-claim]');
    await waitIdle(reader);
    const v = await view(reader);
    expect(v.claims).toEqual(['PATIENT ACCOUNT NUMBER=ok', 'PATIENT ACCOUNT NUMBER=ok', 'PATIENT ACCOUNT NUMBER=ok']);
    expect(v.marks).toEqual(['CO-29 12.00', 'CO-29 22.00', 'CO-251 2.75', 'N206', 'CO-251 20.00', 'N206']);
    await Promise.all([reader.close(), popup.close().catch(() => undefined), tab.close()]);
  });
});

describe('raw X12 wrapped at a fixed width, on a web page (the shared tokenizer)', () => {
  it('marks every code of an 80-column-wrapped 835 in a <pre>, including those a line break splits, and changes no text', async () => {
    const page = await openPage(e2e.ext, uniqueUrl(e2e.server.url('reader/wrapped-raw.html')));
    const before = await page.textContent('#raw');
    await waitForMarks(page, 28);
    const marks = await marksOf(page);
    const expected = [...MEDICARE.marks]
      .map((m) => {
        const [code = '', amount] = m.split(' ');
        return { code, amount };
      })
      .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : (a.amount ?? '') < (b.amount ?? '') ? -1 : 1));
    expect(marks).toEqual(expected);
    // MOA***MA01*MA⏎18~: the mark covers both lines' characters.
    expect(await page.$$eval('remit-mark[data-remit-code="MA18"]', (m) => m.map((e) => e.textContent))).toContain('MA\n18');
    expect(await page.textContent('#raw')).toBe(before);
    await page.close();
  });
});

describe('a large file', () => {
  it('keeps only the claims on screen in the page, and shows the last one when scrolled to', async () => {
    const page = await newReader();
    await waitIdle(page);
    await page.evaluate(dropFile, { name: 'big.835', text: generate835({ claims: 600 }).text });
    await page.waitForSelector('.claims[data-virtual="true"]');
    await waitIdle(page);
    expect((await view(page)).count).toBe('600 claims');
    const inDom = await page.$$eval('article[data-remit-claim]', (a) => a.length);
    expect(inDom).toBeGreaterThan(0);
    expect(inDom).toBeLessThan(60);
    expect((await view(page)).checks).toEqual(['payment:ok', 'claims:ok', 'lines:ok', 'sequestration:ok']);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.waitForSelector('article[data-remit-claim="ACCT0000600"]');
    // Keyboard users still have exactly one mark in the tab order.
    expect((await view(page)).tabStops).toBe(1);
    await page.close();
  });
});

describe('reading it', () => {
  let page: Page;
  beforeAll(async () => {
    page = await openByUrl('835/synthetic-medicare-b-co253.835');
  });
  afterAll(async () => {
    await page.close();
  });

  it('a mark opens the card on hover; the keyboard has one tab stop and moves with the arrows; Escape closes', async () => {
    await page.hover('remit-mark[data-remit-code="CO-253"][data-remit-amount="0.52"] >> nth=1');
    await page.waitForSelector('#reader-card article[data-code="CO-253"]');
    const text = (await page.textContent('#reader-card')) ?? '';
    // SYN0004's CO-253 is 0.52 where 2% of (23.77 + 0.52) is 0.49.
    expect(text).toContain('Does not match 2% for a 2024-03-12 service: expected 0.49, off by 0.03');
    await screenshot(page, 'reader-835-card');
    await page.mouse.move(0, 0);
    await page.waitForSelector('#reader-card', { state: 'detached' });

    await page.focus('remit-mark[tabindex="0"]');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-remit-code'))).toBe('MA01');
    await page.waitForSelector('#reader-card article[data-code="MA01"]');
    await page.keyboard.press('ArrowRight');
    await page.waitForSelector('#reader-card article[data-code="CO-16"]');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-remit-code'))).toBe('CO-16');
    expect(await page.$$eval('remit-mark[tabindex="0"]', (m) => m.map((e) => e.getAttribute('data-remit-code')))).toEqual(['CO-16']);
    expect(await page.getAttribute('remit-mark[tabindex="0"]', 'aria-expanded')).toBe('true');
    await page.keyboard.press('End');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-remit-code'))).toBe('PR-2');
    await page.keyboard.press('Escape');
    await page.waitForSelector('#reader-card', { state: 'detached' });
    // Tab leaves the marks at once: they are one stop, not 28.
    await page.keyboard.press('Home');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('REMIT-MARK');
  });

  it('filters by patient, claim number, code and report', async () => {
    await page.fill('[data-testid="claim-search"]', 'charlie');
    expect((await view(page)).claims).toEqual(['SYN0003=ok']);
    await page.fill('[data-testid="claim-search"]', 'co 16');
    expect((await view(page)).claims).toEqual(['SYN0001=ok']);
    await page.fill('[data-testid="claim-search"]', '0024100000104');
    expect((await view(page)).claims).toEqual(['SYN0004=ok']);
    await page.fill('[data-testid="claim-search"]', '');
    await page.selectOption('[data-testid="claim-report"]', 'forwarded');
    expect((await view(page)).claims).toEqual(['SYN0002=ok', 'SYN0003=ok', 'SYN0004=ok']);
    expect((await view(page)).count).toBe('Showing 3 of 4 claims');
    await page.selectOption('[data-testid="claim-report"]', 'denied');
    expect((await view(page)).claims).toEqual(['SYN0001=ok']);
    await page.selectOption('[data-testid="claim-report"]', 'all');
  });

  it('CSV: one row per adjustment, no names or account numbers unless ticked', async () => {
    const [plain] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="csv"]')]);
    expect(plain.suggestedFilename()).toBe('remit-lens-835.csv');
    const csv = await readFile(await plain.path(), 'utf8');
    const rows = csv.trimEnd().split('\r\n');
    // 18 adjustments on 7 lines; every line has one, so no line-only rows.
    expect(rows).toHaveLength(19);
    expect(rows[0]?.startsWith('Remittance,Check/EFT trace,Payment date,Claim,Claim status,')).toBe(true);
    const syn4 = rows.find((r) => r.startsWith('2,800000002,2024-04-15,3,') && r.includes(',CO-253,'));
    expect(
      syn4?.startsWith(
        '2,800000002,2024-04-15,3,Processed as primary and sent on to another payer,120.00,23.77,6.07,ok,1,2024-03-12,HC 71046,,1,120.00,30.36,23.77,ok,line,CO,253,CO-253,0.52,,,',
      ),
    ).toBe(true);
    expect(syn4).toMatch(/sequestration/i);
    for (const secret of ['PATIENT', 'SYN000', '0XX0XX']) expect(csv).not.toContain(secret);
    await page.check('[data-testid="csv-identifiers"]');
    const [named] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="csv"]')]);
    const withIds = await readFile(await named.path(), 'utf8');
    expect(withIds.split('\r\n')[0]).toContain('Claim,Patient,Patient control number,Payer claim number,Claim status');
    expect(withIds).toContain('"PATIENT, DELTA",SYN0004,0024100000104');
    await page.uncheck('[data-testid="csv-identifiers"]');
  });

  it('print preview: the controls go, every claim shown prints', async () => {
    await page.emulateMedia({ media: 'print' });
    const printed = await page.evaluate(() => ({
      top: getComputedStyle(document.querySelector('header.top') as Element).display,
      filters: getComputedStyle(document.querySelector('.filters') as Element).display,
      claims: Array.from(document.querySelectorAll('article[data-remit-claim]')).filter((a) => a.getBoundingClientRect().height > 0).length,
      summary: getComputedStyle(document.querySelector('section.summary') as Element).display,
    }));
    expect(printed).toEqual({ top: 'none', filters: 'none', claims: 4, summary: 'block' });
    await screenshot(page, 'reader-835-print', { fullPage: true });
    await page.emulateMedia({ media: 'screen' });
  });

  it('axe-core finds no serious or critical problems, with a card open too', async () => {
    expect(await axeSerious(page)).toEqual([]);
    await page.hover('remit-mark[data-remit-code="CO-45"] >> nth=0');
    await page.waitForSelector('#reader-card article[data-code="CO-45"]');
    expect(await axeSerious(page)).toEqual([]);
  });
});

describe('bad input', () => {
  it('a truncated file: the segment and what was expected, what was read kept and marked incomplete', async () => {
    const page = await openByUrl('reader/truncated.835');
    const v = await view(page);
    expect(v.claims).toEqual(['SYN0001=ok', 'SYN0002=unknown']);
    expect(v.incomplete).toBe(true);
    expect(v.problems).toContain(
      'Segment 67 (SVC): the file ends inside transaction 000000002 (started at segment 38): expected SE to close it. The file looks cut short; what was read is shown.',
    );
    expect(await page.textContent('article[data-remit-claim="SYN0002"] .claim-head')).toContain('Incomplete');
    expect(await page.$$eval('section.remit.incomplete', (s) => s.length)).toBe(1);
    await page.close();
  });

  it('a mis-enveloped file (an SE missing): the first payment ends incomplete at the next ST, the second reads whole', async () => {
    const page = await openByUrl('reader/mis-enveloped.835');
    const v = await view(page);
    // SYN0001 was still open when the next ST came: it cannot be checked.
    expect(v.claims).toEqual(['SYN0001=unknown', ...MEDICARE.claims.slice(1)]);
    expect(v.problems).toEqual(['Segment 37 (ST): a new transaction starts before SE closed transaction 000000001: expected SE first.']);
    expect(v.incomplete).toBe(true);
    await page.close();
  });

  it('an 837 is not an 835, and prose is not X12: said plainly, with the segment', async () => {
    const page = await openByUrl('reader/not-835.txt');
    expect(await page.textContent('#problems-title')).toBe('This is X12, but not an 835 remittance');
    expect((await view(page)).problems).toContain(
      'Segment 3 (ST): this transaction is an X12 837 (ST01), not an 835 claim payment: expected ST*835. It is not read.',
    );
    await page.close();
    const prose = await newReader();
    await waitIdle(prose);
    await prose.click('details.paste summary');
    await prose.fill('#paste-input', 'Dear provider, your claim was paid.');
    await prose.click('details.paste button');
    await prose.waitForSelector('#problems-title');
    expect(await prose.textContent('#problems-title')).toBe('This is not an 835');
    await prose.close();
  });

  it('the same check/EFT trace opened twice in one tab is flagged', async () => {
    const page = await openByUrl('reader/failing-balance.835');
    expect((await view(page)).checks).not.toContain('duplicate-trace:off');
    await page.evaluate(pasteText, fixtureText('reader/failing-balance.835'));
    await page.waitForSelector('[data-check="duplicate-trace"]');
    expect(await page.textContent('[data-check="duplicate-trace"]')).toContain(
      'The check/EFT trace FB0000501 was already opened in this tab (failing-balance.835, payment 1)',
    );
    await page.close();
  });
});

describe('privacy', () => {
  it('a URL the reader may not fetch (here 127.0.0.1, outside its policy) fails plainly and sends nothing', async () => {
    const before = e2e.server.requests.length;
    const page = await newReader(`?file=${encodeURIComponent(e2e.server.url('reader/failing-balance.835'))}`);
    await waitIdle(page);
    expect((await view(page)).failed).toMatch(/could not be fetched/);
    expect(e2e.server.requests.slice(before)).toEqual([]);
    await page.close();
  });

  it('the reader asked the network only for the documents it was told to open; nothing about them is stored', async () => {
    const isOurs = (url: string | undefined) => url?.startsWith(`chrome-extension://${e2e.ext.extensionId}/`) ?? false;
    const fromReader = requests.filter((r) => isOurs(r.frameUrl) && !isOurs(r.url) && !r.url.startsWith('blob:'));
    const opened = [
      'reader/failing-balance.835',
      '835/synthetic-medicare-b-co253.835',
      'reader/truncated.835',
      'reader/mis-enveloped.835',
      'reader/not-835.txt',
    ].map(fileUrl);
    expect([...new Set(fromReader.map((r) => r.url))].sort()).toEqual([...new Set(opened)].sort());
    // The fixture server saw the documents (and the pages the test opened itself in tabs), nothing else.
    const served = e2e.server.requests
      .map((r) => `${r.host.split(':')[0]} ${r.url.split('#')[0]}`)
      .filter((u) => !u.endsWith('/favicon.ico') && u !== '127.0.0.1 /reader/wrapped-raw.html');
    expect(served.every((u) => u.startsWith(`${FILE_HOST} /reader/`) || u.startsWith(`${FILE_HOST} /835/`))).toBe(true);
    const stored = await e2e.ext.worker.evaluate(async () => {
      const c = (globalThis as unknown as { chrome: { storage: Record<'local' | 'session', { get(k: null): Promise<object> }> } }).chrome;
      return { local: await c.storage.local.get(null), session: await c.storage.session.get(null) };
    });
    expect(stored).toEqual({ local: {}, session: {} });
  });
});

let axeSource: string | undefined;

/** axe-core in the reader page (evaluated through the driver: an extension page runs no inline script). */
async function axeSerious(page: Page): Promise<string[]> {
  axeSource ??= await readFile(path.join(projectRoot, 'node_modules/axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async () => {
    interface AxeResult {
      id: string;
      impact?: string | null;
      nodes: { target: unknown[] }[];
    }
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeResult[] }> } }).axe;
    const { violations } = await axe.run(document, { resultTypes: ['violations'] });
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(' ')}`);
  });
}
