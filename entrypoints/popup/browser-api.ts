/**
 * The popup's browser wiring: the PopupApi (components/popup-api.ts) over the extension APIs, for the
 * tab the popup reports on. The UI itself never touches `browser`.
 */
import { browser } from 'wxt/browser';
import { copyText } from '@/components/clipboard';
import { downloadText } from '@/components/download';
import type { PageState, PopupApi } from '@/components/popup-api';
import { asker, type PageReport, REPORT_PORT, teller } from '@/lib/messages';
import { loadSettings, saveSettings } from '@/lib/settings';
import { originOf, WEB_REQUEST_PERMISSIONS } from '@/lib/sites/pdf-sites';
import { CONTENT_SCRIPT_FILE, patternOf } from '@/lib/sites/user-sites';
import { classifyProbeError, classifyUrl, stateOfProbedPage } from './page-state';
import { probe, showsRawX12 } from './tab-probe';

const ask = asker((message) => browser.runtime.sendMessage(message));
const tellTab = (tabId: number) => teller((message) => browser.tabs.sendMessage(tabId, message, { frameId: 0 }));

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The tab the popup reports on: `?tabId=N` (tests, detached popups) or the active tab. Without
 * the "tabs" permission the URL is known only where the popup has access (the toolbar click's
 * activeTab grant, a granted host), so everything else works from the tab id alone.
 */
async function resolveTab(): Promise<{ id: number | undefined; url: string | undefined }> {
  const param = new URLSearchParams(location.search).get('tabId');
  if (param !== null) {
    const id = Number(param);
    const tab = Number.isInteger(id) && id >= 0 ? await browser.tabs.get(id).catch(() => undefined) : undefined;
    return { id: tab ? id : undefined, url: tab?.url };
  }
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  // Opened as a page of its own rather than from the toolbar: the active tab is this page. The reader's
  // tab is a page to report on: it answers for its document as a content script does.
  const ours = tab?.url?.startsWith(browser.runtime.getURL('/')) && !tab.url.startsWith(browser.runtime.getURL('/reader.html'));
  if (!tab || ours) return { id: undefined, url: undefined };
  return { id: tab.id, url: tab.url };
}

