// What a page can see of the extension, in the sealed build (production behaviour, but its content script
// also runs on the fixture server; wxt.config.ts): no state attribute, no start-up message, no setting
// written on marks or on <html>, a card in a closed shadow root the page can neither read nor rewrite,
// made-up events that open nothing, and a card that still opens when the page took its element name.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, uniqueUrl, useExtension } from './harness';

const e2e = useExtension({ extensionDir: '.output/chrome-mv3-sealed' });

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

/** Opens a hostile fixture; with no state attribute to wait for, the first mark says the scan got there. */
async function open(name: string): Promise<Page> {
  const page = await openPage(e2e.ext, uniqueUrl(e2e.server.url(`hostile/${name}`)));
  await page.waitForSelector('remit-mark', { timeout: 30_000 });
  return page;
}

describe('what a page sees of the extension (sealed build)', () => {
  it('no state attribute, no message to the page, no setting on marks or <html>', async () => {
    const page = await open('synthetic.html');
    expect(await page.evaluate(() => [...document.documentElement.attributes].map((a) => a.name))).toEqual(['lang']);
    expect(await page.evaluate(() => (window as unknown as { messages: string[] }).messages)).toEqual([]);
    const names = await page.$$eval('remit-mark', (marks) => [...new Set(marks.flatMap((m) => [...m.attributes].map((a) => a.name)))]);
    expect(names.filter((n) => !MARK_ATTRIBUTES.includes(n))).toEqual([]);
    await page.close();
  });

  it('opens the card for the pointer, in a root the page can neither read nor rewrite; made-up events open nothing', async () => {
    const page = await open('synthetic.html');
    // The page fired pointer, focus and key events at the mark as soon as it appeared: no card came.
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
    expect(await page.$('remit-lens-card')).toBe(null);
    await page.hover('#note remit-mark');
    const host = await page.waitForSelector('remit-lens-card:not([hidden])', { state: 'attached' });
    expect(await host.evaluate((el) => el.shadowRoot)).toBe(null);
    // The page looked for a readable root on every change and found none to rewrite.
    expect(await page.evaluate(() => (window as unknown as { cardSeen: string[] }).cardSeen)).toEqual([]);
    // The card is on screen: what is under the mark's right edge is now the card's host.
    const over = await page.evaluate(() => {
      const r = (document.querySelector('#note remit-mark') as Element).getBoundingClientRect();
      const probes = [
        [r.left + r.width / 2, r.bottom + 40],
        [r.left + r.width / 2, r.top - 40],
        [r.right + 60, r.top + r.height / 2],
      ];
      return probes.some(([x = 0, y = 0]) => document.elementFromPoint(x, y)?.localName === 'remit-lens-card');
    });
    expect(over).toBe(true);
    await page.close();
  });

  it('opens the card in a host of its own when the page defined the card element first', async () => {
    const page = await open('predefined.html');
    await page.hover('#note remit-mark');
    await page.waitForFunction(() =>
      Array.from(document.documentElement.children).some(
        (el) => el.localName === 'div' && !el.hasAttribute('hidden') && el.shadowRoot === null,
      ),
    );
    await page.close();
  });
});
