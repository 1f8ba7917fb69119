// The toolbar popup in real Chromium: the page's tally (live), finding codes on the page, exports,
// the quick lookup, paste-to-decode, every state the popup can be in, and axe-core on each state and
// on the options page, light and dark.

import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AxeViolation, axeViolations } from './axe';
import {
  marksOf,
  openPage,
  openPopup,
  projectRoot,
  screenshot,
  screenshotDir,
  tabIdOf,
  uniqueUrl,
  useExtension,
  waitForMarks,
} from './harness';

const PORTAL = 'portal.example.test';
/** Invented patient names and member IDs in popup/remit.html: none may reach an export. */
const PATIENT_DATA = ['Jane', 'Quill', 'Omar', 'Vance', 'Lena', 'Park', 'Ruth', 'Doyle', 'QX100', '03/0', '2024'];

const e2e = useExtension({ hostRules: [PORTAL] });
let remit: Page;

beforeAll(async () => {
  // The static server serves no PDFs; the browser's PDF viewer gets one from here.
  await e2e.ext.context.route('**/popup/statement.pdf', (route) =>
    route.fulfill({ status: 200, contentType: 'application/pdf', body: tinyPdf() }),
  );
  // Copy is checked by reading the clipboard back (Playwright cannot scope the grant to an extension origin).
  await e2e.ext.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  remit = await openPage(e2e.ext, uniqueUrl(e2e.server.url('popup/remit.html')));
  await waitForMarks(remit, 15);
});

/** The popup for a page (or for a tab id), sized like the real one. */
async function popupFor(target: Page | number | null): Promise<Page> {
  const popup =
    target === null
      ? await openPopupWithoutTab()
      : await openPopup(e2e.ext, typeof target === 'number' ? target : await tabIdOf(e2e.ext, target));
  await popup.setViewportSize({ width: 464, height: 640 });
  return popup;
}

async function openPopupWithoutTab(): Promise<Page> {
  const popup = await e2e.ext.context.newPage();
  await popup.goto(`chrome-extension://${e2e.ext.extensionId}/popup.html`);
  return popup;
}

const waitForState = (popup: Page, state: string) => popup.waitForSelector(`section.page[data-state="${state}"]`);

/** Tally rows as [code, count, amount, bucket]. */
const rowsOf = (popup: Page, scope: string) =>
  popup.$$eval(`${scope} tr.row`, (rows) =>
    rows.map((tr) => [
      tr.getAttribute('data-code'),
      tr.querySelector('.count')?.textContent,
      tr.querySelector('.amount')?.textContent,
      tr.getAttribute('data-bucket'),
    ]),
  );

/** Bucket tiles as [bucket, amount, count]. */
const bucketsOf = (popup: Page, scope: string) =>
  popup.$$eval(`${scope} li.bucket`, (tiles) =>
    tiles.map((li) => [
      li.getAttribute('data-bucket'),
      li.querySelector('.bucket-amount')?.textContent,
      li.querySelector('.bucket-count')?.textContent,
    ]),
  );

/** Waits until the page tally shows exactly these rows (the tally follows the page live). */
async function waitForRows(popup: Page, expected: string[][]): Promise<void> {
  await popup
    .waitForFunction(
      (want) => {
        const rows = Array.from(document.querySelectorAll('section.page tr.row'), (tr) => [
          tr.getAttribute('data-code'),
          tr.querySelector('.count')?.textContent,
          tr.querySelector('.amount')?.textContent,
          tr.getAttribute('data-bucket'),
        ]);
        return JSON.stringify(rows) === JSON.stringify(want);
      },
      expected,
      { timeout: 10_000 },
    )
    .catch(async (error) => {
      throw new Error(`tally rows: wanted ${JSON.stringify(expected)}, saw ${JSON.stringify(await rowsOf(popup, 'section.page'))}`, {
        cause: error,
      });
    });
}

/** The in-page card and the popup card render the same component: compare what they say. */
const cardParts = (root: ParentNode | null) => {
  const text = (sel: string) => root?.querySelector(sel)?.textContent?.trim() ?? null;
  return {
    code: root?.querySelector('.card')?.getAttribute('data-code') ?? null,
    headline: text('.headline'),
    summary: text('.summary'),
    next: text('.next'),
    appeal: text('.appeal'),
  };
};

const REMIT_ROWS = [
  ['CO-253', '3', '$4.50', 'sequestration'],
  ['CO-45', '2', '$42.50', 'contractual'],
  ['CO-16', '1', '$45.00', 'denial'],
  ['CO-50', '1', '$180.00', 'denial'],
  ['PR-1', '1', '$75.00', 'patient'],
  ['PR-2', '1', '$20.00', 'patient'],
  ['PR-3', '1', '$25.00', 'patient'],
  ['OA-23', '1', '$10.00', 'other'],
  ['M15', '1', '', 'remark'],
  ['MA130', '1', '', 'remark'],
  ['N130', '1', '', 'remark'],
];

