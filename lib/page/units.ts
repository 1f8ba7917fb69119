/**
 * Splits a page into text units: runs of text nodes that read as one piece of text (inline
 * elements joined, so `<b>CO</b>-45` is seen as "CO-45"), broken at block elements, line breaks
 * and table cells. Skips what must never be marked: scripts, styles, form fields, editable
 * regions and our own UI.
 */
export const MARK_TAG = 'REMIT-MARK';
export const CARD_HOST_TAG = 'REMIT-LENS-CARD';

const SKIP = new Set([
  'SCRIPT',
  'BUTTON',
  'STYLE',
  'NOSCRIPT',
  'TEXTAREA',
  'INPUT',
  'SELECT',
  'OPTION',
  'TEMPLATE',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'CANVAS',
  'SVG',
  'MATH',
  'HEAD',
  'TITLE',
  MARK_TAG,
  CARD_HOST_TAG,
]);

const INLINE = new Set([
  'A',
  'ABBR',
  'B',
  'BDI',
  'BDO',
  'CITE',
  'CODE',
  'DATA',
  'DFN',
  'EM',
  'FONT',
  'I',
  'KBD',
  'LABEL',
  'MARK',
  'NOBR',
  'Q',
  'S',
  'SAMP',
  'SMALL',
  'SPAN',
  'STRONG',
  'SUB',
  'SUP',
  'TIME',
  'TT',
  'U',
  'VAR',
  'WBR',
]);

const NOT_BLANK = /\S/;

const CELL_ROLES = new Set(['cell', 'gridcell', 'columnheader', 'rowheader', 'row']);

/**
 * Elements (and their subtrees) that are never scanned: code, form fields, editors (a biller typing
 * a note must not find marks in it), buttons (a mark is focusable; a button must not hold one).
 */
export function isSkipped(el: Element): boolean {
  if (SKIP.has(el.tagName.toUpperCase())) return true;
  // Most elements of a big table have no attributes at all: no need to read any.
  if (!el.hasAttributes()) return false;
  const editable = el.getAttribute('contenteditable');
  if (editable !== null && editable !== 'false') return true;
  const role = el.getAttribute('role');
  return role === 'textbox' || role === 'searchbox' || role === 'combobox';
}

/** True when `el` or one of its ancestors is skipped: changes in there are never scanned. */
export function isInSkipped(el: Element): boolean {
  for (let e: Element | null = el; e; e = e.parentElement) if (isSkipped(e)) return true;
  return false;
}

/** Inline elements join their text with their neighbours'; everything else is a boundary. */
export function isInline(el: Element): boolean {
  if (!INLINE.has(el.tagName.toUpperCase())) return false;
  if (!el.hasAttributes()) return true;
  const role = el.getAttribute('role');
  return role === null || !CELL_ROLES.has(role);
}

export interface TextUnit {
  nodes: Text[];
  /** Offset of each node's first character in `text`. */
  starts: number[];
  text: string;
  /** The nearest non-inline ancestor: the cell, paragraph or <pre> this text lives in. */
  block: Element;
}

/** The element whose boundaries delimit a unit for this text node. */
export function blockOf(node: Node): Element | null {
  let el = node.parentElement;
  while (el && isInline(el)) el = el.parentElement;
  return el;
}

export interface UnitWalker {
  next(): TextUnit | null;
  /** Remembers where the walk stands, before the caller lets the page run. */
  checkpoint(): void;
  /**
   * After the page ran: if it removed the node the walk would go on from, the walk continues after
   * the nearest ancestor still in place, and that ancestor is returned: part of it may have been
   * missed, so the caller should scan it again.
   */
  resync(): Element | null;
}

/** Walks `root` and returns its text units one by one, in document order. */
export function createUnitWalker(root: Node): UnitWalker {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, 0x1 | 0x4 /* SHOW_ELEMENT | SHOW_TEXT */);
  let pending: Node | null = walker.nextNode();
  /** `pending` and its ancestors up to root (nearest first) at the last checkpoint. */
  let path: Node[] = [];

  /** The first node after `node`'s subtree (still inside root), or null. */
  const after = (node: Node): Node | null => {
    walker.currentNode = node;
    for (;;) {
      const sibling = walker.nextSibling();
      if (sibling) return sibling;
      if (!walker.parentNode()) return null;
    }
  };

  return {
    next(): TextUnit | null {
      let unit: TextUnit | null = null;
      while (pending) {
        const node = pending;
        if (node.nodeType === 3) {
          const text = node as Text;
          const block = blockOf(text);
          if (unit && block !== unit.block) return unit; // keep `pending`: it starts the next unit
          // Whitespace before any text (the newlines between a table's rows) starts no unit.
          if (block && (unit ? text.data !== '' : NOT_BLANK.test(text.data))) {
            unit ??= { nodes: [], starts: [], text: '', block };
            unit.starts.push(unit.text.length);
            unit.nodes.push(text);
            unit.text += text.data;
          }
          walker.currentNode = node;
          pending = walker.nextNode();
        } else if (isSkipped(node as Element)) {
          // Skipped content (a field, a script, one of our marks) also ends the run of text.
          pending = after(node);
          if (unit) return unit;
        } else {
          walker.currentNode = node;
          pending = walker.nextNode();
          // A <br>, an image or a nested block ends the run.
          if (unit && !isInline(node as Element)) return unit;
        }
      }
      return unit;
    },
    checkpoint(): void {
      path = [];
      for (let n: Node | null = pending; n && n !== root; n = n.parentNode) path.push(n);
    },
    resync(): Element | null {
      if (!pending || path[0] !== pending) return null;
      if (root.contains(pending) && pending.isConnected) return null;
      const kept = path.find((n) => n.isConnected && root.contains(n) && n !== pending);
      if (kept?.nodeType !== 1) {
        pending = null;
        return root.nodeType === 1 ? (root as Element) : null;
      }
      pending = after(kept);
      return kept as Element;
    },
  };
}

export function collectUnits(root: Node): TextUnit[] {
  const units: TextUnit[] = [];
  const walker = createUnitWalker(root);
  for (let unit = walker.next(); unit; unit = walker.next()) units.push(unit);
  return units;
}
