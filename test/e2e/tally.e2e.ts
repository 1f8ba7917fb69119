// Issue 14 in real Chromium: pages read as remittances through the popup. For each page of
// test/fixtures/remit the popup's tally equals the hand-counted truth (counts, dollars, "amount not
// shown", figures, balances, the 2% check, PLB, the claim list, codes only named); the claim list and the
// failing lines go to their place on the page; a line that does not balance carries its signed difference
// on its marks; SPR cards never list another claim's codes; the CSV has one row per adjustment and the
// page's claim and account numbers only when ticked. One browser launch.
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REMIT_PAGES, type RemitPage, readTruth } from '../remit-truth';
import { openPage, openPopup, screenshot, tabIdOf, uniqueUrl, useExtension, waitForMarks } from './harness';
import { expectedTally, type PopupTally, pageMode, readTallyExpression } from './tally-view';

const e2e = useExtension();

/** A remittance page, its popup, once the tally shows. */
async function open(page: RemitPage): Promise<{ tab: Page; popup: Page }> {
  const tab = await openPage(e2e.ext, uniqueUrl(e2e.server.url(`remit/${page}.html`)));
  await waitForMarks(tab);
  const popup = await openPopup(e2e.ext, await tabIdOf(e2e.ext, tab));
  await popup.setViewportSize({ width: 464, height: 900 });
  await popup.waitForSelector('section.page[data-state="tally"] [data-testid="tally-summary"]');
  return { tab, popup };
}

/** Waits until the popup's tally reads as `want` (the report follows the page as it settles). */
async function tallyOf(popup: Page, want: PopupTally): Promise<PopupTally> {
  // An expression, not a function: the popup's policy allows no eval of its own.
  await popup
    .waitForFunction(`JSON.stringify(${readTallyExpression}) === ${JSON.stringify(JSON.stringify(want))}`, undefined, { timeout: 10_000 })
    .catch(() => undefined);
  return (await popup.evaluate(readTallyExpression)) as PopupTally;
}

/** The flashed mark on the page after a "go to": its code, amount, and its row's id (tables) or line text (printouts). */
const flashed = (tab: Page) =>
  tab.waitForFunction(() => {
    const mark = document.querySelector('remit-mark[data-remit-flash]');
    if (!mark) return null;
    // A line's first row has the id; the rows under it continue it.
    let row = '';
    for (let tr: Element | null = mark.closest('tr'); tr && !row; tr = tr.previousElementSibling) row = tr.id;
    return { code: mark.getAttribute('data-remit-code'), amount: mark.getAttribute('data-remit-amount'), row };
  });

describe('the popup tallies each remittance page as counted by hand', () => {
  it.each(REMIT_PAGES)('%s', async (name) => {
    const { tab, popup } = await open(name);
    const want = expectedTally(readTruth(name), pageMode(name));
    expect(await tallyOf(popup, want)).toEqual(want);
    if (name === 'spr') await screenshot(popup, 'popup-tally-spr', { fullPage: true });
    if (name === 'eob') await screenshot(popup, 'popup-tally-eob', { fullPage: true });
    await popup.close();
    await tab.close();
  });
});

