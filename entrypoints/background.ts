import { browser } from 'wxt/browser';
import { toKnownCodes } from '@/lib/catalog/catalog';
import { shippedCatalog } from '@/lib/catalog/data';
import { explain } from '@/lib/catalog/explain';
import { OFFICIAL_STORAGE_KEY, officialMap, readStoredOfficial } from '@/lib/catalog/official-import';
import { CodeSearch } from '@/lib/catalog/search';
import { decodeText } from '@/lib/decode';
import { type BackgroundRequest, type BackgroundResponses, type FrameReport, isBackgroundRequest } from '@/lib/messages';
import { watchPdfSites } from '@/lib/sites/pdf-sites';
import { watchUserSites } from '@/lib/sites/user-sites';

const MAX_BATCH = 5000;
let search: CodeSearch | undefined;
let official: Promise<ReadonlyMap<string, string>> | undefined;

/** The official wording the user imported (options page), read on first need and again after it changes. */
function officialWording(): Promise<ReadonlyMap<string, string>> {
  official ??= browser.storage.local.get(OFFICIAL_STORAGE_KEY).then(
    (stored) => officialMap(readStoredOfficial(stored[OFFICIAL_STORAGE_KEY])),
    () => new Map<string, string>(),
  );
  return official;
}

/** Answers one typed request; exported for unit tests through fakeBrowser. */
export function answer(
  request: BackgroundRequest,
  officialText?: ReadonlyMap<string, string>,
): BackgroundResponses[BackgroundRequest['type']] {
  const catalog = shippedCatalog();
  switch (request.type) {
    case 'catalog:known':
      return catalog.knownCodes();
    case 'catalog:explain':
      return request.items.slice(0, MAX_BATCH).map((item) => explain(catalog, item, officialText));
    case 'catalog:search':
      search ??= new CodeSearch(catalog);
      return search.search(String(request.query).slice(0, 200), request.limit);
    case 'decode':
      return decodeText(String(request.text), toKnownCodes(catalog.knownCodes()));
    case 'frame:report':
    case 'pdf:open':
      // Answered by the listener below (they need the sender); nothing is kept.
      return undefined;
  }
}

/** A frame's codes go to its tab's top frame, which reports the whole tab to the popup. Nothing is kept here. */
function relayFrameReport(report: FrameReport, tabId: number | undefined, frameId: number | undefined): Promise<undefined> {
  if (tabId === undefined || !frameId) return Promise.resolve(undefined);
  return browser.tabs.sendMessage(tabId, { type: 'page:frame-report', frameId, report }, { frameId: 0 }).then(
    () => undefined,
    () => undefined,
  );
}

/** The keyboard commands that walk a page's codes (manifest `commands`), as the tab's content script takes them. */
const STEP_COMMANDS: Record<string, 'next' | 'previous' | 'next-denial'> = {
  'next-code': 'next',
  'previous-code': 'previous',
  'next-denial': 'next-denial',
};

/** A walking command goes to the tab's top frame; a tab without our content script ignores it. */
function stepOnTab(command: string, tabId: number | undefined): void {
  const step = STEP_COMMANDS[command];
  if (!step || tabId === undefined) return;
  browser.tabs.sendMessage(tabId, { type: 'page:step', step }, { frameId: 0 }).catch(() => undefined);
}

/** Keyboard commands, where the browser has them (Firefox for Android has none). */
function listenToCommands(): void {
  const onCommand = (command: string, tab?: { id?: number }) => {
    if (tab?.id !== undefined) stepOnTab(command, tab.id);
    else void browser.tabs.query({ active: true, currentWindow: true }).then(([active]) => stepOnTab(command, active?.id));
  };
  try {
    browser.commands?.onCommand.addListener(onCommand);
  } catch {
    // No commands API here: the popup's buttons do the same.
  }
}

export default defineBackground(() => {
  // "Always annotate this site": content scripts for the origins the user granted (lib/sites/user-sites).
  watchUserSites(browser, (error) => console.warn('Remit Lens: site registration failed', error));
  // "Open this site's PDFs in Remit Lens": Chromium catches them with a content script, Firefox with webRequest.
  const pdfSites = watchPdfSites(browser, import.meta.env.MANIFEST_VERSION === 3 ? 'script' : 'web-request', (error) =>
    console.warn('Remit Lens: PDF sites failed', error),
  );
  official = undefined;
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && OFFICIAL_STORAGE_KEY in changes) official = undefined;
  });
  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    // Only our own extension's pages and content scripts may ask.
    if (sender.id !== browser.runtime.id || !isBackgroundRequest(message)) return undefined;
    if (message.type === 'catalog:explain') return officialWording().then((text) => answer(message, text));
    if (message.type === 'frame:report') return relayFrameReport(message.report, sender.tab?.id, sender.frameId);
    if (message.type === 'pdf:open')
      return pdfSites.open(sender.frameId === 0 ? sender.tab?.id : undefined, sender.url).then(() => undefined);
    return Promise.resolve(answer(message));
  });
  listenToCommands();
  // Parse the catalog and index it for lookup right after start-up, off the first request's path.
  setTimeout(() => {
    search ??= new CodeSearch(shippedCatalog());
  }, 0);
});
