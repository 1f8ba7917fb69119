import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { known } from '../../test/known-codes';
import { PageScanner } from './scanner';

/** Marks on the page as sorted "code amount" strings. */
const onPage = () =>
  Array.from(document.querySelectorAll('remit-mark'), (m) =>
    `${m.getAttribute('data-remit-code')} ${m.getAttribute('data-remit-amount') ?? ''}`.trim(),
  ).sort();
/** What the scanner reports (what the popup tallies). */
const reported = (s: PageScanner) => s.marks.map((e) => `${e.mention.code} ${e.mention.amount ?? ''}`.trim()).sort();
/** Lets the MutationObserver deliver and the rescan run. */
const settle = async () => {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve, 0));
};

const TABLE = `<table id="t">
  <thead><tr><th>Proc</th><th>Mod</th><th>Units</th><th>Group</th><th>Reason</th><th>Adj Amt</th><th>Remark</th></tr></thead>
  <tbody id="rows">
    <tr id="r1"><td>99214</td><td>25</td><td>1</td><td>CO</td><td>45</td><td>$81.59</td><td>N130</td></tr>
    <tr id="r2"><td>97110</td><td>59</td><td>2</td><td>PR</td><td>2</td><td>$18.43</td><td></td></tr>
    <tr id="r3"><td>20610</td><td>RT</td><td>45</td><td>CO</td><td>253</td><td>$1.47</td><td>M15</td></tr>
  </tbody>
</table>
<p id="prose">Adjustment <b>CO</b>-253 $2.36 was applied. Mail: Denver, CO 80202. Phone 253-555-0100.</p>`;

let scanner: PageScanner | null = null;
const start = async (options: Partial<ConstructorParameters<typeof PageScanner>[1]> = {}) => {
  // These tests are about how the scanner marks and follows a page, not whether the page is a remittance.
  scanner = new PageScanner(document, { known, remittance: true, ...options });
  await scanner.start();
  return scanner;
};
/**
 * Starts a scan that yields after every unit of work; at each yield `turn` may change the page (as
 * a page's own script would between two chunks). Returns how many turns the page had.
 */
const startWithTurns = async (turn: (n: number) => void): Promise<number> => {
  let turns = 0;
  await start({
    budgetMs: 0,
    clockEvery: 1,
    yieldToPage: async () => {
      turn(++turns);
      await settle();
    },
  });
  return turns;
};
const cell = (row: string, col: number) => document.querySelector(`#${row}`)?.children[col] as HTMLElement;

beforeEach(() => {
  document.body.innerHTML = TABLE;
});
afterEach(() => {
  scanner?.stop();
  scanner = null;
});