describe('going to claims and lines', () => {
  let tab: Page;
  let popup: Page;
  beforeAll(async () => {
    ({ tab, popup } = await open('spr'));
  });
  afterAll(async () => {
    await popup?.close();
    await tab?.close();
  });

  it('a claim of the list goes to that claim on the page', async () => {
    await popup.click('[data-testid="claims"] li:nth-child(2) button.claim-btn');
    await popup.waitForFunction(() => document.querySelector('section.page .hint')?.textContent === 'Claim 2: shown on the page.');
    // Claim 2's first code is the MA01 on its NAME line: the second MA01 of the printout.
    const index = await tab.waitForFunction(() => {
      const mark = document.querySelector('remit-mark[data-remit-flash]');
      return mark ? Array.from(document.querySelectorAll('remit-mark[data-remit-code="MA01"]')).indexOf(mark) : null;
    });
    expect(await index.jsonValue()).toBe(1);
  });

  it('a CO-253 that is not 2% goes to its line', async () => {
    await popup.click('[data-testid="seq-fails"] li button.go-btn');
    const mark = await (
      await tab.waitForFunction(() => {
        const m = document.querySelector('remit-mark[data-remit-flash]');
        return m ? { code: m.getAttribute('data-remit-code'), amount: m.getAttribute('data-remit-amount') } : null;
      })
    ).jsonValue();
    expect(mark).toEqual({ code: 'CO-253', amount: '1.25' });
  });

  it('the marks of the printout carry their line’s balance', async () => {
    const balances = await tab.evaluate(() => [
      ...new Set(Array.from(document.querySelectorAll('remit-mark'), (m) => m.getAttribute('data-remit-balance'))),
    ]);
    // Every counted code's line balances; the glossary's codes are only named (no balance).
    expect(balances.sort()).toEqual([null, 'ok']);
  });
});

describe('a line that does not balance', () => {
  it('shows its signed difference on the row’s marks and in the popup, and the popup goes to it', async () => {
    const { tab, popup } = await open('failing-balance');
    const truth = readTruth('failing-balance');
    await tab.waitForFunction(() => document.querySelector('#line-2 remit-mark')?.getAttribute('data-remit-balance') === '-150');
    const rows = await tab.evaluate(() => {
      const out: Record<string, string[]> = {};
      let line = '';
      for (const tr of Array.from(document.querySelectorAll('#lines tbody tr'))) {
        line = tr.id || line;
        out[line] = [
          ...(out[line] ?? []),
          ...Array.from(tr.querySelectorAll('remit-mark'), (m) => m.getAttribute('data-remit-balance') ?? ''),
        ];
      }
      return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, [...new Set(v)].join(' ')]));
    });
    expect(rows).toEqual(truth.rowBalances);
    expect(await popup.$eval('[data-testid="balance"] li.fail', (li) => [li.getAttribute('data-difference'), li.textContent])).toEqual([
      '-150',
      'Claim 1, line 2: shows $39.27 paid, its figures add up to $40.77 (off by -$1.50)',
    ]);
    await popup.click('[data-testid="balance"] li.fail button.go-btn');
    expect(await (await flashed(tab)).jsonValue()).toMatchObject({ row: 'line-2' });
    await screenshot(popup, 'popup-tally-failing-balance', { fullPage: true });
    await popup.close();
    await tab.close();
  });
});

