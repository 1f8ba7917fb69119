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
]);

const CELL_ROLES = new Set(['cell', 'gridcell', 'columnheader', 'rowheader', 'row']);

/** Elements (and their subtrees) that are never scanned. */
export function isSkipped(el: Element): boolean {
  if (SKIP.has(el.tagName.toUpperCase())) return true;
  const editable = el.getAttribute('contenteditable');
  return editable !== null && editable !== 'false';
}

/** Inline elements join their text with their neighbours'; everything else is a boundary. */
export function isInline(el: Element): boolean {
  if (!INLINE.has(el.tagName.toUpperCase())) return false;
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

/**
 * Walks `root` and calls `onUnit` for each text unit, in document order. `shouldStop` is
 * checked between units so a caller can yield to the page; the returned function resumes.
 */
export function createUnitWalker(root: Node): { next(): TextUnit | null } {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, 0x1 | 0x4 /* SHOW_ELEMENT | SHOW_TEXT */, {
    acceptNode(node) {
      if (node.nodeType === 1 && isSkipped(node as Element)) return 2; /* FILTER_REJECT: skip subtree */
      return 1;
    },
  });
  let pending: Node | null = walker.nextNode();

  return {
    next(): TextUnit | null {
      let unit: TextUnit | null = null;
      while (pending) {
        const node = pending;
        if (node.nodeType === 3) {
          const text = node as Text;
          const block = blockOf(text);
          if (unit && block !== unit.block) return unit; // keep `pending`: it starts the next unit
          if (text.data !== '' && block) {
            unit ??= { nodes: [], starts: [], text: '', block };
            unit.starts.push(unit.text.length);
            unit.nodes.push(text);
            unit.text += text.data;
          }
        } else if (unit && !isInline(node as Element)) {
          // A <br>, an image or a nested block ends the run.
          pending = walker.nextNode();
          return unit;
        }
        pending = walker.nextNode();
      }
      return unit;
    },
  };
}

export function collectUnits(root: Node): TextUnit[] {
  const units: TextUnit[] = [];
  const walker = createUnitWalker(root);
  for (let unit = walker.next(); unit; unit = walker.next()) units.push(unit);
  return units;
}