describe('PageScanner on a static page', () => {
  it('marks every code with its group and amount, keeps the text, and stop() restores the DOM exactly', async () => {
    const html = document.body.innerHTML;
    const text = document.body.textContent;
    const s = await start();
    expect(onPage()).toEqual(['CO-253 1.47', 'CO-253 2.36', 'CO-45 81.59', 'M15', 'N130', 'PR-2 18.43']);
    expect(reported(s)).toEqual(onPage());
    expect(document.body.textContent).toBe(text);
    expect(document.querySelector('#prose remit-mark')?.innerHTML).toBe('<b>CO</b>-253');
    s.stop();
    expect(document.body.innerHTML).toBe(html);
    expect(s.marks).toEqual([]);
  });

  it('keeps the line together: a reason and the remark of its row share a line key', async () => {
    const s = await start();
    const byCode = new Map(s.marks.map((e) => [e.mention.code, e.mention]));
    expect(byCode.get('CO-45')?.lineKey).toBeDefined();
    expect(byCode.get('CO-45')?.lineKey).toBe(byCode.get('N130')?.lineKey);
    expect(byCode.get('CO-45')?.lineKey).not.toBe(byCode.get('PR-2')?.lineKey);
  });

  it('marks the top of the page before reading the rest', async () => {
    document.body.insertAdjacentHTML('afterbegin', '<p>Top of the page: CO-16</p>');
    const batches: string[][] = [];
    await start({
      budgetMs: 0,
      clockEvery: 1,
      yieldToPage: async () => undefined,
      beforeWrite: async (mentions) => {
        batches.push(mentions.map((m) => m.code));
      },
    });
    // The first chunk (one unit here: the first paragraph) is written before the rest is detected.
    expect(batches).toEqual([['CO-16'], ['CO-45', 'N130', 'PR-2', 'CO-253', 'M15', 'CO-253']]);
    expect(onPage()).toEqual(['CO-16', 'CO-253 1.47', 'CO-253 2.36', 'CO-45 81.59', 'M15', 'N130', 'PR-2 18.43']);
  });

  it('detects a big unit (thousands of codes in one text node) in a task of its own', async () => {
    document.body.innerHTML = `<p>Header CO-45 $1.00</p><p id="big">${'PR-2 $20.00 ; '.repeat(400)}</p>`;
    let turns = 0;
    // Budgets no pass can use up: the only yield is the one the big unit asks for.
    await start({
      budgetMs: 60_000,
      writeBudgetMs: 60_000,
      yieldToPage: async () => {
        turns++;
      },
    });
    expect(turns).toBe(1);
    expect(onPage().length).toBe(401);
  });

  it('reads a huge unit across many tasks, with the marks it would get at once', async () => {
    const flood = Array.from({ length: 3000 }, (_, i) => (i % 3 === 0 ? 'N130' : i % 3 === 1 ? `CO-45 ${i}.00` : `PR-2 ${i}.25`)).join(
      ' ; ',
    );
    document.body.innerHTML = `<p id="big">${flood}</p><pre id="x12">${'CAS*CO*45*12.00~\nAMT*B6*80.00~\n'.repeat(3000)}</pre>`;
    const once = await start({ budgetMs: 60_000, writeBudgetMs: 60_000, yieldToPage: async () => undefined });
    const all = onPage();
    once.stop();
    let turns = 0;
    await start({
      budgetMs: 0,
      clockEvery: 1,
      yieldToPage: async () => {
        turns++;
      },
    });
    expect(onPage()).toEqual(all);
    expect(all.length).toBeGreaterThan(5990);
    // Each step of a unit's reading is a task of its own (here with no budget at all).
    expect(turns).toBeGreaterThan(20);
  });

  it('reads again a huge unit the page changed while it was being read', async () => {
    document.body.innerHTML = `<p id="big">${'PR-2 $20.00 ; '.repeat(600)}</p>`;
    const big = document.getElementById('big')?.firstChild as Text;
    const changed = `Claim adjustments: CO-45 $1.00 ; ${big.data.slice(0, 14 * 100)}`;
    await startWithTurns((n) => {
      if (n === 2) big.data = changed;
    });
    await settle();
    await settle();
    expect(onPage()).toEqual(['CO-45 1.00', ...Array<string>(100).fill('PR-2 20.00')].sort());
    expect(document.getElementById('big')?.textContent).toBe(changed);
  });

  it('stops at maxMarks, and marks the rest once the page drops marks', async () => {
    const s = await start({ maxMarks: 4 });
    expect(onPage().length).toBe(4);
    expect(s.capped).toBe(true);
    // The app pages away from the first rows: there is room again for what was left unmarked.
    document.getElementById('r1')?.remove();
    document.getElementById('r2')?.remove();
    await settle();
    await settle();
    expect(onPage()).toEqual(['CO-253 1.47', 'CO-253 2.36', 'M15']);
    expect(reported(s)).toEqual(onPage());
    expect(s.capped).toBe(false);
  });

  it('starting again after stop() gives the same marks, never doubled', async () => {
    const s = await start();
    const first = onPage();
    s.stop();
    await s.start();
    expect(onPage()).toEqual(first);
  });

  it('marks in small chunks when the budget is tiny, with the same result', async () => {
    await start({ budgetMs: 0, clockEvery: 1, yieldToPage: () => Promise.resolve() });
    expect(onPage()).toEqual(['CO-253 1.47', 'CO-253 2.36', 'CO-45 81.59', 'M15', 'N130', 'PR-2 18.43']);
  });
});

