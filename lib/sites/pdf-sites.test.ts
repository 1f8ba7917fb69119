// "Open this site's PDFs in Remit Lens": the registered content script (Chromium) and the blocking webRequest
// listener (Firefox) follow settings.pdfSites and the sites' permissions; the background opens only wanted sites.
import { describe, expect, it } from 'vitest';
import { SETTINGS_KEY } from '../settings';
import { PDF_SCRIPT_FILE, PDF_SCRIPT_ID, PdfSites, type PdfSitesBrowser, readerUrlFor, wantsPdf } from './pdf-sites';

function fake(pdfSites: string[], origins: string[], permissions: string[] = []) {
  const stored: Record<string, unknown> = { [SETTINGS_KEY]: { pdfSites } };
  const registered: { id: string; matches: string[]; js: string[] }[] = [];
  const updates: [number, string][] = [];
  const listeners: { fn: (d: object) => unknown; urls: string[] }[] = [];
  const browser: PdfSitesBrowser = {
    permissions: { getAll: async () => ({ origins, permissions }) },
    scripting: {
      getRegisteredContentScripts: async () => registered.map((r) => ({ id: r.id })),
      registerContentScripts: async (scripts) => {
        registered.push(...scripts);
      },
      unregisterContentScripts: async ({ ids }) => {
        for (const id of ids)
          registered.splice(
            registered.findIndex((r) => r.id === id),
            1,
          );
      },
    },
    webRequest: {
      onHeadersReceived: {
        addListener: (fn, filter) => listeners.push({ fn: fn as (d: object) => unknown, urls: filter.urls }),
        removeListener: (fn) => {
          listeners.splice(
            listeners.findIndex((l) => l.fn === fn),
            1,
          );
        },
      },
    },
    tabs: {
      update: async (tabId, change) => {
        updates.push([tabId, change.url]);
      },
    },
    runtime: { getURL: (path) => `chrome-extension://abc${path}` },
    storage: {
      sync: {
        get: async () => stored,
        set: async (items) => {
          Object.assign(stored, items);
        },
      },
    },
  };
  const setSites = (sites: string[]) => {
    stored[SETTINGS_KEY] = { pdfSites: sites };
  };
  return { browser, registered, updates, listeners, setSites };
}

describe('which sites', () => {
  it('a wanted site matches on any port and path; others and non-http addresses do not', () => {
    expect(wantsPdf(['https://portal.example.com'], 'https://portal.example.com/eob/123.pdf?x=1')).toBe(true);
    expect(wantsPdf(['http://files.test'], 'http://files.test:8080/a.pdf')).toBe(true);
    expect(wantsPdf(['https://portal.example.com'], 'https://evil.example.net/a.pdf')).toBe(false);
    expect(wantsPdf(['https://portal.example.com'], 'file:///tmp/a.pdf')).toBe(false);
    expect(readerUrlFor('chrome-extension://abc/', 'https://p.test/a b.pdf?x=1&y=2')).toBe(
      'chrome-extension://abc/reader.html?file=https%3A%2F%2Fp.test%2Fa%20b.pdf%3Fx%3D1%26y%3D2',
    );
  });
});

describe('Chromium: one registered content script on the wanted sites that are permitted', () => {
  it('registers for wanted and permitted sites only, and takes the script back when none is left', async () => {
    const f = fake(['https://a.test', 'https://b.test'], ['https://a.test/*']);
    const sites = new PdfSites(f.browser, 'script');
    expect(await sites.sync()).toEqual(['https://a.test']);
    expect(f.registered).toEqual([
      expect.objectContaining({ id: PDF_SCRIPT_ID, matches: ['https://a.test/*'], js: [PDF_SCRIPT_FILE], runAt: 'document_start' }),
    ]);
    f.setSites([]);
    expect(await sites.sync()).toEqual([]);
    expect(f.registered).toEqual([]);
  });

  it('the background opens a wanted site’s PDF in the reader, in its tab; any other site’s stays', async () => {
    const f = fake(['https://a.test'], ['https://a.test/*']);
    const sites = new PdfSites(f.browser, 'script');
    expect(await sites.open(7, 'https://a.test/remit.pdf')).toBe(true);
    expect(await sites.open(8, 'https://b.test/remit.pdf')).toBe(false);
    expect(await sites.open(undefined, 'https://a.test/remit.pdf')).toBe(false);
    expect(f.updates).toEqual([[7, 'chrome-extension://abc/reader.html?file=https%3A%2F%2Fa.test%2Fremit.pdf']]);
  });
});

describe('Firefox: a blocking webRequest listener, once webRequest and webRequestBlocking are granted', () => {
  it('listens on the wanted sites only with both permissions; a PDF response is cancelled and its address opened in the reader', async () => {
    const without = fake(['https://a.test'], ['https://a.test/*']);
    await new PdfSites(without.browser, 'web-request').sync();
    expect(without.listeners).toEqual([]);

    const f = fake(['https://a.test'], ['https://a.test/*'], ['webRequest', 'webRequestBlocking']);
    const sites = new PdfSites(f.browser, 'web-request');
    await sites.sync();
    expect(f.listeners.map((l) => l.urls)).toEqual([['https://a.test/*']]);
    const listener = f.listeners[0]?.fn;
    const pdf = { url: 'https://a.test/r.pdf', tabId: 3, responseHeaders: [{ name: 'Content-Type', value: 'application/pdf' }] };
    expect(await listener?.(pdf)).toEqual({ cancel: true });
    expect(f.updates).toEqual([[3, 'chrome-extension://abc/reader.html?file=https%3A%2F%2Fa.test%2Fr.pdf']]);
    expect(listener?.({ ...pdf, responseHeaders: [{ name: 'content-type', value: 'text/html' }] })).toBeUndefined();
    // Switched off a moment ago (the listener not yet taken back): the setting read when the PDF arrives decides.
    f.setSites([]);
    expect(await listener?.(pdf)).toEqual({});
    await sites.sync();
    expect(f.listeners).toEqual([]);
  });
});