describe('tally of the page', () => {
  let popup: Page;

  beforeAll(async () => {
    popup = await popupFor(remit);
    await waitForState(popup, 'tally');
    await waitForRows(popup, REMIT_ROWS);
  });
  afterAll(() => popup?.close());

  it('counts each code with its dollars, grouped by group code, with bucket totals and the 2% check', async () => {
    expect(await popup.textContent('[data-testid="code-count"]')).toBe('15 codes on this page');
    // Adjustments, not mentions: the note's CO-45 is named, not counted; a row repeating its claim's date and paid is the same claim.
    expect(await popup.textContent('[data-testid="tally-summary"]')).toBe('6 claims · 6 lines · 11 adjustments · 1 named only');
    expect(await bucketsOf(popup, 'section.page')).toEqual([
      ['patient', '$120.00', '3 lines'],
      ['contractual', '$42.50', '2 lines'],
      ['sequestration', '$4.50', '3 lines'],
      ['denial', '$225.00', '2 lines'],
      ['other', '$10.00', '1 line'],
    ]);
    // 98.00 + 2.00 and 49.00 + 1.00 match 2%; 60.00 + 1.50 does not.
    expect(await popup.textContent('section.page [data-testid="seq-check"]')).toBe('2 of 3 lines match the 2% rate');
    expect(
      await popup.$$eval('section.page tbody[data-group]', (groups) =>
        groups.map((g) => [g.getAttribute('data-group'), g.querySelector('.group-total')?.textContent ?? '']),
      ),
    ).toEqual([
      ['CO', '7 adjustments · $272.00'],
      ['PR', '3 adjustments · $120.00'],
      ['OA', '1 adjustment · $10.00'],
      ['remarks', ''],
    ]);
    await screenshot(popup, 'popup-tally', { fullPage: true });
  });

  it('finds the next mention of a code on the page and highlights it, cycling through them', async () => {
    const flashed = () =>
      remit.evaluate(() => {
        const flash = document.querySelector('remit-mark[data-remit-flash]');
        const all = Array.from(document.querySelectorAll('remit-mark[data-remit-code="CO-45"]'));
        const box = flash?.getBoundingClientRect();
        return {
          code: flash?.getAttribute('data-remit-code'),
          index: flash ? all.indexOf(flash) : -1,
          inView: box ? box.top >= 0 && box.bottom <= window.innerHeight : false,
        };
      });
    for (const n of [1, 2, 3, 1]) {
      await popup.click('section.page tr.row[data-code="CO-45"] .code-btn');
      await popup.waitForFunction(
        (text) => document.querySelector('section.page .hint')?.textContent === text,
        `CO-45: mention ${n} of 3, highlighted on the page.`,
      );
      expect(await flashed()).toEqual({ code: 'CO-45', index: n - 1, inView: true });
    }
    // The third CO-45 is in a note far below the table: the page really scrolled to it.
    await popup.click('section.page tr.row[data-code="CO-45"] .code-btn');
    await popup.click('section.page tr.row[data-code="CO-45"] .code-btn');
    await popup.waitForFunction(() => document.querySelector('section.page .hint')?.textContent?.includes('mention 3 of 3'));
    expect(await remit.evaluate(() => window.scrollY)).toBeGreaterThan(500);
    expect(await flashed()).toMatchObject({ index: 2, inView: true });
  });

  it('copies a TSV table by code and downloads a CSV with one row per adjustment, no patient data', async () => {
    await popup.bringToFront();
    await popup.click('section.page .export button:has-text("Copy")');
    await popup.waitForSelector('.notice:has-text("Copied the table")');
    const tsv = await popup.evaluate(() => navigator.clipboard.readText());
    const tsvLines = tsv.split('\n');
    expect(tsvLines[0]).toBe('Code\tKind\tGroup\tCount\tAmount\tAmount not shown\tCategory\tMeaning');
    expect(tsvLines.slice(1, 12).map((l) => l.split('\t').slice(0, 7))).toEqual(
      REMIT_ROWS.map(([code, count, amount, bucket]) => [
        code,
        bucket === 'remark' ? 'Remark' : 'Adjustment',
        code?.includes('-') ? code.slice(0, 2) : '',
        count,
        amount?.replace('$', ''),
        '',
        { contractual: 'Contractual write-offs', sequestration: 'Sequestration (CO-253)', denial: 'Denials needing action' }[
          bucket ?? ''
        ] ?? (bucket === 'patient' ? 'Patient responsibility' : bucket === 'other' ? 'Other adjustments' : ''),
      ]),
    );
    for (const line of tsvLines.slice(1, 12)) expect(line.split('\t')[7]?.length).toBeGreaterThan(20);
    expect(tsvLines.slice(12)).toEqual([
      '\tTotal\t\t3\t120.00\t\tPatient responsibility\t',
      '\tTotal\t\t2\t42.50\t\tContractual write-offs\t',
      '\tTotal\t\t3\t4.50\t\tSequestration (CO-253)\t2 of 3 checked CO-253 lines match the sequestration rate',
      '\tTotal\t\t2\t225.00\t\tDenials needing action\t',
      '\tTotal\t\t1\t10.00\t\tOther adjustments\t',
    ]);

    const [download] = await Promise.all([
      popup.waitForEvent('download'),
      popup.click('section.page .export button:has-text("Download CSV")'),
    ]);
    expect(download.suggestedFilename()).toBe('remit-lens-tally.csv');
    const csv = await readFile(await download.path(), 'utf8');
    const csvLines = csv.trimEnd().split('\r\n');
    expect(csvLines[0]).toMatch(
      /^Remittance,Check\/EFT trace,Payment date,Claim,Claim status,.*,Level,Group,Reason,Code,Amount,Quantity,Remarks,Meaning$/,
    );
    const adjustments = csvLines.filter((l) => /,(line|claim),(CO|PR|OA),/.test(l));
    expect(adjustments).toHaveLength(11);
    expect(adjustments.find((l) => l.includes(',CO-16,'))).toMatch(/,claim,CO,16,CO-16,45\.00,,MA130,"?The claim/);
    expect(csvLines.filter((l) => l.includes(',total,'))).toHaveLength(8 + 1);
    for (const secret of PATIENT_DATA) {
      expect(tsv).not.toContain(secret);
      expect(csv).not.toContain(secret);
    }
  });

  it('opens the full card from a row, the same card the page shows', async () => {
    await popup.click('section.page tr.row[data-code="CO-253"] .meaning-btn');
    await popup.waitForSelector('.sheet .card[data-code="CO-253"]');
    expect(await popup.evaluate(() => document.activeElement?.textContent)).toBe('← Back');
    await remit.bringToFront();
    await remit.hover('#claims remit-mark[data-remit-code="CO-253"]');
    await remit.waitForFunction(() =>
      document.querySelector('remit-lens-card')?.shadowRoot?.querySelector('.card[data-code="CO-253"] .next'),
    );
    const inPage = await (await remit.evaluateHandle(() => document.querySelector('remit-lens-card')?.shadowRoot ?? null)).evaluate(
      cardParts,
    );
    const inPopup = await (await popup.evaluateHandle(() => document.querySelector('.sheet'))).evaluate(cardParts);
    expect(inPopup).toEqual(inPage);
    expect(inPopup.headline).toMatch(/^Medicare sequestration .* not a denial\.$/);
    expect(inPopup.next).toMatch(
      /^Next step: Write off as a contractual adjustment\..*do not appeal, and it is not billable to the patient\.$/,
    );
    await screenshot(popup, 'popup-card', { fullPage: true });
    await popup.keyboard.press('Escape');
    await popup.waitForSelector('.sheet', { state: 'detached' });
    expect(await popup.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('data-code'))).toBe('CO-253');
  });

  it('switches between biller and patient wording, and remembers it', async () => {
    await popup.click('section.page tr.row[data-code="PR-2"] .meaning-btn');
    await popup.waitForSelector('.sheet .card[data-code="PR-2"][data-mode="biller"] .next');
    await popup.click('.mode label:has-text("Patient")');
    await popup.waitForSelector('.sheet .card[data-code="PR-2"][data-mode="patient"]');
    expect(await popup.$('.sheet .card .next')).toBeNull();
    const again = await popupFor(remit);
    await again.waitForSelector('.mode label.on:has-text("Patient")');
    // The popup speaks to a patient too: what you may owe, what your plan did not pay, no biller words.
    await again.waitForSelector('section.page li.bucket[data-bucket="denial"]');
    const patientView = (await again.textContent('.main')) ?? '';
    expect(patientView).toContain('You may owe');
    expect(patientView).toContain('Your plan did not pay');
    expect(patientView).not.toMatch(/write[- ]?offs?|written off|denials? needing action|contractual adjustment/i);
    await again.click('.mode label:has-text("Biller")');
    await again.waitForSelector('.mode label.on:has-text("Biller")');
    await again.close();
    await popup.keyboard.press('Escape');
  });

  it('turns the marks off and on for this page', async () => {
    await popup.waitForSelector('.main:not([hidden])');
    await popup.click('.toggle input');
    await waitForState(popup, 'marks-off');
    expect(await remit.$$eval('remit-mark', (m) => m.length)).toBe(0);
    expect(await remit.textContent('#note')).toBe(
      'Questions about CO-45? Call provider services at 253-555-0100 (Tacoma office, ZIP 98402).',
    );
    await popup.click('.toggle input');
    await waitForState(popup, 'tally');
    await waitForRows(popup, REMIT_ROWS);
    expect(await marksOf(remit)).toHaveLength(15);
  });
});

