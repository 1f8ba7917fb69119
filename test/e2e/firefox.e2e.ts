// The Firefox build in a real Firefox (Debian's firefox-esr, driven over WebDriver BiDi, installed as a
// temporary add-on): the labelled corpus gives exactly its marks there too (closed shadow roots through
// Firefox's own openOrClosedShadowRoot, same-origin frames), with the text unchanged and the DOM restored
// exactly when marks go off; a single-page app's edits keep marks and tally exact; the CO-253 card opens
// by pointer and keyboard, also inside a closed root; the popup tallies the page and looks codes up; the
// options page speaks Firefox's words and its settings reach the open page live; hostile pages run nothing
// of their text, keep it unchanged and get their DOM back exactly, and page CSS cannot reach the card; and
// neither the tab nor our pages ask the network for anything but the fixture server; axe-core finds no
// violation on the popup's states, the options page or an open card, in light and dark. The Chromium files
// cover each part in more depth (and the privacy of the background, which this file does not see).
import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shippedCatalog } from '../../lib/catalog/data';
import { explain } from '../../lib/catalog/explain';
import type { PageReport } from '../../lib/messages';
import { REMIT_PAGES, readTruth } from '../remit-truth';
import { type AxeViolation, axe, axeViolations } from './axe';
import { corpusPages, expectedFor, expectedSpa, keyOf, markKeys, SPA_ACTIONS, SPA_PAGES, sortMarks } from './corpus';
import { expectLabelled, scriptedPages, settle } from './corpus-check';
import { add, beyond, describeScore, emptyScore, score } from './corpus-score';
import { type LaunchedFirefox, launchFirefox } from './firefox.mjs';
import {
  type Mark,
  marksOf,
  type StaticServer,
  scrollThrough,
  settledReport,
  snapshotOf,
  snapshotPage,
  startServer,
  treesExpression,
} from './harness';
import { bodyState, cardLook, HIDDEN_PAGE, markedRows, NO_MARKS_IN, overlayMarks, readProbe, viewMarked } from './hostile-page';
import { expectedTally, type PopupTally, pageMode, readTallyExpression } from './tally-view';

declare const browser: {
  tabs: {
    query(filter: { active?: boolean; lastFocusedWindow?: boolean }): Promise<{ id?: number }[]>;
    sendMessage(tabId: number, message: unknown, options?: { frameId?: number }): Promise<unknown>;
  };
};

// Frame documents (*-child.html) are loaded on their own too: Firefox runs a test's preload script in a
// frame only once the frame has loaded, too late to keep the frame's pristine DOM, so their text and
// restore are checked as top-level pages and their marks in the frame as well.
const pages = corpusPages({ frames: true });
/** CO-253's banner, from the data (data/wording/headlines.tsv). */
const SEQUESTRATION_HEADLINE = explain(shippedCatalog(), { code: 'CO-253' }).headline ?? '';

let firefox: LaunchedFirefox;
let server: StaticServer;
/** The tab fixture pages load in, and its tab id as the add-on knows it. */
let tab: Page;
let tabId: number;
/** An extension page of ours: it reaches the add-on's APIs (tabs.sendMessage), and later is the popup. */
let control: Page;
const errors: Error[] = [];
/** Dialogs the pages opened (a hostile page's text must never run): dismissed and kept here. */
const dialogs: string[] = [];
/** Every request the fixture tab and our pages made during the file (WebDriver BiDi network events). */
const requests: string[] = [];

const idle = "document.documentElement.getAttribute('data-remit-lens-state') === 'idle'";
const waitIdle = (frame: Page | Frame) => frame.waitForFunction(idle, { timeout: 15_000 });

beforeAll(async () => {
  server = await startServer();
  firefox = await launchFirefox();
  tab = await firefox.browser.newPage();
  // The Chromium tests' viewport, so the card has the same room beside a mark in both browsers.
  await tab.setViewport({ width: 1280, height: 900 });
  tab.on('pageerror', (e: unknown) => errors.push(e instanceof Error ? e : new Error(String(e))));
  tab.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  // The page as it was before the content script ran (it runs at document_idle, later), shadow roots included.
  await tab.evaluateOnNewDocument(
    `document.addEventListener('DOMContentLoaded', () => { window.__original = ${treesExpression(snapshotOf)}; }, { once: true });`,
  );
  control = await firefox.browser.newPage();
  for (const page of [tab, control]) page.on('request', (request) => requests.push(request.url()));
  await firefox.openExtensionPage(control, 'options.html');
  // No "tabs" permission: the add-on sees no URLs, so the fixture tab is found as the active one.
  await tab.bringToFront();
  const active = await control.evaluate(() => browser.tabs.query({ active: true, lastFocusedWindow: true }));
  expect(active).toHaveLength(1);
  tabId = active[0]?.id ?? -1;
});

