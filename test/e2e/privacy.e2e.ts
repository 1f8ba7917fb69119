// Nothing leaves the browser: a full session (pages with codes, the card, the popup's tally, lookup,
// paste-to-decode, copy and CSV export, the options page) while every request the browser makes is
// recorded — by Playwright for pages, frames and service workers, by a CDP session attached to the
// extension's service worker itself, and by the fixture server. Any request from the extension fails. The
// reader's one request, for the document it is asked to open (an 835, a PDF), is checked on its own: nothing
// else, with a planted request to another host shown to be caught.

import { readFile } from 'node:fs/promises';
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFixtures } from '../pdf/make-fixtures.mjs';
import { collectRequests, openPage, openPopup, type RecordedRequest, tabIdOf, uniqueUrl, useExtension, waitForMarks } from './harness';

declare const chrome: {
  storage: Record<'local' | 'sync' | 'session', { get(key: null): Promise<Record<string, unknown>> }>;
};

// reader-files.test is the e2e build's stand-in download host: the one place the 835 reader may fetch from.
const FILE_HOST = 'reader-files.test';
const e2e = useExtension({ hostRules: [FILE_HOST, 'pdf-site.test'] });
let requests: RecordedRequest[];
/** Requests the extension's service worker made, as its own DevTools session sees them. */
const workerRequests: string[] = [];
let workerSession: CDPSession | undefined;
/** Console messages from extension pages that report a blocked resource or a CSP violation. */
const violations: string[] = [];
/** URLs the test itself navigated to: the only requests a page may make here. */
const navigated = new Set<string>();

beforeAll(async () => {
  // The PDF fixtures (made and cached by the unit run).
  await makeFixtures();
  requests = collectRequests(e2e.ext.context);
  workerSession = await attachToWorker();
});

afterAll(async () => {
  await workerSession?.detach().catch(() => undefined);
});

/**
 * A DevTools session on the extension's service worker with its Network domain on (attached through the
 * browser session, messages relayed with Target.sendMessageToTarget), so the worker's own view of its
 * requests is recorded too. Also proves the session is live by evaluating in the worker.
 */
