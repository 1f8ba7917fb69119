import { beforeEach, describe, expect, it } from 'vitest';
import { markSpans, unpatch } from './marker';
import { collectUnits, type MarkElement, type TextUnit } from './units';

/** The first unit of the body, whose text must contain every `needle`; spans cover the needles. */
function unitWith(html: string, ...needles: string[]): { unit: TextUnit; spans: { start: number; end: number; code: string }[] } {
  document.body.innerHTML = html;
  const unit = collectUnits(document.body)[0];
  if (!unit) throw new Error('no unit');
  const spans = needles.map((code) => {
    const start = unit.text.indexOf(code);
    if (start < 0) throw new Error(`${code} not in ${unit.text}`);
    return { start, end: start + code.length, code };
  });
  return { unit, spans };
}

const decorate = (mark: MarkElement, span: { code: string }) => mark.setAttribute('data-remit-code', span.code);

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('markSpans and unpatch', () => {
  it('wraps each span, keeps the text, and undoes to the exact same DOM and nodes', () => {
    const { unit, spans } = unitWith('<p id="p">Adjusted CO-45 and PR-2 today.</p>', 'CO-45', 'PR-2');
    const original = document.body.innerHTML;
    const textNode = unit.nodes[0]!;
    const patch = markSpans(unit, spans, decorate);
    const p = document.getElementById('p')!;
    expect(p.innerHTML).toBe(
      'Adjusted <remit-mark data-remit-code="CO-45">CO-45</remit-mark> and <remit-mark data-remit-code="PR-2">PR-2</remit-mark> today.',
    );
    expect(p.textContent).toBe('Adjusted CO-45 and PR-2 today.');
    expect(patch.marks.map((m) => m.textContent)).toEqual(['CO-45', 'PR-2']);
    // The page's own text node stays where it was (only shortened).
    expect(textNode.parentNode).toBe(p);
    expect(p.firstChild).toBe(textNode);
    unpatch(patch);
    expect(document.body.innerHTML).toBe(original);
    expect(p.firstChild).toBe(textNode);
    expect(p.childNodes.length).toBe(1);
  });

  it('marks a mention split across elements (<b>CO</b>-45) and restores it exactly', () => {
    const { unit, spans } = unitWith('<p id="p">Adj <b class="g">CO</b>-45 $31.20 written off.</p>', 'CO-45');
    const original = document.body.innerHTML;
    const nodes = [...unit.nodes];
    const b = document.querySelector('b.g')!;
    const patch = markSpans(unit, spans, decorate);
    const p = document.getElementById('p')!;
    expect(p.textContent).toBe('Adj CO-45 $31.20 written off.');
    expect(patch.marks[0]?.innerHTML).toBe('<b class="g">CO</b>-45');
    // The page's <b> and text nodes are still in place, emptied or shortened, never moved.
    expect(b.parentNode).toBe(p);
    expect(nodes.every((n) => n.isConnected)).toBe(true);
    unpatch(patch);
    expect(document.body.innerHTML).toBe(original);
    expect(unit.nodes.map((n) => n.data)).toEqual(['Adj ', 'CO', '-45 $31.20 written off.']);
  });

  it('marks a mention over three elements', () => {
    const { unit, spans } = unitWith('<p><span>PR</span><span>-</span><span>2</span> coinsurance</p>', 'PR-2');
    const original = document.body.innerHTML;
    const patch = markSpans(unit, spans, decorate);
    expect(document.body.textContent).toBe('PR-2 coinsurance');
    expect(document.querySelectorAll('remit-mark').length).toBe(1);
    unpatch(patch);
    expect(document.body.innerHTML).toBe(original);
  });

  it('marks spans that start or end at node boundaries', () => {
    const { unit, spans } = unitWith('<p><i>CO-45</i><b>, </b><i>253</i></p>', 'CO-45', '253');
    const original = document.body.innerHTML;
    const patch = markSpans(unit, spans, decorate);
    expect(patch.marks.map((m) => m.textContent)).toEqual(['CO-45', '253']);
    expect(document.body.textContent).toBe('CO-45, 253');
    unpatch(patch);
    expect(document.body.innerHTML).toBe(original);
  });

  it('leaves text the page rewrote meanwhile alone', () => {
    const { unit, spans } = unitWith('<p id="p">Reason 45 applied</p>', '45');
    const node = unit.nodes[0]!;
    const patch = markSpans(unit, spans, decorate);
    node.data = 'Reason 97 applied';
    unpatch(patch, new Set([node]));
    expect(document.getElementById('p')?.innerHTML).toBe('Reason 97 applied');
  });
});

