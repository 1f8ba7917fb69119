/**
 * Splits a page into text units: runs of text nodes that read as one piece of text (inline
 * elements joined, so `<b>CO</b>-45` is seen as "CO-45"), broken at block elements, line breaks
 * and table cells. Skips what must never be marked: scripts, styles, form fields, editable
 * regions and our own UI. Goes into the shadow roots of web components (open ones, or whatever
 * `shadowRootOf` gives), which a TreeWalker alone never enters.
 */
import { isElement, isShadowRoot, isText } from './dom';

export const MARK_TAG = 'REMIT-MARK';
/** The mark element's name as createElement and selectors take it. */
export const MARK_NAME = 'remit-mark';
export const CARD_HOST_TAG = 'REMIT-LENS-CARD';
export const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * A mark: a <remit-mark> element, or inside SVG text (a chart's labels) an SVG <tspan>, since an HTML
 * element there would not render. Both carry the page contract's attributes.
 */
export type MarkElement = HTMLElement | SVGElement;

/** True for one of our marks (the walk never reads inside them). */
export function isMark(el: Element): boolean {
  const tag = el.tagName.toUpperCase();
  return tag === MARK_TAG || (tag === 'TSPAN' && el.hasAttribute('data-remit-code'));
}

/** Every mark of ours under `root`. */
export const MARK_SELECTOR = `${MARK_NAME}, tspan[data-remit-code]`;

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
  // Inside SVG only text elements are read: a chart's labels, not its definitions or descriptions.
  'DEFS',
  'DESC',
  'METADATA',
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
  // SVG text runs: part of their <text> element's line.
  'TSPAN',
  'TEXTPATH',
]);

const NOT_BLANK = /\S/;

const CELL_ROLES = new Set(['cell', 'gridcell', 'columnheader', 'rowheader', 'row']);

/**
 * Elements (and their subtrees) that are never scanned: code, form fields, editors (a biller typing
 * a note must not find marks in it), buttons (a mark is focusable; a button must not hold one).
 */
export function isSkipped(el: Element): boolean {
  const tag = el.tagName.toUpperCase();
  if (SKIP.has(tag)) return true;
  if (tag === 'TSPAN' && el.hasAttribute('data-remit-code')) return true;
  // Most elements of a big table have no attributes at all: no need to read any.
  if (!el.hasAttributes()) return false;
  const editable = el.getAttribute('contenteditable');
  if (editable !== null && editable !== 'false') return true;
  const role = el.getAttribute('role');
  return role === 'textbox' || role === 'searchbox' || role === 'combobox';
}

/**
 * The element a node hangs from. A shadow root's children hang from its host: the root is not an
 * element, and a walk up from inside a component must still meet what the host sits in.
 */
export function parentOf(node: Node): Element | null {
  return node.parentElement ?? hostOf(node.parentNode);
}

/** The host of a shadow root, or null for any other node. */
function hostOf(node: Node | null): Element | null {
  return isShadowRoot(node) ? node.host : null;
}

/**
 * Order of two nodes on the page, -1 when `a` comes first; across shadow trees too, where
 * compareDocumentPosition only says "disconnected". A shadow tree's content comes at its host.
 */
export function composedOrder(a: Node, b: Node): number {
  if (a === b) return 0;
  // Each node, then the host of its tree, then that host's host...: the first pair in one tree decides.
  const hosts = (node: Node): Node[] => {
    const out = [node];
    for (let host = hostOf(node.getRootNode()); host; host = hostOf(host.getRootNode())) out.push(host);
    return out;
  };
  const left = hosts(a);
  const right = hosts(b);
  for (const x of left) {
    const tree = x.getRootNode();
    const y = right.find((n) => n.getRootNode() === tree);
    if (!y) continue;
    // One holds the other in its shadow tree: the host comes first.
    if (x === y) return x === a ? -1 : 1;
    return x.compareDocumentPosition(y) & 4 /* DOCUMENT_POSITION_FOLLOWING */ ? -1 : 1;
  }
  return 0;
}

