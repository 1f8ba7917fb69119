// The code card in real Chromium: content per code (CO-253 with a right and a wrong 2%, CO-45 vs
// PR-45, a CARC with two RARCs, a deactivated code, an unknown code), biller vs patient mode
// (following settings live, Medicare.gov defaulting to patient), readable marks, one shadow-root
// host that page CSS cannot reach, placement near every edge, keyboard and screen-reader access,
// Copy, and axe-core (every violation, any impact, light and dark pages). Screenshots land in
// test/e2e/screenshots/ (CO-253, CO-50, PR-204 and MA130 in both modes: card-MODE-CODE[-dark].png).

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { shippedCatalog } from '../../lib/catalog/data';
import { explain } from '../../lib/catalog/explain';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings';
import { type AxeViolation, axe } from './axe';
import {
  openPage,
  openPopup,
  projectRoot,
  screenshot,
  screenshotDir,
  scrollThrough,
  settledReport,
  tabIdOf,
  tabReport,
  uniqueUrl,
  useExtension,
  waitForMarks,
} from './harness';

declare const chrome: { storage: { sync: { set(items: Record<string, unknown>): Promise<void> } } };

// www.medicare.gov is answered by page.route below; mapping it to 127.0.0.1 too means a missed
// route can never reach the real site.
const e2e = useExtension({ hostRules: ['www.medicare.gov'] });
let remit: Page;

/** Posting, appeal and claim-work words that must never reach a patient. */
const JARGON =
  /\b(post(ed|ing)?|appeal\w*|write[- ]?offs?|written off|contractual adjustment|resubmit\w*|remittance|X12|payer-specific)\b/i;
const MEDICARE_URL = 'https://www.medicare.gov/my/claims.html';

async function setSettings(change: Partial<Settings>): Promise<void> {
  const settings = { ...DEFAULT_SETTINGS, ...change };
  await e2e.ext.worker.evaluate((s) => chrome.storage.sync.set({ settings: s }), settings);
}

interface CardState {
  open: boolean;
  code: string | undefined;
  mode: string | undefined;
  status: string | undefined;
  text: string;
  rect: { left: number; top: number; right: number; bottom: number; width: number; height: number } | null;
  viewport: { width: number; height: number };
}

function cardState(page: Page): Promise<CardState> {
  return page.evaluate(() => {
    const host = document.querySelector('remit-lens-card') as HTMLElement | null;
    const article = host?.shadowRoot?.querySelector('article');
    const frame = host?.shadowRoot?.querySelector('.frame');
    const r = frame?.getBoundingClientRect();
    return {
      open: Boolean(host && !host.hidden),
      code: article?.getAttribute('data-code') ?? undefined,
      mode: article?.getAttribute('data-mode') ?? undefined,
      status: article?.getAttribute('data-status') ?? undefined,
      text: article?.textContent ?? '',
      rect: r ? { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height } : null,
      viewport: { width: document.documentElement.clientWidth, height: document.documentElement.clientHeight },
    };
  });
}

/** Waits until the card is open for `code` (in `mode`, when given) and returns its state. */
async function waitForCard(page: Page, code: string, mode?: 'biller' | 'patient'): Promise<CardState> {
  await page.waitForFunction(
    ([c, m]) => {
      const host = document.querySelector('remit-lens-card') as HTMLElement | null;
      const article = host?.shadowRoot?.querySelector('article');
      return Boolean(host && !host.hidden && article?.getAttribute('data-code') === c && (!m || article.getAttribute('data-mode') === m));
    },
    [code, mode] as const,
  );
  return cardState(page);
}

/** Focuses a mark (blurring whatever had focus, so a focus event always fires) and waits for its card. */
async function focusCard(page: Page, selector: string, code: string, mode?: 'biller' | 'patient'): Promise<CardState> {
  await page.bringToFront();
  // A pointer resting on another mark would open that one when the page re-renders under it.
  await page.mouse.move(0, 0);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.focus(selector);
  return waitForCard(page, code, mode);
}

/** Looks an unknown code up in the popup and waits for its card there. */
async function lookUp(popup: Page, code: string, mode: 'biller' | 'patient'): Promise<string> {
  await popup.waitForSelector(`fieldset.mode input[value="${mode}"]:checked`);
  await popup.fill('#lookup-input', code);
  // Unknown: the lookup finds nothing, and Enter checks the text anyway.
  await popup.waitForSelector('p#lookup-results');
  await popup.press('#lookup-input', 'Enter');
  const card = popup.locator(`article[data-code="${code}"][data-mode="${mode}"]`);
  await card.waitFor();
  return (await card.textContent()) ?? '';
}

async function waitForClosed(page: Page): Promise<void> {
  await page.waitForFunction(() => (document.querySelector('remit-lens-card') as HTMLElement | null)?.hidden !== false);
}

/** Hovers a mark and waits for its card. Moving the pointer away first makes every hover a fresh open. */
async function hoverCard(page: Page, selector: string, code: string, mode?: 'biller' | 'patient'): Promise<CardState> {
  // A background tab barely renders (and the waits poll on animation frames).
  await page.bringToFront();
  await page.keyboard.press('Escape');
  await page.mouse.move(0, 0);
  await page.hover(selector);
  return waitForCard(page, code, mode);
}

const inside = (s: CardState) =>
  s.rect !== null && s.rect.left >= 0 && s.rect.top >= 0 && s.rect.right <= s.viewport.width && s.rect.bottom <= s.viewport.height;

