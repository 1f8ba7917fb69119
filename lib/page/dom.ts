/**
 * Node kinds as type guards, read from `nodeType`: `instanceof` fails for nodes of another realm (a
 * frame's document, a DOMParser document, a content script's isolated world), `nodeType` never does.
 */
export const isElement = (node: Node | null | undefined): node is Element => node?.nodeType === 1;
export const isText = (node: Node | null | undefined): node is Text => node?.nodeType === 3;
export const isDocument = (node: Node | null | undefined): node is Document => node?.nodeType === 9;
/** A shadow root (the only document fragment a page's tree can hold). */
export const isShadowRoot = (node: Node | null | undefined): node is ShadowRoot => node?.nodeType === 11 && 'host' in node;
