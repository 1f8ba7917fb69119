/**
 * How marks look. Only paint properties (background, underline, outline): nothing that can move
 * text or change a table's layout. Colours are translucent so they read on light and dark pages;
 * the muted look (contractual, sequestration) is mixed from the text's own colour, so it stays
 * quiet but visible on any background. The mark never changes the text colour itself.
 */
export const MARK_CSS = `
remit-mark[data-remit-code] {
  background-color: color-mix(in srgb, currentColor 13%, transparent) !important;
  text-decoration-line: underline !important;
  text-decoration-style: dotted !important;
  text-decoration-thickness: 2px !important;
  text-underline-offset: 2px !important;
  text-decoration-color: color-mix(in srgb, currentColor 60%, transparent) !important;
  border-radius: 2px;
  cursor: help;
}
remit-mark[data-remit-tone="patient"] { background-color: rgb(245 166 35 / 0.3) !important; text-decoration-color: #c77c00 !important; }
remit-mark[data-remit-tone="denial"] { background-color: rgb(229 57 53 / 0.22) !important; text-decoration-color: #d32f2f !important; text-decoration-style: solid !important; }
remit-mark[data-remit-tone="review"] { background-color: rgb(126 87 194 / 0.22) !important; text-decoration-color: #7e57c2 !important; }
remit-mark[data-remit-tone="info"] { background-color: rgb(30 136 229 / 0.16) !important; text-decoration-color: #1e88e5 !important; }
remit-mark[data-remit-tone="plain"] { background-color: transparent !important; }
html[data-remit-lens-style="underline"] remit-mark[data-remit-code] { background-color: transparent !important; }
remit-mark[data-remit-code]:focus-visible { outline: 2px solid #1e6fd9 !important; outline-offset: 1px; }
remit-mark[data-remit-flash] { outline: 3px solid #ff9800 !important; outline-offset: 2px; }
`;

/**
 * Adds the mark styles without adding a node to the page when the browser allows it
 * (constructable stylesheets); returns a function that removes them again.
 */
export function installMarkStyle(doc: Document): () => void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(MARK_CSS);
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
    return () => {
      doc.adoptedStyleSheets = doc.adoptedStyleSheets.filter((s) => s !== sheet);
    };
  } catch {
    const style = doc.createElement('style');
    style.textContent = MARK_CSS;
    (doc.head ?? doc.documentElement).append(style);
    return () => style.remove();
  }
}
