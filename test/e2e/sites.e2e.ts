// Where Remit Lens runs, in real Chromium: a site outside the built-in list is left alone until the
// user asks ("Annotate this page" after a toolbar click), "Always annotate this site" registers the
// content script when the browser grants the origin, and a built-in site can be switched off and on.
//
// What a person would click and a headless browser cannot: the permission prompt. Granting is done
// through chrome://extensions' own API (site access "on specific sites" + add the host), which is the
// browser's real grant path and fires the real permissions.onAdded the background listens to.

import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { marksOf, openPage, openPopup, projectRoot, tabIdOf, uniqueUrl, useExtension, waitForMarks } from './harness';

/** Not a built-in host and without any access: the extension must leave it alone. */
const OUTSIDE = 'clinic-portal.test';
/** The one host the e2e build may be granted at run time (see wxt.config.ts). */
const ALWAYS = 'always-annotate.test';
const PORTAL_MARKS = [
  { code: 'CO-253', amount: '2.36' },
  { code: 'CO-45', amount: '40.00' },
  { code: 'N130', amount: undefined },
  { code: 'PR-2', amount: '20.00' },
];

/** The chrome.* calls evaluated in the extension's worker and in chrome://extensions. */
interface Report {
  marksOn?: boolean;
  mentions?: unknown[];
  unscanned?: string;
  error?: string;
}
declare const chrome: {
  tabs: { sendMessage(tabId: number, message: unknown, options: { frameId: number }): Promise<Report> };
  scripting: { getRegisteredContentScripts(): Promise<{ id: string; matches?: string[]; js?: string[] }[]> };
  storage: { sync: { get(key: string): Promise<Record<string, { extraOrigins?: string[]; disabledBuiltins?: string[] } | undefined>> } };
  permissions: { getAll(): Promise<{ origins?: string[] }> };
  developerPrivate: {
    updateExtensionConfiguration(update: { extensionId: string; hostAccess?: string; fileAccess?: boolean }): Promise<void>;
    addHostPermission(extensionId: string, host: string): Promise<void>;
    updateProfileConfiguration(update: { inDeveloperMode: boolean }): Promise<void>;
  };
};

const e2e = useExtension({ hostRules: [OUTSIDE, ALWAYS] });
let extensionsPage: Page;

beforeAll(async () => {
  extensionsPage = await e2e.ext.context.newPage();
  await extensionsPage.goto(`chrome://extensions/?id=${e2e.ext.extensionId}`);
});

/** The content script's answer for a tab, or the browser's error when no content script runs there. */
function reportOf(tabId: number): Promise<Report> {
  return e2e.ext.worker.evaluate(
    (id) => chrome.tabs.sendMessage(id, { type: 'page:report' }, { frameId: 0 }).catch((e: Error) => ({ error: e.message })),
    tabId,
  );
}

function storedSettings() {
  return e2e.ext.worker.evaluate(async () => (await chrome.storage.sync.get('settings')).settings ?? {});
}

function registeredScripts() {
  return e2e.ext.worker.evaluate(() => chrome.scripting.getRegisteredContentScripts());
}

/** Polls the worker until `check` holds (no fixed sleeps). */
async function until<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string, timeout = 10_000): Promise<T> {
  const end = Date.now() + timeout;
  let last: T = await read();
  while (!check(last)) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 50));
    last = await read();
  }
  return last;
}

async function openOptions(): Promise<Page> {
  const options = await e2e.ext.context.newPage();
  await options.goto(`chrome-extension://${e2e.ext.extensionId}/options.html`);
  await options.waitForSelector('table.sites');
  return options;
}

/**
 * A toolbar-button click (CDP Extensions.triggerAction runs the browser's own click path): Chrome grants
 * activeTab for the tab. Headless Chromium here opens no popup window for it, so the test opens the popup
 * page for the tab itself; the grant is what "Annotate this page" needs.
 */
async function clickToolbarButton(page: Page): Promise<void> {
  await page.bringToFront();
  const browser = e2e.ext.context.browser();
  if (!browser) throw new Error('clickToolbarButton: no browser');
  const cdp = await browser.newBrowserCDPSession();
  try {
    const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] });
    const tab = targetInfos.find((t) => t.url === page.url());
    if (!tab) throw new Error(`clickToolbarButton: no tab target for ${page.url()}`);
    await cdp.send('Extensions.triggerAction', { id: e2e.ext.extensionId, targetId: tab.targetId });
  } finally {
    await cdp.detach();
  }
}

