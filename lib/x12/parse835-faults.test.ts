// Bad input: a truncated file, a mis-enveloped one, X12 that is not an 835, text that is not X12,
// damaged segments; and the forms a good file comes in (wrapped, one line, CRLF, read in slices).
// The reader names the segment and what it expected, keeps what it read, and never throws.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { wrap } from '../../test/wrap';
import { formatCents } from '../amount';
import { balanceAttr, checkRemittance } from '../remit/checks';
import { parse835, Reader835 } from './parse835';

const read = (path: string) => readFileSync(join(process.cwd(), 'test/fixtures', path), 'utf8');

describe('bad input', () => {
  it('a truncated file: what was read is kept, the cut transaction, claim and line are marked incomplete', () => {
    const result = parse835(read('reader/truncated.835'));
    expect(result.complete).toBe(false);
    const [first, second] = result.remittances;
    expect(first?.complete).toBe(true);
    expect(first?.claims).toHaveLength(1);
    expect(second?.complete).toBe(false);
    expect(second?.transaction?.ended).toBe(false);
    expect(first?.transaction?.ended).toBe(true);
    expect(second?.claims.map((c) => [c.account, c.incomplete ?? false, c.lines.length])).toEqual([['SYN0002', true, 2]]);
    expect(second?.claims[0]?.lines.map((l) => [l.procedure, l.incomplete ?? false, l.paid])).toEqual([
      ['99214', false, 10067],
      ['93000', true, undefined],
    ]);
    expect(second?.problems.map((p) => p.message)).toEqual([
      'Segment 67 (SVC): the line charge (SVC02) is missing: expected an amount.',
      'Segment 67 (SVC): the line payment (SVC03) is missing: expected an amount.',
      'Segment 67 (SVC): the file ends inside transaction 000000002 (started at segment 38): expected SE to close it. The file looks cut short; what was read is shown.',
      "Segment 67 (SVC): the last segment has no terminator '~': it may be cut short.",
    ]);
    expect(result.problems.map((p) => p.message)).toEqual([
      'Segment 67 (SVC): the file ends before GE closed the group at segment 2: expected GE and IEA.',
    ]);
  });

  it('a mis-enveloped file (an SE missing): the open transaction ends incomplete at the next ST, the next one reads whole', () => {
    const result = parse835(read('reader/mis-enveloped.835'));
    const [first, second] = result.remittances;
    expect(first?.problems.map((p) => p.message)).toEqual([
      'Segment 37 (ST): a new transaction starts before SE closed transaction 000000001: expected SE first.',
    ]);
    expect(first?.complete).toBe(false);
    expect(first?.claims[0]?.incomplete).toBe(true);
    expect(second?.complete).toBe(true);
    expect(second?.claims).toHaveLength(3);
    expect(result.complete).toBe(false);
  });

  it('X12 that is not an 835 (an 837): says so with the segment, reads nothing of it', () => {
    const result = parse835(read('reader/not-835.txt'));
    expect(result.kind).toBe('not-835');
    expect(result.remittances).toEqual([]);
    expect(result.problems.map((p) => p.message)).toEqual([
      "Segment 2 (GS): this group holds 'HC' transactions (GS01), not claim payments: expected GS*HP. Its transactions are checked one by one.",
      'Segment 3 (ST): this transaction is an X12 837 (ST01), not an 835 claim payment: expected ST*835. It is not read.',
    ]);
    expect(result.complete).toBe(false);
  });

  it('text that is not X12 at all', () => {
    for (const text of ['', 'Dear provider, your claim was paid.', '%PDF-1.7\n%âãÏÓ\n1 0 obj']) {
      const result = parse835(text);
      expect(result.kind).toBe('not-x12');
      expect(result.remittances).toEqual([]);
      expect(result.problems.map((p) => p.message)).toEqual([
        'This is not an X12 file: no ISA or ST segment was found. Expected an 835 remittance, which starts with ISA (or ST*835).',
      ]);
    }
  });

  it('damage in the middle: a garbled segment, a CAS with a bad group, an amount that is not a number, content outside a transaction', () => {
    const text = [
      'ST*835*1~BPR*I*10*C*CHK~TRN*1*T1*X~',
      'CLP*A*1*20*10~SVC*HC:99213*20*10~CAS*XX*45*10~',
      '@@@garbage*1~',
      'CAS*CO*45*1O.00~',
      'SE*9*1~',
      'CLP*B*1*5*5~',
    ].join('');
    const result = parse835(text);
    const [r] = result.remittances;
    expect(r?.problems.map((p) => p.message)).toEqual([
      "Segment 6 (CAS): the group (CAS01) is 'XX': expected CO, PR, OA, PI or CR. This adjustment is not read.",
      "Segment 7 (@@@garbage…): '@@@garbage' is not a segment id: expected a segment such as CLP, SVC or CAS. The text may be damaged here.",
      "Segment 8 (CAS): the amount for reason 45 (CAS03) is '1O.00': expected an amount such as 123.45.",
    ]);
    expect(r?.complete).toBe(false);
    // The CAS with the bad amount is kept without an amount: the line cannot be checked, not guessed.
    expect(r?.claims[0]?.lines[0]?.adjustments).toEqual([{ group: 'CO', reason: '45', code: 'CO-45', source: { segment: 8 } }]);
    expect(result.problems.map((p) => p.message)).toEqual([
      'Segment 10 (CLP): this segment is outside any transaction: expected ST (a new transaction), GE or IEA here. It is not read.',
    ]);
  });

  it('a bare transaction body without ST still reads, flagged', () => {
    const result = parse835('BPR*I*10*C*CHK~CLP*A*1*10*10~');
    expect(result.remittances[0]?.claims).toHaveLength(1);
    expect(result.remittances[0]?.problems[0]?.message).toBe(
      'Segment 1 (BPR): the file has no ST header before it: expected ST*835. What follows is read as one transaction.',
    );
  });

  it('never throws on mangled copies of every sample (cut anywhere, bytes flipped)', () => {
    const samples = ['835/synthetic-medicare-b-co253.835', '835/county-bh-reversals-indented.835', '835/emedny-ny-medicaid-co251-lq.835'];
    let seed = 7;
    const random = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    for (const name of samples) {
      const text = read(name);
      for (let i = 0; i < 60; i++) {
        const cut = text.slice(0, Math.floor(random() * text.length));
        const chars = [...text];
        for (let k = 0; k < 10; k++) chars[Math.floor(random() * chars.length)] = '*~:^\n\u0000Z9'.charAt(Math.floor(random() * 9));
        for (const mangled of [cut, chars.join('')]) expect(() => parse835(mangled)).not.toThrow();
      }
    }
  });
});

