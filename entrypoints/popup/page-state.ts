/**
 * What the popup can tell about a tab it has no content script in, without the "tabs"
 * permission: from the page itself when a probe may run there, else from the browser's reason
 * for refusing the probe, else from the URL when the browser shows it.
 */
import type { PageState } from '@/components/popup-api';

/** What the probe reads from the page (nothing from its content). */
export interface ProbedPage {
  contentType?: string;
  protocol?: string;
  origin?: string;
}

export function stateOfProbedPage(page: ProbedPage): PageState {
  if (page.contentType === 'application/pdf') return { kind: 'cannot-scan', reason: 'pdf' };
  if (page.protocol === 'file:') return { kind: 'not-enabled', origin: 'this file' };
  if (page.protocol !== 'http:' && page.protocol !== 'https:') return { kind: 'cannot-scan', reason: 'browser-page' };
  return { kind: 'not-enabled', ...(page.origin ? { origin: page.origin } : {}) };
}

/**
 * Chrome refuses with "Cannot access a chrome:// URL" (or chrome-extension://, devtools:// …),
 * "The extensions gallery cannot be scripted", "Frame … is showing error page", or, for a web
 * page without host access, "Cannot access contents of the page" (which hides the URL).
 */
export function classifyProbeError(message: string): PageState {
  if (/no tab with id/i.test(message)) return { kind: 'cannot-scan', reason: 'no-tab' };
  if (/extensions gallery|web ?store/i.test(message)) return { kind: 'cannot-scan', reason: 'store' };
  if (/error page/i.test(message)) return { kind: 'cannot-scan', reason: 'error-page' };
  if (/\bfile:\/\//i.test(message)) return { kind: 'file-access' };
  if (/cannot access a [a-z-]+:/i.test(message) || /\b(?:about|data|view-source|javascript):/i.test(message)) {
    return { kind: 'cannot-scan', reason: 'browser-page' };
  }
  return { kind: 'not-enabled' };
}

/** From a URL the browser showed us (activeTab or a granted host). */
export function classifyUrl(url: string): PageState {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: 'cannot-scan', reason: 'browser-page' };
  }
  if (
    parsed.hostname === 'chromewebstore.google.com' ||
    parsed.hostname === 'chrome.google.com' ||
    parsed.hostname === 'addons.mozilla.org'
  ) {
    return { kind: 'cannot-scan', reason: 'store' };
  }
  if (/\.pdf$/i.test(parsed.pathname)) return { kind: 'cannot-scan', reason: 'pdf' };
  if (parsed.protocol === 'file:') return { kind: 'file-access' };
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return { kind: 'cannot-scan', reason: 'browser-page' };
  return { kind: 'not-enabled', origin: parsed.origin };
}