describe('cards on the SPR printout', () => {
  it('list their own line’s codes, then their own claim’s, with the claim’s figures: never another claim’s', async () => {
    const tab = await openPage(e2e.ext, uniqueUrl(e2e.server.url('remit/spr.html')));
    await waitForMarks(tab);
    // Each claim's codes, by the claim's NAME line: the printout's text between two NAME lines.
    const claims = await tab.evaluate(() => {
      const pre = document.querySelector('pre');
      const marks = Array.from(pre?.querySelectorAll('remit-mark') ?? []);
      const out: { claim: number; code: string }[] = [];
      let claim = 0;
      const walker = document.createTreeWalker(pre ?? document.body, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const mark = node.parentElement?.closest('remit-mark');
        if (!mark) {
          claim += ((node.textContent ?? '').match(/\bNAME /g) ?? []).length;
          if (/GLOSSARY/.test(node.textContent ?? '')) claim = 99;
        } else if (marks.includes(mark) && claim > 0 && claim < 99) out.push({ claim, code: mark.getAttribute('data-remit-code') ?? '' });
      }
      return out;
    });
    const codesOf = (claim: number) => new Set(claims.filter((c) => c.claim === claim).map((c) => c.code));
    expect(claims).toHaveLength(19);
    const cardLists = async () =>
      tab.evaluate(() => {
        const root = document.querySelector('remit-lens-card')?.shadowRoot;
        const codes = (sel: string) => Array.from(root?.querySelectorAll(sel) ?? [], (li) => li.getAttribute('data-code') ?? '');
        return {
          code: root?.querySelector('.card')?.getAttribute('data-code') ?? '',
          line: codes('.related:not(.on-claim) li'),
          claim: codes('.related.on-claim li'),
          summary: root?.querySelector('.claim-line')?.textContent ?? '',
        };
      });
    for (let i = 0; i < claims.length; i++) {
      const { claim, code } = claims[i] as { claim: number; code: string };
      await tab.mouse.move(0, 0);
      await tab.keyboard.press('Escape');
      await tab.locator('pre remit-mark').nth(i).hover();
      await tab.waitForFunction(
        (c) => document.querySelector('remit-lens-card')?.shadowRoot?.querySelector(`.card[data-code="${c}"]`),
        code,
      );
      const card = await cardLists();
      for (const listed of [...card.line, ...card.claim])
        expect(codesOf(claim).has(listed), `${code} of claim ${claim} lists ${listed}`).toBe(true);
      if (i === 3) {
        // Claim 1, line 1's CO-253.
        expect(card).toEqual({
          code: 'CO-253',
          line: ['CO-45', 'PR-2'],
          claim: ['MA01'],
          summary: 'This claim: billed $170.00 · paid $74.62 · patient responsibility $19.03 · balances',
        });
        await screenshot(tab, 'card-spr-co253-claim-scope');
      }
    }
    await tab.close();
  });
});

describe('CSV from the popup', () => {
  it('one row per adjustment with its claim and line, PLB and totals; the claim and account numbers only when ticked', async () => {
    const { tab, popup } = await open('spr');
    const download = async () => {
      const [file] = await Promise.all([
        popup.waitForEvent('download'),
        popup.click('section.page .export button:has-text("Download CSV")'),
      ]);
      return readFile(await file.path(), 'utf8');
    };
    const plain = await download();
    const rows = plain.trimEnd().split('\r\n');
    expect(rows[0]?.startsWith('Remittance,Check/EFT trace,Payment date,Claim,Claim status,')).toBe(true);
    expect(rows.filter((r) => /,(line|claim),(CO|PR),/.test(r))).toHaveLength(12);
    expect(rows.filter((r) => r.includes(',provider (PLB),'))).toHaveLength(3);
    expect(rows.some((r) => r.includes(',total,') && r.includes(',106.01,'))).toBe(true);
    for (const secret of ['ABERNATHY', 'BRANNIGAN', '24-118802', '2224138800115', '3FW8KD1MX22']) expect(plain).not.toContain(secret);
    await popup.waitForSelector('.notice:has-text("no names, claim or account numbers")');

    await popup.check('[data-testid="with-ids"]');
    const withIds = await download();
    expect(withIds.split('\r\n')[0]).toContain(',Claim,Patient control number,Payer claim number,');
    expect(withIds).toContain('24-118802,2224138800115');
    expect(withIds).toContain('24-118901,2224138800207');
    for (const name of ['ABERNATHY', 'BRANNIGAN', 'CASTELLANOS']) expect(withIds).not.toContain(name);
    await popup.waitForSelector('.notice:has-text("with the page\'s claim and account numbers")');
    await popup.close();
    await tab.close();
  });

  it('a portal grid: its claim and account numbers from the claim headings, only when ticked', async () => {
    const { tab, popup } = await open('portal-grid');
    await popup.check('[data-testid="with-ids"]');
    const [file] = await Promise.all([popup.waitForEvent('download'), popup.click('section.page .export button:has-text("Download CSV")')]);
    const csv = await readFile(await file.path(), 'utf8');
    for (const id of readTruth('portal-grid').identifiers ?? [])
      expect(csv).toContain(`,${id.claim},${id.account},${id.payerClaimNumber},`);
    expect(csv).not.toContain('Montoya');
    await popup.close();
    await tab.close();
  });
});
