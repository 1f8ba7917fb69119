import { beforeEach, describe, expect, it } from 'vitest';
import { known } from '../../test/known-codes';
import { contextPass } from './context';
import { detectUnit } from './detect-unit';
import { collectUnits } from './units';

/** Every mention of every unit in the body, as "code amount". */
function detectAll(html: string): string[] {
  document.body.innerHTML = html;
  const pass = contextPass();
  return collectUnits(document.body).flatMap((u) => detectUnit(u, known, pass).map((m) => `${m.code} ${m.amount ?? ''}`.trim()));
}

beforeEach(() => {
  document.body.innerHTML = '';
});

describe('detectUnit', () => {
  it('reads raw 835 in a <pre> with the file’s own separators', () => {
    const era = 'ISA*00*          *00*          *ZZ*A              *ZZ*B              *240517*0930*^*00501*000000777*0*P*>~\n'.concat(
      'CLP*PCN1*1*320*171.9*20*12~SVC*HC>99214>25*210*120.3**1~CAS*CO*45*67.25**253*2.45~CAS*PR*2*20~LQ*HE*N130~LQ*RX*45~',
    );
    expect(detectAll(`<pre>${era.replace(/>/g, '&gt;')}</pre>`)).toEqual(['CO-45 67.25', 'CO-253 2.45', 'PR-2 20.00', 'N130']);
  });

  it('reads an 835 shown one segment per line (<div> per segment, or <br> between them)', () => {
    const lines = [
      'N4*DENVER*CO*80202~',
      'NM1*PR*2*CASCADE MUTUAL~',
      'SVC*HC:99214:25*210*120.3**1~',
      'CAS*CO*45*67.25**253*2.45~',
      'LQ*HE*N130~',
      'LQ*RX*45~',
      'MOA***MA01*MA18~',
      'PLB*1234567893*20241231*72:X*-45~',
    ];
    const expected = ['CO-45 67.25', 'CO-253 2.45', 'N130', 'MA01', 'MA18'];
    expect(detectAll(lines.map((l) => `<div>${l}</div>`).join(''))).toEqual(expected);
    expect(detectAll(`<pre>${lines.join('<br>')}</pre>`)).toEqual(expected);
  });

  it('reads the inside of a CAS segment in a cell with the text rules', () => {
    expect(detectAll('<table><tr><td>CO*45*12.00</td><td>x</td></tr></table>')).toEqual(['CO-45']);
  });

  it('gives a reason and the remarks of the same row one line key', () => {
    document.body.innerHTML =
      '<table><thead><tr><th>Reason</th><th>Remark</th></tr></thead><tbody><tr><td>CO-45</td><td>N130</td></tr><tr><td>PR-2</td><td>M15</td></tr></tbody></table>';
    const pass = contextPass();
    const ms = collectUnits(document.body).flatMap((u) => detectUnit(u, known, pass));
    expect(ms.map((m) => m.code)).toEqual(['CO-45', 'N130', 'PR-2', 'M15']);
    expect(ms[0]?.lineKey).toBe(ms[1]?.lineKey);
    expect(ms[2]?.lineKey).toBe(ms[3]?.lineKey);
    expect(ms[0]?.lineKey).not.toBe(ms[2]?.lineKey);
  });

  it('never reads group, amount, units, modifier or diagnosis columns as codes', () => {
    const html = `<table><thead><tr><th>Group</th><th>Reason</th><th>Adj Amt</th><th>Units</th><th>Mod</th><th>Dx</th></tr></thead>
      <tbody><tr><td>CO 45</td><td>97</td><td>CO-45 $1.00</td><td>45</td><td>59</td><td>N183</td></tr></tbody></table>`;
    expect(detectAll(html)).toEqual(['97']);
  });
});