/** True when `el` or one of its ancestors (out through shadow roots to their hosts) is skipped. */
export function isInSkipped(el: Element): boolean {
  for (let e: Element | null = el; e; e = parentOf(e)) if (isSkipped(e)) return true;
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

/**
 * The element whose boundaries delimit a unit for this text node. A shadow root is a boundary:
 * text at the top of a shadow tree (or inside inline elements there) belongs to the root's host,
 * which stands for the root (a root is not an element). A component in a table cell then reads
 * as that cell's text (`<td><x-code>` showing "CO-45" from its shadow root).
 */
export function blockOf(node: Node): Element | null {
  let el = node.parentElement;
  while (el && isInline(el)) {
    const up = el.parentElement;
    if (!up) return hostOf(el.parentNode);
    el = up;
  }
  return el ?? hostOf(node.parentNode);
}

/** Gives the shadow root an element hosts, or null. */
export type ShadowRootOf = (el: Element) => ShadowRoot | null;

/** Open shadow roots only: all a page script (or a test) can see. */
export const openShadowRoot: ShadowRootOf = (el) => el.shadowRoot;

/** Never part of what an element shows as text. */
const NOT_TEXT = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT']);

/**
 * The text an element shows: `textContent`, except that a web component shows its shadow tree
 * (with its slots filled by the light children they are given) instead of its light children.
 * A data grid whose cells are components ("CO" in a cell's shadow root) reads like a plain table.
 */
export function renderedText(el: Element, shadowRootOf: ShadowRootOf = openShadowRoot): string {
  // Nearly every table cell holds text only: the native read.
  if (el.childElementCount === 0 && !shadowRootOf(el)) return el.textContent ?? '';
  let out = '';
  // An explicit stack, not recursion: a page may nest elements 20,000 deep.
  const stack: Node[] = [el];
  const pushChildren = (parent: Node) => {
    for (let child = parent.lastChild; child; child = child.previousSibling) stack.push(child);
  };
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (isText(node)) {
      out += node.data;
      continue;
    }
    if (isElement(node)) {
      if (NOT_TEXT.has(node.tagName.toUpperCase())) continue;
      if (node.localName === 'slot') {
        const assigned = (node as HTMLSlotElement).assignedNodes?.({ flatten: true }) ?? [];
        if (assigned.length > 0) {
          for (let i = assigned.length - 1; i >= 0; i--) stack.push(assigned[i] as Node);
          continue;
        }
      }
      const shadow = shadowRootOf(node);
      if (shadow) {
        stack.push(shadow);
        continue;
      }
    } else if (!isShadowRoot(node)) {
      continue;
    }
    pushChildren(node);
  }
  return out;
}

export interface WalkOptions {
  /**
   * The shadow root to walk for a host; default: open roots. Injected so extension code can reach
   * closed roots (chrome.dom.openOrClosedShadowRoot) while lib/ stays free of extension APIs.
   */
  shadowRootOf?: ShadowRootOf;
  /** Called for every shadow root the walk goes into (the scanner observes it). */
  onShadowRoot?: (root: ShadowRoot) => void;
  /**
   * Called for a custom element (a name with a hyphen) that hosts no shadow root: once its script
   * defines it, or once it renders (on data, on first view), it may attach a root and render into
   * it, which no observer of the page reports.
   */
  onShadowless?: (el: Element) => void;
}

export interface UnitWalker {
  next(): TextUnit | null;
  /** Remembers where the walk stands, before the caller lets the page run. */
  checkpoint(): void;
  /**
   * After the page ran: if it removed the node the walk would go on from (in any of the trees it is
   * in), the walk continues after the nearest ancestor still in place, and those ancestors are
   * returned: part of them may have been missed, so the caller should scan them again.
   */
  resync(): Element[];
}

/** One tree being walked: the document (or a subtree of it), or a shadow root. */
interface Frame {
  root: Node;
  walker: TreeWalker;
  /** The next node to look at. */
  pending: Node | null;
  /** `pending` and its ancestors up to root (nearest first) at the last checkpoint. */
  path: Node[];
}

