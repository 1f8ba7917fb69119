/**
 * The shadow root an element hosts, closed ones included where the browser lets extensions see them:
 * Chrome's chrome.dom.openOrClosedShadowRoot(), Firefox's `element.openOrClosedShadowRoot` (a
 * property, in content scripts). Only custom elements (a '-' in the name) are asked that way: the
 * built-in elements that may host a root almost never hold a closed one, and a plain property read
 * per element keeps a big light-DOM page as fast as before.
 */
import type { ShadowRootOf } from '@/lib/page/units';

type ChromeDom = { openOrClosedShadowRoot?: (el: HTMLElement) => ShadowRoot | null };
type FirefoxElement = Element & { openOrClosedShadowRoot?: ShadowRoot | null };

export function shadowRootReader(doc: Document = document): ShadowRootOf {
  const dom = (globalThis as { chrome?: { dom?: ChromeDom } }).chrome?.dom;
  const chromeRoot = dom?.openOrClosedShadowRoot;
  if (typeof chromeRoot === 'function') {
    return (el) => {
      if (!el.tagName.includes('-')) return el.shadowRoot;
      try {
        return chromeRoot.call(dom, el as HTMLElement) ?? null;
      } catch {
        // Not an HTML element (an SVG or MathML name with a '-'): no shadow root of its own to find.
        return el.shadowRoot;
      }
    };
  }
  if ('openOrClosedShadowRoot' in doc.documentElement) {
    return (el) => (el.tagName.includes('-') ? ((el as FirefoxElement).openOrClosedShadowRoot ?? null) : el.shadowRoot);
  }
  return (el) => el.shadowRoot;
}
