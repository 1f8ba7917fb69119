// What a page can see of the extension in Firefox, in the sealed build (production behaviour, content
// script also on the fixture server): the same checks as sealed.e2e.ts in Chromium, one Firefox launch.
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LaunchedFirefox, launchFirefox } from './firefox.mjs';
import { type StaticServer, startServer } from './harness';

/** Attributes a mark may carry: the page contract's, its tone (what the code is) and what accessibility needs. */
const MARK_ATTRIBUTES = [
  'data-remit-code',
  'data-remit-amount',
  'data-remit-tone',
  'tabindex',
  'role',
  'aria-expanded',
  'aria-haspopup',
  'aria-description',
];

let firefox: LaunchedFirefox;
let server: StaticServer;
let tab: Page;

beforeAll(async () => {
  server = await startServer();
  firefox = await launchFirefox({ extensionDir: '.output/firefox-mv2-sealed' });
  tab = await firefox.browser.newPage();
  await tab.setViewport({ width: 1280, height: 900 });
});

afterAll(async () => {
  await firefox?.close();
  await server?.close();
});

/** Loads a hostile fixture; with no state attribute to wait for, the first mark says the scan got there. */
async function load(name: string): Promise<void> {
  await tab.goto(server.url(`hostile/${name}`));
  await tab.waitForSelector('remit-mark', { timeout: 30_000 });
}

describe('what a page sees of the extension (sealed build, Firefox)', () => {
  it('no state attribute, no message to the page, no setting on marks or <html>', async () => {
    await load('synthetic.html');
    expect(await tab.evaluate(() => [...document.documentElement.attributes].map((a) => a.name))).toEqual(['lang']);
    expect(await tab.evaluate(() => (window as unknown as { messages: string[] }).messages)).toEqual([]);
    const names = await tab.$$eval('remit-mark', (marks) => [...new Set(marks.flatMap((m) => [...m.attributes].map((a) => a.name)))]);
    expect(names.filter((n) => !MARK_ATTRIBUTES.includes(n))).toEqual([]);
  });

  it('opens the card for the pointer in a root the page cannot read or rewrite; made-up events open nothing', async () => {
    await load('synthetic.html');
    await tab.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
    expect(await tab.$('remit-lens-card')).toBe(null);
    await tab.mouse.move(0, 0);
    await (await tab.$('#note remit-mark'))?.hover();
    await tab.waitForFunction(() => {
      const host = document.querySelector('remit-lens-card');
      return host !== null && !host.hasAttribute('hidden');
    });
    expect(await tab.evaluate(() => document.querySelector('remit-lens-card')?.shadowRoot ?? null)).toBe(null);
    expect(await tab.evaluate(() => (window as unknown as { cardSeen: string[] }).cardSeen)).toEqual([]);
  });

  it('opens the card in a host of its own when the page defined the card element first', async () => {
    await load('predefined.html');
    await tab.mouse.move(0, 0);
    await (await tab.$('#note remit-mark'))?.hover();
    await tab.waitForFunction(() =>
      Array.from(document.documentElement.children).some(
        (el) => el.localName === 'div' && !el.hasAttribute('hidden') && el.shadowRoot === null,
      ),
    );
  });
});