/**
 * Walks `root` and returns its text units one by one, in document order. An element that hosts a
 * shadow root has that tree walked first (it is what shows), then its light children (they show
 * where the tree's slots put them). A shadow root's start and end end a unit, like a block.
 */
export function createUnitWalker(root: Node, options: WalkOptions = {}): UnitWalker {
  const doc = root.ownerDocument ?? (root as Document);
  const shadowRootOf = options.shadowRootOf ?? openShadowRoot;
  const onShadowRoot = options.onShadowRoot;
  const onShadowless = options.onShadowless;
  /** The trees being walked, innermost last; the first is `root`'s and is never left. */
  const frames: Frame[] = [];
  const enter = (top: Node): Frame => {
    const walker = doc.createTreeWalker(top, 0x1 | 0x4 /* SHOW_ELEMENT | SHOW_TEXT */);
    const frame = { root: top, walker, pending: walker.nextNode(), path: [] };
    frames.push(frame);
    return frame;
  };
  /** Goes into `el`'s shadow tree, if it hosts one; its light children stay queued in `frame`. */
  const enterShadow = (el: Element): Frame | null => {
    const shadow = shadowRootOf(el);
    if (!shadow) {
      if (onShadowless && el.localName.includes('-')) onShadowless(el);
      return null;
    }
    onShadowRoot?.(shadow);
    return enter(shadow);
  };
  let frame = enter(root);
  if (isElement(root) && !isSkipped(root)) frame = enterShadow(root) ?? frame;

  /** The first node after `node`'s subtree (still inside the frame's root), or null. */
  const after = (f: Frame, node: Node): Node | null => {
    const walker = f.walker;
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
      for (;;) {
        const node = frame.pending;
        if (!node) {
          if (frames.length === 1) return unit;
          // The end of a shadow tree: back to the host's light children, in a new unit.
          frames.pop();
          frame = frames[frames.length - 1] as Frame;
          if (unit) return unit;
          continue;
        }
        const walker = frame.walker;
        if (isText(node)) {
          const text = node;
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
          frame.pending = walker.nextNode();
        } else if (!isElement(node)) {
          // The walker shows elements and text only; nothing else can come here.
          walker.currentNode = node;
          frame.pending = walker.nextNode();
        } else if (isSkipped(node)) {
          // Skipped content (a field, a script, one of our marks, our card) also ends the run of text.
          frame.pending = after(frame, node);
          if (unit) return unit;
        } else {
          walker.currentNode = node;
          frame.pending = walker.nextNode();
          const inner = enterShadow(node);
          if (inner) {
            frame = inner;
            if (unit) return unit;
          } else if (unit && !isInline(node)) {
            // A <br>, an image or a nested block ends the run.
            return unit;
          }
        }
      }
    },
    checkpoint(): void {
      for (const f of frames) {
        f.path = [];
        for (let n: Node | null = f.pending; n && n !== f.root; n = n.parentNode) f.path.push(n);
      }
    },
    resync(): Element[] {
      const lost: Element[] = [];
      for (const f of frames) {
        const pending = f.pending;
        if (!pending || f.path[0] !== pending) continue;
        if (f.root.contains(pending) && pending.isConnected) continue;
        const kept = f.path.find((n) => n.isConnected && f.root.contains(n) && n !== pending);
        if (!isElement(kept)) {
          // Nothing of the path is left: the whole tree is scanned again (a shadow tree: its host).
          f.pending = null;
          const whole = isElement(f.root) ? f.root : hostOf(f.root);
          if (whole) lost.push(whole);
        } else {
          f.pending = after(f, kept);
          lost.push(kept);
        }
      }
      return lost;
    },
  };
}

export function collectUnits(root: Node, options?: WalkOptions): TextUnit[] {
  const units: TextUnit[] = [];
  const walker = createUnitWalker(root, options);
  for (let unit = walker.next(); unit; unit = walker.next()) units.push(unit);
  return units;
}
