import { render } from 'preact';
import { browser } from 'wxt/browser';
import { PopupApp } from '@/components/PopupApp';
import type { PageState, PopupApi } from '@/components/popup-api';
import type { BackgroundRequest, BackgroundResponses, ContentRequest, ContentResponses, PageReport } from '@/lib/messages';
import { REPORT_PORT } from '@/lib/messages';
import { loadSettings, saveSettings } from '@/lib/settings';
import '@/components/card.css';
import './style.css';

function ask<T extends BackgroundRequest>(request: T): Promise<BackgroundResponses[T['type']]> {
  return browser.runtime.sendMessage(request) as Promise<BackgroundResponses[T['type']]>;
}

async function tell<T extends ContentRequest>(tabId: number, request: T): Promise<ContentResponses[T['type']]> {
  return (await browser.tabs.sendMessage(tabId, request, { frameId: 0 })) as ContentResponses[T['type']];
}

/** The tab the popup reports on: `?tabId=N` (tests, detached popups) or the active tab. */
async function resolveTab(): Promise<{ id: number | undefined; url: string | undefined }> {
  const param = new URLSearchParams(location.search).get('tabId');
  if (param) {
    const tab = await browser.tabs.get(Number(param)).catch(() => undefined);
    return { id: Number(param), url: tab?.url };
  }
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return { id: tab?.id, url: tab?.url };
}

function classify(url: string | undefined): PageState {
  if (!url) return { kind: 'not-enabled', origin: 'this site' };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: 'cannot-scan', reason: 'browser-page' };
  }
  if (parsed.hostname === 'chromewebstore.google.com' || parsed.hostname === 'addons.mozilla.org')
    return { kind: 'cannot-scan', reason: 'store' };
  if (/\.pdf$/i.test(parsed.pathname)) return { kind: 'cannot-scan', reason: 'pdf' };
  if (parsed.protocol === 'file:') return { kind: 'file-access' };
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return { kind: 'cannot-scan', reason: 'browser-page' };
  return { kind: 'not-enabled', origin: parsed.origin };
}

async function main() {
  const tab = await resolveTab();
  const tabId = tab.id;
  const hostname = (() => {
    try {
      return new URL(tab.url ?? '').hostname;
    } catch {
      return '';
    }
  })();

  const api: PopupApi = {
    hostname,
    explain: (items) => ask({ type: 'catalog:explain', items }),
    search: (query) => ask({ type: 'catalog:search', query }),
    decode: (text) => ask({ type: 'decode', text }),
    async pageState() {
      if (tabId === undefined) return { kind: 'cannot-scan', reason: 'no-tab' };
      const alive = await tell(tabId, { type: 'page:report' }).then(
        () => true,
        () => false,
      );
      if (alive) return { kind: 'ready' };
      const state = classify(tab.url);
      if (state.kind === 'file-access' && (await browser.extension.isAllowedFileSchemeAccess())) {
        return { kind: 'not-enabled', origin: 'this file' };
      }
      return state;
    },
    follow(onReport) {
      if (tabId === undefined) return () => undefined;
      const port = browser.tabs.connect(tabId, { name: REPORT_PORT, frameId: 0 });
      port.onMessage.addListener((message: unknown) => {
        const report = (message as { report?: PageReport }).report;
        if (report) onReport(report);
      });
      return () => port.disconnect();
    },
    reveal: (code) =>
      tabId === undefined ? Promise.resolve({ found: false, index: -1, total: 0 }) : tell(tabId, { type: 'page:reveal', code }),
    async setMarks(on) {
      if (tabId !== undefined) await tell(tabId, { type: 'page:marks', on });
    },
    async annotateOnce() {
      if (tabId === undefined) return false;
      return browser.scripting.executeScript({ target: { tabId, allFrames: true }, files: ['/content-scripts/content.js'] }).then(
        () => true,
        () => false,
      );
    },
    async alwaysAnnotate() {
      const state = classify(tab.url);
      if (state.kind !== 'not-enabled' || !state.origin.startsWith('http')) return false;
      // The background registers the content script when the permission arrives.
      const granted = await browser.permissions.request({ origins: [`${state.origin}/*`] });
      if (granted && tabId !== undefined) await api.annotateOnce();
      return granted;
    },
    loadSettings: () => loadSettings(browser.storage.sync, browser.storage.managed),
    async saveSettings(change) {
      return saveSettings(browser.storage.sync, await loadSettings(browser.storage.sync, browser.storage.managed), change);
    },
    copy: (text) => navigator.clipboard.writeText(text),
    download(filename, text, type) {
      // Made in the browser from the tally; nothing is uploaded.
      const url = URL.createObjectURL(new Blob([text], { type }));
      const a = document.createElement('a');
      a.href = url;
      a.download = filename;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
  };

  const root = document.getElementById('app');
  if (root) render(<PopupApp api={api} />, root);
}

void main();