describe('a site outside the built-in list', () => {
  it('is left alone until the user asks, then "Annotate this page" marks it once', async () => {
    const page = await openPage(e2e.ext, uniqueUrl(e2e.server.url('sites/portal.html', OUTSIDE)));
    const tabId = await tabIdOf(e2e.ext, page);
    expect((await reportOf(tabId)).error).toMatch(/Receiving end does not exist/);
    expect(await page.evaluate(() => document.documentElement.hasAttribute('data-remit-lens-state'))).toBe(false);

    await clickToolbarButton(page);
    const popup = await openPopup(e2e.ext, tabId);
    await popup.waitForSelector(`section.page[data-state="not-enabled"] strong:has-text("${OUTSIDE}")`);
    await popup.click('[data-action="annotate-once"]');
    await waitForMarks(page, PORTAL_MARKS.length);
    expect(await marksOf(page)).toEqual(PORTAL_MARKS);
    await popup.waitForSelector('[data-testid="code-count"]:has-text("4 codes")');
    await popup.close();

    // Once only: the same site in a new tab is left alone again, and nothing was registered for it.
    const again = await openPage(e2e.ext, uniqueUrl(e2e.server.url('sites/portal.html', OUTSIDE)));
    expect((await reportOf(await tabIdOf(e2e.ext, again))).error).toMatch(/Receiving end does not exist/);
    expect((await registeredScripts()).map((s) => s.id)).toEqual([]);
    await again.close();
    await page.close();
  });
});

describe('"Always annotate this site"', () => {
  it('registers the content script when the browser grants the origin, and the options page removes it', async () => {
    const id = e2e.ext.extensionId;
    // The browser's grant path: withhold all site access, then allow this one host (fires permissions.onAdded).
    await extensionsPage.evaluate(
      async ({ id, host }) => {
        await chrome.developerPrivate.updateExtensionConfiguration({ extensionId: id, hostAccess: 'ON_SPECIFIC_SITES' });
        await chrome.developerPrivate.addHostPermission(id, host);
      },
      { id, host: `http://${ALWAYS}/*` },
    );
    const origin = `http://${ALWAYS}`;
    const scriptId = `remit-lens-site:${origin}`;
    const scripts = await until(registeredScripts, (s) => s.some((x) => x.id === scriptId), 'the registered content script');
    expect(scripts).toEqual([expect.objectContaining({ id: scriptId, matches: [`${origin}/*`], js: ['content-scripts/content.js'] })]);
    expect((await storedSettings()).extraOrigins).toEqual([origin]);

    // From now on every page of the site is marked without a click.
    const page = await openPage(e2e.ext, uniqueUrl(e2e.server.url('sites/portal.html', ALWAYS)));
    await waitForMarks(page, PORTAL_MARKS.length);
    expect(await marksOf(page)).toEqual(PORTAL_MARKS);

    // The options page lists it; Remove forgets it and drops the registration.
    const options = await openOptions();
    const row = await options.waitForSelector(`[data-testid="added-sites"] li[data-origin="${origin}"]`);
    expect(await row.textContent()).not.toContain('not allowed');
    await options.click(`button[aria-label="Remove ${origin}"]`);
    await options.waitForSelector('[data-testid="no-added-sites"]');
    await until(registeredScripts, (s) => s.length === 0, 'the registration to be dropped');
    expect((await storedSettings()).extraOrigins).toEqual([]);
    await page.reload();
    expect((await reportOf(await tabIdOf(e2e.ext, page))).error).toMatch(/Receiving end does not exist/);
    expect(await page.$('remit-mark')).toBeNull();

    await options.close();
    await page.close();
    // Give the built-in (and localhost) access back for the tests below.
    await extensionsPage.evaluate(
      (extensionId) => chrome.developerPrivate.updateExtensionConfiguration({ extensionId, hostAccess: 'ON_ALL_SITES' }),
      id,
    );
    await until(
      () => e2e.ext.worker.evaluate(() => chrome.permissions.getAll()),
      (p) => (p.origins ?? []).includes('http://127.0.0.1/*'),
      'site access to come back',
    );
  });
});

