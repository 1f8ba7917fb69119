// Self-test of the e2e harness (static server, host mapping, tab ids, popup, request log, mark helpers).
// It does not depend on what the content script does: the mark helpers are exercised on a host the
// content script does not match, with marks the test writes itself.
import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { collectRequests, marksOf, openPage, openPopup, tabIdOf, uniqueUrl, useExtension, waitForMarks } from './harness';

const PORTAL = 'portal.example.test';

const e2e = useExtension({ hostRules: [PORTAL] });

/** Raw GET with an unnormalized path (fetch() would resolve `..` before sending). */
function rawGet(path: string): Promise<{ status: number; type: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: e2e.server.port, path, method: 'GET' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('static server', () => {
  it('serves fixtures with their content types', async () => {
    expect(await rawGet('/smoke.html')).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' });
    expect(await rawGet('/harness.txt')).toMatchObject({ status: 200, type: 'text/plain; charset=utf-8', body: 'plain text fixture\n' });
    const era = await rawGet('/835/synthetic-medicare-b-co253.835');
    expect(era).toMatchObject({ status: 200, type: 'text/plain; charset=utf-8' });
    expect(era.body.startsWith('ISA*')).toBe(true);
  });

  it('answers 404 for missing files, unknown types and anything outside the root', async () => {
    for (const path of [
      '/missing.html',
      '/835/SOURCES.md',
      '/../package.json',
      '/..%2f..%2fpackage.json',
      '/%2e%2e/%2e%2e/package.json',
      '/835/..%2f..%2f..%2fpackage.json',
      '/smoke.html%00.txt',
      '/..\\..\\package.json',
    ]) {
      expect((await rawGet(path)).status, path).toBe(404);
    }
  });

  it('serves the vendored packages a fixture app loads, those only, and nothing outside them', async () => {
    expect(await rawGet('/vendor/preact/dist/preact.mjs')).toMatchObject({ status: 200, type: 'text/javascript; charset=utf-8' });
    expect(await rawGet('/vendor/preact/hooks/dist/hooks.mjs')).toMatchObject({ status: 200 });
    for (const path of [
      '/vendor/vitest/package.json',
      '/vendor/preact/..%2f..%2fpackage.json',
      '/vendor/preact/%2e%2e/%2e%2e/wxt.config.ts',
      '/vendor/',
    ]) {
      expect((await rawGet(path)).status, path).toBe(404);
    }
  });
});

describe('browser', () => {
  it('opens the same server under a mapped host name', async () => {
    const page = await openPage(e2e.ext, uniqueUrl(e2e.server.url('smoke.html', PORTAL)));
    expect(await page.title()).toBe('Remit Lens smoke');
    expect(new URL(page.url()).host).toBe(`${PORTAL}:${e2e.server.port}`);
    expect(e2e.server.requests.some((r) => r.host === `${PORTAL}:${e2e.server.port}` && r.url === '/smoke.html')).toBe(true);
    await page.close();
  });

  it('finds the Chrome tab id of each page', async () => {
    const pages = [];
    for (let i = 0; i < 3; i++) pages.push(await openPage(e2e.ext, uniqueUrl(e2e.server.url('harness.html'))));
    const ids = [];
    for (const page of pages) ids.push(await tabIdOf(e2e.ext, page));
    expect(new Set(ids).size).toBe(3);
    // Asked again out of order, in parallel: cached, same answers.
    expect(await Promise.all([tabIdOf(e2e.ext, pages[2]!), tabIdOf(e2e.ext, pages[0]!), tabIdOf(e2e.ext, pages[1]!)])).toEqual([
      ids[2],
      ids[0],
      ids[1],
    ]);

    // Independent check: closing tab ids[1] from the extension closes exactly pages[1].
    const closed = pages[1]!.waitForEvent('close');
    await e2e.ext.worker.evaluate(
      (id) => (globalThis as unknown as { chrome: { tabs: { remove(id: number): Promise<void> } } }).chrome.tabs.remove(id),
      ids[1]!,
    );
    await closed;
    expect(pages.map((p) => p.isClosed())).toEqual([false, true, false]);

    const popup = await openPopup(e2e.ext, ids[0]!);
    expect(popup.url()).toBe(`chrome-extension://${e2e.ext.extensionId}/popup.html?tabId=${ids[0]}`);
    const popupTab = await tabIdOf(e2e.ext, popup);
    expect(ids).not.toContain(popupTab);
    for (const page of [popup, pages[0]!, pages[2]!]) await page.close();
  });

  it('records page and service-worker requests', async () => {
    const requests = collectRequests(e2e.ext.context);
    const url = uniqueUrl(e2e.server.url('harness.html'));
    const page = await openPage(e2e.ext, url);
    await e2e.ext.worker.evaluate(async () => {
      await fetch('/manifest.json');
    });
    // Request URLs never carry the #fragment.
    expect(requests).toContainEqual(
      expect.objectContaining({ url: url.split('#')[0], resourceType: 'document', isNavigation: true, initiator: 'about:blank' }),
    );
    expect(requests).toContainEqual(
      expect.objectContaining({
        url: `chrome-extension://${e2e.ext.extensionId}/manifest.json`,
        resourceType: 'fetch',
        serviceWorkerUrl: e2e.ext.worker.url(),
        initiator: e2e.ext.worker.url(),
      }),
    );
    await page.close();
  });

  it('waits for marks and lists them as a sorted multiset', async () => {
    // PORTAL is not a content-script match, so only this test writes marks and state here.
    const page = await openPage(e2e.ext, uniqueUrl(e2e.server.url('harness.html', PORTAL)));
    await page.evaluate(() => document.documentElement.setAttribute('data-remit-lens-state', 'scanning'));
    const waiting = waitForMarks(page, 3);
    await page.evaluate(() => {
      for (const [code, amount] of [
        ['PR-2', '25.00'],
        ['CO-253', '2.00'],
        ['CO-45', null],
        ['CO-253', '0.83'],
      ]) {
        const mark = document.createElement('remit-mark');
        mark.setAttribute('data-remit-code', code!);
        if (amount) mark.setAttribute('data-remit-amount', amount);
        mark.textContent = code!;
        document.body.append(mark);
      }
      document.documentElement.setAttribute('data-remit-lens-state', 'idle');
    });
    await waiting;
    expect(await marksOf(page)).toEqual([
      { code: 'CO-253', amount: '0.83' },
      { code: 'CO-253', amount: '2.00' },
      { code: 'CO-45', amount: undefined },
      { code: 'PR-2', amount: '25.00' },
    ]);
    await expect(waitForMarks(page, 5, { timeout: 300 })).rejects.toThrow(/saw data-remit-lens-state="idle", 4 mark/);
    await page.close();
  });
});
