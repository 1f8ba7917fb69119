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
import type { PageReport } from '../../lib/messages';
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

// ---------------------------------------------------------------------------------------------------
// Reading the page, shadow roots included. Marks inside web components live in shadow roots, which
// document.querySelectorAll, textContent and innerHTML do not reach. The functions below run in the
// page: Playwright sends their source, so they use nothing from outside themselves.

/** A document or a shadow root: one tree of the page. */
type Tree = Document | ShadowRoot;
declare global {
  interface Window {
    /** Closed shadow roots a test page keeps for its tests: page script cannot otherwise see inside. */
    __closedRoots?: ShadowRoot[];
  }
}

/**
 * In the page: the document, then every shadow root in page order: open ones, and the closed ones the
 * page lists in `window.__closedRoots`. Our own card (`remit-lens-card`) is not the page's.
 */
function pageTrees(): Tree[] {
  const closed = new Map<Element, ShadowRoot>();
  for (const root of window.__closedRoots ?? []) closed.set(root.host, root);
  const trees: Tree[] = [document];
  const visit = (tree: Tree) => {
    const walker = document.createTreeWalker(tree, 1 /* SHOW_ELEMENT */);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node as Element;
      const root = el.localName === 'remit-lens-card' ? null : (el.shadowRoot ?? closed.get(el));
      if (root) {
        trees.push(root);
        visit(root);
      }
    }
  };
  visit(document);
  return trees;
}

/** A page or frame of either driver: Playwright's (Chromium) or puppeteer's (Firefox, firefox.e2e.ts). */
export interface Evaluates {
  evaluate(expression: string): Promise<unknown>;
}

/** Evaluates `fn(trees, arg)` in the page or frame, `trees` being what pageTrees() gives there. */
export function inTrees<R, A = undefined>(target: Evaluates, fn: (trees: Tree[], arg: A) => R, arg?: A): Promise<R> {
  return target.evaluate(`(${fn.toString()})((${pageTrees.toString()})(), ${JSON.stringify(arg ?? null)})`) as Promise<R>;
}

/** The same as an expression, for waitForFunction and init scripts. */
export function treesExpression<A>(fn: (trees: Tree[], arg: A) => unknown, arg?: A): string {
  return `(${fn.toString()})((${pageTrees.toString()})(), ${JSON.stringify(arg ?? null)})`;
}

/** In the page: how many marks its trees hold. */
export const countMarks = (trees: Tree[]) =>
  trees.reduce((n, tree) => n + tree.querySelectorAll('remit-mark[data-remit-code], tspan[data-remit-code]').length, 0);

/** What a page shows, to compare before marks, with marks and after marks are turned off. */
export interface PageSnapshot {
  /** The body's HTML, shadow roots included (serialized as declarative shadow roots). */
  html: string;
  /** textContent of the body, then of each shadow root. */
  text: string;
  /**
   * document.body.innerText, the text as rendered; then, per shadow root, its children's innerText (text
   * right under the root as it is): the body's innerText leaves shadow trees out.
   */
  rendered: string;
  marks: number;
  /** How many adopted style sheets each shadow root has: ours must be gone again after marks. */
  sheets: number[];
}

/**
 * In the page: its snapshot. A page without shadow roots reads exactly as before (innerHTML, textContent),
 * so every other fixture compares as it always did.
 */
export function snapshotOf(trees: Tree[]): PageSnapshot {
  const body = document.body;
  const roots = trees.filter((tree): tree is ShadowRoot => tree.nodeType === 11);
  return {
    html: roots.length === 0 ? body.innerHTML : body.getHTML({ shadowRoots: roots }),
    text: [body.textContent ?? '', ...roots.map((root) => root.textContent ?? '')].join('\n'),
    rendered: [
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what must not change.
      body.innerText,
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what must not change.
      ...roots.map((root) => Array.from(root.childNodes, (n) => (n instanceof HTMLElement ? n.innerText : (n.textContent ?? ''))).join('')),
    ].join('\n'),
    marks: trees.reduce((n, tree) => n + tree.querySelectorAll('remit-mark, tspan[data-remit-code]').length, 0),
    sheets: roots.map((root) => root.adoptedStyleSheets.length),
  };
}

/** The page's (or frame's) snapshot now. */
export function snapshotPage(target: Evaluates): Promise<PageSnapshot> {
  return inTrees(target, snapshotOf);
}