const catalog = shippedCatalog();
/** CO-253's words, from the data (data/wording/headlines.tsv, data/advice). */
const co253 = explain(catalog, { code: 'CO-253' });
const SEQUESTRATION_HEADLINE = co253.headline ?? '';

beforeAll(async () => {
  await e2e.ext.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: e2e.server.origin });
  remit = await openPage(e2e.ext, uniqueUrl(e2e.server.url('cards/remit.html')));
  await waitForMarks(remit, 16);
});

describe('card content (biller mode)', () => {
  it('CO-253 with the Paid column: the exact sequestration wording and a matching 2% check', async () => {
    const s = await hoverCard(remit, '#seq-ok remit-mark', 'CO-253', 'biller');
    expect(s.text).toContain(SEQUESTRATION_HEADLINE);
    expect(SEQUESTRATION_HEADLINE).toMatch(/^Medicare sequestration \(.*2%.*\) — not a denial\.$/);
    expect(s.text).toContain('(written “253”)');
    expect(s.text).toContain('Medicare sequestration');
    expect(s.text).toContain('Amount: $2.00');
    expect(s.text).toContain('2% check: ✓ Matches 2% for a 2024-03-01 service of the Medicare payment (expected 2.00).');
    // The step once, with its reason: write off, do not appeal, not billable to the patient.
    expect(s.text).toContain(`Next step: Write off as a contractual adjustment. ${co253.nextStep?.reason}`);
    expect(co253.nextStep?.reason).toMatch(/do not appeal, and it is not billable to the patient\.$/);
    expect(s.text.match(/do not appeal/gi)).toHaveLength(1);
    expect(await remit.locator('remit-lens-card .headline').textContent()).toBe(SEQUESTRATION_HEADLINE);
    await screenshot(remit, 'card-biller-co253');
  });

  it('CO-253 with a wrong amount: the 2% check says so', async () => {
    const s = await hoverCard(remit, '#seq-off remit-mark', 'CO-253', 'biller');
    expect(s.text).toContain('Amount: $3.50');
    // 2% of (98.00 paid + 3.50 cut) is 2.03.
    expect(s.text).toContain('2% check: ✗ Does not match 2% for a 2024-03-01 service: expected 2.03, off by 1.47.');
    expect(await remit.locator('remit-lens-card .seq').getAttribute('class')).toBe('seq off');
  });

  it('CO-253 in a raw 835: the SVC paid amount drives the 2% check', async () => {
    const marks = remit.locator('#x12 remit-mark[data-remit-code="CO-253"]');
    expect(await marks.count()).toBe(2);
    await remit.mouse.move(0, 0);
    await marks.nth(0).hover();
    let s = await waitForCard(remit, 'CO-253');
    expect(s.text).toContain('expected 2.05');
    expect(s.text).toContain('✓ Matches 2%');
    await remit.keyboard.press('Escape');
    await remit.mouse.move(0, 0);
    await marks.nth(1).hover();
    await remit.waitForFunction(() => document.querySelector('remit-lens-card')?.shadowRoot?.querySelector('.seq.off'));
    s = await cardState(remit);
    // 2% of (50.00 paid + 3.10 cut) is 1.06.
    expect(s.text).toContain('expected 1.06, off by 2.04');
  });

  it('CO-45 and PR-45: same reason, different group meaning and next step', async () => {
    const co = await hoverCard(remit, '#co45 remit-mark', 'CO-45', 'biller');
    expect(co.text).toContain('CO — Contractual obligation');
    expect(co.text).toContain('Next step: Write off as a contractual adjustment');
    expect(co.text).toContain('Contractual reduction');
    expect(co.text).toContain('Amount: $40.00');
    const pr = await hoverCard(remit, '#pr45 remit-mark', 'PR-45', 'biller');
    expect(pr.text).toContain('PR — Patient responsibility');
    expect(pr.text).toContain('Next step: Bill the patient');
    expect(pr.text).not.toContain('Write off');
  });

  it('a CARC and its two RARCs on the same line read together, both ways', async () => {
    const s = await hoverCard(remit, '#bundled remit-mark[data-remit-code="CO-97"]', 'CO-97');
    expect(s.text).toContain('Remarks on this line');
    for (const code of ['M15', 'N20']) {
      const item = remit.locator(`remit-lens-card .related li[data-code="${code}"]`);
      expect(await item.textContent()).toBe(`${code} ${explain(catalog, { code }).summary}`);
    }
    await screenshot(remit, 'card-biller-two-rarcs');
    // A remark's card lists the rest of its line: the adjustment and the other remark (never the next row's CO-D1).
    const back = await hoverCard(remit, '#bundled remit-mark[data-remit-code="N20"]', 'N20');
    expect(back.text).toContain('On this line');
    expect(await remit.locator('remit-lens-card .related li').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')))).toEqual([
      'CO-97',
      'M15',
    ]);
    // In a raw 835 the LQ remarks belong to the SVC line of the CAS.
    const x12 = remit.locator('#x12 remit-mark[data-remit-code="CO-16"]');
    await remit.mouse.move(0, 0);
    await x12.hover();
    await waitForCard(remit, 'CO-16');
    expect(await remit.locator('remit-lens-card .related li').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')))).toEqual([
      'MA130',
      'N130',
    ]);
  });

  it('flags a deactivated code by the date of service', async () => {
    const s = await hoverCard(remit, '#old remit-mark', 'CO-D1');
    expect(s.status).toBe('deactivated');
    expect(await remit.locator('remit-lens-card .flag').textContent()).toMatch(/^⚠ Deactivated since 2003-10-16\b/);
  });

  it('says plainly when a code is unknown (popup lookup: the page never marks unknown codes)', async () => {
    const popup = await openPopup(e2e.ext, await tabIdOf(e2e.ext, remit));
    const text = await lookUp(popup, 'CO-Z99', 'biller');
    expect(text).toContain('Not in the X12 lists — may be a payer-specific code');
    expect(text).toContain('Not in the X12 code lists.');
    expect(await popup.locator('article[data-code="CO-Z99"]').getAttribute('data-status')).toBe('unknown');
    await screenshot(popup, 'popup-unknown-biller');
    await popup.close();
  });
});

