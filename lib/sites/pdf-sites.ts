/**
 * "Open this site's PDFs in Remit Lens": an opt-in per site, off by default. The user's wish lives in
 * settings.pdfSites (synced); the site's host permission is the gate, asked on the user's click. How a PDF
 * is caught differs by browser (measured; README → PDFs):
 * - Chromium runs content scripts in the document that holds its PDF viewer: one registered content script
 *   (PDF_SCRIPT_FILE, at document_start) on the wanted sites tells the background when the document is a
 *   PDF, and the background opens that address in the reader. No permission beyond the site's.
 * - Firefox runs no content script in its PDF viewer, and its declarativeNetRequest has no response-header
 *   condition: a blocking webRequest listener on the wanted sites (optional webRequest and
 *   webRequestBlocking, asked with the site) sees the response's content type, cancels it and opens the
 *   address in the reader instead.
 * The browser is passed in, so this stays testable without extension APIs.
 */
import { loadSettings, SETTINGS_KEY, type StorageLike } from '../settings';
import { patternCovers, patternOf } from './user-sites';

/** The one registered content script this module owns (Chromium). */
export const PDF_SCRIPT_ID = 'remit-lens-pdf-open';
/** Where WXT writes it (entrypoints/pdf-open.content.ts). */
export const PDF_SCRIPT_FILE = 'content-scripts/pdf-open.js';
/** What Firefox needs besides the site to see and stop a PDF response. */
export const WEB_REQUEST_PERMISSIONS = ['webRequest', 'webRequestBlocking'] as const;

/** The reader's address for a document at `url`, from the extension's base (`runtime.getURL('/')`). */
export function readerUrlFor(base: string, url: string): string {
  return `${base.replace(/\/?$/, '/')}reader.html?file=${encodeURIComponent(url)}`;
}

