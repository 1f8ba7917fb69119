import { beforeEach, describe, expect, it } from 'vitest';
import { blockOf, collectUnits, composedOrder, createUnitWalker, isInSkipped, isSkipped, renderedText } from './units';

const texts = (root: Node) => collectUnits(root).map((u) => u.text);

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('collectUnits', () => {
  it('joins inline elements into one unit, keeping every text node and its offset', () => {
    document.body.innerHTML = '<p>Adj <b>CO</b>-45 <a href="#x"><i>now</i></a></p>';
    const [unit, ...rest] = collectUnits(document.body);
    expect(rest).toEqual([]);
    expect(unit?.text).toBe('Adj CO-45 now');
    expect(unit?.nodes.map((n) => n.data)).toEqual(['Adj ', 'CO', '-45 ', 'now']);
    expect(unit?.starts).toEqual([0, 4, 6, 10]);
    expect(unit?.block.tagName).toBe('P');
  });

  it('breaks at blocks, line breaks and table cells', () => {
    document.body.innerHTML =
      '<div><span>CO</span></div><div>-45</div><p>PR<br>2</p><table><tr><td>CO</td><td>45</td></tr></table><ul><li>a</li><li>b</li></ul>';
    expect(texts(document.body)).toEqual(['CO', '-45', 'PR', '2', 'CO', '45', 'a', 'b']);
  });

  it('treats a <wbr> as part of the text and a nested block as a boundary', () => {
    document.body.innerHTML = '<p>CO-<wbr>97 then <span>x<div>inner</div>y</span></p>';
    expect(texts(document.body)).toEqual(['CO-97 then x', 'inner', 'y']);
  });

  it('skips code, fields, editors, buttons and our own marks, and they end a run of text', () => {
    document.body.innerHTML = [
      '<p>Reason code <input value="45"> 45</p>',
      '<script>var a = "CO-45";</script><style>.x::after{content:"CO-45"}</style>',
      '<textarea>CO-45</textarea><select><option>PR-2</option></select><button>CO-253</button>',
      '<div contenteditable="true">CO-16 <b>PR-1</b></div><div contenteditable="plaintext-only">OA-23</div>',
      '<div contenteditable="false">kept</div><div role="textbox">CO-59</div>',
      '<template><p>CO-45</p></template><noscript>CO-45</noscript>',
      '<p>before<remit-mark>CO-45</remit-mark>after</p>',
    ].join('');
    expect(texts(document.body)).toEqual(['Reason code ', ' 45', 'kept', 'before', 'after']);
  });

  it('drops empty text nodes', () => {
    document.body.innerHTML = '<p><b></b>CO-45</p>';
    document.querySelector('b')?.appendChild(document.createTextNode(''));
    expect(collectUnits(document.body)[0]?.nodes.length).toBe(1);
  });
});

describe('isSkipped / isInSkipped', () => {
  it('knows editors by attribute and role', () => {
    document.body.innerHTML =
      '<div id="e" contenteditable><p id="in">x</p></div><div id="f" contenteditable="false"><p id="out">y</p></div>';
    expect(isSkipped(document.getElementById('e')!)).toBe(true);
    expect(isInSkipped(document.getElementById('in')!)).toBe(true);
    expect(isSkipped(document.getElementById('f')!)).toBe(false);
    expect(isInSkipped(document.getElementById('out')!)).toBe(false);
  });
});

describe('createUnitWalker', () => {
  it('walks units one by one', () => {
    document.body.innerHTML = '<p>one</p><p>two</p><p>three</p>';
    const walker = createUnitWalker(document.body);
    expect(walker.next()?.text).toBe('one');
    expect(walker.next()?.text).toBe('two');
    expect(walker.next()?.text).toBe('three');
    expect(walker.next()).toBeNull();
  });

  it('after the page removed the spot it was at, goes on after what is left and says what to rescan', () => {
    document.body.innerHTML = '<section id="s"><p>one</p><div id="gone"><p>two</p></div><p>three</p></section><p>four</p>';
    const walker = createUnitWalker(document.body);
    expect(walker.next()?.text).toBe('one');
    walker.checkpoint();
    document.getElementById('gone')?.remove();
    expect(walker.resync()).toEqual([document.getElementById('s')]);
    expect(walker.next()?.text).toBe('four');
    expect(walker.next()).toBeNull();
  });

  it('goes on as usual when nothing it needs was removed', () => {
    document.body.innerHTML = '<p id="a">one</p><p>two</p>';
    const walker = createUnitWalker(document.body);
    expect(walker.next()?.text).toBe('one');
    walker.checkpoint();
    document.getElementById('a')?.remove();
    expect(walker.resync()).toEqual([]);
    expect(walker.next()?.text).toBe('two');
  });
});