describe('switching a built-in site off', () => {
  // 127.0.0.1 stands in for a built-in host: the e2e build runs the content script there and lists it.
  const SWITCH = '#site-127\\.0\\.0\\.1';

  it('takes the marks off open pages at once, keeps the site off, and on again', async () => {
    const page = await openPage(e2e.ext, uniqueUrl(e2e.server.url('sites/portal.html')));
    await waitForMarks(page, PORTAL_MARKS.length);
    const options = await openOptions();
    expect(await options.isChecked(SWITCH)).toBe(true);

    await options.click(SWITCH);
    expect(await options.isChecked(SWITCH)).toBe(false);
    await until(storedSettings, (s) => s.disabledBuiltins?.join() === '127.0.0.1', 'the site to be saved as off');
    // The open page drops its marks and gets its own DOM back exactly.
    await page.waitForFunction(() => document.querySelectorAll('remit-mark').length === 0);
    expect(await page.evaluate(() => document.body.innerHTML === (window as Window & { original?: string }).original)).toBe(true);

    // Reloaded, the content script answers the popup but marks nothing.
    await page.reload();
    const tabId = await tabIdOf(e2e.ext, page);
    const off = await until(
      () => reportOf(tabId),
      (r) => r.error === undefined,
      'the content script to answer',
    );
    expect(off).toMatchObject({ marksOn: false, mentions: [], unscanned: 'site-off' });
    expect(await page.$('remit-mark')).toBeNull();
    const popup = await openPopup(e2e.ext, tabId);
    await popup.waitForSelector('section.page[data-state="site-off"]');
    await popup.close();

    await options.click(SWITCH);
    await until(storedSettings, (s) => s.disabledBuiltins?.length === 0, 'the site to be saved as on');
    await page.reload();
    await waitForMarks(page, PORTAL_MARKS.length);
    await options.close();
    await page.close();
  });
});

describe('a saved ERA page opened from disk (file://)', () => {
  const savedPage = () => uniqueUrl(pathToFileURL(path.join(projectRoot, 'test/fixtures/sites/portal.html')).href);

  it('is annotated on request when the browser allows file access', async () => {
    const page = await openPage(e2e.ext, savedPage());
    const tabId = await tabIdOf(e2e.ext, page);
    expect((await reportOf(tabId)).error).toMatch(/Receiving end does not exist/);
    await clickToolbarButton(page);
    const popup = await openPopup(e2e.ext, tabId);
    await popup.waitForSelector('section.page[data-state="not-enabled"]:has-text("this file")');
    await popup.click('[data-action="annotate-once"]');
    await waitForMarks(page, PORTAL_MARKS.length);
    expect(await marksOf(page)).toEqual(PORTAL_MARKS);
    await popup.close();
    await page.close();
  });

  it('shows on the options page the keyboard shortcut the browser gave the popup', async () => {
    const options = await openOptions();
    const shortcut = await options.waitForSelector('[data-testid="shortcut"]');
    expect(await shortcut.textContent()).toBe(
      'Keyboard: Alt+Shift+L opens Remit Lens with the code lookup ready. Change it in chrome://extensions/shortcuts.',
    );
    await options.close();
  });

  it('explains on the options page how to allow file access where the browser does not', async () => {
    // Turning file access off reloads the extension (an unpacked one comes back only in developer mode):
    // ask its pages, not the old worker.
    await extensionsPage.evaluate(async (extensionId) => {
      await chrome.developerPrivate.updateProfileConfiguration({ inDeveloperMode: true });
      await chrome.developerPrivate.updateExtensionConfiguration({ extensionId, fileAccess: false });
    }, e2e.ext.extensionId);
    // While it reloads its pages are blocked; each try opens a fresh tab (an error page cannot navigate back).
    let options: Page | undefined;
    const fileAccessShown = async () => {
      await options?.close();
      options = await e2e.ext.context.newPage();
      await options.goto(`chrome-extension://${e2e.ext.extensionId}/options.html`).catch(() => undefined);
      const shown = await options.waitForSelector('[data-testid="file-access"][data-allowed]', { timeout: 2000 }).catch(() => null);
      return (await shown?.getAttribute('data-allowed')) ?? null;
    };
    await until(fileAccessShown, (allowed) => allowed === 'false', 'the options page to show file access off', 20_000);
    if (!options) throw new Error('no options page');
    expect(await options.textContent('[data-testid="file-access"]')).toContain('Allow access to file URLs');
    await options.close();
  });
});