describe('a page that changes', () => {
  it('follows rows added after load and drops rows the page removes', async () => {
    const page = await openPage(e2e.ext, uniqueUrl(e2e.server.url('popup/live.html')));
    await waitForMarks(page, 2);
    const popup = await popupFor(page);
    await waitForRows(popup, [
      ['CO-16', '1', '$60.00', 'denial'],
      ['CO-45', '1', '$20.00', 'contractual'],
    ]);
    await page.click('#more');
    await waitForRows(popup, [
      ['CO-45', '2', '$35.00', 'contractual'],
      ['CO-16', '1', '$60.00', 'denial'],
      ['CO-97', '1', '$40.00', 'contractual'],
    ]);
    await page.click('#hide');
    await waitForRows(popup, [
      ['CO-45', '2', '$35.00', 'contractual'],
      ['CO-97', '1', '$40.00', 'contractual'],
    ]);
    expect(await bucketsOf(popup, 'section.page')).toEqual([['contractual', '$75.00', '3 lines']]);
    expect(await popup.textContent('[data-testid="code-count"]')).toBe('3 codes on this page');
    // A reload replaces the page: the popup picks up the new one's report.
    await page.reload();
    await waitForRows(popup, [
      ['CO-16', '1', '$60.00', 'denial'],
      ['CO-45', '1', '$20.00', 'contractual'],
    ]);
    await popup.close();
    await page.close();
  });
});