describe('patient mode', () => {
  it('follows the mode set in settings live, without reloading the page', async () => {
    await hoverCard(remit, '#seq-ok remit-mark', 'CO-253', 'biller');
    await setSettings({ mode: 'patient' });
    const s = await waitForCard(remit, 'CO-253', 'patient');
    expect(s.text).not.toContain(SEQUESTRATION_HEADLINE);
    // Do I owe this? Why? What can I do?
    expect(s.text).toContain("Do I owe this? You don't owe this amount.");
    expect(s.text).toContain(
      "Why? Medicare's payment to your provider was cut by a federal budget law (sequestration); it is not a denial.",
    );
    expect(s.text).toContain('What can I do? Nothing. If your provider sends you a bill for this amount, call their billing office');
    expect(s.text).toContain('This is the expected 2% cut ($2.00).');
    expect(s.text).not.toMatch(JARGON);
    expect(await remit.locator('#seq-ok remit-mark').getAttribute('aria-description')).toBe("CO-253: You don't owe this amount.");
    await screenshot(remit, 'card-patient-co253');
  });

  it('speaks plainly for every code on the page', async () => {
    const wrong = await hoverCard(remit, '#seq-off remit-mark', 'CO-253', 'patient');
    expect(wrong.text).toContain('This is not the 2% cut we expected ($2.03)');
    const co = await hoverCard(remit, '#co45 remit-mark', 'CO-45', 'patient');
    expect(co.text).toContain("You don't owe this amount");
    const pr = await hoverCard(remit, '#pr45 remit-mark', 'PR-45', 'patient');
    expect(pr.text).toContain('You may owe this amount: the plan counts it as your share');
    expect(pr.text).toContain('ask your provider for an itemized bill, or call your plan');
    const coins = await hoverCard(remit, '#coins remit-mark', 'PR-2', 'patient');
    expect(coins.text).toContain('This is your coinsurance');
    const bundled = await hoverCard(remit, '#bundled remit-mark[data-remit-code="CO-97"]', 'CO-97', 'patient');
    expect(bundled.text).toContain('M15');
    expect(bundled.text).toContain('N20');
    const old = await hoverCard(remit, '#old remit-mark', 'CO-D1', 'patient');
    expect(old.text).toContain('Deactivated since 2003-10-16');
    for (const s of [wrong, co, pr, coins, bundled, old]) {
      expect(s.text, s.code).not.toMatch(JARGON);
      expect(s.text, s.code).not.toContain('Next step');
    }
    await screenshot(remit, 'card-patient-deactivated');
  });

  it('says an unknown code plainly in the popup too', async () => {
    const popup = await openPopup(e2e.ext, await tabIdOf(e2e.ext, remit));
    const text = await lookUp(popup, 'CO-Z99', 'patient');
    expect(text).toContain('We don’t recognize this code');
    expect(text).not.toMatch(JARGON);
    await screenshot(popup, 'popup-unknown-patient');
    await popup.close();
  });

  it('the popup switch changes the open card on the page', async () => {
    await focusCard(remit, '#co45 remit-mark', 'CO-45', 'patient');
    const popup = await openPopup(e2e.ext, await tabIdOf(e2e.ext, remit));
    await popup.check('fieldset.mode input[value="biller"]');
    const s = await waitForCard(remit, 'CO-45', 'biller');
    expect(s.text).toContain('Next step: Write off as a contractual adjustment');
    await popup.close();
  });

  it('a member EOB reads in patient words in Automatic mode, on any site', async () => {
    await setSettings({ mode: 'auto' });
    const page = await openPage(e2e.ext, uniqueUrl(e2e.server.url('pages/eob-patient.html')));
    await waitForMarks(page, 1);
    const code = (await page.locator('remit-mark[data-remit-code]').first().getAttribute('data-remit-code')) ?? '';
    const s = await hoverCard(page, 'remit-mark[data-remit-code]', code, 'patient');
    expect(s.text).not.toMatch(JARGON);
    expect((await tabReport(e2e.ext, page)).mode).toBe('patient');
    await page.close();
  });

  it('Medicare.gov defaults to patient mode while the mode is auto; other sites to biller', async () => {
    await setSettings({ mode: 'auto' });
    const html = await readFile(path.join(projectRoot, 'test/fixtures/cards/medicare.html'), 'utf8');
    const page = await e2e.ext.context.newPage();
    // The content script only runs on https for Medicare.gov: answer that origin from the fixture.
    await page.route('https://www.medicare.gov/**', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: html }));
    await page.goto(MEDICARE_URL);
    await waitForMarks(page, 2);
    const s = await hoverCard(page, 'remit-mark[data-remit-code="CO-253"]', 'CO-253', 'patient');
    expect(s.text).not.toMatch(JARGON);
    await page.close();
    await hoverCard(remit, '#seq-ok remit-mark', 'CO-253', 'biller');
  });
});

