/**
 * Wraps detected mentions in <remit-mark> elements without moving or replacing any of the page's
 * own nodes: a page's framework keeps references to its text nodes, so those stay where they
 * are and only their `data` is shortened; the marks and the text after them are new nodes.
 * A Patch remembers every change so it can be undone exactly (same nodes, same text).
 */
import { MARK_NAME, type MarkElement, SVG_NS, type TextUnit } from './units';

export interface Patch {
  /** Page text nodes we shortened, with their original text. */
  readonly originals: Map<Text, string>;
  /** Nodes we inserted (marks and split-off text), in insertion order. */
  readonly inserted: Node[];
  readonly marks: MarkElement[];
}

export interface Span {
  start: number;
  end: number;
}

/** Where a unit offset falls: the node and the offset inside it. */
function locate(unit: TextUnit, offset: number, preferEnd: boolean): { index: number; local: number } {
  // Binary search over node starts; an end offset at a node boundary belongs to the earlier node.
  let lo = 0;
  let hi = unit.nodes.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    const start = unit.starts[mid] ?? 0;
    if (start < offset || (!preferEnd && start === offset)) lo = mid;
    else hi = mid - 1;
  }
  return { index: lo, local: offset - (unit.starts[lo] ?? 0) };
}

function commonAncestor(a: Node, b: Node): Node | null {
  const seen = new Set<Node>();
  for (let n: Node | null = a; n; n = n.parentNode) seen.add(n);
  for (let n: Node | null = b; n; n = n.parentNode) if (seen.has(n)) return n;
  return null;
}

/** The child of `ancestor` that contains `node` (or `node` itself). */
function childUnder(ancestor: Node, node: Node): Node {
  let n = node;
  while (n.parentNode && n.parentNode !== ancestor) n = n.parentNode;
  return n;
}

/**
 * Marks `spans` (unit offsets, sorted, non-overlapping) and returns the patch. `decorate` sets
 * the mark's attributes. Spans are applied right to left so earlier offsets stay valid.
 *
 * A huge unit is marked in slices, right to left: pass the patch of the slices already marked
 * (all of them after `spans`) and this slice is added to it, its marks before theirs; a node's
 * original text is the one remembered the first time, so unpatch still restores it exactly.
 */
export function markSpans<S extends Span>(
  unit: TextUnit,
  spans: readonly S[],
  decorate: (mark: MarkElement, span: S) => void,
  into?: Patch,
  /** A mark made ahead of time for a span (empty, attributes set); `decorate` is then not called. */
  premade?: (span: S, index: number) => MarkElement | undefined,
): Patch {
  const patch: Patch = into ?? { originals: new Map(), inserted: [], marks: [] };
  const added: MarkElement[] = [];
  const doc = unit.block.ownerDocument;
  const remember = (node: Text) => {
    if (!patch.originals.has(node)) patch.originals.set(node, node.data);
  };

  // The text node being shortened and the text it will keep (written once, by flush()).
  const shortening: { node: Text | null; data: string } = { node: null, data: '' };
  const flush = () => {
    if (shortening.node && shortening.node.data !== shortening.data) shortening.node.data = shortening.data;
    shortening.node = null;
  };

  for (let s = spans.length - 1; s >= 0; s--) {
    const span = spans[s];
    if (!span || span.end <= span.start) continue;
    const from = locate(unit, span.start, false);
    const to = locate(unit, span.end, true);
    const first = unit.nodes[from.index];
    const last = unit.nodes[to.index];
    if (!first || !last) continue;
    let mark = premade?.(span, s);
    if (!mark) {
      mark = createMark(doc, first);
      decorate(mark, span);
    }

    if (first === last) {
      // Many marks in one text node: shorten the node once per call, not once per mark (each
      // assignment copies the whole text, which made thousands of marks quadratic).
      if (shortening.node !== first) {
        flush();
        remember(first);
        shortening.node = first;
        shortening.data = first.data;
      }
      const data = shortening.data;
      const tail = data.slice(to.local);
      mark.textContent = data.slice(from.local, to.local);
      shortening.data = data.slice(0, from.local);
      first.after(mark);
      patch.inserted.push(mark);
      if (tail !== '') {
        const rest = doc.createTextNode(tail);
        mark.after(rest);
        patch.inserted.push(rest);
      }
    } else {
      // The mention crosses inline elements (`<b>CO</b>-45`). The mark holds copies of the
      // pieces inside shallow clones of their inline wrappers; the originals are emptied.
      flush();
      const ancestor = commonAncestor(first, last);
      if (!ancestor) continue;
      for (let i = from.index; i <= to.index; i++) {
        const node = unit.nodes[i];
        if (!node) continue;
        remember(node);
        const a = i === from.index ? from.local : 0;
        const b = i === to.index ? to.local : node.data.length;
        let piece: Node = doc.createTextNode(node.data.slice(a, b));
        for (let p = node.parentNode; p && p !== ancestor; p = p.parentNode) {
          const clone = p.cloneNode(false);
          // A copy must not repeat the page's id (ids are unique; scripts look them up).
          if (clone instanceof Element) clone.removeAttribute('id');
          clone.appendChild(piece);
          piece = clone;
        }
        mark.appendChild(piece);
        node.data = i === from.index ? node.data.slice(0, a) : i === to.index ? node.data.slice(b) : '';
      }
      ancestor.insertBefore(mark, childUnder(ancestor, last));
      patch.inserted.push(mark);
    }
    added.push(mark);
  }
  flush();
  // This slice lies before every earlier slice: its marks go first, in document order.
  const later = patch.marks.splice(0);
  for (let i = added.length - 1; i >= 0; i--) patch.marks.push(added[i] as MarkElement);
  for (const mark of later) patch.marks.push(mark);
  return patch;
}

/** Undoes a patch: removes what we inserted and gives the page's text nodes their text back. */
export function unpatch(patch: Patch, keep?: ReadonlySet<Text>): void {
  for (const node of patch.inserted) node.parentNode?.removeChild(node);
  for (const [node, data] of patch.originals) {
    // A node the page itself rewrote keeps the page's new text.
    if (!keep?.has(node) && node.data !== data) node.data = data;
  }
  patch.inserted.length = 0;
  patch.marks.length = 0;
}

/** A mark for text in `node`'s place: an SVG <tspan> inside SVG text, a <remit-mark> anywhere else. */
export function createMark(doc: Document, node: Node): MarkElement {
  return node.parentElement?.namespaceURI === SVG_NS ? doc.createElementNS(SVG_NS, 'tspan') : doc.createElement(MARK_NAME);
}