describe('quick lookup', () => {
  let popup: Page;
  beforeAll(async () => {
    popup = await popupFor(remit);
    await waitForState(popup, 'tally');
  });
  afterAll(() => popup?.close());

  const hits = () => popup.$$eval('#lookup-results .result', (r) => r.map((b) => b.getAttribute('data-code') ?? ''));
  /** Types the query key by key and waits until the results start with `first`. */
  async function search(query: string, first: string[]): Promise<string[]> {
    await popup.fill('#lookup-input', '');
    await popup.locator('#lookup-input').pressSequentially(query);
    await popup
      .waitForFunction(
        (want) => {
          const got = Array.from(document.querySelectorAll('#lookup-results .result'), (b) => b.getAttribute('data-code'));
          return want.every((code, i) => got[i] === code);
        },
        first,
        { timeout: 5000 },
      )
      .catch(async (error) => {
        throw new Error(`lookup "${query}": wanted ${first.join(', ')} first, saw ${(await hits()).slice(0, 5).join(', ')}`, {
          cause: error,
        });
      });
    return hits();
  }

  it('is focused when the popup opens', async () => {
    expect(await popup.evaluate(() => document.activeElement?.id)).toBe('lookup-input');
  });

  it('answers on every keystroke', async () => {
    await popup.fill('#lookup-input', '');
    for (const [typed, first] of [
      ['2', '2'],
      ['25', '25'],
      ['253', '253'],
    ] as const) {
      await popup.press('#lookup-input', typed.at(-1) ?? '');
      await popup.waitForFunction(
        ([q, code]) =>
          (document.querySelector('#lookup-input') as HTMLInputElement).value === q &&
          document.querySelector('#lookup-results .result')?.getAttribute('data-code') === code,
        [typed, first],
      );
    }
  });

  it('matches codes in any spelling', async () => {
    for (const [query, code] of [
      ['253', '253'],
      ['co253', 'CO-253'],
      ['CO-253', 'CO-253'],
      ['n130', 'N130'],
      ['ma 130', 'MA130'],
      ['pr 2', 'PR-2'],
    ] as const) {
      await search(query, [code]);
    }
  });

  it('matches words in our summaries', async () => {
    await search('timely filing', ['29', '286']);
    await popup.fill('#lookup-input', 'bundled');
    await popup.waitForFunction(() => document.querySelector('#lookup-results .result[data-code="97"]'));
    expect(await hits()).toEqual(expect.arrayContaining(['97', 'B15', '59']));
    await screenshot(popup, 'popup-lookup', { fullPage: true });
  });

  it('opens the card with Enter or a click, and goes back to the results', async () => {
    await search('co253', ['CO-253']);
    await popup.press('#lookup-input', 'Enter');
    await popup.waitForSelector('.sheet .card[data-code="CO-253"] .headline');
    await popup.click('.sheet .back');
    await popup.waitForSelector('#lookup-results .result');
    expect(await popup.inputValue('#lookup-input')).toBe('co253');
    await search('n130', ['N130']);
    await popup.click('#lookup-results .result[data-code="N130"]');
    await popup.waitForSelector('.sheet .card[data-code="N130"]');
    await popup.click('.sheet .back');
  });

  it('works on tabs without a content script, and with no tab at all', async () => {
    const version = await openPage(e2e.ext, 'chrome://version/');
    const blank = await openPage(e2e.ext, 'about:blank');
    for (const target of [version, blank, null]) {
      const p = await popupFor(target);
      await p.waitForFunction(() => document.activeElement?.id === 'lookup-input');
      await p.locator('#lookup-input').pressSequentially('CO-45');
      await p.waitForSelector('#lookup-results .result[data-code="CO-45"]');
      await p.press('#lookup-input', 'Enter');
      await p.waitForSelector('.sheet .card[data-code="CO-45"]');
      await p.close();
    }
    await version.close();
    await blank.close();
  });
});

