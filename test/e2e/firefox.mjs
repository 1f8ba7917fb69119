// Launching Firefox with the unpacked Firefox e2e build installed as a temporary add-on (plain Node ESM).
// Driven over WebDriver BiDi by puppeteer-core, which talks to a stock Firefox (Debian's firefox-esr)
// and downloads nothing. Types: firefox.d.mts.
import puppeteer from 'puppeteer-core';
import { findExecutable, resolveExtensionDir } from './browser.mjs';

const CANDIDATES = ['/usr/bin/firefox-esr', '/usr/bin/firefox'];
const INSTALL_HINT =
  'Install Firefox: on Debian/Ubuntu run `apt-get update && apt-get install -y firefox-esr` (as root, or with sudo), ' +
  'or set FIREFOX_PATH=/path/to/firefox (140 or newer: the add-on needs it, and WebDriver BiDi installs it).';

/** The add-on id in wxt.config.ts (browser_specific_settings.gecko.id). */
export const ADDON_ID = 'remit-lens@remitlens.dev';
/**
 * Firefox gives each add-on a random moz-extension:// host per profile; the tests pin it through the
 * pref Firefox reads that map from, so extension pages have a known address.
 */
export const EXTENSION_UUID = '5d3c1f0e-8a47-4b5e-9c2d-7e1a2b3c4d5e';

/** @param {string} file our page, e.g. "popup.html?tabId=3" */
function extensionUrl(file) {
  return `moz-extension://${EXTENSION_UUID}/${file.replace(/^\//, '')}`;
}

/**
 * FIREFOX_PATH, else /usr/bin/firefox-esr, else /usr/bin/firefox. Throws (never skips) when none exists.
 * @returns {string}
 */
export function findFirefox() {
  return findExecutable({ name: 'Firefox', envVar: 'FIREFOX_PATH', candidates: CANDIDATES, hint: INSTALL_HINT });
}

/**
 * Launches headless Firefox with a fresh profile (puppeteer makes and removes it) and the add-on installed.
 * @param {import('./firefox.d.mts').FirefoxLaunchOptions} [options]
 * @returns {Promise<import('./firefox.d.mts').LaunchedFirefox>}
 */
export async function launchFirefox({
  extensionDir = process.env.REMIT_LENS_FIREFOX_EXT_DIR ?? '.output/firefox-mv2-e2e',
  timeout = 30_000,
  localDomains = [],
  prefs = {},
} = {}) {
  const dir = resolveExtensionDir(extensionDir);
  const executablePath = findFirefox();
  /** @type {import('puppeteer-core').Browser | undefined} */
  let browser;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath,
      headless: true,
      timeout,
      // Lets WebDriver BiDi open moz-extension:// pages (the popup), which it refuses by default.
      args: ['--remote-allow-system-access'],
      extraPrefsFirefox: {
        'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: EXTENSION_UUID }),
        // Host names Firefox resolves to the loopback address (Chromium's --host-resolver-rules, for one name each).
        ...(localDomains.length > 0 ? { 'network.dns.localDomains': localDomains.join(',') } : {}),
        ...prefs,
      },
    });
    const id = await browser.installExtension(dir);
    if (id !== ADDON_ID) throw new Error(`installed add-on id ${id}, expected ${ADDON_ID}`);
    const live = browser;
    let closed = false;
    return {
      browser: live,
      extensionDir: dir,
      executablePath,
      extensionUrl,
      async openExtensionPage(page, file) {
        // WebDriver BiDi navigates there (with --remote-allow-system-access), but puppeteer's goto never sees
        // the load of a moz-extension:// document; the navigation goes out as is and waits for the document.
        const context = /** @type {{ browsingContext?: { navigate(url: string, wait: string): Promise<void> } }} */ (
          /** @type {unknown} */ (page.mainFrame())
        ).browsingContext;
        if (!context) throw new Error('openExtensionPage: this puppeteer-core has no BiDi browsingContext on its frames');
        await context.navigate(extensionUrl(file), 'complete');
      },
      async setColorScheme(scheme) {
        // puppeteer's emulateMediaFeatures needs CDP, which Firefox no longer has, and WebDriver BiDi has no
        // colour-scheme override: set the pref Firefox's own "Website appearance" setting writes
        // (layout.css.prefers-color-scheme.content-override, 0 = dark), from the browser window's chrome
        // scope (reachable with --remote-allow-system-access). Light is the pref's default again.
        const connection = /** @type {{ connection: { send(method: string, params: object): Promise<{ result: any }> } }} */ (
          /** @type {unknown} */ (live)
        ).connection;
        const { result } = await connection.send('browsingContext.getTree', { 'moz:scope': 'chrome' });
        const context = result.contexts[0]?.context;
        if (!context) throw new Error('setColorScheme: no chrome browsing context');
        const pref = 'layout.css.prefers-color-scheme.content-override';
        const expression = scheme === 'dark' ? `Services.prefs.setIntPref('${pref}', 0)` : `Services.prefs.clearUserPref('${pref}')`;
        const reply = await connection.send('script.evaluate', { expression, target: { context }, awaitPromise: false });
        if (reply.result?.type === 'exception') throw new Error(`setColorScheme: ${JSON.stringify(reply.result.exceptionDetails)}`);
      },
      async close() {
        if (closed) return;
        closed = true;
        await live.close().catch(() => {});
      },
    };
  } catch (error) {
    await browser?.close().catch(() => {});
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`Could not start Firefox (${executablePath}) with the add-on from ${dir}: ${message}`, { cause: error });
  }
}