/**
 * Waits (no fixed sleeps) until the content script finished scanning (`data-remit-lens-state="idle"` on <html>)
 * and the page has at least `count` (default 1) `remit-mark[data-remit-code]` elements, shadow roots included.
 */
export async function waitForMarks(page: Page, count?: number, options: { timeout?: number } = {}): Promise<void> {
  const min = count ?? 1;
  const idle = "document.documentElement.getAttribute('data-remit-lens-state') === 'idle'";
  try {
    await page.waitForFunction(`${idle} && ${treesExpression(countMarks)} >= ${min}`, undefined, { timeout: options.timeout ?? 15_000 });
  } catch (error) {
    const state = await page
      .evaluate(`({ state: document.documentElement.getAttribute('data-remit-lens-state'), marks: ${treesExpression(countMarks)} })`)
      .then((seen) => seen as { state: string | null; marks: number })
      .catch(() => undefined);
    const seen = state ? `data-remit-lens-state=${JSON.stringify(state.state)}, ${state.marks} mark(s)` : 'page unavailable';
    throw new Error(`waitForMarks(${page.url()}): wanted state "idle" and >= ${min} mark(s); saw ${seen}`, { cause: error });
  }
}

export interface Mark {
  code: string;
  amount: string | undefined;
}

/**
 * Every `remit-mark` on the page (or in the frame), shadow roots included, as { code, amount }, sorted by code
 * then amount, for exact multiset comparison.
 */
export async function marksOf(target: Evaluates): Promise<Mark[]> {
  const raw = await inTrees(target, (trees) =>
    trees.flatMap((tree) =>
      Array.from(tree.querySelectorAll('remit-mark, tspan[data-remit-code]'), (el) => ({
        code: el.getAttribute('data-remit-code') ?? '',
        amount: el.getAttribute('data-remit-amount'),
      })),
    ),
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

/**
 * In the page: scrolls the window down one viewport at a time to the end and back to the top, waiting
 * two frames at each stop, so every mark near what the reader would see has been placed (marks follow
 * the reader; once placed they stay).
 */
export const scrollThroughExpression = `(async () => {
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0))));
  const step = Math.max(200, innerHeight - 100);
  for (let y = 0; ; y += step) {
    scrollTo(0, y);
    await frame();
    if (y + innerHeight >= document.documentElement.scrollHeight) break;
  }
  scrollTo(0, 0);
  await frame();
})()`;

export function scrollThrough(target: Evaluates): Promise<unknown> {
  return target.evaluate(scrollThroughExpression);
}

/** The tab's report as the popup gets it (the top frame's, frames included), through the extension's worker. */
export async function tabReport(ext: LaunchedExtension, page: Page): Promise<PageReport> {
  const tabId = await tabIdOf(ext, page);
  return (await ext.worker.evaluate(
    (id) =>
      (
        globalThis as unknown as { chrome: { tabs: { sendMessage(id: number, m: unknown, o: unknown): Promise<unknown> } } }
      ).chrome.tabs.sendMessage(id, { type: 'page:report' }, { frameId: 0 }),
    tabId,
  )) as PageReport;
}

/**
 * Waits until the page's scan is idle and the tab's report holds at least `min` codes. Marks go only near
 * the viewport, so a page's count is the report's, not the marks'.
 */
export async function waitForReport(ext: LaunchedExtension, page: Page, min = 1, timeoutMs = 30_000): Promise<PageReport> {
  await page.waitForFunction("document.documentElement.getAttribute('data-remit-lens-state') === 'idle'", undefined, {
    timeout: timeoutMs,
  });
  const started = Date.now();
  for (;;) {
    const report = await tabReport(ext, page);
    if (report.mentions.length >= min) return report;
    if (Date.now() - started > timeoutMs) {
      throw new Error(`waitForReport(${page.url()}): wanted >= ${min} code(s); the report holds ${report.mentions.length}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Polls a report until it has stopped scanning and its count of codes held still for three polls. */
export async function settledReport(read: () => Promise<PageReport>, timeoutMs = 8000): Promise<PageReport> {
  const started = Date.now();
  let last = await read();
  let same = 0;
  while (Date.now() - started < timeoutMs) {
    await new Promise((resolve) => setTimeout(resolve, 150));
    const now = await read();
    same = !now.scanning && now.mentions.length === last.mentions.length ? same + 1 : 0;
    last = now;
    if (same >= 3) break;
  }
  return last;
}