describe('paste to decode', () => {
  it('tallies a pasted raw 835, and a row opens its card', async () => {
    const era = await readFile(`${projectRoot}/test/fixtures/835/synthetic-medicare-b-co253.835`, 'utf8');
    const popup = await popupFor(null);
    await waitForState(popup, 'cannot-scan-no-tab');
    await popup.click('.decode summary');
    await popup.evaluate((text) => navigator.clipboard.writeText(text), era);
    await popup.focus('#decode-input');
    await popup.keyboard.press('ControlOrMeta+V');
    await popup.waitForSelector('.decode-result tr.row');
    expect(await popup.textContent('[data-testid="decode-summary"]')).toBe('835 remittance: 28 codes.');
    expect(await rowsOf(popup, '.decode-result')).toEqual([
      ['CO-45', '5', '$943.79', 'contractual'],
      ['CO-253', '5', '$4.41', 'sequestration'],
      ['CO-16', '1', '$180.00', 'denial'],
      ['CO-59', '1', '$32.55', 'contractual'],
      ['CO-97', '1', '$95.00', 'contractual'],
      ['PR-2', '5', '$54.73', 'patient'],
      ['MA01', '4', '', 'remark'],
      ['MA18', '3', '', 'remark'],
      ['M15', '1', '', 'remark'],
      ['MA130', '1', '', 'remark'],
      ['N130', '1', '', 'remark'],
    ]);
    expect(await bucketsOf(popup, '.decode-result')).toEqual([
      ['patient', '$54.73', '5 lines'],
      // Lines, not adjustments: the 20610-LT line has both CO-45 and CO-59.
      ['contractual', '$1,071.34', '6 lines'],
      ['sequestration', '$4.41', '5 lines'],
      ['denial', '$180.00', '1 line'],
    ]);
    // 23.77 paid + 0.52 is 2.1%, not 2%: four of the five lines match, and the one that does not is named.
    expect(await popup.textContent('.decode-result [data-testid="seq-check"]')).toBe('4 of 5 lines match the 2% rate');
    expect(await popup.textContent('.decode-result [data-testid="seq-fails"]')).toBe('Claim 4, line 1: CO-253 $0.52, expected $0.49 (2%)');
    // The same model as a page's: claims, lines and balances, the payment checked against the claims.
    expect(await popup.textContent('.decode-result [data-testid="tally-summary"]')).toBe('4 claims · 7 lines · 18 adjustments');
    // Two transactions (ST/SE), each payment against its own claims.
    expect(
      await popup.$$eval('.decode-result [data-testid="balance"] [data-check]', (els) =>
        els.map((e) => `${e.getAttribute('data-check')} ${e.getAttribute('data-state') ?? ''}`.trim()),
      ),
    ).toEqual(['lines', 'claims', 'payment ok', 'payment ok']);
    // A pasted 835's claim and account numbers only when ticked.
    const csvOf = async () => {
      const [file] = await Promise.all([
        popup.waitForEvent('download'),
        popup.click('.decode-result .export button:has-text("Download CSV")'),
      ]);
      return readFile(await file.path(), 'utf8');
    };
    expect(await csvOf()).not.toContain('SYN0002');
    await popup.check('.decode-result [data-testid="with-ids"]');
    expect(await csvOf()).toContain(',SYN0002,0024100000102,');
    await popup.uncheck('.decode-result [data-testid="with-ids"]');
    await screenshot(popup, 'popup-decode-835', { fullPage: true });
    await popup.click('.decode-result tr.row[data-code="CO-253"] .code-btn');
    await popup.waitForSelector('.sheet .card[data-code="CO-253"] .headline');
    await popup.click('.sheet .back');

    await popup.click('.decode .actions button:has-text("Clear")');
    await popup.fill('#decode-input', 'CO-45 12.00, PR-2 5.00, N130, 253\nDOS 03/01/2024 paid 98.00 adj CO-97 $40.00');
    await popup.click('.decode .actions button:has-text("Decode")');
    await popup.waitForFunction(() => document.querySelector('[data-testid="decode-summary"]')?.textContent === 'Pasted codes: 5 codes.');
    // The summary shows at once; the tally follows when the codes' explanations arrive.
    await expect
      .poll(() => rowsOf(popup, '.decode-result'))
      .toEqual([
        ['CO-45', '1', '$12.00', 'contractual'],
        ['CO-97', '1', '$40.00', 'contractual'],
        ['PR-2', '1', '$5.00', 'patient'],
        // Typed without an amount: not $0.00.
        ['253', '1', 'amount not shown', 'sequestration'],
        ['N130', '1', '', 'remark'],
      ]);
    await popup.click('.decode-result tr.row[data-code="N130"] .code-btn');
    await popup.waitForSelector('.sheet .card[data-code="N130"]');
    await popup.close();
  });
});

describe('a long scan', () => {
  it('shows how far it is: a progress bar, the codes found so far, the tally filling in, then the whole page', async () => {
    // 30,000 rows (60,800 codes): several seconds of scanning.
    const page = await e2e.ext.context.newPage();
    await page.goto(uniqueUrl(e2e.server.url('hostile/long.html?rows=30000')), { waitUntil: 'commit' });
    await page.waitForFunction(() => document.documentElement?.getAttribute('data-remit-lens-state') === 'scanning', undefined, {
      polling: 20,
      timeout: 60_000,
    });
    const popup = await popupFor(page);
    await popup.waitForSelector('[data-testid="scan-progress"] progress');
    const count = () => popup.evaluate(() => document.querySelector('[data-testid="code-count"]')?.textContent ?? '');
    await popup.waitForFunction(() => {
      const text = document.querySelector('[data-testid="code-count"]')?.textContent ?? '';
      return /^\d+ codes found so far$/.test(text) && Number.parseInt(text, 10) > 0;
    });
    const early = Number.parseInt(await count(), 10);
    expect(await popup.locator('tr.row').count()).toBeGreaterThan(0);
    await screenshot(popup, 'popup-scan-in-progress');
    await popup.waitForFunction(
      () => document.querySelector('[data-testid="code-count"]')?.textContent === '60800 codes on this page',
      undefined,
      {
        timeout: 120_000,
      },
    );
    expect(early).toBeLessThan(60800);
    expect(await popup.$('[data-testid="scan-progress"]')).toBeNull();
    await popup.close();
    await page.close();
  });
});