describe('one file, many forms', () => {
  const original = read('835/synthetic-medicare-b-co253.835');
  const shape = (text: string) =>
    parse835(text).remittances.map((r) => ({
      claims: r.claims.map((c) => [
        c.account,
        c.paid,
        c.lines.map((l) => [l.procedure, l.paid, l.adjustments.map((a) => `${a.code} ${a.amount}`), l.remarks.map((m) => m.code)]),
      ]),
      balance: balanceAttr(checkRemittance(r, []).payment),
    }));
  const want = shape(original);

  it.each([
    ['one line', original.replace(/~\n/g, '~')],
    ['CRLF', original.replace(/\n/g, '\r\n')],
    ['a BOM and indentation', `\uFEFF${original.replace(/\n/g, '\n    ')}`],
    ['wrapped at 80 columns (CRLF)', wrap(original.replace(/~\n/g, '~'), 80)],
    ['wrapped at 61 columns (LF)', wrap(original.replace(/~\n/g, '~'), 61, '\n')],
    ['one segment per line with no terminator', original.replace(/~\n/g, '\n')],
    ['other separators (| ^ !)', original.replace(/\*/g, '|').replace(/:/g, '^').replace(/~/g, '!')],
  ])('%s reads the same', (_, text) => {
    expect(shape(text)).toEqual(want);
  });

  it('CAS*CO*4⏎5*50~ is CO-45 of 50.00; C⏎LP and LQ*HE*N1⏎30 read whole', () => {
    const [r] = parse835(
      'ST*835*1~BPR*I*50*C*CHK~C\r\nLP*A*1*100*50~SVC*HC:99213*100*50~CAS*CO*4\r\n5*50~LQ*HE*N1\r\n30~SE*7*1~',
    ).remittances;
    const line = r?.claims[0]?.lines[0];
    expect(line?.adjustments.map((a) => `${a.code} ${formatCents(a.amount ?? 0)}`)).toEqual(['CO-45 50.00']);
    expect(line?.remarks.map((m) => m.code)).toEqual(['N130']);
    expect(r?.problems).toEqual([]);
  });

  it('reading in slices gives what reading at once gives, with progress', () => {
    const big = original.repeat(20);
    const reader = new Reader835(big);
    const seen: number[] = [];
    while (!reader.step(37)) seen.push(reader.progress);
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.every((p, i) => p > 0 && p < 1 && (i === 0 || p >= (seen[i - 1] ?? 0)))).toBe(true);
    expect(reader.progress).toBe(1);
    expect(JSON.stringify(reader.result)).toBe(JSON.stringify(parse835(big)));
  });
});