describe('PageScanner on a page that changes', () => {
  it('follows a text node the page rewrites (.data =), with no stale mark', async () => {
    const s = await start();
    const reason = cell('r2', 4).firstChild as Text;
    reason.data = '3';
    (cell('r2', 5).firstChild as Text).data = '$25.00';
    await settle();
    expect(onPage()).toEqual(['CO-253 1.47', 'CO-253 2.36', 'CO-45 81.59', 'M15', 'N130', 'PR-3 25.00']);
    expect(reported(s)).toEqual(onPage());
    // The page's node is still the cell's first child, and the cell shows the page's text.
    expect(cell('r2', 4).firstChild).toBe(reason);
    expect(cell('r2', 4).textContent).toBe('3');
    (cell('r1', 6).firstChild as Text).data = '';
    await settle();
    expect(onPage()).not.toContain('N130');
  });

  it('drops the marks of a removed row from the page report', async () => {
    const s = await start();
    const r1 = document.getElementById('r1')!;
    r1.parentNode?.removeChild(r1);
    await settle();
    expect(onPage()).toEqual(['CO-253 1.47', 'CO-253 2.36', 'M15', 'PR-2 18.43']);
    expect(reported(s)).toEqual(onPage());
    // What the page took out is what it put in: no marks left in the removed row.
    expect(r1.querySelectorAll('remit-mark').length).toBe(0);
    expect(r1.children[4]?.childNodes.length).toBe(1);
  });

  it('marks an added row, and a row the page moves keeps exactly one set of marks', async () => {
    const s = await start();
    const rows = document.getElementById('rows')!;
    const added = document.createElement('tr');
    for (const text of ['36415', '59', '3', 'OA', '23', '$2.00', 'MA130'])
      added.appendChild(document.createElement('td')).textContent = text;
    rows.insertBefore(added, rows.firstChild);
    await settle();
    expect(onPage()).toContain('OA-23 2.00');
    expect(onPage()).toContain('MA130');
    // A keyed framework moves rows with insertBefore on nodes it kept.
    const r3 = document.getElementById('r3')!;
    rows.insertBefore(r3, rows.firstChild);
    rows.insertBefore(document.getElementById('r1')!, null);
    await settle();
    expect(onPage()).toEqual(['CO-253 1.47', 'CO-253 2.36', 'CO-45 81.59', 'M15', 'MA130', 'N130', 'OA-23 2.00', 'PR-2 18.43']);
    expect(reported(s)).toEqual(onPage());
    expect(r3.querySelectorAll('remit-mark').length).toBe(2);
  });

  it('follows a cell whose content the page replaces (textContent =)', async () => {
    const s = await start();
    cell('r3', 6).textContent = 'N130 M15';
    cell('r1', 4).textContent = '97';
    await settle();
    expect(onPage()).toEqual(['CO-253 1.47', 'CO-253 2.36', 'CO-97 81.59', 'M15', 'N130', 'N130', 'PR-2 18.43']);
    expect(reported(s)).toEqual(onPage());
  });

  it('drops a mark that reached into an element the page removed (<b>CO</b>-253)', async () => {
    const s = await start();
    const prose = document.getElementById('prose')!;
    const b = prose.querySelector('b')!;
    b.remove();
    await settle();
    expect(prose.textContent).toBe('Adjustment -253 $2.36 was applied. Mail: Denver, CO 80202. Phone 253-555-0100.');
    expect(prose.querySelectorAll('remit-mark').length).toBe(0);
    expect(reported(s)).toEqual(onPage());
  });

  it('never marks inside an editor, even when the page types into it', async () => {
    document.body.innerHTML += '<div id="ed" contenteditable="true">Draft: <b>note</b></div>';
    await start();
    const ed = document.getElementById('ed')!;
    (ed.firstChild as Text).data = 'Draft: CO-45 $12.00 and remark code N130 ';
    ed.appendChild(document.createTextNode('PR-2'));
    ed.appendChild(document.createElement('p')).textContent = 'CO-16';
    await settle();
    expect(ed.querySelectorAll('remit-mark').length).toBe(0);
  });

  it('lets the page change things between chunks of the first pass without losing or doubling marks', async () => {
    const turns = await startWithTurns((turn) => {
      // The page removes a row ahead of the scan, edits one behind it and adds a paragraph.
      if (turn === 2) {
        document.getElementById('r3')?.remove();
        (cell('r1', 4).firstChild as Text | null)?.replaceData(0, 2, '97');
        document.body.insertAdjacentHTML('beforeend', '<p id="late">Late note: PR-1 $150.00</p>');
      }
    });
    await settle();
    expect(turns).toBeGreaterThan(2);
    expect(onPage()).toEqual(['CO-253 2.36', 'CO-97 81.59', 'N130', 'PR-1 150.00', 'PR-2 18.43']);
    expect(reported(scanner!)).toEqual(onPage());
  });

  it('stop() after page edits restores the page as the page left it', async () => {
    const html = document.body.innerHTML;
    const s = await start();
    (cell('r2', 4).firstChild as Text).data = '3';
    await settle();
    s.stop();
    expect(document.body.innerHTML).toBe(html.replace('<td>PR</td><td>2</td>', '<td>PR</td><td>3</td>'));
  });
});