afterAll(async () => {
  await firefox?.close();
  await server?.close();
});

async function load(url: string): Promise<void> {
  await tab.bringToFront();
  await tab.goto(url);
  for (const frame of tab.frames()) await waitIdle(frame);
}

const fileOf = (frame: Frame) => new URL(frame.url()).pathname.split('/').pop() ?? '';

async function setMarks(on: boolean): Promise<void> {
  await control.evaluate((id, value) => browser.tabs.sendMessage(id, { type: 'page:marks', on: value }), tabId, on);
  for (const frame of tab.frames()) {
    if (on) await waitIdle(frame);
    else await frame.waitForFunction(`!document.documentElement.hasAttribute('data-remit-lens-state')`);
  }
}

const totals = emptyScore();
afterAll(() => {
  if (totals.expected > 0) console.log(`detection corpus (Firefox): ${describeScore(totals)}`);
});

/** The tab's report as the popup gets it (top frame, frames included). */
const tabReport = () =>
  control.evaluate((id) => browser.tabs.sendMessage(id, { type: 'page:report' }, { frameId: 0 }), tabId) as Promise<PageReport>;

describe('detection corpus in Firefox', () => {
  // Frame documents are read inside the pages that frame them (their codes are in the tab's report).
  it.each(pages.filter((p) => !p.endsWith('-child.html')))('%s: exact report and marks, same text, exact restore', async (file) => {
    errors.length = 0;
    await load(server.url(`pages/${file}`));
    const script = scriptedPages.has(file);
    const pause = () => tab.evaluate(() => new Promise<void>((resolve) => setTimeout(resolve, 100)));
    if (script) {
      await settle(() => tab.frames(), pause);
      for (const frame of tab.frames()) await waitIdle(frame);
    }
    const frames = tab.frames();
    const names = frames.map((frame) => (frame === tab.mainFrame() ? file : fileOf(frame)));
    const expected = sortMarks(names.flatMap((name) => expectedFor(name)));
    const report = await settledReport(tabReport);
    const reported = sortMarks(report.mentions.map((m) => ({ code: m.code, amount: m.amount })));
    expectLabelled(file, expected, reported);
    add(totals, score(expected, reported));
    await scrollThrough(tab);
    // Marks placed as the reader came near are written in the page's next idle chunks: on a busy
    // machine that can be after the scroll's last frame, so wait for them (bounded).
    const want = reported.length - (report.collapsed ?? 0);
    let marks = sortMarks((await Promise.all(frames.map((frame) => marksOf(frame)))).flat());
    for (const started = Date.now(); marks.length < want && Date.now() - started < 5000; ) {
      await pause();
      marks = sortMarks((await Promise.all(frames.map((frame) => marksOf(frame)))).flat());
    }
    expect(beyond(marks, reported), `${file}: marks that are not in the report`).toEqual([]);
    expect(marks.length, `${file}: marks after scrolling through`).toBeGreaterThanOrEqual(reported.length - (report.collapsed ?? 0));
    if (!script) {
      const [now, original] = await Promise.all([snapshotPage(tab), tab.evaluate(() => window.__original)]);
      expect(original?.marks, 'captured before marking').toBe(0);
      expect(now.text, `${file}: textContent with marks`).toBe(original?.text);
      expect(now.rendered, `${file}: innerText with marks`).toBe(original?.rendered);
    }
    await setMarks(false);
    for (const frame of frames) expect(await marksOf(frame), `${fileOf(frame)}: no marks after off`).toEqual([]);
    if (!script) {
      const [now, original] = await Promise.all([snapshotPage(tab), tab.evaluate(() => window.__original)]);
      expect(now.html === original?.html, `${file}: DOM restored exactly`).toBe(true);
      expect(now.sheets, `${file}: shadow roots' style sheets`).toEqual(original?.sheets);
    }
    await setMarks(true);
    const again = await settledReport(tabReport);
    expectLabelled(file, expected, sortMarks(again.mentions.map((m) => ({ code: m.code, amount: m.amount }))));
    expect(errors).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------
// A single-page app edits its rows while marks are present.

const spaExpected = async (): Promise<Mark[]> => {
  const [state, notes] = await tab.evaluate(() => [window.spa.state(), window.spa.notes()] as const);
  return expectedSpa(state, notes);
};

describe('single-page apps in Firefox', () => {
  it.each(SPA_PAGES)(
    '%s: marks and the tally stay equal to the rows on screen while the app edits, removes, inserts and moves them',
    async (file) => {
      errors.length = 0;
      await load(server.url(`pages/${file}`));
      const initial = expectedFor(file);
      expect(await marksOf(tab)).toEqual(initial);
      add(totals, score(initial, initial));
      for (const action of SPA_ACTIONS) {
        await tab.click(`#${action}`);
        const expected = await spaExpected();
        const want = JSON.stringify(expected.map(keyOf).sort());
        await tab.waitForFunction(`JSON.stringify((${markKeys})()) === ${JSON.stringify(want)}`, { timeout: 5_000 }).catch(() => undefined);
        const found = await marksOf(tab);
        expect(found, `after "${action}"`).toEqual(expected);
        add(totals, score(expected, found));
        await tab.evaluate(() => window.spa.verify());
        const report = (await control.evaluate((id) => browser.tabs.sendMessage(id, { type: 'page:report' }), tabId)) as {
          mentions: { code: string; amount?: string }[];
        };
        expect(sortMarks(report.mentions.map((m) => ({ code: m.code, amount: m.amount }))), `tally after "${action}"`).toEqual(expected);
      }
      await setMarks(false);
      expect(await tab.evaluate(() => document.getElementById('rows')?.innerHTML === window.spa.freshHtml()), 'rows restored exactly').toBe(
        true,
      );
      await tab.evaluate(() => window.spa.verify());
      await setMarks(true);
      expect(await marksOf(tab)).toEqual(await spaExpected());
      expect(errors).toEqual([]);
    },
  );
});

// ---------------------------------------------------------------------------------------------------
// The card.

interface Card {
  code: string | null;
  text: string;
}

/** Waits until our card is open for `code`; returns what it says. */
async function waitForCard(code: string): Promise<Card> {
  await tab.waitForFunction(
    (c) => {
      const host = document.querySelector('remit-lens-card') as HTMLElement | null;
      return Boolean(host && !host.hidden && host.shadowRoot?.querySelector('article')?.getAttribute('data-code') === c);
    },
    { timeout: 10_000 },
    code,
  );
  return tab.evaluate(() => {
    const article = document.querySelector('remit-lens-card')?.shadowRoot?.querySelector('article');
    return { code: article?.getAttribute('data-code') ?? null, text: article?.textContent ?? '' };
  });
}

const cardClosed = () =>
  tab.waitForFunction(() => {
    const host = document.querySelector('remit-lens-card') as HTMLElement | null;
    return !host || host.hidden;
  });

describe('the card in Firefox', () => {
  it('reads CO-253 as sequestration on hover, and by keyboard with Escape and focus return', async () => {
    await load(server.url('cards/remit.html'));
    const mark = await tab.waitForSelector('remit-mark[data-remit-code="CO-253"]');
    await mark?.hover();
    const card = await waitForCard('CO-253');
    expect(card.text).toContain(SEQUESTRATION_HEADLINE);
    expect(card.text).not.toMatch(/\bdenied\b/i);

    await tab.mouse.move(0, 0);
    await cardClosed();
    await tab.focus('remit-mark[data-remit-code="CO-253"]');
    expect((await waitForCard('CO-253')).text).toContain(SEQUESTRATION_HEADLINE);
    await tab.keyboard.press('Escape');
    await cardClosed();
    expect(await tab.evaluate(() => document.activeElement?.getAttribute('data-remit-code'))).toBe('CO-253');
  });

  it('opens for a mark inside a closed shadow root', async () => {
    await load(server.url('pages/shadow.html'));
    // The page keeps its closed root for tests; page script cannot see in otherwise, the add-on can.
    const point = await tab.evaluate(() => {
      const mark = window.__closedRoots?.[0]?.querySelector('remit-mark[data-remit-code]');
      const r = mark?.getBoundingClientRect();
      return r && mark ? { x: r.left + r.width / 2, y: r.top + r.height / 2, code: mark.getAttribute('data-remit-code') ?? '' } : null;
    });
    expect(point).not.toBeNull();
    if (!point) return;
    await tab.mouse.move(point.x, point.y);
    expect((await waitForCard(point.code)).code).toBe(point.code);
  });
});

// ---------------------------------------------------------------------------------------------------
// The popup (opened as a tab: chrome-free headless Firefox shows no toolbar popup).

describe('the popup in Firefox', () => {
  beforeAll(async () => {
    await load(server.url('popup/remit.html'));
    await firefox.openExtensionPage(control, `popup.html?tabId=${tabId}`);
  });

  it('tallies the page by code, group and bucket', async () => {
    await control.waitForSelector('section.page[data-state="tally"] tr.row');
    const rows = await control.$$eval('section.page tr.row', (trs) =>
      trs.map((tr) => [tr.getAttribute('data-code'), tr.querySelector('.count')?.textContent, tr.querySelector('.amount')?.textContent]),
    );
    expect(rows).toEqual([
      ['CO-253', '3', '$4.50'],
      ['CO-45', '2', '$42.50'],
      ['CO-16', '1', '$45.00'],
      ['CO-50', '1', '$180.00'],
      ['PR-1', '1', '$75.00'],
      ['PR-2', '1', '$20.00'],
      ['PR-3', '1', '$25.00'],
      ['OA-23', '1', '$10.00'],
      ['M15', '1', ''],
      ['MA130', '1', ''],
      ['N130', '1', ''],
    ]);
    expect(await control.$eval('section.page [data-testid="seq-check"]', (el) => el.textContent)).toBe('2 of 3 lines match the 2% rate');
  });

  it('looks a code up and opens its card', async () => {
    await control.type('#lookup-input', 'co253');
    await control.waitForSelector('#lookup-results .result[data-code="CO-253"]');
    await control.keyboard.press('Enter');
    const headline = await control.waitForSelector('.sheet .card[data-code="CO-253"] .headline');
    expect(await headline?.evaluate((el) => el.textContent)).toBe(SEQUESTRATION_HEADLINE);
  });
});

// ---------------------------------------------------------------------------------------------------
// Pages read as remittances (issue 14): the popup's tally equals each page's hand-counted truth
// (test/fixtures/remit), failing lines carry their difference, SPR cards keep to their claim.

describe('remittance pages in Firefox', () => {
  /** The popup (our page in the control tab) for the fixture now in the tab, once its tally reads as `want`. */
  async function popupTally(want: PopupTally): Promise<PopupTally> {
    await firefox.openExtensionPage(control, `popup.html?tabId=${tabId}`);
    await control.waitForSelector('section.page[data-state="tally"] [data-testid="tally-summary"]');
    await control
      // Polled on a timer: the control tab is in the background, where frames are throttled.
      .waitForFunction(`JSON.stringify(${readTallyExpression}) === ${JSON.stringify(JSON.stringify(want))}`, {
        timeout: 10_000,
        polling: 100,
      })
      .catch(() => undefined);
    return (await control.evaluate(readTallyExpression)) as PopupTally;
  }

  it.each(REMIT_PAGES)('%s: the tally equals the hand-counted truth', async (name) => {
    await load(server.url(`remit/${name}.html`));
    const want = expectedTally(readTruth(name), pageMode(name));
    expect(await popupTally(want)).toEqual(want);
  });

  it('a line that does not balance: its marks carry -150, and the popup goes to it', async () => {
    await load(server.url('remit/failing-balance.html'));
    await tab.waitForFunction(() => document.querySelector('#line-2 remit-mark')?.getAttribute('data-remit-balance') === '-150');
    expect(
      await tab.evaluate(() => [
        ...new Set(Array.from(document.querySelectorAll('#line-1 remit-mark'), (m) => m.getAttribute('data-remit-balance'))),
      ]),
    ).toEqual(['ok']);
    await popupTally(expectedTally(readTruth('failing-balance')));
    await control.click('[data-testid="balance"] li.fail button.go-btn');
    await tab.waitForFunction(
      () =>
        document.querySelector('remit-mark[data-remit-flash]')?.closest('tr')?.previousElementSibling?.id === 'line-2' ||
        document.querySelector('remit-mark[data-remit-flash]')?.closest('tr')?.id === 'line-2',
    );
  });

  it('SPR: a claim of the list goes to that claim; a card lists its own line, then its own claim', async () => {
    await load(server.url('remit/spr.html'));
    await popupTally(expectedTally(readTruth('spr')));
    await control.click('[data-testid="claims"] li:nth-child(3) button.claim-btn');
    await control.waitForFunction(() => document.querySelector('section.page .hint')?.textContent === 'Claim 3: shown on the page.');
    // Claim 3's first code is the MA130 of its NAME line.
    await tab.waitForFunction(() => document.querySelector('remit-mark[data-remit-flash]')?.getAttribute('data-remit-code') === 'MA130');
    await tab.bringToFront();
    await tab.mouse.move(0, 0);
    const marks = await tab.$$('pre remit-mark[data-remit-code="CO-253"]');
    await marks[0]?.hover();
    await waitForCard('CO-253');
    const lists = await tab.evaluate(() => {
      const root = document.querySelector('remit-lens-card')?.shadowRoot;
      const codes = (sel: string) => Array.from(root?.querySelectorAll(sel) ?? [], (li) => li.getAttribute('data-code'));
      return {
        line: codes('.related:not(.on-claim) li'),
        claim: codes('.related.on-claim li'),
        summary: root?.querySelector('.claim-line')?.textContent,
      };
    });
    expect(lists).toEqual({
      line: ['CO-45', 'PR-2'],
      claim: ['MA01'],
      summary: 'This claim: billed $170.00 · paid $74.62 · patient responsibility $19.03 · balances',
    });
    await tab.mouse.move(0, 0);
    await cardClosed();
  });
});

// ---------------------------------------------------------------------------------------------------
// The options page: Firefox's own wording, and a setting that reaches the page live.

describe('the options page in Firefox', () => {
  beforeAll(async () => {
    await firefox.openExtensionPage(control, 'options.html');
    // It renders once the settings are read.
    await control.waitForSelector('input[name="mode"][value="auto"]:checked');
  });

  it('shows the shortcut where Firefox changes it, and the built-in sites', async () => {
    // The shortcut is what Firefox reports it assigned (commands.getAll), read after the first render.
    await control.waitForFunction(() => (document.body.textContent ?? '').includes('Alt+Shift+L'), { timeout: 10_000 });
    const text = await control.evaluate(() => document.body.textContent ?? '');
    expect(text).toContain('about:addons');
    expect(text).toMatch(/\(\d+ of \d+ on\)/);
  });

  it('switches the card to patient wording on the open page, live', async () => {
    await load(server.url('cards/remit.html'));
    await control.click('input[name="mode"][value="patient"]');
    const mark = await tab.waitForSelector('remit-mark[data-remit-code="CO-253"]');
    await tab.mouse.move(0, 0);
    await mark?.hover();
    await tab.waitForFunction(
      () => document.querySelector('remit-lens-card')?.shadowRoot?.querySelector('article')?.getAttribute('data-mode') === 'patient',
      { timeout: 10_000 },
    );
    await control.click('input[name="mode"][value="auto"]');
  });
});

// ---------------------------------------------------------------------------------------------------
// Accessibility: axe-core (every rule, any impact) on the popup's states, the options page and an open
// card on a light and a dark page, with Firefox told the user prefers light, then dark.

describe('accessibility in Firefox (axe-core, light and dark)', () => {
  const schemes = ['light', 'dark'] as const;
  const CLEAN = { light: [], dark: [] };
  afterAll(() => firefox?.setColorScheme('light'));

  /** axe's violations on `page` in the light scheme, then the dark one (Firefox is left light). */
  async function axeBothSchemes(page: Page): Promise<{ light: AxeViolation[]; dark: AxeViolation[] }> {
    const found = { light: [] as AxeViolation[], dark: [] as AxeViolation[] };
    for (const scheme of schemes) {
      await firefox.setColorScheme(scheme);
      await page.waitForFunction((s: string) => matchMedia(`(prefers-color-scheme: ${s})`).matches, { timeout: 5000 }, scheme);
      found[scheme] = await axeViolations(page);
    }
    await firefox.setColorScheme('light');
    return found;
  }

  it('the popup: a tally', async () => {
    await load(server.url('popup/remit.html'));
    await firefox.openExtensionPage(control, `popup.html?tabId=${tabId}`);
    // In front: puppeteer's waits poll on animation frames, which a background tab barely runs.
    await control.bringToFront();
    await control.waitForSelector('section.page[data-state="tally"] tr.row[data-code="MA130"]');
    expect(await axeBothSchemes(control)).toEqual(CLEAN);
  });

  it('the popup: the lookup with results', async () => {
    await control.type('#lookup-input', 'bundled');
    await control.waitForSelector('#lookup-results .result[data-code="97"]');
    expect(await axeBothSchemes(control)).toEqual(CLEAN);
    await control.keyboard.press('Escape');
  });

  it('the popup: a card sheet', async () => {
    await control.click('section.page tr.row[data-code="CO-253"] .meaning-btn');
    await control.waitForSelector('.sheet .card[data-code="CO-253"] .next');
    expect(await axeBothSchemes(control)).toEqual(CLEAN);
    await control.keyboard.press('Escape');
    await control.waitForFunction(() => !document.querySelector('.sheet'));
  });

  it('the popup: patient mode, and a card in it', async () => {
    await control.click('.mode label:nth-of-type(2)');
    await control.waitForFunction(() => document.querySelector('.main')?.textContent?.includes('You may owe'), { timeout: 10_000 });
    const tally = await axeBothSchemes(control);
    await control.click('section.page tr.row[data-code="PR-2"] .meaning-btn');
    await control.waitForSelector('.sheet .card[data-code="PR-2"][data-mode="patient"]');
    const card = await axeBothSchemes(control);
    await control.keyboard.press('Escape');
    await control.waitForFunction(() => !document.querySelector('.sheet'));
    expect({ tally, card }).toEqual({ tally: CLEAN, card: CLEAN });
  });

  it('the popup: a page with no codes', async () => {
    await load(server.url('popup/empty.html'));
    await firefox.openExtensionPage(control, `popup.html?tabId=${tabId}`);
    await control.bringToFront();
    await control.waitForSelector('section.page[data-state="empty"]');
    expect(await axeBothSchemes(control)).toEqual(CLEAN);
  });

  it('the options page', async () => {
    await firefox.openExtensionPage(control, 'options.html');
    await control.bringToFront();
    await control.waitForSelector('input[name="mode"]:checked');
    expect(await axeBothSchemes(control)).toEqual(CLEAN);
  });

  it('an open card on a light and a dark page, in biller and patient words', async () => {
    await firefox.openExtensionPage(control, 'options.html');
    await control.waitForSelector('input[name="mode"]:checked');
    const found: Record<string, unknown> = {};
    for (const mode of ['biller', 'patient'] as const) {
      await control.click(`input[name="mode"][value="${mode}"]`);
      for (const [file, code] of [
        ['cards/screens.html', 'CO-253'],
        ['cards/screens.html', 'PR-204'],
        ['cards/dark.html', 'MA130'],
      ] as const) {
        await load(server.url(file));
        await tab.mouse.move(0, 0);
        const mark = await tab.waitForSelector(`remit-mark[data-remit-code="${code}"]`);
        await mark?.hover();
        await tab.waitForFunction(
          (c: string, m: string) => {
            const article = document.querySelector('remit-lens-card')?.shadowRoot?.querySelector('article');
            return article?.getAttribute('data-code') === c && article.getAttribute('data-mode') === m;
          },
          { timeout: 10_000 },
          code,
          mode,
        );
        const { violations, shadowNodes } = await axe(tab);
        // axe looked inside the card's shadow root.
        expect(shadowNodes).toBeGreaterThan(0);
        found[`${mode} ${code} on ${file}`] = violations;
      }
    }
    await control.click('input[name="mode"][value="auto"]');
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((key) => [key, []])));
  });
});

// ---------------------------------------------------------------------------------------------------
// Hostile pages (test/fixtures/hostile, their probe.js keeps the page's own view): nothing of the page's
// text runs, marks stay out of fields, scripts and templates, text is unchanged, and off restores the DOM.

/** The page as probe.js saw it at DOMContentLoaded, and what it caught running. */
const hostileProbe = () => tab.evaluate(readProbe);

describe('hostile pages in Firefox', () => {
  it.each([
    ['markup.html', 8],
    ['numbers.html', 10],
    ['flood.html', 5000],
    // Firefox does not lay out text that deep (Gecko's reflow depth limit): the deepest line has no
    // box and the reader cannot see it, so it is not counted there; the 5,000 rows are.
    ['deep.html', 5000],
  ] as const)('%s: nothing runs, marks only shown text, text unchanged, exact restore', async (name, least) => {
    errors.length = 0;
    dialogs.length = 0;
    await load(server.url(`hostile/${name}`));
    // Every code is in the report; marks go near the viewport (all of flood.html's one text node).
    expect((await settledReport(tabReport)).mentions.length).toBeGreaterThanOrEqual(least);
    expect(await tab.evaluate(() => document.querySelectorAll('remit-mark').length)).toBeGreaterThan(0);
    expect(await tab.evaluate((selector) => document.querySelectorAll(selector).length, NO_MARKS_IN)).toBe(0);
    const { pwned, original } = await hostileProbe();
    expect(await tab.evaluate(() => document.body.textContent)).toBe(original.text);
    await setMarks(false);
    const after = await tab.evaluate(bodyState);
    expect(after.elements).toBe(original.elements);
    expect(after.active).toBe(original.active);
    expect(after.html === original.html, 'DOM restored exactly').toBe(true);
    expect([pwned, (await hostileProbe()).pwned, dialogs, errors]).toEqual([[], [], [], []]);
  });

  it('keeps the card intact against page CSS aimed at it', async () => {
    const cardOf = async (file: string) => {
      await load(server.url(`hostile/${file}`));
      await tab.mouse.move(0, 0);
      // The note sits below the fold; its mark comes when it nears the viewport.
      await tab.evaluate(() => document.querySelector('#note')?.scrollIntoView({ block: 'center' }));
      await (await tab.waitForSelector('#note remit-mark'))?.hover();
      await tab.waitForFunction(() => document.querySelector('remit-lens-card')?.shadowRoot?.textContent?.includes('sequestration'));
      return tab.evaluate(cardLook);
    };
    const expected = await cardOf('plain.html');
    const got = await cardOf('css.html');
    expect(got.onScreen).toBe(true);
    expect(got).toEqual(expected);
  });
});

describe('pages that fight back, in Firefox', () => {
  it('reads a 1 MB raw 835 in one <pre> whole, with overlay marks near the reader and none in its text', async () => {
    await load(server.url('hostile/big-pre.html?mb=1'));
    const claims = await tab.evaluate(() => (window as unknown as { eraClaims: number }).eraClaims);
    expect((await settledReport(tabReport, 30_000)).mentions.length).toBe(claims * 8 + 1);
    expect(await tab.evaluate(() => document.getElementById('era')?.childNodes.length)).toBe(1);
    await tab.waitForFunction(() => Array.from(document.documentElement.children).some((el) => el.shadowRoot?.querySelector('remit-mark')));
    const near = await tab.evaluate(overlayMarks);
    expect(near.length).toBeGreaterThan(20);
    expect(near.length).toBeLessThan(claims);
    const shown = near.find((m) => m.shown && m.top > 0 && m.bottom < 900) as (typeof near)[number];
    await tab.mouse.move(0, 0);
    await tab.mouse.move((shown.left + shown.right) / 2, (shown.top + shown.bottom) / 2);
    await tab.waitForFunction(
      (code: string) => document.querySelector('remit-lens-card')?.shadowRoot?.textContent?.includes(code),
      {},
      shown.code,
    );
    // Find it on the page: the last claim's OA-23, far down.
    expect(
      await control.evaluate((id) => browser.tabs.sendMessage(id, { type: 'page:reveal', code: 'OA-23' }, { frameId: 0 }), tabId),
    ).toEqual({
      found: true,
      index: 0,
      total: 1,
    });
    await tab.waitForFunction(() => scrollY > 10_000);
  });

  it('a long page: every code counted at once, marks only near the reader (in a scrolling panel too), more on a jump, the far end found', async () => {
    await load(server.url('hostile/long.html'));
    expect((await settledReport(tabReport, 30_000)).mentions.length).toBe(6800);
    let marked = await tab.evaluate(markedRows);
    expect(marked.page).toContain('r0');
    expect(marked.farthest).toBeLessThan(10);
    expect(marked.page).not.toContain('r1500');
    expect(marked.panel).toContain('p0');
    expect(marked.panel).not.toContain('p399');
    await tab.evaluate(() => document.getElementById('r1500')?.scrollIntoView({ block: 'center' }));
    await tab.waitForFunction(viewMarked, { polling: 50 });
    marked = await tab.evaluate(markedRows);
    expect(marked.page).toContain('r1500');
    expect(marked.page).not.toContain('r800');
    await tab.evaluate(() => {
      scrollTo(0, 0);
      const panel = document.getElementById('panel') as HTMLElement;
      panel.scrollTop = panel.scrollHeight;
    });
    await tab.waitForFunction(() => document.querySelectorAll('#p399 remit-mark').length === 2, { polling: 50 });
    expect(
      await control.evaluate((id) => browser.tabs.sendMessage(id, { type: 'page:reveal', code: 'OA-23' }, { frameId: 0 }), tabId),
    ).toEqual({ found: true, index: 0, total: 1 });
    await tab.waitForFunction(
      () => {
        const r = document.querySelector('#r2999 remit-mark[data-remit-code="OA-23"]')?.getBoundingClientRect();
        return r !== undefined && r.top >= 0 && r.bottom <= innerHeight;
      },
      { polling: 50 },
    );
  });

  it('follows a clock ticking in a paragraph of 3,000 codes without marking it again', async () => {
    await load(server.url('hostile/clock.html'));
    await scrollThrough(tab);
    const marked = await tab.evaluate(() => (window as unknown as { marksAdded: number }).marksAdded);
    const start = await tab.evaluate(() => (window as unknown as { stalls: { ticks: number } }).stalls.ticks);
    await tab.waitForFunction((from: number) => (window as unknown as { stalls: { ticks: number } }).stalls.ticks > from + 200, {}, start);
    expect(await tab.evaluate(() => (window as unknown as { marksAdded: number }).marksAdded)).toBe(marked);
    expect((await tabReport()).mentions.length).toBe(3000);
  });

  it('lets a page strip or unwrap marks: no loop, no doubled text', async () => {
    await load(server.url('hostile/strip.html'));
    const original = 'Claim 1: CO-45 $12.00 and PR-2 $20.00; remark N130.';
    await tab.waitForFunction(() => (window as unknown as { sanitized: number }).sanitized >= 5);
    // A loop shows only over time: the block backs off instead of marking again at once.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await tab.evaluate(() => (window as unknown as { sanitized: number }).sanitized)).toBeLessThanOrEqual(8);
    expect(await tab.evaluate(() => document.getElementById('unwrap')?.textContent)).toBe(original);
    await setMarks(false);
    expect(await tab.evaluate(() => document.getElementById('unwrap')?.textContent)).toBe(original);
    await setMarks(true);
  });

  it('counts what a reader can see or open, once, and marks folded codes when they open', async () => {
    await load(server.url('hostile/hidden.html'));
    const report = await settledReport(tabReport);
    expect(report.mentions.map((m) => m.code).sort()).toEqual([...HIDDEN_PAGE.shown, ...HIDDEN_PAGE.collapsed].sort());
    expect(report.collapsed).toBe(HIDDEN_PAGE.collapsed.length);
    await (await tab.$('#details summary'))?.click();
    await tab.waitForSelector('#details remit-mark[data-remit-code="CO-97"]');
    await (await tab.$('#acc-btn'))?.click();
    await tab.waitForSelector('#acc remit-mark[data-remit-code="N290"]');
    for (const code of HIDDEN_PAGE.never) expect(await tab.$$(`remit-mark[data-remit-code="${code}"]`)).toHaveLength(0);
  });

  it('reads a cell under 5,000 nested spans and comes back to idle', async () => {
    await load(server.url('hostile/nested.html?depth=5000'));
    expect(sortMarks((await settledReport(tabReport)).mentions.map((m) => ({ code: m.code, amount: m.amount })))).toEqual(
      sortMarks([
        { code: 'CO-45', amount: '12.00' },
        { code: 'PR-2', amount: '20.00' },
        { code: 'N130', amount: undefined },
      ]),
    );
  });

  it('keeps working when the page defined the card element first, and ignores made-up events', async () => {
    await load(server.url('hostile/predefined.html'));
    await tab.mouse.move(0, 0);
    await (await tab.waitForSelector('#note remit-mark'))?.hover();
    await tab.waitForFunction(() =>
      Array.from(document.documentElement.children).some((el) => el.shadowRoot?.textContent?.includes('sequestration')),
    );
    await load(server.url('hostile/synthetic.html'));
    await tab.waitForSelector('remit-mark');
    await tab.evaluate(() => new Promise((resolve) => setTimeout(resolve, 200)));
    expect(
      await tab.evaluate(
        () => !document.querySelector('remit-lens-card') || (document.querySelector('remit-lens-card') as HTMLElement).hidden,
      ),
    ).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------
// Privacy: what the tab (page + content script) and our pages asked of the network during the whole file.

describe('privacy in Firefox', () => {
  it('asks nothing of any host but the fixture server, all file long', () => {
    const own = (url: string) =>
      url.startsWith(`${server.origin}/`) || url.startsWith('moz-extension://') || /^(data|blob|about):/.test(url);
    expect(
      requests.some((url) => url.startsWith(`${server.origin}/pages/`)),
      'requests were recorded',
    ).toBe(true);
    expect(requests.filter((url) => !own(url))).toEqual([]);
  });
});
