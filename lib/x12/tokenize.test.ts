import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { known } from '../../test/known-codes';
import { wrap } from '../../test/wrap';
import { decodeText } from '../decode';
import { scanX12 } from '../detect/x12';
import { elementsOf, findEnvelope, segmentsOf, type X12Separators } from './tokenize';

const STAR: X12Separators = { element: '*', component: ':', segment: '~' };
const segs = (text: string, seps: X12Separators = STAR) => [...segmentsOf(text, 0, seps)];

describe('segments and elements', () => {
  it('splits at the terminator, trims layout around segments and keeps original offsets', () => {
    const text = '\uFEFF  CLP*A1*1*100*80~\r\n    CAS*CO*45*20~';
    const [clp, cas] = segs(text);
    expect(clp).toMatchObject({ index: 1, id: 'CLP', raw: 'CLP*A1*1*100*80', terminated: true });
    expect(cas).toMatchObject({ index: 2, id: 'CAS', raw: 'CAS*CO*45*20', terminated: true });
    const reason = cas ? elementsOf(cas, '*')[2] : undefined;
    expect(reason?.value).toBe('45');
    expect(text.slice(reason?.start, reason?.end)).toBe('45');
  });

  it('marks a last segment without its terminator', () => {
    const all = segs('ST*835*1~BPR*I*10');
    expect(all.map((s) => s.terminated)).toEqual([true, false]);
  });

  it('drops CR/LF inside a segment when something else ends segments: CAS*CO*4⏎5*50~ is CO-45 of 50', () => {
    const text = 'CAS*CO*4\r\n5*50~C\nLP*X*1*10*10~LQ*HE*N1\n30~';
    const [cas, clp, lq] = segs(text);
    expect(cas?.raw).toBe('CAS*CO*45*50');
    expect(clp?.id).toBe('CLP');
    expect(clp?.raw).toBe('CLP*X*1*10*10');
    expect(lq?.raw).toBe('LQ*HE*N130');
    const reason = cas ? elementsOf(cas, '*')[2] : undefined;
    // The value's offsets span the dropped line break, in the original text.
    expect(reason).toEqual({ value: '45', start: 7, end: 11 });
    expect(text.slice(reason?.start, reason?.end)).toBe('4\r\n5');
    const amount = cas ? elementsOf(cas, '*')[3] : undefined;
    expect(text.slice(amount?.start, amount?.end)).toBe('50');
    const remark = lq ? elementsOf(lq, '*')[2] : undefined;
    expect(text.slice(remark?.start, remark?.end)).toBe('N1\n30');
  });

  it('keeps line breaks as terminators when nothing else ends segments', () => {
    const text = 'ST*835*1\nBPR*I*10\r\nCLP*A*1*10*10\n';
    const seps: X12Separators = { element: '*', component: ':', segment: '\n' };
    expect(segs(text, seps).map((s) => s.raw)).toEqual(['ST*835*1', 'BPR*I*10', 'CLP*A*1*10*10']);
  });
});

describe('separators', () => {
  const isa =
    'ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *240101*1200*^*00501*000000001*0*P*>~GS*HP*A*B*20240101*1200*1*X*005010X221A1~';

  it('reads element, component, terminator and repetition separators from the ISA', () => {
    expect(findEnvelope(isa)).toMatchObject({
      separators: { element: '*', component: '>', segment: '~', repetition: '^' },
      begin: 0,
      fromHeader: true,
      problems: [],
    });
  });

  it('reads an ISA that a fixed-width wrap broke anywhere, also between ISA16 and its terminator', () => {
    for (let width = 20; width <= 110; width++) {
      const env = findEnvelope(wrap(isa, width));
      expect(env?.separators, `wrapped at ${width}`).toMatchObject({ element: '*', component: '>', segment: '~' });
    }
    expect(findEnvelope(isa.replace('*>~', '*>\r\n~'))?.separators.segment).toBe('~');
  });

  it('takes line breaks as terminators after ISA16 when the next segment follows', () => {
    expect(findEnvelope(isa.replace(/~/g, '\n'))?.separators.segment).toBe('\n');
  });

  it('guesses `~` without an ISA even when a wrap breaks the next segment id', () => {
    expect(findEnvelope('ST*835*1~B\r\nPR*I*10~')?.separators.segment).toBe('~');
    expect(findEnvelope('no segments here')).toBeUndefined();
  });
});

describe('wrapped files on pages and in the paste box (scanX12)', () => {
  const fixture = (name: string) => readFileSync(join(process.cwd(), 'test/fixtures/835', name), 'utf8');

  it('CAS*CO*4⏎5*50~ is CO-45 of 50.00, LQ*HE*N1⏎30 is N130, C⏎LP starts a claim; marks cover the original characters', () => {
    const text = 'ST*835*1~BPR*I*50*C*CHK~C\r\nLP*A1*1*100*50~SVC*HC:99213*100*50~CAS*CO*4\r\n5*50~LQ*HE*N1\r\n30~SE*6*1~';
    const scan = scanX12(text, known);
    expect(scan.claims).toBe(1);
    expect(scan.mentions.map((m) => [m.code, m.amount ?? '', text.slice(m.start, m.end).replace(/\r\n/g, '⏎')])).toEqual([
      ['CO-45', '50.00', '4⏎5'],
      ['N130', '', 'N1⏎30'],
    ]);
    expect(scan.mentions[0]?.paid).toBe('50.00');
  });

  it('a public sample wrapped at 80 columns gives the same codes and amounts as the original', () => {
    for (const name of ['synthetic-medicare-b-co253.835', 'uhc-commercial-gt-component.835', 'emedny-ny-medicaid-co251-lq.835']) {
      const original = fixture(name);
      const flat = original.replace(/~\r?\n\s*/g, '~');
      const wrapped = wrap(flat, 80);
      const want = scanX12(original, known).mentions.map((m) => `${m.code} ${m.amount ?? ''} ${m.serviceDate ?? ''}`);
      const got = scanX12(wrapped, known);
      expect(
        got.mentions.map((m) => `${m.code} ${m.amount ?? ''} ${m.serviceDate ?? ''}`),
        name,
      ).toEqual(want);
      for (const m of got.mentions) expect(wrapped.slice(m.start, m.end).replace(/\r\n/g, '')).toBe(m.reason);
    }
  });

  it('the paste box reads a wrapped 835 the same way', () => {
    const decoded = decodeText(`ISA*00*${' '.repeat(10)}*00*          *ZZ*A*ZZ*B*240101*1200*^*00501*1*0*P*:~\nCAS*CO*4\n5*50~`, known);
    expect(decoded.format).toBe('x12');
    expect(decoded.mentions.map((m) => [m.code, m.amount])).toEqual([['CO-45', '50.00']]);
  });
});