describe('PageScanner inside shadow roots', () => {
  /** Marks in `tree` as sorted "code amount" strings. */
  const marksIn = (tree: ParentNode) =>
    Array.from(tree.querySelectorAll('remit-mark'), (m) =>
      `${m.getAttribute('data-remit-code')} ${m.getAttribute('data-remit-amount') ?? ''}`.trim(),
    ).sort();
  const LIGHT = ['CO-253 1.47', 'CO-253 2.36', 'CO-45 81.59', 'M15', 'N130', 'PR-2 18.43'];

  /** A component holding the remittance table and prose in its shadow root, as the light-DOM tests have them. */
  const component = (mode: ShadowRootMode = 'open') => {
    document.body.innerHTML = '<h1>Claim 88120</h1>';
    const host = document.createElement('era-lines');
    const root = host.attachShadow({ mode });
    root.innerHTML = TABLE;
    document.body.append(host);
    return { host, root };
  };
  const rowIn = (root: ShadowRoot, id: string) => root.getElementById(id) as HTMLElement;
  const textIn = (root: ShadowRoot, row: string, col: number) => rowIn(root, row).children[col]?.firstChild as Text;

  it('marks the same codes and amounts as the same markup in light DOM, keeps the text, and stop() restores the tree', async () => {
    const { root } = component();
    const html = root.innerHTML;
    const text = root.textContent;
    const kept = textIn(root, 'r2', 4);
    const marked: ShadowRoot[] = [];
    const s = await start({ onMarkedRoot: (r) => marked.push(r) });
    expect(marksIn(root)).toEqual(LIGHT);
    expect(reported(s)).toEqual(LIGHT);
    expect(root.textContent).toBe(text);
    expect(root.querySelector('#prose remit-mark')?.innerHTML).toBe('<b>CO</b>-253');
    expect(marked).toEqual([root]);
    // Group, amount and line key come from the row, as in light DOM.
    const byCode = new Map(s.marks.map((e) => [e.mention.code, e.mention]));
    expect(byCode.get('CO-45')?.lineKey).toBe(byCode.get('N130')?.lineKey);
    s.stop();
    expect(root.innerHTML).toBe(html);
    expect(textIn(root, 'r2', 4)).toBe(kept);
    expect(s.marks).toEqual([]);
  });

  it('marks text at the top of a shadow tree and in nested components, in a component in a table cell', async () => {
    document.body.innerHTML =
      '<table><thead><tr><th>Group</th><th>Reason</th><th>Adj Amt</th></tr></thead><tbody><tr><td>CO</td><td id="cell"></td><td>$2.00</td></tr></tbody></table>';
    const code = document.createElement('x-code');
    code.attachShadow({ mode: 'open' }).innerHTML = '<span>253</span>';
    document.getElementById('cell')?.append(code);
    const panel = document.createElement('x-panel');
    const outer = panel.attachShadow({ mode: 'open' });
    outer.innerHTML = 'Remark <b>N130</b> applies.<x-note></x-note>';
    const note = outer.querySelector('x-note')?.attachShadow({ mode: 'open' }) as ShadowRoot;
    note.innerHTML = '<p>Also PR-1 $9.00.</p>';
    document.body.append(panel);
    const s = await start();
    // The cell's component reads as the cell: its column and row give group and amount.
    expect(reported(s)).toEqual(['CO-253 2.00', 'N130', 'PR-1 9.00']);
    expect(marksIn(outer)).toEqual(['N130']);
    expect(marksIn(note)).toEqual(['PR-1 9.00']);
  });

  it('follows a component that re-renders inside its shadow root, with no stale or doubled marks', async () => {
    const { root } = component();
    const s = await start();
    // The component replaces a row with a new one, and edits a cell's text.
    const fresh = document.createElement('tr');
    for (const t of ['36415', '59', '3', 'OA', '23', '$2.00', 'MA130']) fresh.appendChild(document.createElement('td')).textContent = t;
    rowIn(root, 'rows').replaceChild(fresh, rowIn(root, 'r1'));
    textIn(root, 'r2', 4).data = '3';
    await settle();
    const now = ['CO-253 1.47', 'CO-253 2.36', 'M15', 'MA130', 'OA-23 2.00', 'PR-3 18.43'];
    expect(marksIn(root)).toEqual(now);
    expect(reported(s)).toEqual(now);
    // A full re-render (innerHTML) of the tree: marks follow, none left behind.
    root.innerHTML = '<p>Only CO-16 now.</p>';
    await settle();
    expect(marksIn(root)).toEqual(['CO-16']);
    expect(reported(s)).toEqual(['CO-16']);
    s.stop();
    expect(root.innerHTML).toBe('<p>Only CO-16 now.</p>');
  });

  it('marks a component added later and follows it; a removed component takes its marks along', async () => {
    document.body.innerHTML = '<p>Header PR-2 $5.00</p>';
    const s = await start();
    const host = document.createElement('x-late');
    const root = host.attachShadow({ mode: 'open' });
    root.innerHTML = '<p>Late CO-45 $12.00</p>';
    document.body.append(host);
    await settle();
    expect(reported(s)).toEqual(['CO-45 12.00', 'PR-2 5.00']);
    root.append(document.createElement('p'));
    (root.lastChild as HTMLElement).textContent = 'Remark code N130';
    await settle();
    expect(marksIn(root)).toEqual(['CO-45 12.00', 'N130']);
    host.remove();
    await settle();
    expect(reported(s)).toEqual(['PR-2 5.00']);
    // What the page took out is what it put in.
    expect(root.innerHTML).toBe('<p>Late CO-45 $12.00</p><p>Remark code N130</p>');
    // Put back (an app moving a component), it is marked again and followed again.
    document.body.append(host);
    await settle();
    expect(marksIn(root)).toEqual(['CO-45 12.00', 'N130']);
    (root.firstChild as HTMLElement).textContent = 'Late CO-97 $3.00';
    await settle();
    expect(reported(s)).toEqual(['CO-97 3.00', 'N130', 'PR-2 5.00']);
  });

  it('lets a component re-render between chunks of the first pass without losing or doubling marks', async () => {
    const { root } = component();
    const turns = await startWithTurns((turn) => {
      if (turn === 3) {
        rowIn(root, 'r3').remove();
        textIn(root, 'r1', 4).replaceData(0, 2, '97');
        root.append(Object.assign(document.createElement('p'), { textContent: 'Late note: PR-1 $150.00' }));
      }
    });
    await settle();
    expect(turns).toBeGreaterThan(3);
    const now = ['CO-253 2.36', 'CO-97 81.59', 'N130', 'PR-1 150.00', 'PR-2 18.43'];
    expect(marksIn(root)).toEqual(now);
    expect(reported(scanner as PageScanner)).toEqual(now);
  });

  it('marks a closed root only when shadowRootOf reaches it', async () => {
    const { host, root } = component('closed');
    const html = root.innerHTML;
    let s = await start();
    expect(marksIn(root)).toEqual([]);
    s.stop();
    s = await start({ shadowRootOf: (el) => (el === host ? root : el.shadowRoot) });
    expect(marksIn(root)).toEqual(LIGHT);
    textIn(root, 'r2', 4).data = '3';
    await settle();
    expect(reported(s)).toContain('PR-3 18.43');
    s.stop();
    expect(root.innerHTML).toBe(html.replace('<td>PR</td><td>2</td>', '<td>PR</td><td>3</td>'));
  });

  it('reads a data grid whose cells are components: group, amount and headers come from their shadow roots', async () => {
    const cellClass = (mode: ShadowRootMode) =>
      class extends HTMLElement {
        connectedCallback() {
          if (this.shadowRoot) return;
          const root = this.attachShadow({ mode });
          // A label slot and the value in the shadow tree, as design-system cells render them.
          root.innerHTML = `<span part="value">${this.getAttribute('v') ?? ''}</span><slot></slot>`;
          closed.set(this, root);
        }
      };
    const closed = new Map<Element, ShadowRoot>();
    if (!customElements.get('x-grid-cell')) customElements.define('x-grid-cell', cellClass('open'));
    if (!customElements.get('x-sealed-cell')) customElements.define('x-sealed-cell', cellClass('closed'));
    document.body.innerHTML = `<table>
      <thead><tr><th><x-grid-cell v="Group"></x-grid-cell></th><th><x-grid-cell v="Reason"></x-grid-cell></th><th><x-grid-cell v="Adj Amt"></x-grid-cell></th></tr></thead>
      <tbody>
        <tr><td><x-grid-cell v="CO"></x-grid-cell></td><td><x-grid-cell v="45"></x-grid-cell></td><td><x-grid-cell v="$12.00"></x-grid-cell></td></tr>
        <tr><td><x-sealed-cell v="PR"></x-sealed-cell></td><td><x-grid-cell v="2"></x-grid-cell></td><td><x-sealed-cell v="$30.50"></x-sealed-cell></td></tr>
      </tbody></table>`;
    const s = await start({ shadowRootOf: (el) => el.shadowRoot ?? closed.get(el) ?? null });
    expect(reported(s)).toEqual(['CO-45 12.00', 'PR-2 30.50']);
  });

  it('marks a component whose script defines it after the scan, though no page change is observed', async () => {
    document.body.innerHTML = '<p>Header PR-2 $5.00</p><x-lazy-lines></x-lazy-lines>';
    const s = await start({ shadowChecksMs: [0, 0] });
    expect(reported(s)).toEqual(['PR-2 5.00']);
    // The lazily loaded chunk defines the element: it upgrades and renders into its own shadow root.
    customElements.define(
      'x-lazy-lines',
      class extends HTMLElement {
        connectedCallback() {
          this.attachShadow({ mode: 'open' }).innerHTML = '<p>Adjustment CO-253 $1.47</p>';
        }
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 10));
    await settle();
    expect(reported(s)).toEqual(['CO-253 1.47', 'PR-2 5.00']);
  });

  // happy-dom matches every custom element as :not(:defined), so here a defined component and an undefined
  // one look alike; the real-Chromium test in slice.e2e.ts is the one that tells them apart.
  it('marks a defined component that attaches its shadow root only later (rendering on data), unobserved', async () => {
    const late = new Set<HTMLElement & { render(): void }>();
    if (!customElements.get('x-on-data')) {
      customElements.define(
        'x-on-data',
        class extends HTMLElement {
          connectedCallback() {
            late.add(this);
          }
          render() {
            this.attachShadow({ mode: 'open' }).innerHTML = '<p>Adjustment CO-45 $12.00</p>';
          }
        },
      );
    }
    document.body.innerHTML = '<p>Header PR-2 $5.00</p><x-on-data></x-on-data>';
    const s = await start({ shadowChecksMs: [0, 0] });
    expect(reported(s)).toEqual(['PR-2 5.00']);
    // Its data arrives: it renders into a new shadow root; the page's light DOM does not change.
    for (const el of late) el.render();
    await new Promise((resolve) => setTimeout(resolve, 10));
    await settle();
    expect(reported(s)).toEqual(['CO-45 12.00', 'PR-2 5.00']);
  });

  it('lets go of components it has watched long enough, so a page full of them still gets its newer ones watched', async () => {
    // 500 light-DOM components (framework tags without a shadow root) fill what is watched.
    document.body.innerHTML = `<p>Header PR-2 $5.00</p>${'<x-light-row><span>row</span></x-light-row>'.repeat(500)}`;
    let clock = 0;
    const s = await start({ shadowChecksMs: [10_000], now: () => clock });
    expect(reported(s)).toEqual(['PR-2 5.00']);
    // A minute later the app renders one more component; it attaches its root only when its data arrives.
    clock += 60_000;
    const late = document.createElement('x-late-data');
    document.body.append(late);
    await settle();
    late.attachShadow({ mode: 'open' }).innerHTML = '<p>Adjustment CO-45 $12.00</p>';
    // The page's next change is when waiting components are looked at again.
    clock += 1_000;
    document.body.append(Object.assign(document.createElement('p'), { textContent: 'Saved.' }));
    await settle();
    expect(reported(s)).toEqual(['CO-45 12.00', 'PR-2 5.00']);
  });

  it('never marks an editor inside a shadow tree, even when the page types into it', async () => {
    const { root } = component();
    root.innerHTML += '<div id="ed" contenteditable="true">Draft: </div>';
    const s = await start();
    const ed = root.getElementById('ed') as HTMLElement;
    (ed.firstChild as Text).data = 'Draft: CO-45 $12.00';
    ed.appendChild(document.createElement('p')).textContent = 'CO-16';
    await settle();
    expect(ed.querySelectorAll('remit-mark').length).toBe(0);
    expect(reported(s)).toEqual(LIGHT);
  });
});

