/**
 * How marks look. Only paint properties (background, underline, outline): nothing that can move
 * text or change a table's layout. Colours are translucent so they read on light and dark pages;
 * the muted look (contractual, sequestration) is mixed from the text's own colour, so it stays
 * quiet but visible on any background. The mark never changes the text colour itself.
 *
 * The underline-only style is a custom property set on <html>: it inherits into shadow trees,
 * where a rule on `html[…] remit-mark` cannot match (a shadow tree's sheet sees only its own tree).
 */
export const MARK_CSS = `
remit-mark[data-remit-code] {
  background-color: var(--remit-lens-fill, color-mix(in srgb, currentColor 13%, transparent)) !important;
  text-decoration-line: underline !important;
  text-decoration-style: dotted !important;
  text-decoration-thickness: 2px !important;
  text-underline-offset: 2px !important;
  text-decoration-color: color-mix(in srgb, currentColor 60%, transparent) !important;
  border-radius: 2px;
  cursor: help;
}
remit-mark[data-remit-tone="patient"] { background-color: var(--remit-lens-fill, rgb(245 166 35 / 0.3)) !important; text-decoration-color: #c77c00 !important; }
remit-mark[data-remit-tone="denial"] { background-color: var(--remit-lens-fill, rgb(229 57 53 / 0.22)) !important; text-decoration-color: #d32f2f !important; text-decoration-style: solid !important; }
remit-mark[data-remit-tone="review"] { background-color: var(--remit-lens-fill, rgb(126 87 194 / 0.22)) !important; text-decoration-color: #7e57c2 !important; }
remit-mark[data-remit-tone="info"] { background-color: var(--remit-lens-fill, rgb(30 136 229 / 0.16)) !important; text-decoration-color: #1e88e5 !important; }
remit-mark[data-remit-tone="plain"] { background-color: transparent !important; }
html[data-remit-lens-style="underline"] { --remit-lens-fill: transparent; }
remit-mark[data-remit-code]:focus-visible { outline: 2px solid #1e6fd9 !important; outline-offset: 1px; }
remit-mark[data-remit-flash] { outline: 3px solid #ff9800 !important; outline-offset: 2px; }
tspan[data-remit-code] { text-decoration-line: underline !important; text-decoration-style: dotted !important; text-decoration-thickness: 2px !important; cursor: help; }
tspan[data-remit-tone="patient"] { text-decoration-color: #c77c00 !important; }
tspan[data-remit-tone="denial"] { text-decoration-color: #d32f2f !important; text-decoration-style: solid !important; }
tspan[data-remit-tone="review"] { text-decoration-color: #7e57c2 !important; }
tspan[data-remit-tone="info"] { text-decoration-color: #1e88e5 !important; }
tspan[data-remit-flash] { text-decoration-color: #ff9800 !important; text-decoration-style: solid !important; }
`;

export interface MarkSheet {
  /** Adds the styles to a shadow root that holds marks: the document's styles do not reach inside. */
  adopt(root: ShadowRoot): void;
  /** Takes them out of that shadow root again. */
  unadopt(root: ShadowRoot): void;
  /** Takes them out of the document. */
  remove(): void;
}

/**
 * Adds the mark styles without adding a node to the page when the browser allows it
 * (constructable stylesheets, one sheet shared by the document and every shadow root).
 */
export function installMarkSheet(doc: Document): MarkSheet {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(MARK_CSS);
    const add = (target: Document | ShadowRoot) => {
      if (!target.adoptedStyleSheets.includes(sheet)) target.adoptedStyleSheets = [...target.adoptedStyleSheets, sheet];
    };
    const drop = (target: Document | ShadowRoot) => {
      if (target.adoptedStyleSheets.includes(sheet)) target.adoptedStyleSheets = target.adoptedStyleSheets.filter((s) => s !== sheet);
    };
    add(doc);
    return {
      adopt: (root) => {
        try {
          add(root);
        } catch {
          // A root that refuses the sheet keeps unstyled (still working) marks.
        }
      },
      unadopt: drop,
      remove: () => drop(doc),
    };
  } catch {
    // No constructable sheets: a <style> element, taken out again with the marks.
    const styles = new WeakMap<Document | ShadowRoot, HTMLStyleElement>();
    const add = (target: Document | ShadowRoot, parent: ParentNode) => {
      if (styles.get(target)?.isConnected) return;
      const style = doc.createElement('style');
      style.textContent = MARK_CSS;
      parent.append(style);
      styles.set(target, style);
    };
    add(doc, doc.head ?? doc.documentElement);
    return {
      adopt: (root) => add(root, root),
      unadopt: (root) => styles.get(root)?.remove(),
      remove: () => styles.get(doc)?.remove(),
    };
  }
}
