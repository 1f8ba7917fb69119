/**
 * The reader's browser wiring: the ReaderApi (components/reader/reader-api.ts) over the extension APIs.
 * Its one network request is the document the user asked to open (reader.html?file=URL); a PDF the browser's
 * viewer shows is read by that tab itself ("Open in Remit Lens").
 */

import type { Runtime } from 'webextension-polyfill';
import { browser } from 'wxt/browser';
import { copyText } from '@/components/clipboard';
import { downloadText } from '@/components/download';
import { MAX_BYTES } from '@/components/reader/ReaderApp';
import type { PageServer, PopupLink, ReaderApi } from '@/components/reader/reader-api';
import { toKnownCodes } from '@/lib/catalog/catalog';
import type { KnownCodes } from '@/lib/detect/types';
import { asker, type ContentRequest, isContentRequest, REPORT_PORT } from '@/lib/messages';
import { loadSettings } from '@/lib/settings';
import { fromBase64, pageX12, policed, type TabDocument, tabDocument } from './tab-document';

const ask = asker((message) => browser.runtime.sendMessage(message));
/** The background explains at most this many items per request. */
const BATCH = 5000;
/** A PDF read from a tab crosses to the reader as text (base64): larger ones are downloaded and opened instead. */
const MAX_TAB_BYTES = 60 * 1024 * 1024;
let known: Promise<KnownCodes> | undefined;

/**
 * Answers the popup opened on this tab as a page's content script does (lib/messages ContentRequest): the
 * popup sends to the tab (tabs.sendMessage, tabs.connect), which reaches this page in Chromium and Firefox.
 * Runtime messages meant for the background (catalog look-ups) are left alone.
 */
function servePopup(server: PageServer): PopupLink {
  const ports = new Set<Runtime.Port>();
  const onMessage = (message: unknown, sender: Runtime.MessageSender) => {
    if (sender.id !== browser.runtime.id || !isContentRequest(message)) return undefined;
    const request = message as ContentRequest;
    if (request.type === 'page:report') return Promise.resolve(server.report());
    if (request.type === 'page:marks') return Promise.resolve(server.marks(request.on));
    if (request.type === 'page:reveal') return server.reveal(String(request.code));
    // The popup's next/previous code walks a page's marks; the reader has its own keys for its text layer.
    if (request.type === 'page:step') return Promise.resolve({ found: false, index: -1, total: 0 });
    return undefined;
  };
  const onConnect = (port: Runtime.Port) => {
    if (port.name !== REPORT_PORT || port.sender?.id !== browser.runtime.id) return;
    ports.add(port);
    port.onDisconnect.addListener(() => ports.delete(port));
    port.postMessage({ report: server.report() });
  };
  browser.runtime.onMessage.addListener(onMessage);
  browser.runtime.onConnect.addListener(onConnect);
  return {
    changed() {
      if (ports.size === 0) return;
      const report = server.report();
      for (const port of ports) port.postMessage({ report });
    },
    stop() {
      browser.runtime.onMessage.removeListener(onMessage);
      browser.runtime.onConnect.removeListener(onConnect);
      for (const port of ports) port.disconnect();
      ports.clear();
    },
  };
}

export function readerApi(): ReaderApi {
  return {
    async explain(items) {
      const out = [];
      for (let i = 0; i < items.length; i += BATCH) out.push(...(await ask({ type: 'catalog:explain', items: items.slice(i, i + BATCH) })));
      return out;
    },
    async readTab(tabId) {
      const [result] = await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, func: pageX12 });
      const text = result?.result;
      if (typeof text !== 'string') throw new Error('the tab gave no text');
      return text;
    },
    async readTabDocument(tabId, url) {
      const [result] = await browser.scripting.executeScript({
        target: { tabId, frameIds: [0] },
        func: tabDocument,
        args: [url, MAX_TAB_BYTES],
      });
      const answer = result?.result as TabDocument | undefined;
      if (!answer || 'error' in answer) throw new Error(answer?.error ?? 'the tab gave nothing');
      return fromBase64(answer.base64);
    },
    async fetchBytes(url, onProgress, signal) {
      const parsed = new URL(url);
      if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error(`${parsed.protocol} addresses cannot be fetched`);
      // No cookies, no referrer, no cache: the document itself and nothing about the user.
      const response = await policed(parsed, () =>
        fetch(parsed.href, { credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer', redirect: 'follow', signal }),
      );
      if (!response.ok) throw new Error(`the server answered ${response.status}`);
      const header = Number(response.headers.get('content-length'));
      const total = Number.isFinite(header) && header > 0 ? header : undefined;
      if (total !== undefined && total > MAX_BYTES) throw new Error('the document is too large');
      const body = response.body;
      if (!body) return new Uint8Array(await response.arrayBuffer());
      const reader = body.getReader();
      const chunks: Uint8Array[] = [];
      let loaded = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        loaded += value.byteLength;
        if (loaded > MAX_BYTES) throw new Error('the document is too large');
        chunks.push(value);
        onProgress(loaded, total);
      }
      const bytes = new Uint8Array(loaded);
      let at = 0;
      for (const c of chunks) {
        bytes.set(c, at);
        at += c.byteLength;
      }
      return bytes;
    },
    async access(url, ask) {
      let origin: string;
      try {
        const parsed = new URL(url);
        if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return false;
        // Match patterns take no port: the site's host, on its scheme.
        origin = `${parsed.protocol}//${parsed.hostname}/*`;
      } catch {
        return false;
      }
      // Asked at once on the user's click (Firefox accepts a request only in the click's own turn, before any
      // await): one site, for this and later files; a site already allowed is granted without a prompt.
      if (ask) return browser.permissions.request({ origins: [origin] }).catch(() => false);
      return browser.permissions.contains({ origins: [origin] });
    },
    pdf: async () => (await import('./pdf-engine')).pdfEngine,
    async known() {
      known ??= ask({ type: 'catalog:known' }).then(toKnownCodes);
      return known;
    },
    servePopup: (server) => servePopup(server),
    download: (filename, text, type) => downloadText(filename, text, type),
    copy: (text) => copyText(text),
    async mode() {
      const { settings } = await loadSettings(browser.storage.sync, browser.storage.managed);
      return settings.mode === 'patient' ? 'patient' : 'biller';
    },
  };
}