describe('PageScanner on a page that fights its marks', () => {
  let page: MutationObserver | null = null;
  afterEach(() => {
    page?.disconnect();
    page = null;
  });
  const waitMs = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  /** The page replaces each of our marks with its text, as a sanitizer of foreign elements would. */
  const unwrapping = () => {
    let unwrapped = 0;
    page = new MutationObserver(() => {
      for (const mark of Array.from(document.querySelectorAll('remit-mark'))) {
        mark.replaceWith(document.createTextNode(mark.textContent ?? ''));
        unwrapped++;
      }
    });
    page.observe(document.body, { childList: true, subtree: true });
    return () => unwrapped;
  };

  it('never doubles text a page unwraps, before or after marks go off', async () => {
    document.body.innerHTML = '<p id="p">Adjustment CO-45 $12.00 and PR-2 $20.00 on this claim.</p>';
    const text = document.getElementById('p')?.textContent;
    unwrapping();
    const s = await start();
    await settle();
    await settle();
    expect(document.getElementById('p')?.textContent).toBe(text);
    expect(onPage()).toEqual([]);
    // The codes are still read and counted.
    expect(
      s
        .detections()
        .map((d) => d.mention.code)
        .sort(),
    ).toEqual(['CO-45', 'PR-2']);
    s.stop();
    expect(document.getElementById('p')?.textContent).toBe(text);
  });

  it('marks a fought block again only after a backoff, longer each time, and then leaves it alone', async () => {
    document.body.innerHTML = '<p id="p">Adjustment CO-45 $12.00 and PR-2 $20.00 on this claim.</p><p id="q">Other claim: CO-253 $2.36</p>';
    const text = document.body.textContent;
    const unwrapped = unwrapping();
    const s = await start({ fightBackoffMs: [150, 300, 600] });
    await settle();
    expect(unwrapped()).toBe(3);
    await waitMs(20);
    await settle();
    // Still backing off.
    expect(unwrapped()).toBe(3);
    // Marked again after each backoff (three), then never again: 4 rounds of 3 marks.
    for (let waited = 0; unwrapped() < 12 && waited < 5000; waited += 50) await waitMs(50);
    expect(unwrapped()).toBe(12);
    await waitMs(700);
    await settle();
    expect(unwrapped()).toBe(12);
    expect(document.body.textContent).toBe(text);
    expect(s.detections().length).toBe(3);
  });

  it('leaves a page that strips marks (text and all) without restoring or re-marking', async () => {
    document.body.innerHTML = '<p id="p">Adjustment CO-45 $12.00 and PR-2 $20.00 on this claim.</p>';
    let stripped = 0;
    page = new MutationObserver(() => {
      for (const mark of Array.from(document.querySelectorAll('remit-mark'))) {
        mark.remove();
        stripped++;
      }
    });
    page.observe(document.body, { childList: true, subtree: true });
    const s = await start({ fightBackoffMs: [5, 5, 5] });
    await settle();
    await waitMs(50);
    await settle();
    expect(stripped).toBe(2);
    // What the page removed stays removed; nothing of ours is left.
    expect(document.getElementById('p')?.textContent).toBe('Adjustment  $12.00 and  $20.00 on this claim.');
    s.stop();
    expect(document.getElementById('p')?.textContent).toBe('Adjustment  $12.00 and  $20.00 on this claim.');
  });
});