describe('marks', () => {
  it('have one subtle look per category, consistent across the page', async () => {
    const marks = await remit.evaluate(() =>
      Array.from(document.querySelectorAll('remit-mark[data-remit-code]'), (m) => ({
        code: m.getAttribute('data-remit-code') ?? '',
        tone: m.getAttribute('data-remit-tone') ?? '',
        background: getComputedStyle(m).backgroundColor,
        underline: getComputedStyle(m).textDecorationColor,
      })),
    );
    const toneOf = (code: string) => marks.find((m) => m.code === code)?.tone;
    expect(toneOf('CO-253')).toBe('muted');
    expect(toneOf('CO-45')).toBe('muted');
    expect(toneOf('PR-45')).toBe('patient');
    expect(toneOf('PR-2')).toBe('patient');
    expect(toneOf('CO-16')).toBe('denial');
    expect(toneOf('N130')).toBe('info');
    const looks = new Map<string, Set<string>>();
    for (const m of marks) looks.set(m.tone, (looks.get(m.tone) ?? new Set()).add(`${m.background}|${m.underline}`));
    for (const [tone, set] of looks) expect(set.size, tone).toBe(1);
    const distinct = new Set([...looks.values()].map((s) => [...s][0]));
    expect(distinct.size).toBe(looks.size);
  });

  it('never change the layout: the page measures the same with marks off and on', async () => {
    const measure = () =>
      remit.evaluate(() =>
        Array.from(document.querySelectorAll('main, table, tr, td, pre, p'), (el) => {
          const r = el.getBoundingClientRect();
          return [r.x, r.y, r.width, r.height].map((n) => Math.round(n * 100) / 100).join(',');
        }),
      );
    const boxes = await remit.evaluate(() =>
      Array.from(document.querySelectorAll('remit-mark'), (m) => {
        const cs = getComputedStyle(m);
        const parent = getComputedStyle(m.parentElement as Element);
        return [
          cs.display,
          cs.padding,
          cs.margin,
          cs.borderWidth,
          cs.fontWeight === parent.fontWeight,
          cs.fontSize === parent.fontSize,
        ].join(' ');
      }),
    );
    expect(new Set(boxes)).toEqual(new Set(['inline 0px 0px 0px true true']));
    const on = await measure();
    const tabId = await tabIdOf(e2e.ext, remit);
    const setMarks = (flag: boolean) =>
      e2e.ext.worker.evaluate(
        ([id, value]) =>
          (
            globalThis as unknown as { chrome: { tabs: { sendMessage(id: number, m: unknown, o: unknown): Promise<unknown> } } }
          ).chrome.tabs.sendMessage(id, { type: 'page:marks', on: value }, { frameId: 0 }),
        [tabId, flag] as const,
      );
    await setMarks(false);
    await remit.waitForFunction(() => document.querySelectorAll('remit-mark').length === 0);
    expect(await measure()).toEqual(on);
    await setMarks(true);
    await waitForMarks(remit, 16);
    await focusCard(remit, '#co45 remit-mark', 'CO-45');
    expect(await measure()).toEqual(on);
    await remit.keyboard.press('Escape');
  });

  it('switch to underline-only live when the mark style setting changes, with no setting written on the page', async () => {
    const fill = (selector: string) => remit.locator(selector).evaluate((m) => getComputedStyle(m).backgroundColor);
    const coloured = await fill('#pr45 remit-mark');
    expect(coloured).not.toBe('rgba(0, 0, 0, 0)');
    await setSettings({ mode: 'auto', markStyle: 'underline' });
    await remit.waitForFunction(
      () => getComputedStyle(document.querySelector('#pr45 remit-mark') as Element).backgroundColor === 'rgba(0, 0, 0, 0)',
    );
    await setSettings({ mode: 'auto', categories: ['sequestration'] });
    // Patient share left uncoloured: its mark goes plain; sequestration keeps its colour.
    await remit.waitForFunction(
      () => getComputedStyle(document.querySelector('#seq-ok remit-mark') as Element).backgroundColor !== 'rgba(0, 0, 0, 0)',
    );
    expect(await fill('#pr45 remit-mark')).toBe('rgba(0, 0, 0, 0)');
    // What the user chose is in our stylesheet only: marks say what their code is, the page's <html> nothing.
    expect(await remit.locator('#pr45 remit-mark').getAttribute('data-remit-tone')).toBe('patient');
    expect(await remit.locator('#seq-ok remit-mark').getAttribute('data-remit-tone')).toBe('muted');
    expect(await remit.evaluate(() => [...document.documentElement.attributes].map((a) => a.name).filter((n) => n !== 'lang'))).toEqual([
      'data-remit-lens-state',
    ]);
    await setSettings({ mode: 'auto' });
    await remit.waitForFunction(
      (before) => getComputedStyle(document.querySelector('#pr45 remit-mark') as Element).backgroundColor === before,
      coloured,
    );
  });

  it('are readable on a dark page', async () => {
    const page = await openPage(e2e.ext, uniqueUrl(e2e.server.url('cards/dark.html')));
    await waitForMarks(page, 8);
    await hoverCard(page, 'remit-mark[data-remit-code="CO-16"]', 'CO-16');
    // A dark page gets a dark card.
    const card = page.locator('remit-lens-card article');
    expect(await card.getAttribute('data-scheme')).toBe('dark');
    expect(await card.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(31, 35, 40)');
    expect(await axeCard(page)).toEqual([]);
    const contrast = await cardContrast(page);
    expect(contrast.min, contrast.worst).toBeGreaterThanOrEqual(4.5);
    await screenshot(page, 'card-dark-page');
    await page.close();
  });
});

describe('one shared card UI', () => {
  it('page CSS cannot reach the card, and the card CSS does not leak into the page', async () => {
    const page = await openPage(e2e.ext, uniqueUrl(e2e.server.url('cards/hostile.html')));
    await waitForMarks(page, 2);
    await page.focus('remit-mark[data-remit-code="CO-45"]');
    const s = await waitForCard(page, 'CO-45');
    const styles = await page.evaluate(() => {
      const host = document.querySelector('remit-lens-card') as HTMLElement;
      const root = host.shadowRoot as ShadowRoot;
      const pick = (el: Element | null) => {
        const cs = getComputedStyle(el as Element);
        return {
          display: cs.display,
          position: cs.position,
          color: cs.color,
          background: cs.backgroundColor,
          fontSize: cs.fontSize,
          letterSpacing: cs.letterSpacing,
          textTransform: cs.textTransform,
          margin: cs.margin,
          opacity: cs.opacity,
        };
      };
      const frame = root.querySelector('.frame') as HTMLElement;
      const r = frame.getBoundingClientRect();
      const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return {
        host: pick(host),
        frame: pick(frame),
        card: pick(root.querySelector('.card')),
        summary: pick(root.querySelector('.summary')),
        copy: pick(root.querySelector('.copy')),
        onTop: top === host,
      };
    });
    expect(styles.host).toMatchObject({ display: 'block', position: 'fixed', opacity: '1' });
    expect(styles.frame).toMatchObject({ display: 'block', position: 'fixed' });
    expect(styles.card).toMatchObject({
      display: 'block',
      color: 'rgb(29, 29, 31)',
      background: 'rgb(255, 255, 255)',
      fontSize: '13px',
      letterSpacing: 'normal',
      textTransform: 'none',
    });
    expect(styles.summary).toMatchObject({ color: 'rgb(29, 29, 31)', fontSize: '13px', margin: '6px 0px' });
    expect(styles.copy.fontSize).toBe('12px');
    expect(styles.onTop).toBe(true);
    expect(inside(s)).toBe(true);
    await screenshot(page, 'card-hostile-page');
    await page.close();
    // The other way: remit.html has its own `.card`, which must keep the page's look.
    await hoverCard(remit, '#co45 remit-mark', 'CO-45');
    expect(
      await remit.locator('#page-card').evaluate((el) => {
        const cs = getComputedStyle(el);
        return [cs.borderLeftWidth, cs.borderLeftStyle, cs.fontSize, cs.backgroundColor].join(' ');
      }),
    ).toBe('2px dashed 11px rgba(0, 0, 0, 0)');
  });

  it('stays inside the viewport, next to its mark, near every edge', async () => {
    const page = await openPage(e2e.ext, uniqueUrl(e2e.server.url('cards/edges.html')));
    await waitForMarks(page, 8);
    const ids = ['tl', 'tc', 'tr', 'ml', 'mr', 'bl', 'bc', 'br'];
    for (const size of [
      { width: 900, height: 640 },
      { width: 420, height: 320 },
    ]) {
      await page.setViewportSize(size);
      for (const id of ids) {
        const mark = page.locator(`#${id} remit-mark`);
        const code = (await mark.getAttribute('data-remit-code')) ?? '';
        const s = await focusCard(page, `#${id} remit-mark`, code);
        expect(inside(s), `${id} at ${size.width}x${size.height}: ${JSON.stringify(s.rect)}`).toBe(true);
        if (size.width >= 900) {
          // Room on some side: the card sits next to the mark's line (here the line is the mark's
          // paragraph) without covering it.
          const m = await mark.evaluate((el) => (el.closest('p') ?? el).getBoundingClientRect().toJSON() as DOMRect);
          const r = s.rect as NonNullable<CardState['rect']>;
          const overlaps = r.left < m.right && r.right > m.left && r.top < m.bottom && r.bottom > m.top;
          expect(overlaps, id).toBe(false);
          const gap = Math.max(r.left - m.right, m.left - r.right, r.top - m.bottom, m.top - r.bottom);
          expect(gap, id).toBeLessThanOrEqual(8);
        }
      }
    }
    await screenshot(page, 'card-small-viewport-corner');
    await page.close();
  });

  it('still follows a window resize after marks were switched off and on', async () => {
    const page = await openPage(e2e.ext, uniqueUrl(e2e.server.url('cards/remit.html')));
    await waitForMarks(page, 16);
    const tabId = await tabIdOf(e2e.ext, page);
    const setMarks = (flag: boolean) =>
      e2e.ext.worker.evaluate(
        ([id, value]) =>
          (
            globalThis as unknown as { chrome: { tabs: { sendMessage(id: number, m: unknown, o: unknown): Promise<unknown> } } }
          ).chrome.tabs.sendMessage(id, { type: 'page:marks', on: value }, { frameId: 0 }),
        [tabId, flag] as const,
      );
    await setMarks(false);
    await page.waitForFunction(() => document.querySelectorAll('remit-mark').length === 0);
    await setMarks(true);
    await waitForMarks(page, 16);
    await focusCard(page, '#bundled remit-mark[data-remit-code="CO-97"]', 'CO-97');
    // The details fold under "More": open them so the card is tall enough to need shrinking.
    await page.evaluate(() => {
      const more = document.querySelector('remit-lens-card')?.shadowRoot?.querySelector('details.more');
      if (more instanceof HTMLDetailsElement) more.open = true;
    });
    const before = await cardState(page);
    expect(before.rect?.height ?? 0).toBeGreaterThan(260);
    // A window too short for the card: the open card shrinks to the new viewport (and scrolls inside).
    await page.setViewportSize({ width: 1280, height: 260 });
    await page.waitForFunction(() => {
      const r = document.querySelector('remit-lens-card')?.shadowRoot?.querySelector('.frame')?.getBoundingClientRect();
      return r !== undefined && r.height <= document.documentElement.clientHeight - 16;
    });
    await page.close();
  });

  it('is readable at 200% zoom', async () => {
    const page = await openPage(e2e.ext, uniqueUrl(e2e.server.url('cards/remit.html')));
    await waitForMarks(page, 16);
    // At 200% browser zoom a 1280×900 window lays pages out in 640×450 CSS pixels; the device
    // pixel ratio only sharpens the raster (and Playwright's screenshot resets a CDP DPR override).
    await page.setViewportSize({ width: 640, height: 450 });
    const s = await hoverCard(page, '#bundled remit-mark[data-remit-code="CO-97"]', 'CO-97');
    expect(s.viewport.width).toBeLessThanOrEqual(640);
    expect(inside(s)).toBe(true);
    // Nothing in the card is cut off sideways; long content scrolls inside the card.
    const fit = await page.evaluate(() => {
      const frame = document.querySelector('remit-lens-card')?.shadowRoot?.querySelector('.frame') as HTMLElement;
      return { scroll: frame.scrollWidth, client: frame.clientWidth, height: frame.getBoundingClientRect().height };
    });
    expect(fit.scroll).toBeLessThanOrEqual(fit.client);
    expect(fit.height).toBeLessThanOrEqual(450 - 16);
    // It keeps clear of its mark, and Copy stays in sight.
    const geometry = await page.evaluate(() => {
      const root = document.querySelector('remit-lens-card')?.shadowRoot as ShadowRoot;
      const box = (el: Element | null) => (el as Element).getBoundingClientRect().toJSON() as DOMRect;
      return {
        frame: box(root.querySelector('.frame')),
        copy: box(root.querySelector('.copy')),
        mark: box(document.querySelector('#bundled remit-mark[data-remit-code="CO-97"]')),
      };
    });
    const { frame, copy, mark } = geometry;
    expect(frame.left < mark.right && frame.right > mark.left && frame.top < mark.bottom && frame.bottom > mark.top).toBe(false);
    expect(copy.top >= frame.top && copy.bottom <= frame.bottom).toBe(true);
    await screenshot(page, 'card-zoom-200');
    await page.close();
  });

  it('opens by keyboard focus, Enter moves into it, Escape closes and focus returns, Tab leaves the marks, arrows walk them', async () => {
    await remit.bringToFront();
    await remit.keyboard.press('Escape');
    await remit.mouse.move(0, 0);
    await focusCard(remit, '#co45 remit-mark', 'CO-45');
    const mark = remit.locator('#co45 remit-mark');
    expect(await mark.getAttribute('aria-expanded')).toBe('true');
    expect(await mark.getAttribute('aria-haspopup')).toBe('dialog');
    expect(await mark.getAttribute('role')).toBe('button');
    expect(await mark.getAttribute('aria-description')).toMatch(/^CO-45: /);
    // The live region announces the card (after a short delay, so it is heard).
    await remit.waitForFunction(() =>
      document.querySelector('remit-lens-card')?.shadowRoot?.querySelector('[aria-live]')?.textContent?.startsWith('CO-45: '),
    );
    // What a screen reader gets: the mark describes itself, the card is a named dialog.
    let ax = await axNodes(remit);
    expect(ax.some((n) => n.role === 'button' && n.name === '45' && n.description?.startsWith('CO-45: '))).toBe(true);
    expect(ax.some((n) => n.role === 'dialog' && n.name === 'Remit Lens: CO-45' && !n.ignored)).toBe(true);
    await remit.keyboard.press('Enter');
    await remit.waitForFunction(
      () => document.querySelector('remit-lens-card')?.shadowRoot?.activeElement?.getAttribute('class') === 'copy',
    );
    await remit.keyboard.press('Escape');
    await waitForClosed(remit);
    // Closed: no dialog, but the live region stays in the tree, ready for the next card.
    ax = await axNodes(remit);
    expect(ax.some((n) => n.role === 'dialog')).toBe(false);
    expect(ax.some((n) => n.live === 'polite' && !n.ignored)).toBe(true);
    expect(await remit.evaluate(() => document.activeElement?.closest('tr')?.id)).toBe('co45');
    expect(await mark.getAttribute('aria-expanded')).toBe('false');
    // Returning focus does not reopen the card.
    expect((await cardState(remit)).open).toBe(false);
    // Enter on the mark opens the card again and moves into it; from there Tab leaves the card and
    // the marks (they are one tab stop), and Shift+Tab comes back to the mark last visited.
    await remit.keyboard.press('Enter');
    await waitForCard(remit, 'CO-45');
    await remit.waitForFunction(
      () => document.querySelector('remit-lens-card')?.shadowRoot?.activeElement?.getAttribute('class') === 'copy',
    );
    await remit.keyboard.press('Tab');
    await waitForClosed(remit);
    expect(await remit.evaluate(() => document.activeElement?.localName)).not.toBe('remit-mark');
    await remit.keyboard.press('Shift+Tab');
    await waitForCard(remit, 'CO-45');
    // The arrow keys go from mark to mark in page order, each opening its card.
    await remit.keyboard.press('ArrowDown');
    await waitForCard(remit, 'PR-45');
    expect(await remit.evaluate(() => document.activeElement?.closest('tr')?.id)).toBe('pr45');
    await remit.keyboard.press('ArrowUp');
    await waitForCard(remit, 'CO-45');
    await remit.keyboard.press('Escape');
    await waitForClosed(remit);
  });

  it('a 600-code page adds one tab stop; next, previous and next denial walk its codes and open their cards', async () => {
    const page = await openPage(e2e.ext, uniqueUrl(e2e.server.url('cards/many.html')));
    await waitForMarks(page, 1);
    expect((await settledReport(() => tabReport(e2e.ext, page))).mentions).toHaveLength(600);
    await page.bringToFront();
    await page.mouse.move(0, 0);
    const tabStops = () =>
      page.evaluate(() => Array.from(document.querySelectorAll<HTMLElement>('remit-mark')).filter((m) => m.tabIndex >= 0).length);
    expect(await tabStops()).toBe(1);
    // Focus starts in the page's own search field; the command (as the keyboard shortcut and the
    // popup send it) goes to the first code, then the next, then back.
    await page.evaluate(() => {
      const input = document.createElement('input');
      input.id = 'page-search';
      input.setAttribute('aria-label', 'Search');
      document.body.prepend(input);
      input.focus();
    });
    const tabId = await tabIdOf(e2e.ext, page);
    const step = (which: 'next' | 'previous' | 'next-denial') =>
      e2e.ext.worker.evaluate(
        ([id, s]) =>
          (
            globalThis as unknown as { chrome: { tabs: { sendMessage(id: number, m: unknown, o: unknown): Promise<unknown> } } }
          ).chrome.tabs.sendMessage(id, { type: 'page:step', step: s }, { frameId: 0 }),
        [tabId, which] as const,
      ) as Promise<{ found: boolean; index: number; total: number; code?: string }>;
    expect(await step('next')).toEqual({ found: true, index: 1, total: 600, code: 'CO-45' });
    await waitForCard(page, 'CO-45');
    expect(await step('next')).toMatchObject({ index: 2, code: 'N130' });
    await waitForCard(page, 'N130');
    expect(await step('previous')).toMatchObject({ index: 1, code: 'CO-45' });
    // The next denial: CO-16 on line 4 (PR-2 is the patient's share, CO-253 sequestration).
    expect(await step('next-denial')).toMatchObject({ found: true, index: 1, code: 'CO-16' });
    await waitForCard(page, 'CO-16');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-remit-code'))).toBe('CO-16');
    expect(await tabStops()).toBe(1);
    // Back to the first code (CO-16 is the 7th), and previous from there wraps to the last, far
    // below the viewport: its mark is placed first.
    for (let i = 0; i < 6; i++) await step('previous');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-remit-code'))).toBe('CO-45');
    expect(await step('previous')).toMatchObject({ found: true, index: 600 });
    await page.waitForFunction(() => {
      const r = document.activeElement?.getBoundingClientRect();
      return document.activeElement?.localName === 'remit-mark' && r !== undefined && r.top >= 0 && r.bottom <= innerHeight;
    });
    // Escape after the jumps gives focus back to the field the reader was in.
    await page.keyboard.press('Escape');
    await waitForClosed(page);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('page-search');
    await page.close();
  });

  it('copies the code and its meaning', async () => {
    await remit.bringToFront();
    await hoverCard(remit, '#seq-ok remit-mark', 'CO-253', 'biller');
    await remit.locator('remit-lens-card button.copy').click();
    await remit.waitForFunction(
      () => document.querySelector('remit-lens-card')?.shadowRoot?.querySelector('.copied')?.textContent === 'Copied',
    );
    const copied = await remit.evaluate(() => navigator.clipboard.readText());
    expect(copied.split('\n')[0]).toBe(`CO-253 (written “253”): ${SEQUESTRATION_HEADLINE}`);
    expect(copied).toContain('Amount: $2.00');
    expect(copied).toContain('2% check: Matches 2%');
  });

  it('hundreds of marks share exactly one card host', async () => {
    const page = await openPage(e2e.ext, uniqueUrl(e2e.server.url('cards/many.html')));
    await waitForMarks(page, 1);
    // Marks follow the reader: once the reader has gone through the page, all 600 are there.
    expect((await settledReport(() => tabReport(e2e.ext, page))).mentions).toHaveLength(600);
    await scrollThrough(page);
    const count = await page.evaluate(() => {
      const marks = Array.from(document.querySelectorAll<HTMLElement>('remit-mark[data-remit-code]'));
      for (const m of marks) m.focus();
      return marks.length;
    });
    expect(count).toBe(600);
    const marks = page.locator('remit-mark[data-remit-code]');
    for (const i of [0, 7, 150, 333, 598]) await marks.nth(i).hover();
    await waitForCard(page, (await marks.nth(598).getAttribute('data-remit-code')) ?? '');
    expect(
      await page.evaluate(() => ({
        hosts: document.querySelectorAll('remit-lens-card').length,
        shadowRoots: Array.from(document.querySelectorAll('*')).filter((el) => el.shadowRoot).length,
      })),
    ).toEqual({ hosts: 1, shadowRoots: 1 });
    await page.close();
  });

  it('axe-core finds no problem of any impact with an open card (shadow DOM included)', async () => {
    await remit.bringToFront();
    for (const selector of ['#bundled remit-mark[data-remit-code="CO-97"]', '#seq-off remit-mark', '#old remit-mark']) {
      const code = (await remit.locator(selector).getAttribute('data-remit-code')) ?? '';
      await hoverCard(remit, selector, code, 'biller');
      expect(await axeCard(remit)).toEqual([]);
      const contrast = await cardContrast(remit);
      expect(contrast.min, `${code} ${contrast.worst}`).toBeGreaterThanOrEqual(4.5);
    }
    await setSettings({ mode: 'patient' });
    await waitForCard(remit, 'CO-D1', 'patient');
    expect(await axeCard(remit)).toEqual([]);
    await setSettings({ mode: 'auto' });
  });

  it('CO-253, CO-50, PR-204 and MA130 in biller and patient words, on a light and a dark page: axe-clean, with screenshots', async () => {
    const light = await openPage(e2e.ext, uniqueUrl(e2e.server.url('cards/screens.html')));
    await waitForMarks(light, 4);
    const dark = await openPage(e2e.ext, uniqueUrl(e2e.server.url('cards/dark.html')));
    await waitForMarks(dark, 8);
    const codes = [
      ['#co253 remit-mark', 'CO-253'],
      ['#co50 remit-mark[data-remit-code="CO-50"]', 'CO-50'],
      ['#pr204 remit-mark', 'PR-204'],
      ['#co50 remit-mark[data-remit-code="MA130"]', 'MA130'],
    ] as const;
    for (const mode of ['biller', 'patient'] as const) {
      await setSettings({ mode });
      for (const [selector, code] of codes) {
        await hoverCard(light, selector, code, mode);
        expect({ code, mode, violations: await axeCard(light) }).toEqual({ code, mode, violations: [] });
        await screenshot(light, `card-${mode}-${code.toLowerCase()}`);
        if (mode === 'biller' && code === 'CO-253') {
          // For the README (docs/images/card-co253.png is a copy): the table and the card, no more.
          const clip = await light.evaluate(() => {
            const boxes = [document.querySelector('h1'), document.querySelector('#lines')].map((el) => el?.getBoundingClientRect());
            const frame = document.querySelector('remit-lens-card')?.shadowRoot?.querySelector('.frame')?.getBoundingClientRect();
            const all = [...boxes, frame].filter((r): r is DOMRect => r !== undefined);
            const right = Math.max(...all.map((r) => r.right)) + 16;
            const bottom = Math.max(...all.map((r) => r.bottom)) + 16;
            return { x: 0, y: 0, width: Math.ceil(right), height: Math.ceil(bottom) };
          });
          await light.screenshot({ path: path.join(screenshotDir, 'readme-card-co253.png'), clip });
        }
      }
      for (const code of ['CO-253', 'MA130']) {
        await hoverCard(dark, `remit-mark[data-remit-code="${code}"]`, code, mode);
        expect(await dark.locator('remit-lens-card article').getAttribute('data-scheme')).toBe('dark');
        expect({ code, mode, violations: await axeCard(dark) }).toEqual({ code, mode, violations: [] });
        await screenshot(dark, `card-${mode}-${code.toLowerCase()}-dark`);
      }
    }
    await setSettings({ mode: 'auto' });
    await light.close();
    await dark.close();
  });
});

/**
 * The lowest WCAG contrast of any text in the open card against the background it sits on
 * (axe reports card text as "incomplete": it cannot see through the fixed, shadowed layer).
 */
function cardContrast(page: Page): Promise<{ min: number; worst: string }> {
  return page.evaluate(() => {
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
    const lum = (c: string) => {
      const [r = 0, g = 0, b = 0] = rgb(c).map((v, i) => (i < 3 ? v / 255 : v));
      const lin = (v: number) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    };
    const opaque = (c: string) => c !== 'rgba(0, 0, 0, 0)' && !c.startsWith('rgba');
    const root = document.querySelector('remit-lens-card')?.shadowRoot as ShadowRoot;
    let min = 21;
    let worst = '';
    for (const el of Array.from(root.querySelectorAll<HTMLElement>('.card, .card *'))) {
      if (!Array.from(el.childNodes).some((n) => n.nodeType === 3 && n.textContent?.trim())) continue;
      let bg: Element | null = el;
      while (bg && !opaque(getComputedStyle(bg).backgroundColor)) bg = bg.parentElement;
      const back = bg ? getComputedStyle(bg).backgroundColor : 'rgb(255, 255, 255)';
      const fore = getComputedStyle(el).color;
      const [a, b] = [lum(fore), lum(back)].sort((x, y) => y - x) as [number, number];
      const ratio = (a + 0.05) / (b + 0.05);
      if (ratio < min) {
        min = ratio;
        worst = `${el.className || el.tagName}: ${fore} on ${back}`;
      }
    }
    return { min, worst };
  });
}

interface AxNode {
  ignored: boolean;
  role?: string;
  name?: string;
  description?: string;
  live?: string;
}

/** Chromium's accessibility tree for the page: what a screen reader is given. */
async function axNodes(page: Page): Promise<AxNode[]> {
  type Value = { value?: unknown } | undefined;
  interface Raw {
    ignored: boolean;
    role?: Value;
    name?: Value;
    description?: Value;
    properties?: { name: string; value: Value }[];
  }
  const cdp = await e2e.ext.context.newCDPSession(page);
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as unknown as { nodes: Raw[] };
  await cdp.detach();
  const text = (v: Value) => (v?.value === undefined ? undefined : String(v.value));
  return nodes.map((n) => ({
    ignored: n.ignored,
    role: text(n.role),
    name: text(n.name),
    description: text(n.description),
    live: text(n.properties?.find((p) => p.name === 'live')?.value),
  }));
}

/**
 * axe-core on the page with its card open: every violation, any impact. axe walks open shadow
 * roots; the count of nodes it checked in them proves it looked inside the card.
 */
async function axeCard(page: Page): Promise<AxeViolation[]> {
  const { violations, shadowNodes } = await axe(page);
  expect(shadowNodes).toBeGreaterThan(0);
  return violations;
}
