/**
 * What the reader runs in other tabs or around its own requests: a PDF read by the tab that shows it, the
 * raw X12 of the tab the popup sent, and a fetch told apart from the reader's own policy refusing it.
 */

export type TabDocument = { base64: string } | { error: string };

/**
 * Runs in the tab that shows a PDF in the browser's viewer: the document at the tab's address, from the
 * browser's cache when it has it (else asked again, as the tab itself would), as base64. Refuses when the
 * tab has moved on or what comes back is not a PDF.
 */
export async function tabDocument(url: string, max: number): Promise<TabDocument> {
  const bare = (u: string) => u.split('#')[0];
  if (bare(location.href) !== bare(url)) return { error: 'the tab shows another page now' };
  try {
    const response = await fetch(location.href, { cache: 'force-cache', credentials: 'same-origin' });
    if (!response.ok) return { error: `the server answered ${response.status}` };
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.length > max) return { error: 'the document is too large to pass from the tab' };
    let text = '';
    for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return { base64: btoa(text) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Runs a fetch and tells the page's own policy refusing it (the extension's CSP lets the reader fetch
 * https:// addresses only) from a site refusing it: the first throws a `PolicyError`.
 */
export async function policed<T>(url: URL, request: () => Promise<T>): Promise<T> {
  let refused = false;
  const onViolation = (e: SecurityPolicyViolationEvent) => {
    if (e.effectiveDirective === 'connect-src' && e.blockedURI.startsWith(url.origin)) refused = true;
  };
  document.addEventListener('securitypolicyviolation', onViolation);
  try {
    return await request();
  } catch (error) {
    // The violation event is queued as a task of its own: give it its turn before deciding.
    await new Promise((resolve) => setTimeout(resolve, 20));
    if (!refused) throw error;
    const policy = new Error('the reader may open https:// addresses only');
    policy.name = 'PolicyError';
    throw policy;
  } finally {
    document.removeEventListener('securitypolicyviolation', onViolation);
  }
}

export function fromBase64(base64: string): Uint8Array {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** Runs in the tab the popup sent: its raw X12 (a text/plain document, or the <pre>/<textarea> holding it). */
export function pageX12(): string {
  const looks = (t: string) => /(?:^|[^A-Za-z0-9])(?:ISA|ST|CLP)[*|^!+]/.test(t.slice(0, 200_000));
  if (document.contentType === 'text/plain') return document.body?.textContent ?? '';
  for (const el of Array.from(document.querySelectorAll('pre, textarea, code'))) {
    const text = el instanceof HTMLTextAreaElement ? el.value : (el.textContent ?? '');
    if (looks(text)) return text;
  }
  // biome-ignore lint/performance/useDomNodeTextContent: an HTML page's segments are often one per <div> or <br>: the rendered lines keep them apart.
  return document.body?.innerText ?? '';
}
