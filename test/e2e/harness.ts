/**
 * Real-browser test harness: one Chromium (with the unpacked e2e build) per test file.
 *
 *   const e2e = useExtension({ hostRules: ['portal.example.test'] });
 *   beforeAll(async () => {
 *     // file-specific setup: runs after the launch
 *   });
 *   it('…', async () => {
 *     const page = await openPage(e2e.ext, e2e.server.url('smoke.html'));
 *   });
 *
 * Launching and serving live in plain-JS modules (browser.mjs, static-server.mjs) so test/demo/demo.mjs
 * can share them without a TypeScript loader.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page, Request } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { type LaunchedExtension, type LaunchOptions, launchExtension } from './browser.mjs';
import { projectRoot, type StaticServer, startServer } from './static-server.mjs';

export type { LaunchedExtension, LaunchOptions } from './browser.mjs';
export { findChromium, hostResolverArgs, launchExtension, resolveExtensionDir } from './browser.mjs';
export type { ServedRequest, StaticServer } from './static-server.mjs';
export { projectRoot, startServer } from './static-server.mjs';

export interface UseExtensionOptions extends LaunchOptions {
  /** Start the fixture server too (default true); files that only open extension pages pass false. */
  server?: boolean;
}

/** The file's browser and fixture server, available from the file's first beforeAll on. */
export interface E2eSession {
  readonly ext: LaunchedExtension;
  readonly server: StaticServer;
}

/**
 * Registers the file's beforeAll (start the server, then launch Chromium with the extension) and afterAll
 * (close Chromium, then the server). Call it at the top of the file, before the file's own hooks: vitest's
 * default `sequence.hooks: 'stack'` runs beforeAll hooks in registration order and afterAll hooks in reverse,
 * so the file's setup runs after the launch and its teardown before the close.
 */
export function useExtension(options: UseExtensionOptions = {}): E2eSession {
  const { server: withServer = true, ...launchOptions } = options;
  let ext: LaunchedExtension | undefined;
  let server: StaticServer | undefined;
  beforeAll(async () => {
    if (withServer) server = await startServer();
    ext = await launchExtension(launchOptions);
  });
  afterAll(async () => {
    try {
      await ext?.close();
    } finally {
      await server?.close();
    }
  });
  return {
    get ext() {
      if (!ext)
        throw new Error(
          'useExtension: no browser (used before its beforeAll ran, or the launch failed); use e2e.ext inside hooks and tests',
        );
      return ext;
    },
    get server() {
      if (!server) {
        throw new Error(
          withServer
            ? 'useExtension: no fixture server (used before its beforeAll ran, or it failed to start); use e2e.server inside hooks and tests'
            : 'useExtension: this file asked for no fixture server ({ server: false })',
        );
      }
      return server;
    },
  };
}

/** The slice of the chrome.* API the harness evaluates inside the extension's service worker. */
interface ChromeTab {
  id?: number;
  url?: string;
  pendingUrl?: string;
  active: boolean;
  windowId: number;
}
declare const chrome: {
  tabs: { query(filter: { active?: boolean; lastFocusedWindow?: boolean }): Promise<ChromeTab[]> };
};

let uniqueCounter = 0;

/** Appends a unique `#t=N` so every page a test opens has a distinct URL (`#` is replaced when already present). */
export function uniqueUrl(url: string): string {
  uniqueCounter += 1;
  const base = url.split('#')[0];
  return `${base}#t=${process.pid}-${uniqueCounter}`;
}

/** Opens a new tab at `url` and waits for its load event. */
export async function openPage(ext: LaunchedExtension, url: string): Promise<Page> {
  const page = await ext.context.newPage();
  await page.goto(url);
  return page;
}

const tabIds = new WeakMap<Page, number>();
let tabIdLock: Promise<unknown> = Promise.resolve();

/**
 * The Chrome tab id of a Playwright page. Tabs' URLs are hidden from the extension (no "tabs" permission),
 * so the page is brought to the front and the worker asks for the active tab of the focused window; the answer
 * must be the same twice in a row, and must match the page's URL whenever Chrome shows the URL (extension pages,
 * granted hosts). Calls are serialized and the result is cached per page (a tab keeps its id across navigations).
 */
export function tabIdOf(ext: LaunchedExtension, page: Page): Promise<number> {
  const cached = tabIds.get(page);
  if (cached !== undefined) return Promise.resolve(cached);
  const run = tabIdLock.then(() => findTabId(ext, page));
  tabIdLock = run.catch(() => {});
  return run;
}