describe('markSpans in slices (a huge unit, marked right to left)', () => {
  type CodeSpan = { start: number; end: number; code: string };

  /**
   * Marks the way the scanner does: premade marks (so decorate is never called), slices of `size`
   * from the right, each slice into the patch of the ones after it.
   */
  function markInSlices(unit: TextUnit, spans: CodeSpan[], size: number) {
    const premade = spans.map((span) => {
      const mark = document.createElement('remit-mark');
      decorate(mark, span);
      return mark;
    });
    let patch: ReturnType<typeof markSpans> | undefined;
    for (let end = spans.length; end > 0; end -= size) {
      const from = Math.max(0, end - size);
      patch = markSpans(
        unit,
        spans.slice(from, end),
        () => {
          throw new Error('premade marks are not decorated again');
        },
        patch,
        (_, index) => premade[from + index],
      );
    }
    if (!patch) throw new Error('no slices');
    return { patch, premade };
  }

  /** Same elements (identity, not likeness), same order: each mark's index in `expected`. */
  const order = (actual: readonly Element[], expected: readonly Element[]) => actual.map((m) => expected.indexOf(m));
  const inOrder = (expected: readonly Element[]) => expected.map((_, i) => i);

  it('keeps one text node’s marks in document order, its text, and restores the same node', () => {
    const codes = ['CO-45', 'PR-2', 'CO-253', 'N130', 'OA-23', 'PR-1'];
    const { unit, spans } = unitWith(`<p id="p">Line ${codes.join(' then ')} end.</p>`, ...codes);
    const original = document.body.innerHTML;
    const p = document.getElementById('p')!;
    const text = p.textContent;
    const node = unit.nodes[0]!;
    const { patch, premade } = markInSlices(unit, spans, 2);
    expect(order(patch.marks, premade)).toEqual(inOrder(premade));
    expect(order([...p.querySelectorAll('remit-mark')], premade)).toEqual(inOrder(premade));
    expect(patch.marks.map((m) => m.textContent)).toEqual(codes);
    expect(p.textContent).toBe(text);
    expect(p.firstChild).toBe(node);
    expect(node.data).toBe('Line ');
    // The original is the text from before the first slice, not what a later slice found.
    expect(patch.originals.get(node)).toBe(text);
    unpatch(patch);
    expect(document.body.innerHTML).toBe(original);
    expect(p.childNodes.length).toBe(1);
    expect(p.firstChild).toBe(node);
    expect(node.data).toBe(text);
  });

  it('marks 150 mentions of one text node in slices of 64', () => {
    const parts: string[] = [];
    const spans: CodeSpan[] = [];
    let at = 'Codes: '.length;
    for (let i = 0; i < 150; i++) {
      const code = `CO-${i + 1}`;
      spans.push({ start: at, end: at + code.length, code });
      parts.push(code);
      at += code.length + ', '.length;
    }
    const text = `Codes: ${parts.join(', ')}.`;
    const { unit } = unitWith(`<p id="p">${text}</p>`);
    const p = document.getElementById('p')!;
    const node = unit.nodes[0]!;
    const { patch, premade } = markInSlices(unit, spans, 64);
    expect(order(patch.marks, premade)).toEqual(inOrder(premade));
    expect(order([...p.querySelectorAll('remit-mark')], premade)).toEqual(inOrder(premade));
    expect(patch.marks.map((m) => m.textContent)).toEqual(parts);
    expect(p.textContent).toBe(text);
    expect(patch.originals.size).toBe(1);
    unpatch(patch);
    expect(p.childNodes.length).toBe(1);
    expect(p.firstChild).toBe(node);
    expect(node.data).toBe(text);
  });

  // Slices of 3 put the crossing mention in the later slice (marked first); of 2, in the earlier one.
  for (const size of [3, 2]) {
    it(`marks a mention across elements (<b>CO</b>-45) sliced with plain ones (slices of ${size})`, () => {
      const { unit, spans } = unitWith(
        '<p id="p">PR-2 and <b class="g">CO</b>-45 $31.20, 253 and N130.</p>',
        'PR-2',
        'CO-45',
        '253',
        'N130',
      );
      const original = document.body.innerHTML;
      const nodes = [...unit.nodes];
      const p = document.getElementById('p')!;
      const { patch, premade } = markInSlices(unit, spans, size);
      expect(order(patch.marks, premade)).toEqual(inOrder(premade));
      expect(order([...p.querySelectorAll('remit-mark')], premade)).toEqual(inOrder(premade));
      expect(patch.marks.map((m) => m.textContent)).toEqual(['PR-2', 'CO-45', '253', 'N130']);
      expect(patch.marks[1]?.innerHTML).toBe('<b class="g">CO</b>-45');
      expect(p.textContent).toBe('PR-2 and CO-45 $31.20, 253 and N130.');
      expect(nodes.every((n) => n.isConnected)).toBe(true);
      unpatch(patch);
      expect(document.body.innerHTML).toBe(original);
      expect(nodes.map((n) => n.data)).toEqual(['PR-2 and ', 'CO', '-45 $31.20, 253 and N130.']);
      expect(p.firstChild).toBe(nodes[0]);
      expect(p.querySelector('b.g')?.firstChild).toBe(nodes[1]);
      expect(p.lastChild).toBe(nodes[2]);
    });
  }
});