describe('PageScanner on a page that keeps changing', () => {
  const codes = Array.from({ length: 300 }, (_, i) => `CO-45 ${i + 1}.00`).join(', ');

  it('follows a clock ticking inside a long paragraph of codes without reading or marking the paragraph again', async () => {
    document.body.innerHTML = `<p id="p">Adjustments: ${codes}; as of <span id="clock">10:00:00</span>, and remark N130.</p>`;
    const s = await start();
    const marks = Array.from(document.querySelectorAll('remit-mark'));
    expect(marks.length).toBe(301);
    const clock = document.getElementById('clock') as HTMLElement;
    for (let t = 1; t <= 10; t++) {
      // As pages do it: the text node replaced (textContent =), or its text changed (.data =).
      if (t % 2) clock.textContent = `10:00:${String(t).padStart(2, '0')}`;
      else (clock.firstChild as Text).data = `10:00:${String(t).padStart(2, '0')} (updated)`;
      await settle();
    }
    // The same mark elements, untouched; the report the same.
    const now = Array.from(document.querySelectorAll('remit-mark'));
    expect(now.length).toBe(marks.length);
    expect(now.every((m, i) => m === marks[i])).toBe(true);
    expect(s.detections().length).toBe(301);
    // A code that shows up in the changing text is read.
    clock.textContent = '10:00:11, and CO-97';
    await settle();
    expect(onPage()).toContain('CO-97');
    s.stop();
    expect(document.getElementById('p')?.textContent).toContain('10:00:11, and CO-97');
  });

  it('reads a block the page changes over and over less and less often, and never loses its codes', async () => {
    document.body.innerHTML = '<p id="p">Adjustment CO-45 $12.00, status <b id="n">0</b> and more.</p>';
    let now = 0;
    let writes = 0;
    const s = await start({
      now: () => now,
      beforeWrite: async () => {
        writes++;
      },
    });
    const n = document.getElementById('n') as HTMLElement;
    const before = writes;
    for (let t = 1; t <= 30; t++) {
      now = t * 1000;
      n.textContent = String(t);
      await settle();
    }
    // Read at once the first times, then at growing intervals: far fewer than 30 reads.
    expect(writes - before).toBeGreaterThan(1);
    expect(writes - before).toBeLessThan(10);
    expect(s.detections().map((d) => d.mention.code)).toEqual(['CO-45']);
  });
});