describe('shadow roots', () => {
  /** A custom element with a shadow root holding `html`. */
  const host = (html: string, mode: ShadowRootMode = 'open', tag = 'x-panel') => {
    const el = document.createElement(tag);
    const root = el.attachShadow({ mode });
    root.innerHTML = html;
    return { el, root };
  };

  it('walks an open shadow tree (before the light children it slots), and its edges end a unit', () => {
    const { el, root } = host('<p>Reason CO-45</p>Group <b>PR</b>-2<slot></slot>');
    el.append('light N130');
    document.body.append('before ', el, ' after');
    const units = collectUnits(document.body);
    expect(units.map((u) => u.text)).toEqual(['before ', 'Reason CO-45', 'Group PR-2', 'light N130', ' after']);
    // Text at the top of the shadow tree (inline elements included) belongs to the host.
    expect(units[2]?.block).toBe(el);
    expect(units[2]?.nodes[0]?.parentNode).toBe(root);
    expect(blockOf(root.querySelector('b')?.firstChild as Text)).toBe(el);
    expect(units[1]?.block).toBe(root.querySelector('p'));
  });

  it('walks nested shadow trees, tells about every root it enters, and a host given as root has its tree walked', () => {
    const inner = host('<td-cell>CO-253</td-cell>', 'open', 'x-inner');
    const outer = host('<div>outer</div>');
    outer.root.querySelector('div')?.append(inner.el);
    document.body.append(outer.el);
    const entered: ShadowRoot[] = [];
    expect(collectUnits(document.body, { onShadowRoot: (r) => entered.push(r) }).map((u) => u.text)).toEqual(['outer', 'CO-253']);
    expect(entered).toEqual([outer.root, inner.root]);
    expect(collectUnits(inner.el).map((u) => u.text)).toEqual(['CO-253']);
  });

  it('sees a closed root only through shadowRootOf', () => {
    const { el, root } = host('<p>CO-97</p>', 'closed');
    document.body.append(el);
    expect(texts(document.body)).toEqual([]);
    const closed = new Map<Element, ShadowRoot>([[el, root]]);
    expect(collectUnits(document.body, { shadowRootOf: (e) => closed.get(e) ?? e.shadowRoot }).map((u) => u.text)).toEqual(['CO-97']);
  });

  it('never walks into our own card, nor into fields and editors inside a shadow tree', () => {
    const card = host('<p>CO-45 explained</p>', 'open', 'remit-lens-card');
    const { el, root } = host('<div contenteditable="true"><p id="in">CO-16</p></div><div role="textbox">PR-1</div><p>kept</p>');
    document.body.append(card.el, el);
    expect(texts(document.body)).toEqual(['kept']);
    expect(isInSkipped(root.getElementById('in') as Element)).toBe(true);
    // A component inside an editor: its shadow tree is inside the editor too.
    const editor = document.createElement('div');
    editor.setAttribute('contenteditable', '');
    const nested = host('<p id="deep">CO-45</p>');
    editor.append(nested.el);
    document.body.append(editor);
    expect(isInSkipped(nested.root.getElementById('deep') as Element)).toBe(true);
    expect(texts(document.body)).toEqual(['kept']);
  });

  it('after the page re-rendered the shadow tree it was in, goes on and says to rescan the host', () => {
    const { el, root } = host('<p>one</p><p id="gone">two</p>');
    document.body.append(el);
    document.body.insertAdjacentHTML('beforeend', '<p>three</p>');
    const walker = createUnitWalker(document.body);
    expect(walker.next()?.text).toBe('one');
    walker.checkpoint();
    root.getElementById('gone')?.remove();
    expect(walker.resync()).toEqual([el]);
    expect(walker.next()?.text).toBe('three');
    expect(walker.next()).toBeNull();
  });

  it('reads what an element shows: shadow trees in place of light children, slots filled, scripts left out', () => {
    const label = host('<b>Adj </b><slot></slot><script>x()</script>', 'open', 'x-label');
    label.el.textContent = 'Amt';
    const sealed = host('<i>CO</i>', 'closed', 'x-sealed');
    const th = document.createElement('th');
    th.append(label.el, ' / ', sealed.el);
    expect(renderedText(th)).toBe('Adj Amt / ');
    expect(renderedText(th, (el) => (el === sealed.el ? sealed.root : el.shadowRoot))).toBe('Adj Amt / CO');
    // An empty slot shows its fallback content.
    const fallback = host('<slot>none</slot>', 'open', 'x-fallback');
    expect(renderedText(fallback.el)).toBe('none');
  });

  it('orders nodes across shadow trees', () => {
    const inner = host('<i>c</i>', 'open', 'x-inner');
    const outer = host('<b>b</b>');
    outer.root.append(inner.el);
    document.body.innerHTML = '<p id="a">a</p>';
    document.body.append(outer.el);
    document.body.insertAdjacentHTML('beforeend', '<p id="d">d</p>');
    const [a, b, c, d] = [
      document.getElementById('a'),
      outer.root.querySelector('b'),
      inner.root.querySelector('i'),
      document.getElementById('d'),
    ] as Element[];
    const shuffled = [d, c, a, b, outer.el] as Element[];
    expect(shuffled.sort(composedOrder)).toEqual([a, outer.el, b, c, d]);
  });
});

describe('renderedText on a hostile page', () => {
  it('reads text under 20,000 nested elements without running out of stack', () => {
    const cell = document.createElement('td');
    let node: Element = cell;
    for (let i = 0; i < 20_000; i++) {
      const span = document.createElement('span');
      node.appendChild(span);
      node = span;
    }
    node.appendChild(document.createTextNode('12.00'));
    node.parentElement?.appendChild(document.createTextNode(' CO-45'));
    expect(renderedText(cell)).toBe('12.00 CO-45');
  });
});
