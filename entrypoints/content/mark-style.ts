/**
 * How marks look. Only paint properties (background, underline, outline): nothing that can move
 * text or change a table's layout. Colours are translucent so they read on light and dark pages;
 * the muted look (contractual, sequestration) is mixed from the text's own colour, so it stays
 * quiet but visible on any background. The mark never changes the text colour itself.
 *
 * The user's choices (underline only, categories left uncoloured) are rules appended to this one
 * sheet (MarkSheet.configure), which also reaches the shadow roots that adopt it: nothing on the page's
 * own elements says what the user chose.
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
remit-mark[data-remit-code]:focus-visible { outline: 2px solid #1e6fd9 !important; outline-offset: 1px; }
remit-mark[data-remit-flash] { outline: 3px solid #ff9800 !important; outline-offset: 2px; }
remit-mark[data-remit-overlay] { position: absolute !important; display: block !important; pointer-events: none !important; box-sizing: border-box !important; margin: 0 !important; padding: 0 !important; text-decoration: none !important; border-bottom: 2px dotted color-mix(in srgb, currentColor 60%, transparent); }
remit-mark[data-remit-overlay][data-remit-tone="patient"] { border-bottom-color: #c77c00; }
remit-mark[data-remit-overlay][data-remit-tone="denial"] { border-bottom: 2px solid #d32f2f; }
remit-mark[data-remit-overlay][data-remit-tone="review"] { border-bottom-color: #7e57c2; }
remit-mark[data-remit-overlay][data-remit-tone="info"] { border-bottom-color: #1e88e5; }
tspan[data-remit-code] { text-decoration-line: underline !important; text-decoration-style: dotted !important; text-decoration-thickness: 2px !important; cursor: help; }
tspan[data-remit-tone="patient"] { text-decoration-color: #c77c00 !important; }
tspan[data-remit-tone="denial"] { text-decoration-color: #d32f2f !important; text-decoration-style: solid !important; }
tspan[data-remit-tone="review"] { text-decoration-color: #7e57c2 !important; }
tspan[data-remit-tone="info"] { text-decoration-color: #1e88e5 !important; }
tspan[data-remit-flash] { text-decoration-color: #ff9800 !important; text-decoration-style: solid !important; }
`;

/**
 * The highlights of codes in huge blocks where no overlay mark can go (lib/page/huge-blocks.ts). Added
 * only once a page needs them: a ::highlight() rule matches every element, so adding one makes the
 * browser restyle the whole page (1.2 s on the 2,000-claim bench page, against 55 ms for rules that
 * match remit-mark only).
 */
export const HIGHLIGHT_CSS = `
::highlight(remit-lens-mark), ::highlight(remit-lens-muted), ::highlight(remit-lens-plain) { background-color: color-mix(in srgb, currentColor 13%, transparent); text-decoration: underline dotted color-mix(in srgb, currentColor 60%, transparent); }
::highlight(remit-lens-patient) { background-color: rgb(245 166 35 / 0.3); text-decoration: underline dotted #c77c00; }
::highlight(remit-lens-denial) { background-color: rgb(229 57 53 / 0.22); text-decoration: underline solid #d32f2f; }
::highlight(remit-lens-review) { background-color: rgb(126 87 194 / 0.22); text-decoration: underline dotted #7e57c2; }
::highlight(remit-lens-info) { background-color: rgb(30 136 229 / 0.16); text-decoration: underline dotted #1e88e5; }
::highlight(remit-lens-plain) { background-color: transparent; }
::highlight(remit-lens-flash) { background-color: rgb(255 152 0 / 0.45); text-decoration: underline solid #ff9800; }
`;

/** The highlights of codes in huge blocks (lib/page/huge-blocks.ts), one per tone. */
const HIGHLIGHTS = ['mark', 'muted', 'plain', 'patient', 'denial', 'review', 'info'];

/** What the user chose about how marks look. */
export interface MarkLook {
  underline: boolean;
  /** Codes whose category the user left uncoloured: a plain dotted underline. */
  plainCodes: readonly string[];
  /** Whether the page has codes painted as highlights (HIGHLIGHT_CSS). */
  highlights?: boolean;
}

/** The rules a look adds after MARK_CSS (later rules of the same specificity win). */
export function lookCss(look: MarkLook): string {
  const rules: string[] = look.highlights ? [HIGHLIGHT_CSS] : [];
  if (look.underline) {
    rules.push('remit-mark[data-remit-code] { background-color: transparent !important; }');
    if (look.highlights)
      rules.push(`${HIGHLIGHTS.map((h) => `::highlight(remit-lens-${h})`).join(', ')} { background-color: transparent; }`);
  }
  // Codes are normalized (`CO-45`, `N130`): safe inside a quoted attribute selector.
  const plain = look.plainCodes.filter((c) => /^[A-Z0-9-]+$/.test(c));
  if (plain.length > 0) {
    const marks = plain.map((c) => `remit-mark[data-remit-code="${c}"]`).join(', ');
    const tspans = plain.map((c) => `tspan[data-remit-code="${c}"]`).join(', ');
    rules.push(
      `${marks} { background-color: transparent !important; text-decoration-style: dotted !important; text-decoration-color: color-mix(in srgb, currentColor 60%, transparent) !important; }`,
    );
    rules.push(`${tspans} { text-decoration-style: dotted !important; text-decoration-color: currentColor !important; }`);
  }
  return rules.join('\n');
}

export interface MarkSheet {
  /** Sets the user's look (rewrites the sheet only when it changed). */
  configure(look: MarkLook): void;
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
    let css = MARK_CSS;
    const add = (target: Document | ShadowRoot) => {
      if (!target.adoptedStyleSheets.includes(sheet)) target.adoptedStyleSheets = [...target.adoptedStyleSheets, sheet];
    };
    const drop = (target: Document | ShadowRoot) => {
      if (target.adoptedStyleSheets.includes(sheet)) target.adoptedStyleSheets = target.adoptedStyleSheets.filter((s) => s !== sheet);
    };
    add(doc);
    return {
      configure: (look) => {
        const next = `${MARK_CSS}\n${lookCss(look)}`;
        if (next === css) return;
        css = next;
        sheet.replaceSync(css);
      },
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
    const styles = new Map<Document | ShadowRoot, HTMLStyleElement>();
    let css = MARK_CSS;
    const add = (target: Document | ShadowRoot, parent: ParentNode) => {
      if (styles.get(target)?.isConnected) return;
      const style = doc.createElement('style');
      style.textContent = css;
      parent.append(style);
      styles.set(target, style);
    };
    add(doc, doc.head ?? doc.documentElement);
    return {
      configure: (look) => {
        const next = `${MARK_CSS}\n${lookCss(look)}`;
        if (next === css) return;
        css = next;
        for (const style of styles.values()) style.textContent = css;
      },
      adopt: (root) => add(root, root),
      unadopt: (root) => {
        styles.get(root)?.remove();
        styles.delete(root);
      },
      remove: () => styles.get(doc)?.remove(),
    };
  }
}
