// The first vertical slice: a page with CO-253 is marked, the card's text comes from the
// background catalog, and the popup counts the page's codes.

import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { marksOf, openPage, openPopup, tabIdOf, useExtension, waitForMarks } from './harness';

const e2e = useExtension();
let page: Page;

beforeAll(async () => {
  page = await openPage(e2e.ext, e2e.server.url('slice.html'));
  await waitForMarks(page, 5);
});

const cardText = (p: Page) => p.evaluate(() => document.querySelector('remit-lens-card')?.shadowRoot?.textContent ?? '');

describe('vertical slice', () => {
  it('marks every code and nothing else, keeping the page text', async () => {
    expect(await marksOf(page)).toEqual([
      { code: 'CO-253', amount: '2.00' },
      { code: 'CO-253', amount: '2.36' },
      { code: 'M15', amount: undefined },
      { code: 'N130', amount: undefined },
      { code: 'PR-2', amount: '20.00' },
    ]);
    expect(await page.textContent('#prose')).toBe(
      'Adjustment CO-253 $2.36 was applied to this Medicare line. Mail: Denver, CO 80202. Phone 253-555-0100.',
    );
  });

  it('explains CO-253 on hover as sequestration, not a denial', async () => {
    await page.hover('#prose remit-mark');
    await page.waitForFunction(() => document.querySelector('remit-lens-card')?.shadowRoot?.textContent?.includes('sequestration'));
    const text = await cardText(page);
    expect(text).toContain('not a denial');
    expect(text).toContain('do not appeal');
    expect(text).toContain('not billable to the patient');
    expect(text).toContain('post as a contractual adjustment');
  });

  it('opens the card from the keyboard too, and Escape closes it', async () => {
    await page.mouse.move(0, 0);
    await page.focus('#lines remit-mark[data-remit-code="CO-253"]');
    await page.waitForFunction(() => {
      const host = document.querySelector('remit-lens-card') as HTMLElement | null;
      return host && !host.hidden && host.shadowRoot?.textContent?.includes('Matches 2%');
    });
    await page.keyboard.press('Escape');
    await page.waitForFunction(() => (document.querySelector('remit-lens-card') as HTMLElement | null)?.hidden === true);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-remit-code'))).toBe('CO-253');
  });

  it('shows the page count in the popup', async () => {
    const popup = await openPopup(e2e.ext, await tabIdOf(e2e.ext, page));
    await popup.waitForFunction(() => document.querySelector('[data-testid="code-count"]')?.textContent?.includes('5 codes'));
    await popup.close();
  });
});