/** The popup's API for the tab it reports on (`?tabId=N` or the active tab). */
export async function popupApi(): Promise<PopupApi> {
  const tab = await resolveTab();
  const tabId = tab.id;
  const hostname = (() => {
    try {
      return new URL(tab.url ?? '').hostname;
    } catch {
      return '';
    }
  })();

  const alive = (id: number) =>
    tellTab(id)({ type: 'page:report' }).then(
      () => true,
      () => false,
    );

  const api: PopupApi = {
    hostname,
    fromToolbar: !new URLSearchParams(location.search).has('tabId'),
    explain: (items) => ask({ type: 'catalog:explain', items }),
    search: (query) => ask({ type: 'catalog:search', query }),
    decode: (text) => ask({ type: 'decode', text }),
    async pageState(options = {}): Promise<PageState> {
      if (tabId === undefined) return { kind: 'cannot-scan', reason: 'no-tab' };
      // Just after an injection or a reload the content script needs a moment to answer.
      const until = Date.now() + (options.waitMs ?? 0);
      for (;;) {
        if (await alive(tabId)) return { kind: 'ready' };
        if (Date.now() >= until) break;
        await pause(100);
      }
      const probed = await probe(tabId);
      if ('page' in probed) return stateOfProbedPage(probed.page);
      const state = tab.url ? classifyUrl(tab.url) : classifyProbeError(probed.error);
      if (state.kind === 'file-access' && (await browser.extension.isAllowedFileSchemeAccess())) {
        return { kind: 'not-enabled', origin: 'this file' };
      }
      return state;
    },
    follow(onReport, onGone) {
      if (tabId === undefined) return () => undefined;
      const port = browser.tabs.connect(tabId, { name: REPORT_PORT, frameId: 0 });
      port.onMessage.addListener((message: unknown) => {
        const report = (message as { report?: PageReport }).report;
        if (report) onReport(report);
      });
      // Fires when the page goes away (navigation, reload), not when the popup stops following.
      port.onDisconnect.addListener(() => onGone());
      return () => port.disconnect();
    },
    reveal: (code, key) =>
      tabId === undefined
        ? Promise.resolve({ found: false, index: -1, total: 0 })
        : tellTab(tabId)({ type: 'page:reveal', code, ...(key !== undefined ? { key } : {}) }),
    // Asked only when the user downloads with the box ticked; nothing is kept.
    identifiers: () => (tabId === undefined ? Promise.resolve([]) : tellTab(tabId)({ type: 'page:identifiers' })),
    step: (step) =>
      tabId === undefined ? Promise.resolve({ found: false, index: -1, total: 0 }) : tellTab(tabId)({ type: 'page:step', step }),
    async setMarks(on) {
      if (tabId !== undefined) await tellTab(tabId)({ type: 'page:marks', on });
    },
    async annotateOnce() {
      if (tabId === undefined) return false;
      return browser.scripting.executeScript({ target: { tabId, allFrames: true }, files: [`/${CONTENT_SCRIPT_FILE}`] }).then(
        () => true,
        () => false,
      );
    },
    async alwaysAnnotate() {
      const state = tab.url ? classifyUrl(tab.url) : undefined;
      if (state?.kind !== 'not-enabled' || !state.origin?.startsWith('http')) return false;
      // The background registers the content script when the permission arrives.
      const granted = await browser.permissions.request({ origins: [`${state.origin}/*`] });
      if (granted && tabId !== undefined) await api.annotateOnce();
      return granted;
    },
    loadSettings: () => loadSettings(browser.storage.sync, browser.storage.managed),
    async saveSettings(change) {
      return saveSettings(browser.storage.sync, await loadSettings(browser.storage.sync, browser.storage.managed), change);
    },
    async rawX12() {
      if (tabId === undefined) return false;
      try {
        const [result] = await browser.scripting.executeScript({ target: { tabId, frameIds: [0] }, func: showsRawX12 });
        return result?.result === true;
      } catch {
        // No access to this tab: the reader can still be opened on a file.
        return false;
      }
    },
    async openReader(withTab) {
      // The reader reads the tab's text itself (scripting, under the same grant): nothing passes through storage.
      const url = browser.runtime.getURL('/reader.html');
      await browser.tabs.create({ url: withTab && tabId !== undefined ? `${url}?tab=${tabId}` : url });
      window.close();
    },
    async openPdfInReader() {
      // The reader reads the PDF from this tab (the toolbar click's access), else fetches its address.
      const params = new URLSearchParams();
      if (tab.url) params.set('file', tab.url);
      if (tabId !== undefined) params.set('tab', String(tabId));
      await browser.tabs.create({ url: `${browser.runtime.getURL('/reader.html')}?${params}` });
      window.close();
    },
    async pdfSite() {
      const origin = originOf(tab.url ?? '');
      if (!origin) return undefined;
      const { settings } = await loadSettings(browser.storage.sync, browser.storage.managed);
      return { origin, on: settings.pdfSites.includes(origin) };
    },
    async alwaysOpenPdfs() {
      const origin = originOf(tab.url ?? '');
      if (!origin) return false;
      // Asked in the click's own turn (Firefox refuses a request after an await). Firefox also needs to see
      // and stop the PDF's response (its viewer runs no content script): webRequest, for this site only.
      const firefox = import.meta.env.MANIFEST_VERSION === 2;
      const granted = await browser.permissions
        .request({ origins: [patternOf(origin)], ...(firefox ? { permissions: [...WEB_REQUEST_PERMISSIONS] } : {}) })
        .catch(() => false);
      if (!granted) return false;
      // The background starts catching this site's PDFs when the setting arrives.
      const loaded = await loadSettings(browser.storage.sync, browser.storage.managed);
      await saveSettings(browser.storage.sync, loaded, { pdfSites: [...new Set([...loaded.settings.pdfSites, origin])] });
      return true;
    },
    copy: (text) => copyText(text),
    download: (filename, text, type) => downloadText(filename, text, type),
  };

  return api;
}
