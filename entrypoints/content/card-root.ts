/** The card's shadow root and its host element. */

/**
 * The card's root is closed, so the page cannot read or rewrite the card; the e2e build leaves it open
 * for the tests that read the card (a production-build test checks the page cannot).
 */
const ROOT_MODE: ShadowRootMode = import.meta.env.MODE === 'e2e' ? 'open' : 'closed';

/**
 * The card's host: our own element name, or, when the page took that name over (defined it first,
 * with a constructor of its own or shadow roots disabled), a plain <div>, which no page can redefine.
 */
export function makeHost(doc: Document): { host: HTMLElement; shadow: ShadowRoot } {
  try {
    const host = doc.createElement('remit-lens-card');
    return { host, shadow: host.attachShadow({ mode: ROOT_MODE }) };
  } catch {
    const host = doc.createElement('div');
    return { host, shadow: host.attachShadow({ mode: ROOT_MODE }) };
  }
}