async function findTabId(ext: LaunchedExtension, page: Page): Promise<number> {
  const cached = tabIds.get(page);
  if (cached !== undefined) return cached;
  if (page.isClosed()) throw new Error('tabIdOf: the page is closed');
  const activeTab = async (): Promise<ChromeTab[]> => {
    await page.bringToFront();
    return ext.worker.evaluate(() => chrome.tabs.query({ active: true, lastFocusedWindow: true }));
  };
  let previous: number | undefined;
  let last = '';
  for (let attempt = 0; attempt < 20; attempt++) {
    const tabs = await activeTab();
    const tab = tabs[0];
    last = JSON.stringify(tabs);
    const shownUrl = tab?.url || tab?.pendingUrl;
    const urlAgrees = !shownUrl || stripHash(shownUrl) === stripHash(page.url());
    if (tabs.length === 1 && tab?.id !== undefined && urlAgrees) {
      if (tab.id === previous) {
        tabIds.set(page, tab.id);
        return tab.id;
      }
      previous = tab.id;
    } else {
      previous = undefined;
    }
  }
  throw new Error(`tabIdOf: could not identify the tab of ${page.url()} (last active-tab answer: ${last})`);
}

function stripHash(url: string): string {
  return url.split('#')[0] ?? url;
}

/** Opens the extension popup for `tabId` in a new tab (chrome-extension://ID/popup.html?tabId=N) and returns it. */
export async function openPopup(ext: LaunchedExtension, tabId: number): Promise<Page> {
  const page = await ext.context.newPage();
  await page.goto(`chrome-extension://${ext.extensionId}/popup.html?tabId=${tabId}`);
  return page;
}

/**
 * Waits (no fixed sleeps) until the content script finished scanning (`data-remit-lens-state="idle"` on <html>)
 * and the page has at least `count` (default 1) `remit-mark[data-remit-code]` elements.
 */
export async function waitForMarks(page: Page, count?: number, options: { timeout?: number } = {}): Promise<void> {
  const min = count ?? 1;
  try {
    await page.waitForFunction(
      (n) =>
        document.documentElement.getAttribute('data-remit-lens-state') === 'idle' &&
        document.querySelectorAll('remit-mark[data-remit-code]').length >= n,
      min,
      { timeout: options.timeout ?? 15_000 },
    );
  } catch (error) {
    const state = await page
      .evaluate(() => ({
        state: document.documentElement.getAttribute('data-remit-lens-state'),
        marks: document.querySelectorAll('remit-mark[data-remit-code]').length,
      }))
      .catch(() => undefined);
    const seen = state ? `data-remit-lens-state=${JSON.stringify(state.state)}, ${state.marks} mark(s)` : 'page unavailable';
    throw new Error(`waitForMarks(${page.url()}): wanted state "idle" and >= ${min} mark(s); saw ${seen}`, { cause: error });
  }
}

export interface Mark {
  code: string;
  amount: string | undefined;
}

/** Every `remit-mark` on the page as { code, amount }, sorted by code then amount, for exact multiset comparison. */
export async function marksOf(page: Page): Promise<Mark[]> {
  const raw = await page.evaluate(() =>
    Array.from(document.querySelectorAll('remit-mark'), (el) => ({
      code: el.getAttribute('data-remit-code') ?? '',
      amount: el.getAttribute('data-remit-amount'),
    })),
  );
  const marks = raw.map(({ code, amount }) => ({ code, amount: amount ?? undefined }));
  return marks.sort((a, b) => compare(a.code, b.code) || compare(a.amount ?? '', b.amount ?? ''));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export const screenshotDir = path.join(projectRoot, 'test/e2e/screenshots');

/** Saves a PNG to test/e2e/screenshots/NAME.png (git-ignored) and returns its path. */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  const safe = name.replace(/[^\w.-]+/g, '_').replace(/\.png$/i, '') || 'screenshot';
  await mkdir(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${safe}.png`);
  await page.screenshot({ path: file, fullPage: options.fullPage ?? false });
  return file;
}

export interface RecordedRequest {
  url: string;
  method: string;
  /** Playwright resource type: document, script, fetch, xhr, image, … */
  resourceType: string;
  isNavigation: boolean;
  /** URL of the frame that made the request (undefined for service-worker requests). */
  frameUrl: string | undefined;
  /** Set when a service worker (e.g. the extension's background) made the request. */
  serviceWorkerUrl: string | undefined;
  /** frameUrl, else serviceWorkerUrl, else "unknown". */
  initiator: string;
}

/**
 * Records every request the browser context makes from now on (pages, frames, extension pages and, as Playwright
 * exposes them for Chromium, service workers, including the extension's background) into the returned live array.
 * Requests Chromium itself makes outside any page or worker are not visible here.
 */
export function collectRequests(context: LaunchedExtension['context']): RecordedRequest[] {
  const requests: RecordedRequest[] = [];
  context.on('request', (request: Request) => {
    const serviceWorkerUrl = request.serviceWorker()?.url();
    let frameUrl: string | undefined;
    if (!serviceWorkerUrl) {
      try {
        frameUrl = request.frame().url();
      } catch {
        frameUrl = undefined;
      }
    }
    requests.push({
      url: request.url(),
      method: request.method(),
      resourceType: request.resourceType(),
      isNavigation: request.isNavigationRequest(),
      frameUrl,
      serviceWorkerUrl,
      initiator: frameUrl ?? serviceWorkerUrl ?? 'unknown',
    });
  });
  return requests;
}
