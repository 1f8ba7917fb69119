import { beforeEach, describe, expect, it } from 'vitest';
import { type CellContext, contextOf, contextPass } from './context';

const at = (selector: string): CellContext => {
  const el = document.querySelector(selector);
  if (!el) throw new Error(`no ${selector}`);
  return contextOf(el, contextPass());
};
const facts = (ctx: CellContext) => {
  const { group, amount, paid, serviceDate } = ctx.row ?? {};
  return { role: ctx.role, group, amount, paid, serviceDate };
};

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('contextOf: tables with column headers', () => {
  it('gives each cell its column role and the row its group, amount, paid and date', () => {
    document.body.innerHTML = `<table>
      <thead><tr><th>DOS</th><th>Mod</th><th>Units</th><th>Paid</th><th>Group</th><th>Reason</th><th>Adj Amt</th><th>Remark</th></tr></thead>
      <tbody><tr><td>03/04/2024</td><td id="mod">59</td><td id="units">45</td><td>$71.85</td><td>Contractual Obligation</td><td id="r">45</td><td>$57.86</td><td id="rem">N130</td></tr></tbody>
    </table>`;
    expect(facts(at('#r'))).toEqual({ role: 'reason', group: 'CO', amount: '57.86', paid: '71.85', serviceDate: '2024-03-04' });
    expect(at('#rem').role).toBe('remark');
    expect(at('#mod').role).toBe('ignore');
    expect(at('#units').role).toBe('ignore');
    expect(at('th').role).toBe('other');
    // Cells of one row share the row context (one line key for the card).
    const pass = contextPass();
    const r = document.getElementById('r')!;
    const rem = document.getElementById('rem')!;
    expect(contextOf(r, pass).row).toBe(contextOf(rem, pass).row);
  });

  it('follows colspans and rowspans, in the header and in the body', () => {
    document.body.innerHTML = `<table>
      <thead>
        <tr><th rowspan="2">Line</th><th rowspan="2">Paid</th><th colspan="3">Adjustment</th><th rowspan="2">Remark</th></tr>
        <tr><th>Group</th><th>Reason</th><th>Amount</th></tr>
      </thead>
      <tbody>
        <tr><td rowspan="2">1</td><td rowspan="2">88.20</td><td>CO</td><td id="r1">45</td><td>61.80</td><td rowspan="2" id="rem">N130</td></tr>
        <tr><td>PR</td><td id="r2">2</td><td>1.80</td></tr>
        <tr><td colspan="2" id="wide">total 1</td><td>OA</td><td id="r3">23</td><td>2.00</td><td></td></tr>
      </tbody>
    </table>`;
    expect(facts(at('#r1'))).toEqual({ role: 'reason', group: 'CO', amount: '61.80', paid: '88.20', serviceDate: undefined });
    // The second row has four cells; its "2" is under Reason, and the Paid cell above spans down to it.
    expect(facts(at('#r2'))).toEqual({ role: 'reason', group: 'PR', amount: '1.80', paid: '88.20', serviceDate: undefined });
    expect(facts(at('#r3'))).toEqual({ role: 'reason', group: 'OA', amount: '2.00', paid: undefined, serviceDate: undefined });
    expect(at('#rem').role).toBe('remark');
    expect(at('#wide').role).toBe('ignore');
  });

  it('reads a header row of <th> without <thead>, and a bold first row in old portals', () => {
    document.body.innerHTML = `<table id="a"><tr><th>Group Code</th><th>Reason Code</th></tr><tr><td>PR</td><td id="a1">1</td></tr></table>
      <table id="b"><tr><td><b>Grp</b></td><td><strong>CARC</strong></td></tr><tr><td>CO</td><td id="b1">45</td></tr></table>`;
    expect(facts(at('#a1'))).toMatchObject({ role: 'reason', group: 'PR' });
    expect(facts(at('#b1'))).toMatchObject({ role: 'reason', group: 'CO' });
  });

  it('reads ARIA grids', () => {
    document.body.innerHTML = `<div role="grid">
      <div role="row"><div role="columnheader">Adjustment Group</div><div role="columnheader">CARC</div><div role="columnheader">Adjustment Amount</div></div>
      <div role="row"><div role="gridcell"><span>PR</span></div><div role="gridcell" id="g">3</div><div role="gridcell">$25.00</div></div>
    </div>`;
    expect(facts(at('#g'))).toMatchObject({ role: 'reason', group: 'PR', amount: '25.00' });
  });

  it('is not confused by a table nested in a cell', () => {
    document.body.innerHTML = `<table><thead><tr><th>Units</th><th>Detail</th></tr></thead><tbody><tr><td>2</td><td>
      <table><thead><tr><th>Reason</th></tr></thead><tbody><tr><td id="inner">45</td></tr></tbody></table>
    </td></tr></tbody></table>`;
    expect(at('#inner').role).toBe('reason');
  });
});

describe('contextOf: key-value records', () => {
  it('reads a table of row headers as one record', () => {
    document.body.innerHTML = `<table>
      <tr><th>Group code</th><td>CO</td></tr>
      <tr><th>Reason code</th><td id="r">50</td></tr>
      <tr><th>Adjustment amount</th><td>$1,240.00</td></tr>
      <tr><th>Remark codes</th><td id="rem">N115</td></tr>
      <tr><th>Units</th><td id="u">45</td></tr>
    </table>`;
    expect(facts(at('#r'))).toMatchObject({ role: 'reason', group: 'CO', amount: '1240.00' });
    expect(at('#rem').role).toBe('remark');
    expect(at('#u').role).toBe('ignore');
  });

  it('reads labels that end with a colon', () => {
    document.body.innerHTML =
      '<table><tr><td>Reason code:</td><td id="r">96</td></tr><tr><td>Check number:</td><td id="c">100245</td></tr></table>';
    expect(at('#r').role).toBe('reason');
    expect(at('#c').role).toBe('ignore');
  });

  it('reads definition lists, and gives group and amount only to a lone reason', () => {
    document.body.innerHTML = `<dl id="one"><dt>Adjustment group</dt><dd>Patient Responsibility</dd><dt>Adjustment reason</dt><dd id="r">2</dd>
        <dt>Adjustment amount</dt><dd>$36.20</dd><dt>Remarks</dt><dd>N522</dd><dd id="m2">M86</dd></dl>
      <dl><dt>Group</dt><dd>CO</dd><dt>Reason codes</dt><dd id="two">45, 253</dd><dt>Reason</dt><dd>97</dd><dt>Amount</dt><dd>$14.20</dd></dl>`;
    expect(facts(at('#r'))).toMatchObject({ role: 'reason', group: 'PR', amount: '36.20' });
    expect(at('#m2').role).toBe('remark');
    expect(facts(at('#two'))).toMatchObject({ role: 'reason', group: undefined, amount: undefined });
  });

  it('leaves plain text plain', () => {
    document.body.innerHTML = '<p id="p">CO-45</p><table><tr><td id="t">CO-45</td><td>x</td></tr></table>';
    expect(at('#p')).toEqual({ role: 'other' });
    expect(at('#t').role).toBe('other');
  });
});
