/**
 * Answers the popup: the page's report (once, or followed through a port), "find it on the page",
 * and marks on or off. Registered once per content script and released with it.
 */
import { type Browser, browser } from 'wxt/browser';
import { type ContentRequest, isContentRequest, type PageReport, REPORT_PORT } from '@/lib/messages';
import type { PageLens } from './lens';

/** A page we do not scan says why (the browser's PDF viewer, a site the user switched off). */
export function emptyReport(unscanned?: PageReport['unscanned']): PageReport {
  return { mentions: [], marksOn: false, scanning: false, ...(unscanned ? { unscanned } : {}) };
}

export function answerPopup(signal: AbortSignal, lens: PageLens | null, unscanned?: PageReport['unscanned']): void {
  const empty = emptyReport(unscanned);
  const onMessage = (message: unknown) => {
    if (!isContentRequest(message)) return undefined;
    const request: ContentRequest = message;
    switch (request.type) {
      case 'page:report':
        return Promise.resolve(lens?.report() ?? empty);
      case 'page:reveal':
        return lens?.reveal(request.code, request.key) ?? Promise.resolve({ found: false, index: -1, total: 0 });
      case 'page:step':
        return lens?.step(request.step) ?? Promise.resolve({ found: false, index: -1, total: 0 });
      case 'page:identifiers':
        // Only for an export the user asked to have them in: read now, never kept.
        return Promise.resolve(lens?.identifiers() ?? []);
      case 'page:marks':
        return (lens?.setMarks(request.on) ?? Promise.resolve()).then(() => lens?.report() ?? empty);
      case 'page:frame-report':
        lens?.frameReport(request.frameId, request.report);
        return Promise.resolve(undefined);
    }
  };
  const onConnect = (port: Browser.runtime.Port) => {
    if (port.name !== REPORT_PORT) return;
    const unsubscribe = lens?.subscribe((report) => port.postMessage({ report })) ?? (() => undefined);
    if (!lens) port.postMessage({ report: empty });
    port.onDisconnect.addListener(unsubscribe);
    signal.addEventListener('abort', () => unsubscribe(), { once: true });
  };
  browser.runtime.onMessage.addListener(onMessage);
  browser.runtime.onConnect.addListener(onConnect);
  signal.addEventListener(
    'abort',
    () => {
      browser.runtime.onMessage.removeListener(onMessage);
      browser.runtime.onConnect.removeListener(onConnect);
    },
    { once: true },
  );
}
