/** What the popup asks of a tab it may not see into: scripts run in the tab, yes-or-no answers back. */
import { browser } from 'wxt/browser';
import type { ProbedPage } from './page-state';

/**
 * Runs a one-line probe in the tab. Where it runs, the popup has access and learns what the page
 * is; where it is refused, the browser's reason tells a browser page from a site not switched on.
 */
export async function probe(tabId: number): Promise<{ page: ProbedPage } | { error: string }> {
  try {
    const [result] = await browser.scripting.executeScript({
      target: { tabId, frameIds: [0] },
      func: () => ({ contentType: document.contentType, protocol: location.protocol, origin: location.origin }),
    });
    return { page: (result?.result ?? {}) as ProbedPage };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** Runs in the tab: is it raw X12 (a text document, or a <pre>/<textarea> holding an interchange)? Reads nothing back but yes or no. */
export function showsRawX12(): boolean {
  const text =
    document.contentType === 'text/plain'
      ? (document.body?.textContent ?? '')
      : Array.from(document.querySelectorAll('pre, textarea'), (el) =>
          el instanceof HTMLTextAreaElement ? el.value : (el.textContent ?? ''),
        ).join('\n');
  const head = text.slice(0, 50_000);
  return /(?:^|[^A-Za-z0-9])ISA[*|^!+]/.test(head) || /(?:^|[~\n])\s*ST[*|^!+]835/.test(head);
}