/** The origin of an http(s) URL, or undefined. */
export function originOf(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.origin : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a site's PDFs are to open in the reader: its origin (any port) is in the list. */
export function wantsPdf(sites: readonly string[], url: string): boolean {
  const origin = originOf(url);
  return origin !== undefined && sites.some((site) => patternCovers(patternOf(site), origin));
}

export interface PdfScriptSpec {
  id: string;
  matches: string[];
  js: string[];
  runAt: 'document_start';
  allFrames: false;
  persistAcrossSessions: true;
}

interface ResponseDetails {
  url: string;
  tabId: number;
  responseHeaders?: { name: string; value?: string }[];
}

type HeadersListener = (details: ResponseDetails) => { cancel?: boolean } | undefined;
/** Firefox lets a blocking listener answer later (a promise), so the setting is read when the PDF arrives. */
type LaterListener = (details: ResponseDetails) => Promise<{ cancel?: boolean }> | undefined;

/** The slice of the extension API this module needs (browser.* satisfies it). */
export interface PdfSitesBrowser {
  permissions: { getAll(): Promise<{ origins?: string[]; permissions?: string[] }> };
  /** Chromium's way (MV3). */
  scripting?: {
    getRegisteredContentScripts(): Promise<{ id: string }[]>;
    registerContentScripts(scripts: PdfScriptSpec[]): Promise<unknown>;
    unregisterContentScripts(filter: { ids: string[] }): Promise<unknown>;
  };
  /** Firefox's way (MV2): present once the optional permissions are granted. */
  webRequest?: {
    onHeadersReceived: {
      addListener(
        listener: HeadersListener,
        filter: { urls: string[]; types: 'main_frame'[] },
        extra: ('blocking' | 'responseHeaders')[],
      ): void;
      removeListener(listener: HeadersListener): void;
    };
  };
  tabs: { update(tabId: number, change: { url: string }): Promise<unknown> };
  runtime: { getURL(path: string): string };
  storage: { sync: StorageLike; managed?: StorageLike };
}

/** Keeps the PDF catch (registered script or webRequest listener) in step with settings and permissions. */
export class PdfSites {
  private queue: Promise<unknown> = Promise.resolve();
  private listening: HeadersListener | undefined;
  private sites: string[] = [];

  constructor(
    private readonly browser: PdfSitesBrowser,
    /** Which way this browser catches PDFs (the manifest version tells: 3 Chromium, 2 Firefox). */
    private readonly way: 'script' | 'web-request',
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  /** Re-syncs with settings and permissions; returns the sites whose PDFs open in the reader. */
  sync(): Promise<string[]> {
    const run = this.queue
      .then(() => this.syncNow())
      .catch((error: unknown) => {
        this.onError(error);
        return [];
      });
    this.queue = run;
    return run;
  }

  /** The background's answer to the content script's `pdf:open`: the reader in that tab, if the site wants it. */
  async open(tabId: number | undefined, url: string | undefined): Promise<boolean> {
    if (tabId === undefined || !url) return false;
    const { settings } = await loadSettings(this.browser.storage.sync, this.browser.storage.managed);
    if (!wantsPdf(settings.pdfSites, url)) return false;
    await this.browser.tabs.update(tabId, { url: readerUrlFor(this.browser.runtime.getURL('/'), url) });
    return true;
  }

  private async syncNow(): Promise<string[]> {
    const { settings } = await loadSettings(this.browser.storage.sync, this.browser.storage.managed);
    const granted = await this.browser.permissions.getAll();
    const origins = granted.origins ?? [];
    const wanted = settings.pdfSites.filter((site) => origins.some((p) => patternCovers(p, site)));
    this.sites = wanted;
    if (this.way === 'script') await this.syncScript(wanted);
    else
      this.syncListener(
        wanted,
        WEB_REQUEST_PERMISSIONS.every((p) => granted.permissions?.includes(p)),
      );
    return wanted;
  }

  private async syncScript(wanted: string[]): Promise<void> {
    const scripting = this.browser.scripting;
    if (!scripting) return;
    const have = (await scripting.getRegisteredContentScripts()).some((s) => s.id === PDF_SCRIPT_ID);
    if (have) await scripting.unregisterContentScripts({ ids: [PDF_SCRIPT_ID] });
    if (wanted.length === 0) return;
    await scripting.registerContentScripts([
      {
        id: PDF_SCRIPT_ID,
        matches: wanted.map(patternOf),
        js: [PDF_SCRIPT_FILE],
        runAt: 'document_start',
        allFrames: false,
        persistAcrossSessions: true,
      },
    ]);
  }

  private syncListener(wanted: string[], permitted: boolean): void {
    const events = this.browser.webRequest?.onHeadersReceived;
    if (this.listening) events?.removeListener(this.listening);
    this.listening = undefined;
    if (!events || !permitted || wanted.length === 0) return;
    const later: LaterListener = (details) => {
      const type = details.responseHeaders?.find((h) => h.name.toLowerCase() === 'content-type')?.value ?? '';
      if (!/^application\/pdf\b/i.test(type.trim()) || details.tabId < 0 || !wantsPdf(this.sites, details.url)) return undefined;
      // The setting as it is now (switched off a moment ago, the listener may not have been taken back yet).
      return this.open(details.tabId, details.url).then(
        // Opened in the reader: the response goes no further (the reader asks for the same address itself).
        (opened) => (opened ? { cancel: true } : {}),
        (error: unknown) => {
          this.onError(error);
          return {};
        },
      );
    };
    // Firefox's blocking contract takes a promise (its documentation); the shared types only say an object.
    const listener = later as unknown as HeadersListener;
    events.addListener(listener, { urls: wanted.map(patternOf), types: ['main_frame'] }, ['blocking', 'responseHeaders']);
    this.listening = listener;
  }
}

interface Listenable<T extends unknown[]> {
  addListener(listener: (...args: T) => void): void;
}

/** The events the background follows (browser.* satisfies it). */
export interface PdfSitesEvents extends PdfSitesBrowser {
  permissions: PdfSitesBrowser['permissions'] & { onAdded: Listenable<[unknown]>; onRemoved: Listenable<[unknown]> };
  storage: PdfSitesBrowser['storage'] & { onChanged: Listenable<[Record<string, unknown>, string]> };
}

/** Wires the background: settings and permission changes re-sync; every start re-syncs. */
export function watchPdfSites(browser: PdfSitesEvents, way: 'script' | 'web-request', onError: (error: unknown) => void): PdfSites {
  const sites = new PdfSites(browser, way, onError);
  try {
    browser.permissions.onAdded.addListener(() => void sites.sync());
    browser.permissions.onRemoved.addListener(() => void sites.sync());
    browser.storage.onChanged.addListener((changes, area) => {
      if (area === 'sync' && SETTINGS_KEY in changes) void sites.sync();
    });
  } catch (error) {
    onError(error);
  }
  void sites.sync();
  return sites;
}