describe('states', () => {
  it('says when the page has no codes', async () => {
    const page = await openPage(e2e.ext, uniqueUrl(e2e.server.url('popup/empty.html')));
    await page.waitForFunction(() => document.documentElement.getAttribute('data-remit-lens-state') === 'idle');
    const popup = await popupFor(page);
    await waitForState(popup, 'empty');
    expect(await popup.textContent('section.page .state')).toContain('No adjustment or remark codes found on this page.');
    await popup.close();
    await page.close();
  });

  it('says when a page cannot be read: browser pages and the PDF viewer, with what to do instead', async () => {
    const version = await openPage(e2e.ext, 'chrome://version/');
    const popup = await popupFor(version);
    await waitForState(popup, 'cannot-scan-browser-page');
    expect(await popup.textContent('section.page .state')).toContain('This is a browser page');
    await popup.close();
    await version.close();

    const pdf = await openPage(e2e.ext, uniqueUrl(e2e.server.url('popup/statement.pdf')));
    const pdfPopup = await popupFor(pdf);
    await waitForState(pdfPopup, 'cannot-scan-pdf');
    expect(await pdfPopup.textContent('section.page .state')).toContain('paste it below');
    expect(await pdfPopup.$eval('details.decode', (d) => (d as HTMLDetailsElement).open)).toBe(true);
    await screenshot(pdfPopup, 'popup-pdf', { fullPage: true });
    await pdfPopup.close();
    await pdf.close();
  });

  it('offers to annotate a site that is not switched on; the browser allows it after a toolbar click', async () => {
    const page = await openPage(e2e.ext, uniqueUrl(e2e.server.url('popup/remit.html', PORTAL)));
    const popup = await popupFor(page);
    await waitForState(popup, 'not-enabled');
    // Without access Chrome hides the tab's URL, so the popup cannot name the site.
    expect(await popup.textContent('section.page .state p')).toContain('not switched on for this site');
    await screenshot(popup, 'popup-not-enabled', { fullPage: true });
    // No toolbar click, no activeTab grant: Chrome refuses the injection, and the popup says what to do.
    await popup.click('[data-action="annotate-once"]');
    await popup.waitForSelector('.notice:has-text("Click the Remit Lens button in the toolbar")');
    expect(await page.$('remit-mark')).toBeNull();

    // The toolbar click itself grants activeTab and opens the real popup on the active tab.
    const real = await clickToolbarButton(page);
    expect(await real.waitFor(`document.querySelector('section.page[data-state="not-enabled"] strong')?.textContent`)).toBe(
      `http://${PORTAL}:${e2e.server.port}`,
    );
    await real.evaluate(`document.querySelector('[data-action="annotate-once"]').click()`);
    await waitForMarks(page, 15);
    expect(await real.waitFor(`document.querySelector('section.page[data-state="tally"] [data-testid="code-count"]')?.textContent`)).toBe(
      '15 codes on this page',
    );
    await mkdir(screenshotDir, { recursive: true });
    // Chrome grows the popup window to its content in steps: shoot once it is as wide as the content.
    expect(await real.waitFor('document.documentElement.clientWidth >= document.documentElement.scrollWidth')).toBe(true);
    await real.screenshot('popup-toolbar-tally');
    await real.close();
    // The grant holds for the tab: a popup opened for it now reads the annotated page too.
    const after = await popupFor(page);
    await waitForRows(after, REMIT_ROWS);
    await after.close();
    await popup.close();
    await page.close();
  });

  it('with the toolbar click, tells the PDF viewer and browser pages apart from a site not switched on', async () => {
    const state = `document.querySelector('section.page:not([data-state="checking"])')?.getAttribute('data-state')`;
    // A PDF on a site without access: the click's grant lets the probe see the viewer.
    const pdf = await openPage(e2e.ext, uniqueUrl(e2e.server.url('popup/statement.pdf', PORTAL)));
    let real = await clickToolbarButton(pdf);
    expect(await real.waitFor(state)).toBe('cannot-scan-pdf');
    await real.close();
    await pdf.close();

    const version = await openPage(e2e.ext, 'chrome://version/');
    real = await clickToolbarButton(version);
    expect(await real.waitFor(state)).toBe('cannot-scan-browser-page');
    await real.close();
    await version.close();

    // about:blank gets no activeTab grant and Chrome refuses it like any site without access, so the
    // popup offers to annotate; when that is refused after a toolbar click, it says the page is off limits.
    const blank = await openPage(e2e.ext, 'about:blank');
    real = await clickToolbarButton(blank);
    expect(await real.waitFor(state)).toBe('not-enabled');
    await real.evaluate(`document.querySelector('[data-action="annotate-once"]').click()`);
    expect(await real.waitFor(`document.querySelector('.notice')?.textContent`)).toBe(
      'The browser does not let extensions read this page. Use the lookup above, or paste the text below.',
    );
    await real.close();
    await blank.close();
  });
});