async function attachToWorker(): Promise<CDPSession> {
  const browser = e2e.ext.context.browser();
  if (!browser) throw new Error('no browser to attach to');
  const cdp = await browser.newBrowserCDPSession();
  const { targetInfos } = await cdp.send('Target.getTargets');
  const target = targetInfos.find((t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${e2e.ext.extensionId}/`));
  if (!target) throw new Error('the extension service worker is not running');
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false });
  const pending = new Map<number, (result: unknown) => void>();
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    if (event.sessionId !== sessionId) return;
    const message = JSON.parse(event.message) as { id?: number; method?: string; result?: unknown; params?: { request?: { url: string } } };
    if (message.id !== undefined) pending.get(message.id)?.(message.result);
    if (message.method === 'Network.requestWillBeSent' && message.params?.request) workerRequests.push(message.params.request.url);
  });
  let nextId = 0;
  const send = (method: string, params: Record<string, unknown> = {}) =>
    new Promise<unknown>((resolve, reject) => {
      nextId += 1;
      pending.set(nextId, resolve);
      setTimeout(() => reject(new Error(`the worker did not answer ${method}`)), 20_000).unref?.();
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: nextId, method, params }) });
    });
  // The answer to Network.enable proves the session reaches the worker. (A Runtime.evaluate here
  // sometimes never answered in this relay mode, so it is not used.)
  workerNetwork = await send('Network.enable');
  return cdp;
}

let workerNetwork: unknown;

async function visit(url: string): Promise<Page> {
  const unique = uniqueUrl(url);
  navigated.add(unique.split('#')[0] ?? unique);
  return openPage(e2e.ext, unique);
}

function watchConsole(page: Page): void {
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to|ERR_BLOCKED/i.test(m.text())) violations.push(`${page.url()}: ${m.text()}`);
  });
}

const isExtension = (url: string | undefined) => url?.startsWith(`chrome-extension://${e2e.ext.extensionId}/`) ?? false;
/** The extension's own packaged files and in-memory objects (the CSV export is a blob). */
const isLocal = (url: string) => isExtension(url) || url.startsWith('blob:') || url.startsWith('data:');

describe('privacy', () => {
  it('makes no network request from any extension context during a full session', async () => {
    // Pages with codes; the card (content script ↔ background).
    const page = await visit(e2e.server.url('sites/portal.html'));
    await waitForMarks(page, 4);
    await page.hover('#note remit-mark');
    await page.waitForFunction(() => document.querySelector('remit-lens-card')?.shadowRoot?.textContent?.includes('sequestration'));
    const slice = await visit(e2e.server.url('slice.html'));
    await waitForMarks(slice, 5);

    // The popup: tally, lookup, paste-to-decode, copy and CSV export.
    const popup = await openPopup(e2e.ext, await tabIdOf(e2e.ext, page));
    watchConsole(popup);
    await popup.waitForSelector('[data-testid="code-count"]:has-text("4 codes")');
    await popup.fill('#lookup-input', 'timely filing');
    await popup.waitForSelector('#lookup-results button.result');
    await popup.click('#lookup-results button.result');
    await popup.waitForSelector('section.sheet #popup-card-title');
    await popup.click('section.sheet button.back');
    await popup.click('details.decode summary').catch(() => undefined);
    await popup.fill('#decode-input', 'CO-45 12.00, PR-2, N130');
    await popup.click('details.decode button.primary');
    await popup.waitForSelector('[data-testid="decode-summary"]');
    await e2e.ext.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await popup.click('section.page button:has-text("Copy")');
    const [download] = await Promise.all([popup.waitForEvent('download'), popup.click('section.page button:has-text("Download CSV")')]);
    expect(await readFile(await download.path(), 'utf8')).toContain('CO-45');

    // The options page.
    const options = await e2e.ext.context.newPage();
    watchConsole(options);
    await options.goto(`chrome-extension://${e2e.ext.extensionId}/options.html`);
    await options.waitForSelector('table.sites');
    await options.click('input[name="markStyle"][value="underline"]');
    await options.click('input[name="markStyle"][value="highlight"]');
    await page.reload();
    await waitForMarks(page, 4);

    // Every request any extension context made went to the extension's own files.
    const fromExtension = requests.filter((r) => isExtension(r.frameUrl) || isExtension(r.serviceWorkerUrl));
    expect(fromExtension.length).toBeGreaterThan(0); // the recorder sees extension pages load their files
    expect(fromExtension.filter((r) => !isLocal(r.url)).map((r) => `${r.initiator} → ${r.url}`)).toEqual([]);
    expect(workerNetwork).toEqual({}); // the worker's own session is live
    expect(workerRequests).toEqual([]);

    // Web pages requested only what the test navigated to (and the browser's favicon probe).
    const pageRequests = requests.filter((r) => !isLocal(r.url));
    const unexpected = pageRequests.filter((r) => !navigated.has(r.url.split('#')[0] ?? r.url) && !r.url.endsWith('/favicon.ico'));
    expect(unexpected.map((r) => `${r.resourceType} ${r.initiator} → ${r.url}`)).toEqual([]);
    // The server agrees: it saw only page loads.
    const served = e2e.server.requests.map((r) => r.url).filter((u) => u !== '/favicon.ico');
    expect(served.every((u) => u === '/sites/portal.html' || u === '/slice.html')).toBe(true);
    expect(violations).toEqual([]);

    await Promise.all([popup.close(), options.close(), slice.close(), page.close()]);
  });

  it('could not send anything even if it tried: the worker and extension pages can open no connection', async () => {
    const target = e2e.server.url('smoke.html');
    const before = e2e.server.requests.length;
    const fromWorker = await e2e.ext.worker.evaluate(
      (url) =>
        fetch(url).then(
          () => 'sent',
          (e: Error) => `blocked: ${e.message}`,
        ),
      target,
    );
    expect(fromWorker).toMatch(/^blocked/);
    const options = await e2e.ext.context.newPage();
    await options.goto(`chrome-extension://${e2e.ext.extensionId}/options.html`);
    const fromPage = await options.evaluate(async (url) => {
      const tries = [
        fetch(url).then(
          () => 'fetch sent',
          () => 'fetch blocked',
        ),
        new Promise<string>((resolve) => {
          const img = new Image();
          img.onload = () => resolve('image sent');
          img.onerror = () => resolve('image blocked');
          img.src = `${url}?img`;
        }),
        Promise.resolve(navigator.sendBeacon(url, 'x') ? 'beacon queued' : 'beacon blocked'),
      ];
      return Promise.all(tries);
    }, target);
    expect(fromPage.slice(0, 2)).toEqual(['fetch blocked', 'image blocked']);
    await options.close();
    // sendBeacon reports "queued" even when CSP then blocks it; the server is the judge.
    expect(e2e.server.requests.slice(before)).toEqual([]);
  });

  it('the 835 reader requests only the document it is asked to open; the popup and options pages cannot even reach that host', async () => {
    const before = requests.length;
    const served = e2e.server.requests.length;
    const docUrl = e2e.server.url('reader/failing-balance.835', FILE_HOST);
    const reader = await e2e.ext.context.newPage();
    watchConsole(reader);
    await reader.goto(`chrome-extension://${e2e.ext.extensionId}/reader.html?file=${encodeURIComponent(docUrl)}`);
    await reader.waitForFunction(() => document.documentElement.getAttribute('data-remit-lens-state') === 'idle');
    await reader.hover('remit-mark');
    await reader.waitForSelector('#reader-card');
    const fromReader = requests.slice(before).filter((r) => !isLocal(r.url));
    expect(fromReader.map((r) => `${r.initiator} → ${r.url}`)).toEqual([`${reader.url()} → ${docUrl}`]);
    expect(e2e.server.requests.slice(served).map((r) => r.url)).toEqual(['/reader/failing-balance.835']);
    expect(workerRequests).toEqual([]);

    // The manifest's policy lets the reader fetch; the popup and the options page take that back in their own HTML.
    for (const file of ['popup.html', 'options.html']) {
      const page = await e2e.ext.context.newPage();
      await page.goto(`chrome-extension://${e2e.ext.extensionId}/${file}`);
      const tried = await page.evaluate(
        (url) =>
          fetch(url).then(
            () => 'sent',
            () => 'blocked',
          ),
        docUrl,
      );
      expect(tried, file).toBe('blocked');
      await page.close();
    }
    expect(e2e.server.requests.slice(served).map((r) => r.url)).toEqual(['/reader/failing-balance.835']);
    await reader.close();
  });

  it('the PDF reader requests only the PDF it is asked to open (pdf.js, its worker and font data are the extension’s own files); a planted request to another host is caught', async () => {
    const before = requests.length;
    const served = e2e.server.requests.length;
    const docUrl = e2e.server.url('generated-pdf/spr-courier.pdf', FILE_HOST);
    const reader = await e2e.ext.context.newPage();
    watchConsole(reader);
    await reader.goto(`chrome-extension://${e2e.ext.extensionId}/reader.html?file=${encodeURIComponent(docUrl)}`);
    await reader.waitForFunction(() => document.documentElement.getAttribute('data-remit-lens-state') === 'idle');
    await reader.waitForSelector('.pdf-page[data-painted] remit-mark');
    await reader.hover('remit-mark');
    await reader.waitForSelector('#reader-card');
    await reader.waitForSelector('.pdf-tally [data-testid="pdf-code-count"]');
    const popup = await openPopup(e2e.ext, await tabIdOf(e2e.ext, reader));
    await popup.waitForSelector('[data-testid="code-count"]');
    const outside = () => requests.slice(before).filter((r) => !isLocal(r.url));
    expect(outside().map((r) => `${r.initiator} → ${r.url}`)).toEqual([`${reader.url()} → ${docUrl}`]);
    expect(e2e.server.requests.slice(served).map((r) => r.url)).toEqual(['/generated-pdf/spr-courier.pdf']);
    expect(workerRequests).toEqual([]);
    expect(violations).toEqual([]);
    // The check above fails on any other request from the reader: one planted to another host shows up in it.
    const planted = e2e.server.url('planted.txt', 'pdf-site.test');
    await reader.evaluate((url) => fetch(url).catch(() => undefined), planted);
    expect(outside().map((r) => r.url)).toEqual([docUrl, planted]);
    await Promise.all([popup.close(), reader.close()]);
  });

  it('keeps nothing about pages: only settings are stored, and no caches or databases exist', async () => {
    const stored = await e2e.ext.worker.evaluate(async () => ({
      local: await chrome.storage.local.get(null),
      sync: await chrome.storage.sync.get(null),
      session: await chrome.storage.session.get(null),
    }));
    expect(stored.local).toEqual({});
    expect(stored.session).toEqual({});
    // Settings only (the session above changed the mark style, so they exist).
    expect(Object.keys(stored.sync)).toEqual(['settings']);
    expect(Object.keys(stored.sync.settings as object).sort()).toEqual([
      'categories',
      'disabledBuiltins',
      'extraOrigins',
      'markStyle',
      'mode',
      'pdfSites',
    ]);
    const text = JSON.stringify(stored);
    for (const pageData of ['CO-45', 'N130', '40.00', 'Claim detail', '127.0.0.1', 'BAL0002', 'FOXTROT', 'FB0000501']) {
      expect(text).not.toContain(pageData);
    }

    const options = await e2e.ext.context.newPage();
    await options.goto(`chrome-extension://${e2e.ext.extensionId}/options.html`);
    const kept = await options.evaluate(async () => ({
      databases: (await indexedDB.databases()).map((d) => d.name),
      caches: await caches.keys(),
      localStorage: localStorage.length,
    }));
    expect(kept).toEqual({ databases: [], caches: [], localStorage: 0 });
    await options.close();
  });
});
