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
    expect(text).toContain('Write off as a contractual adjustment');
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

// ---------------------------------------------------------------------------------------------------
// The same slice on a portal built from web components (test/fixtures/pages/shadow.html): its lines
// sit in an open shadow root (one remark in a nested component), its patient summary in a closed one.

declare const chrome: { tabs: { sendMessage(tabId: number, message: unknown): Promise<unknown> } };

describe('inside shadow roots', () => {
  let shadow: Page;
  const LINES = 'era-lines remit-mark'; // Playwright's CSS selectors pierce open shadow roots.

  beforeAll(async () => {
    shadow = await openPage(e2e.ext, e2e.server.url('pages/shadow.html'));
    await waitForMarks(shadow, 8);
  });

  /** The open card's code and text, and whether it sits next to the mark (below or above it). */
  const openCard = (p: Page) =>
    p.evaluate(() => {
      const host = document.querySelector('remit-lens-card') as HTMLElement | null;
      const article = host?.shadowRoot?.querySelector('article');
      return host && !host.hidden ? { code: article?.getAttribute('data-code'), text: article?.textContent ?? '' } : null;
    });
  const waitForCard = (p: Page, code: string) =>
    p.waitForFunction((c) => {
      const host = document.querySelector('remit-lens-card') as HTMLElement | null;
      return host && !host.hidden && host.shadowRoot?.querySelector('article')?.getAttribute('data-code') === c;
    }, code);
  /** The focused element, inside shadow roots (closed ones through the page's own references). */
  const focused = (p: Page) =>
    p.evaluate(() => {
      let el = document.activeElement;
      for (;;) {
        const root = el?.shadowRoot ?? window.__closedRoots?.find((r) => r.host === el);
        if (!root?.activeElement) break;
        el = root.activeElement;
      }
      return `${el?.getAttribute('data-remit-code')} ${el?.getAttribute('data-remit-amount') ?? ''}`.trim();
    });
  /** Moves the pointer onto a mark in the closed root (Playwright's hover cannot see inside it). */
  const pointAtClosed = async (code: string) => {
    const box = await shadow.evaluate((c) => {
      const r = window.__closedRoots?.[0]?.querySelector(`remit-mark[data-remit-code="${c}"]`)?.getBoundingClientRect();
      return r ? { x: r.x + r.width / 2, y: r.y + r.height / 2 } : null;
    }, code);
    if (!box) throw new Error(`no ${code} mark in the closed root`);
    await shadow.mouse.move(box.x, box.y);
  };

  it('explains CO-253 in a shadow root on hover, with the card next to the mark', async () => {
    await shadow.bringToFront();
    await shadow.hover(`${LINES}[data-remit-code="CO-253"][data-remit-amount="1.47"]`);
    await waitForCard(shadow, 'CO-253');
    const text = (await openCard(shadow))?.text ?? '';
    for (const words of [
      'sequestration',
      'not a denial',
      'do not appeal',
      'not billable to the patient',
      'Write off as a contractual adjustment',
    ])
      expect(text).toContain(words);
    const gap = await shadow.evaluate(() => {
      const lines = document.querySelector('era-lines')?.shadowRoot;
      // The card sits right below or above the mark's row, clear of it: the row's amounts stay in sight.
      const mark = lines?.querySelector('remit-mark[data-remit-code="CO-253"]');
      const row = (mark?.closest('tr,[role="row"]') ?? mark)?.getBoundingClientRect();
      const card = document.querySelector('remit-lens-card')?.shadowRoot?.querySelector('.frame')?.getBoundingClientRect();
      if (!row || !card) return null;
      const overlaps = card.top < row.bottom && card.bottom > row.top;
      return overlaps ? -1 : Math.min(Math.abs(card.top - row.bottom), Math.abs(row.top - card.bottom));
    });
    expect(gap).not.toBeNull();
    expect(gap).toBeGreaterThanOrEqual(0);
    expect(gap).toBeLessThan(10);
    // From one mark to the next in one shadow tree (the card is below, over the next rows): the
    // document never hears of that move, the root's own listener does.
    await shadow.hover(`${LINES}[data-remit-code="CO-45"]`);
    await waitForCard(shadow, 'CO-45');
    await shadow.hover(`${LINES}[data-remit-code="N130"]`);
    await waitForCard(shadow, 'N130');
  });

  it('explains marks in a closed shadow root, following the pointer inside it', async () => {
    await shadow.mouse.move(0, 0);
    await pointAtClosed('PR-1');
    await waitForCard(shadow, 'PR-1');
    await pointAtClosed('MA130');
    await waitForCard(shadow, 'MA130');
    await shadow.mouse.move(0, 0);
    await shadow.waitForFunction(() => (document.querySelector('remit-lens-card') as HTMLElement | null)?.hidden === true);
  });

  it('opens from the keyboard, the arrow keys follow the marks into a nested component, and Escape returns focus to the mark', async () => {
    await shadow.focus(`${LINES}[data-remit-code="CO-253"][data-remit-amount="1.47"]`);
    await waitForCard(shadow, 'CO-253');
    await shadow.keyboard.press('Escape');
    await shadow.waitForFunction(() => (document.querySelector('remit-lens-card') as HTMLElement | null)?.hidden === true);
    expect(await focused(shadow)).toBe('CO-253 1.47');
    // The next mark (marks are one tab stop; the arrows walk them) is the remark inside <remark-chip>'s own shadow root.
    await shadow.keyboard.press('ArrowRight');
    await waitForCard(shadow, 'M15');
    expect(await focused(shadow)).toBe('M15');
    await shadow.keyboard.press('Escape');
    expect(await focused(shadow)).toBe('M15');
  });

  it('counts the shadow roots’ codes in the popup, reveals them, and follows a component that re-renders', async () => {
    const tabId = await tabIdOf(e2e.ext, shadow);
    const popup = await openPopup(e2e.ext, tabId);
    try {
      await popup.waitForFunction(() => document.querySelector('[data-testid="code-count"]')?.textContent === '8 codes on this page');
      // Reveal goes through the marks the scanner knows, in page order: both CO-253 are in the shadow root.
      for (const [n, amount] of [
        [1, '1.47'],
        [2, '0.42'],
      ] as const) {
        await popup.click('section.page tr.row[data-code="CO-253"] .code-btn');
        await popup.waitForFunction(
          (text) => document.querySelector('section.page .hint')?.textContent === text,
          `CO-253: mention ${n} of 2, highlighted on the page.`,
        );
        const flashed = await shadow.evaluate(() =>
          document.querySelector('era-lines')?.shadowRoot?.querySelector('remit-mark[data-remit-flash]')?.getAttribute('data-remit-amount'),
        );
        expect(flashed).toBe(amount);
      }
      // The component replaces its third line; the marks and the popup follow.
      await shadow.evaluate(() => {
        const rows = document.querySelector('era-lines')?.shadowRoot?.getElementById('rows');
        const row = document.createElement('tr');
        for (const text of ['03/04/2024', '36415', '', '1', 'OA', '23', '$2.00', 'MA130'])
          row.appendChild(document.createElement('td')).textContent = text;
        rows?.replaceChild(row, rows.children[2] as Element);
      });
      await popup.waitForFunction(() => document.querySelector('[data-testid="code-count"]')?.textContent === '9 codes on this page');
      const codes = (await marksOf(shadow)).map((m) => `${m.code} ${m.amount ?? ''}`.trim());
      expect(codes).toContain('OA-23 2.00');
      expect(codes).not.toContain('PR-2 18.43');
      const report = (await e2e.ext.worker.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'page:report' }), tabId)) as {
        mentions: { code: string }[];
      };
      expect(report.mentions.map((m) => m.code).sort()).toEqual([
        'CO-253',
        'CO-253',
        'CO-45',
        'M15',
        'MA130',
        'MA130',
        'N130',
        'OA-23',
        'PR-1',
      ]);
    } finally {
      await popup.close();
    }
  });
});

describe('components that render after the scan', () => {
  it('are marked once their script defines them or their data arrives, rendering into a shadow root', async () => {
    const page = await openPage(e2e.ext, e2e.server.url('late-component.html'));
    await waitForMarks(page, 1);
    expect(await marksOf(page)).toEqual([{ code: 'PR-1', amount: '200.00' }]);
    // The lazily loaded chunk arrives: no mutation the page's observers can see, only a new shadow root.
    await page.evaluate(() => (window as unknown as { defineLate(): void }).defineLate());
    await waitForMarks(page, 3);
    expect(await marksOf(page)).toEqual([
      { code: 'CO-253', amount: '1.47' },
      { code: 'CO-45', amount: '81.59' },
      { code: 'PR-1', amount: '200.00' },
    ]);
    // A component defined all along renders its notes into a new closed shadow root when its data arrives.
    await page.evaluate(() => (window as unknown as { renderNotes(): void }).renderNotes());
    await waitForMarks(page, 4);
    expect(await marksOf(page)).toEqual([
      { code: 'CO-253', amount: '1.47' },
      { code: 'CO-45', amount: '81.59' },
      { code: 'OA-23', amount: '10.00' },
      { code: 'PR-1', amount: '200.00' },
    ]);
    await page.close();
  });
});
