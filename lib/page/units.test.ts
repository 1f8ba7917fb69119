import { beforeEach, describe, expect, it } from 'vitest';
import { collectUnits, createUnitWalker, isInSkipped, isSkipped } from './units';

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
    expect(walker.resync()).toBe(document.getElementById('s'));
    expect(walker.next()?.text).toBe('four');
    expect(walker.next()).toBeNull();
  });

  it('goes on as usual when nothing it needs was removed', () => {
    document.body.innerHTML = '<p id="a">one</p><p>two</p>';
    const walker = createUnitWalker(document.body);
    expect(walker.next()?.text).toBe('one');
    walker.checkpoint();
    document.getElementById('a')?.remove();
    expect(walker.resync()).toBeNull();
    expect(walker.next()?.text).toBe('two');
  });
});