// ---------------------------------------------------------------------------------------------------
// Accessibility: axe-core (every rule, any impact) on the popup in each state it shows and on the
// options page, in the light and the dark colour scheme.

/** axe's violations in the light scheme, then in the dark one (the page is left light). */
async function axeBothSchemes(page: Page): Promise<{ light: AxeViolation[]; dark: AxeViolation[] }> {
  const found = { light: [] as AxeViolation[], dark: [] as AxeViolation[] };
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForFunction((s) => matchMedia(`(prefers-color-scheme: ${s})`).matches, scheme);
    found[scheme] = await axeViolations(page);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return found;
}
const CLEAN = { light: [], dark: [] };

/** Screenshots in both schemes: NAME.png (light) and NAME-dark.png. */
async function screenshotBothSchemes(page: Page, name: string): Promise<void> {
  await screenshot(page, name, { fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await screenshot(page, `${name}-dark`, { fullPage: true });
  await page.emulateMedia({ colorScheme: 'light' });
}

describe('accessibility of the popup and the options page (axe-core, light and dark)', () => {
  let popup: Page;
  beforeAll(async () => {
    popup = await popupFor(remit);
    await waitForState(popup, 'tally');
    await waitForRows(popup, REMIT_ROWS);
  });
  afterAll(() => popup?.close());

  it('the tally of a page, in biller words', async () => {
    expect(await axeBothSchemes(popup)).toEqual(CLEAN);
    await screenshotBothSchemes(popup, 'popup-biller');
  });

  it('the lookup with results, and with none', async () => {
    await popup.fill('#lookup-input', 'bundled');
    await popup.waitForSelector('#lookup-results .result[data-code="97"]');
    expect(await axeBothSchemes(popup)).toEqual(CLEAN);
    // Nothing found: the results list becomes a sentence.
    await popup.fill('#lookup-input', 'zz9');
    await popup.waitForSelector('p#lookup-results');
    expect(await axeBothSchemes(popup)).toEqual(CLEAN);
    await popup.fill('#lookup-input', '');
  });

  it('an open card sheet', async () => {
    await popup.click('section.page tr.row[data-code="CO-253"] .meaning-btn');
    await popup.waitForSelector('.sheet .card[data-code="CO-253"] .next');
    expect(await axeBothSchemes(popup)).toEqual(CLEAN);
    await popup.keyboard.press('Escape');
    await popup.waitForSelector('.sheet', { state: 'detached' });
  });

  it('patient mode: the tally and a card', async () => {
    await popup.click('.mode label:has-text("Patient")');
    await popup.waitForSelector('.mode label.on:has-text("Patient")');
    await popup.waitForFunction(() => document.querySelector('.main')?.textContent?.includes('You may owe'));
    expect(await axeBothSchemes(popup)).toEqual(CLEAN);
    await screenshotBothSchemes(popup, 'popup-patient');
    await popup.click('section.page tr.row[data-code="PR-2"] .meaning-btn');
    await popup.waitForSelector('.sheet .card[data-code="PR-2"][data-mode="patient"]');
    expect(await axeBothSchemes(popup)).toEqual(CLEAN);
    await popup.keyboard.press('Escape');
    await popup.waitForSelector('.sheet', { state: 'detached' });
    await popup.click('.mode label:has-text("Biller")');
    await popup.waitForSelector('.mode label.on:has-text("Biller")');
  });

  it('marks switched off on the page', async () => {
    await popup.click('.toggle input');
    await waitForState(popup, 'marks-off');
    expect(await axeBothSchemes(popup)).toEqual(CLEAN);
    await popup.click('.toggle input');
    await waitForState(popup, 'tally');
    await waitForRows(popup, REMIT_ROWS);
  });

  it('a page with no codes, a browser page, the PDF viewer and a site not switched on', async () => {
    const pages = [
      [uniqueUrl(e2e.server.url('popup/empty.html')), 'empty'],
      ['chrome://version/', 'cannot-scan-browser-page'],
      [uniqueUrl(e2e.server.url('popup/statement.pdf')), 'cannot-scan-pdf'],
      [uniqueUrl(e2e.server.url('popup/remit.html', PORTAL)), 'not-enabled'],
    ] as const;
    for (const [url, state] of pages) {
      const page = await openPage(e2e.ext, url);
      const p = await popupFor(page);
      await waitForState(p, state);
      expect({ state, ...(await axeBothSchemes(p)) }).toEqual({ state, ...CLEAN });
      await p.close();
      await page.close();
    }
  });

  it('no tab, and the paste box with a decoded 835', async () => {
    const p = await popupFor(null);
    await waitForState(p, 'cannot-scan-no-tab');
    expect(await axeBothSchemes(p)).toEqual(CLEAN);
    await p.click('.decode summary');
    await p.fill('#decode-input', await readFile(`${projectRoot}/test/fixtures/835/synthetic-medicare-b-co253.835`, 'utf8'));
    await p.click('.decode .actions button:has-text("Decode")');
    await p.waitForSelector('.decode-result tr.row[data-code="MA130"]');
    expect(await axeBothSchemes(p)).toEqual(CLEAN);
    await p.close();
  });

  it('the options page', async () => {
    const options = await e2e.ext.context.newPage();
    await options.goto(`chrome-extension://${e2e.ext.extensionId}/options.html`);
    await options.waitForSelector('input[name="mode"]:checked');
    expect(await axeBothSchemes(options)).toEqual(CLEAN);
    await screenshotBothSchemes(options, 'options');
    await options.close();
  });
});

interface RealPopup {
  /** Evaluates a JS expression in the popup (awaiting promises) and returns its value. */
  evaluate<T>(expression: string): Promise<T>;
  /** Re-evaluates `expression` on each frame until it is truthy (10 s at most) and returns it. */
  waitFor<T>(expression: string): Promise<T>;
  /** Saves what the popup window shows (at the size Chrome gave it) to test/e2e/screenshots/NAME.png. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * What a click on the toolbar button does: Chrome grants activeTab for the tab and opens the popup
 * (no ?tabId: it reads the active tab). CDP's Extensions.triggerAction runs that same path.
 * Playwright does not attach to action popups, so the popup is driven over raw CDP.
 */
async function clickToolbarButton(page: Page): Promise<RealPopup> {
  await page.bringToFront();
  const browser = e2e.ext.context.browser();
  if (!browser) throw new Error('clickToolbarButton: no browser');
  const cdp = await browser.newBrowserCDPSession();
  const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] });
  const tab = targetInfos.find((t) => t.url === page.url());
  if (!tab) throw new Error(`clickToolbarButton: no tab target for ${page.url()}`);
  const isPopup = (t: { url: string }) => t.url === `chrome-extension://${e2e.ext.extensionId}/popup.html`;
  const popups = async () => (await cdp.send('Target.getTargets')).targetInfos.filter(isPopup).map((t) => t.targetId);
  const before = new Set(await popups());
  // Sizing a popup tab's viewport shrinks the shared headless window; a narrow window squeezes the real popup.
  const { windowId } = await cdp.send('Browser.getWindowForTarget', { targetId: tab.targetId });
  await cdp.send('Browser.setWindowBounds', { windowId, bounds: { width: 1280, height: 900 } });
  await cdp.send('Extensions.triggerAction', { id: e2e.ext.extensionId, targetId: tab.targetId });
  // Target discovery does not announce action popups: poll the target list until it appears.
  let targetId: string | undefined;
  for (const until = Date.now() + 10_000; !targetId && Date.now() < until; ) {
    targetId = (await popups()).find((id) => !before.has(id));
    if (!targetId) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (!targetId) throw new Error('clickToolbarButton: the popup did not open');
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: false });
  type Reply = { id?: number; result?: { result?: { value?: unknown }; exceptionDetails?: unknown; data?: string } };
  const pending = new Map<number, (message: Reply) => void>();
  let nextId = 1;
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    if (e.sessionId !== sessionId) return;
    const message = JSON.parse(e.message) as Reply;
    if (message.id !== undefined) pending.get(message.id)?.(message);
  });
  const send = (method: string, params: object) =>
    new Promise<Reply>((resolve) => {
      const id = nextId++;
      pending.set(id, (message) => {
        pending.delete(id);
        resolve(message);
      });
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params }) });
    });
  const evaluate = async <T>(expression: string) => {
    const message = await send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
    if (message.result?.exceptionDetails) throw new Error(`${expression}: ${JSON.stringify(message.result.exceptionDetails)}`);
    return message.result?.result?.value as T;
  };
  return {
    evaluate,
    waitFor: <T>(expression: string) =>
      evaluate<T>(`new Promise((resolve, reject) => {
        const until = Date.now() + 10000;
        const tick = () => {
          const value = (() => ${expression})();
          if (value) resolve(value);
          else if (Date.now() > until) reject(new Error('timed out; the popup shows: ' + document.body.innerText.slice(0, 400)));
          else requestAnimationFrame(tick);
        };
        tick();
      })`),
    async screenshot(name: string) {
      const shot = await send('Page.captureScreenshot', { format: 'png' });
      const file = path.join(screenshotDir, `${name}.png`);
      await writeFile(file, Buffer.from(shot.result?.data ?? '', 'base64'));
      return file;
    },
    async close() {
      await cdp.send('Target.closeTarget', { targetId }).catch(() => undefined);
      await cdp.detach();
    },
  };
}

/** A one-page PDF that says "CO-253 2.00" (drawn text, which an extension cannot read in the viewer). */
function tinyPdf(): string {
  const stream = 'BT /F1 18 Tf 20 80 Td (CO-253 2.00) Tj ET';
  return [
    '%PDF-1.4',
    '1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj',
    '2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj',
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 144]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>endobj',
    `4 0 obj<</Length ${stream.length}>>stream\n${stream}\nendstream endobj`,
    '5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj',
    'trailer<</Root 1 0 R>>',
    '%%EOF',
  ].join('\n');
}
