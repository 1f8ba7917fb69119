/**
 * The reader's browser wiring: the ReaderApi (components/reader/reader-api.ts) over the extension APIs.
 * Its one network request is the document the user asked to open (reader.html?file=URL).
 */
import { browser } from 'wxt/browser';
import { copyText } from '@/components/clipboard';
import { MAX_BYTES } from '@/components/reader/ReaderApp';
import type { ReaderApi } from '@/components/reader/reader-api';
import { asker } from '@/lib/messages';
import { loadSettings } from '@/lib/settings';

const ask = asker((message) => browser.runtime.sendMessage(message));
/** The background explains at most this many items per request. */
const BATCH = 5000;

/** Runs in the tab the popup sent: its raw X12 (a text/plain document, or the <pre>/<textarea> holding it). */
function pageX12(): string {
  const looks = (t: string) => /(?:^|[^A-Za-z0-9])(?:ISA|ST|CLP)[*|^!+]/.test(t.slice(0, 200_000));
  if (document.contentType === 'text/plain') return document.body?.textContent ?? '';
  for (const el of Array.from(document.querySelectorAll('pre, textarea, code'))) {
    const text = el instanceof HTMLTextAreaElement ? el.value : (el.textContent ?? '');
    if (looks(text)) return text;
  }
  // biome-ignore lint/performance/useDomNodeTextContent: an HTML page's segments are often one per <div> or <br>: the rendered lines keep them apart.
  return document.body?.innerText ?? '';
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
    async fetchText(url, onProgress, signal) {
      const parsed = new URL(url);
      if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error(`${parsed.protocol} addresses cannot be fetched`);
      // No cookies, no referrer, no cache: the document itself and nothing about the user.
      const response = await fetch(parsed.href, {
        credentials: 'omit',
        cache: 'no-store',
        referrerPolicy: 'no-referrer',
        redirect: 'follow',
        signal,
      });
      if (!response.ok) throw new Error(`the server answered ${response.status}`);
      const header = Number(response.headers.get('content-length'));
      const total = Number.isFinite(header) && header > 0 ? header : undefined;
      if (total !== undefined && total > MAX_BYTES) throw new Error('the document is too large');
      const body = response.body;
      if (!body) return response.text();
      const reader = body.getReader();
      const decoder = new TextDecoder();
      let text = '';
      let loaded = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        loaded += value.byteLength;
        if (loaded > MAX_BYTES) throw new Error('the document is too large');
        text += decoder.decode(value, { stream: true });
        onProgress(loaded, total);
      }
      return text + decoder.decode();
    },
    download(filename, text, type) {
      // Made in this page from what it shows; nothing is uploaded.
      const url = URL.createObjectURL(new Blob([text], { type }));
      const a = document.createElement('a');
      a.href = url;
      a.download = filename;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
    copy: (text) => copyText(text),
    async mode() {
      const { settings } = await loadSettings(browser.storage.sync, browser.storage.managed);
      return settings.mode === 'patient' ? 'patient' : 'biller';
    },
  };
}
