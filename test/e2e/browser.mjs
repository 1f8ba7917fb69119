// Launching Chromium with the unpacked e2e build loaded (plain Node ESM, no build step).
// Shared by test/e2e/harness.ts and test/demo/demo.mjs. Types: browser.d.mts.
import { accessSync, constants, existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { projectRoot } from './static-server.mjs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
const INSTALL_HINT =
  'Install Chromium: on Debian/Ubuntu run `apt-get update && apt-get install -y chromium` (as root, or with sudo), ' +
  'or set CHROME_PATH=/path/to/chromium. Use Chromium, not Google Chrome: branded Chrome 137+ ignores --load-extension.';

/** @param {string} file */
function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The browser at `process.env[envVar]`, else the first of `candidates` that exists. Throws (never skips)
 * when none does, with `hint` on how to install one.
 * @param {{ name: string, envVar: string, candidates: readonly string[], hint: string }} browser
 * @returns {string}
 */
export function findExecutable({ name, envVar, candidates, hint }) {
  const fromEnv = process.env[envVar];
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    throw new Error(`${envVar}=${fromEnv} is not an executable file. ${hint}`);
  }
  const found = candidates.find(isExecutable);
  if (found) return found;
  throw new Error(`No ${name} found (${envVar} is unset; looked for ${candidates.join(', ')}). ${hint}`);
}

/**
 * CHROME_PATH, else /usr/bin/chromium, else /usr/bin/chromium-browser. Throws (never skips) when none exists.
 * @returns {string}
 */
export function findChromium() {
  return findExecutable({ name: 'Chromium', envVar: 'CHROME_PATH', candidates: CANDIDATES, hint: INSTALL_HINT });
}

/**
 * The --host-resolver-rules switch that maps each name to 127.0.0.1 (entries that already are rules, e.g.
 * "MAP *.example.test 127.0.0.1" or "EXCLUDE localhost", are passed through).
 * @param {readonly string[] | undefined} hostRules
 * @returns {string[]}
 */
export function hostResolverArgs(hostRules) {
  if (!hostRules || hostRules.length === 0) return [];
  const rules = hostRules.map((rule) => (/^(MAP|EXCLUDE)\s/i.test(rule.trim()) ? rule.trim() : `MAP ${rule.trim()} 127.0.0.1`));
  return [`--host-resolver-rules=${rules.join(', ')}`];
}

/**
 * Absolute path of the unpacked extension; throws when the e2e build is missing.
 * @param {string} [extensionDir]
 * @returns {string}
 */
export function resolveExtensionDir(extensionDir = process.env.REMIT_LENS_EXT_DIR ?? '.output/chrome-mv3-e2e') {
  const dir = path.resolve(projectRoot, extensionDir);
  if (!existsSync(path.join(dir, 'manifest.json'))) {
    throw new Error(`${path.join(dir, 'manifest.json')} is missing: run npm run build:e2e first.`);
  }
  return dir;
}

/**
 * Launches Chromium with a fresh temporary profile and the extension loaded, and waits for its service worker.
 * @param {import('./browser.d.mts').LaunchOptions} [options]
 * @returns {Promise<import('./browser.d.mts').LaunchedExtension>}
 */
export async function launchExtension({ extensionDir, hostRules, headless = true, timeout = 30_000, args = [] } = {}) {
  const dir = resolveExtensionDir(extensionDir);
  const executablePath = findChromium();
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'remit-lens-e2e-'));
  const removeProfile = () => rm(userDataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });

  /** @type {import('playwright-core').BrowserContext | undefined} */
  let context;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless,
      viewport: { width: 1280, height: 900 },
      timeout,
      // Playwright adds --disable-extensions by default; --load-extension needs it gone.
      ignoreDefaultArgs: ['--disable-extensions'],
      args: [
        `--disable-extensions-except=${dir}`,
        `--load-extension=${dir}`,
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
        ...hostResolverArgs(hostRules),
        ...args,
      ],
    });
    const ctx = context;
    const isOurs = (/** @type {import('playwright-core').Worker} */ w) => w.url().startsWith('chrome-extension://');
    // Subscribe before looking, so a worker that registers in between is not missed.
    const next = ctx.waitForEvent('serviceworker', { predicate: isOurs, timeout });
    next.catch(() => {});
    const first = ctx.serviceWorkers().find(isOurs) ?? (await next);
    const extensionId = new URL(first.url()).host;

    let closed = false;
    return {
      context: ctx,
      extensionId,
      extensionDir: dir,
      executablePath,
      userDataDir,
      // Chromium may stop an idle worker and start a new one; always hand out the live one.
      get worker() {
        return ctx.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`)) ?? first;
      },
      async close() {
        if (closed) return;
        closed = true;
        await ctx.close().catch(() => {});
        await removeProfile();
      },
    };
  } catch (error) {
    await context?.close().catch(() => {});
    await removeProfile();
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`Could not start Chromium (${executablePath}) with the extension from ${dir}: ${message}`, { cause: error });
  }
}
