/**
 * Whether a reader can reach a block of text, so its codes are marked and counted once, and only then:
 *
 * - `shown`: on the page now;
 * - `collapsed`: inside something the reader can open (a closed <details>, a panel whose control says
 *   aria-expanded="false", an inactive tab panel, a CSS toggle next to a checkbox or radio): counted,
 *   and its marks appear when it opens;
 * - `hidden`: text no reader can see (zero-size, transparent, visibility:hidden, font-size 0, clipped
 *   to a pixel, off the page, a display:none block that nothing opens — a print or mobile copy of a
 *   table that is also shown): neither marked nor counted.
 *
 * Reads layout and style (checkVisibility, getBoundingClientRect, getComputedStyle) only for blocks
 * that hold codes. Without those APIs (happy-dom) everything reads as shown.
 */
export type Visibility = 'shown' | 'collapsed' | 'hidden';

/** Where an element could be opened from: a closed <details>, an aria-expanded control, a tab, a CSS toggle. */
function opener(el: Element): boolean {
  const doc = el.ownerDocument;
  // A closed <details> shows its summary only; anything else in it waits for the reader to open it.
  const details = el.closest('details:not([open])');
  if (details && !el.closest('summary')) return true;
  for (let a: Element | null = el; a && a !== doc.body; a = a.parentElement) {
    if (a.getAttribute('hidden') === 'until-found') return true;
    const role = a.getAttribute('role');
    if (role === 'tabpanel') return true;
    const id = a.id;
    if (id) {
      const esc = id.replace(/["\\]/g, '\\$&');
      if (doc.querySelector(`[aria-controls~="${esc}"][aria-expanded], [aria-controls~="${esc}"][role="tab"], a[href="#${esc}"]`))
        return true;
    }
    // An accordion's button just before its panel, or a checkbox or radio (or its label) a stylesheet
    // toggles it by ("CSS-only tabs": `#tab2:checked ~ .panels .panel2 { display: block }`). Only for
    // what a stylesheet hides: text hidden by its own style attribute or `hidden` is a script's doing,
    // and a script's panels name their control (aria-controls, aria-expanded), looked for above.
    let prev = a.previousElementSibling;
    if (prev?.hasAttribute('aria-expanded')) return true;
    const hiddenHere =
      a.hasAttribute('hidden') || /display\s*:\s*none|visibility|opacity|font-size|clip|left\s*:\s*-/.test(a.getAttribute('style') ?? '');
    for (let n = 0; prev && !hiddenHere && n < 8; prev = prev.previousElementSibling, n++) {
      if (prev.matches('input[type=checkbox],input[type=radio],label[for]') || prev.querySelector('input[type=checkbox],input[type=radio]'))
        return true;
    }
  }
  return false;
}

/** The box of what an element shows: its own, or, for a box-less element (display: contents), its content's. */
function boxOf(el: Element): DOMRect {
  const rect = el.getBoundingClientRect();
  if (rect.width > 0 || rect.height > 0 || el.ownerDocument.defaultView?.getComputedStyle(el).display !== 'contents') return rect;
  const range = el.ownerDocument.createRange();
  range.selectNodeContents(el);
  return range.getBoundingClientRect();
}

const MIN_SIZE = 2;

/** How a block of text is shown (see the module's comment). */
export function visibilityOf(block: Element): Visibility {
  const el = block;
  const view = block.ownerDocument.defaultView;
  // happy-dom and old browsers: no way to tell, so everything counts as shown.
  if (typeof (el as Partial<Pick<Element, 'checkVisibility'>>).checkVisibility !== 'function' || !view) return 'shown';
  if (el.closest('details:not([open])') && !el.closest('summary')) return 'collapsed';
  if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) {
    // Not rendered, or rendered invisibly: is it something a control opens?
    const style = view.getComputedStyle(block);
    if (style.visibility === 'hidden' || Number.parseFloat(style.opacity) === 0) return opener(block) ? 'collapsed' : 'hidden';
    return opener(block) ? 'collapsed' : 'hidden';
  }
  const rect = boxOf(block);
  if (rect.width < MIN_SIZE || rect.height < MIN_SIZE) return 'hidden';
  // Off the page: placed where no scroll reaches (left: -9999px and its like).
  const doc = block.ownerDocument.documentElement;
  if (rect.right + view.scrollX < 0 || rect.bottom + view.scrollY < 0 || rect.left + view.scrollX > Math.max(doc.scrollWidth, 0) + 1)
    return 'hidden';
  const style = view.getComputedStyle(block);
  if (Number.parseFloat(style.fontSize) === 0) return 'hidden';
  // Clipped to nothing: a screen-reader copy of text shown elsewhere.
  if (/rect\(\s*0(?:px)?[\s,]+0(?:px)?[\s,]+0(?:px)?[\s,]+0(?:px)?\s*\)/.test(style.clip) || style.clipPath === 'inset(50%)')
    return 'hidden';
  return 'shown';
}
