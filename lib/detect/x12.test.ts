import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { known } from '../../test/known-codes';
import { normalizeX12Amount } from '../amount';
import type { KnownCodes, Mention } from './types';
import { looksLikeX12, scanX12 } from './x12';

const fixtureDir = join(process.cwd(), 'test/fixtures/835');
const fixture = (name: string) => readFileSync(join(fixtureDir, name), 'utf8');
const fixtureNames = readdirSync(fixtureDir).filter((f) => f.endsWith('.835'));

function tally(keys: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of keys) out[k] = (out[k] ?? 0) + 1;
  return out;
}
const carcTally = (ms: Mention[]) => tally(ms.filter((m) => m.kind === 'carc').map((m) => `${m.code} ${m.amount ?? ''}`));
const rarcTally = (ms: Mention[]) => tally(ms.filter((m) => m.kind === 'rarc').map((m) => m.code));

/** The segment id of the segment that contains `offset` (independent of the scanner). */
function segmentIdAt(text: string, offset: number): string {
  const start = Math.max(text.lastIndexOf('~', offset), text.lastIndexOf('\n', offset)) + 1;
  return text
    .slice(start, text.indexOf('*', start))
    .trim()
    .replace(/^\uFEFF/, '');
}

// Expected detections per fixture, counted by reading the files (and matching the triplet and
// LQ*HE counts in SOURCES.md). Placeholder and `X…` codes must not appear.
const expected: Record<string, { carc: Record<string, number>; rarc: Record<string, number> }> = {
  'lfh-medicare-part-a-institutional.835': { carc: { 'CO-45 73348.57': 1, 'CO-45 3019.67': 1 }, rarc: { MA02: 1 } },
  'lfh-managed-care.835': {
    carc: { 'CO-A2 50.00': 1, 'CO-A2 55.00': 1, 'PR-1 300.00': 1, 'PR-1 600.00': 1, 'CO-45 50.00': 1 },
    rarc: {},
  },
  'lfh-secondary-payment.835': {
    carc: { 'OA-23 9411.64': 1, 'OA-23 136.50': 1, 'PR-1 150.00': 1, 'PR-2 70.00': 1, 'CO-42 85.00': 1 },
    rarc: {},
  },
  'lfh-cob-negative-oa94.835': { carc: { 'OA-23 516.00': 1, 'OA-94 -9.00': 1 }, rarc: {} },
  'lfh-tertiary-payment.835': { carc: { 'OA-23 1579.00': 1 }, rarc: {} },
  'emedny-ny-medicaid-co251-lq.835': {
    carc: { 'CO-29 12.00': 1, 'CO-29 22.00': 1, 'CO-251 2.75': 1, 'CO-251 20.00': 1 },
    rarc: { N206: 2 },
  },
  'uhc-commercial-gt-component.835': {
    carc: { 'CO-45 67.50': 1, 'CO-45 79.60': 1, 'CO-45 255.72': 1, 'CO-45 184.32': 1, 'PR-1 105.26': 1, 'PR-1 110.00': 1, 'PR-2 5.13': 1 },
    rarc: {},
  },
  'bcbs-nc-no-envelope-oneline.835': { carc: { 'CO-42 34.60': 1, 'PR-2 117.54': 1, 'PR-3 25.00': 1 }, rarc: {} },
  'nc-state-plan-institutional-neg-co94.835': { carc: { 'CO-94 -1710.44': 1 }, rarc: {} },
  'bcbs-nc-plb-fb-wo-cs.835': { carc: { 'CO-45 82.27': 1, 'CO-45 25.00': 1 }, rarc: {} },
  'medicaid-institutional-revcodes-ndc.835': {
    carc: { 'CO-45 104.00': 1, 'CO-45 30.00': 1, 'CO-45 50.00': 2, 'CO-45 20.00': 1, 'CO-45 10.00': 2 },
    rarc: {},
  },
  'nevada-medicaid-multi-st-plb.835': {
    carc: { 'OA-147 50016.00': 1, 'CO-26 22216.00': 1, 'OA-176 3002.00': 1, 'OA-147 9365.04': 1, 'CO-26 31866.00': 1 },
    rarc: {},
  },
  'synthetic-all-x-exhaustive.835': { carc: {}, rarc: {} },
  'county-bh-reversals-indented.835': {
    carc: {
      'CO-42 0.18': 2,
      'CO-42 0.00': 5,
      'CR-18 25.95': 1,
      'CO-29 162.13': 1,
      'OA-23 37.64': 1,
      'OA-23 57.60': 1,
      'OA-23 -1.08': 1,
      'PR-2 14.92': 1,
      'PI-104 136.72': 1,
      'CR-141 0.00': 1,
      'CR-42 0.00': 2,
      'CR-22 0.00': 2,
      'OA-141 0.00': 1,
      'OA-22 0.00': 1,
    },
    rarc: { MA92: 1 },
  },
  'nebraska-medicaid-deid-lq-n1.835': {
    carc: {
      'CO-45 999.99': 20,
      'CO-45 99.99': 23,
      'CO-45 147.22': 4,
      'CO-45 313.26': 1,
      'CO-45 9.99': 1,
      'CO-45 -999.99': 1,
      'CO-24 999.99': 12,
      'CO-24 99.99': 19,
      'CO-23 9999.99': 1,
      'CO-23 999.99': 1,
      'CO-23 112.27': 1,
      'CO-23 99.99': 1,
      'CO-23 9.99': 1,
      'CO-23 0.28': 1,
      'CO-204 99.99': 1,
      'CO-204 9.99': 3,
      'CO-16 99.99': 3,
      'CO-165 999.99': 1,
      'CO-29 999.99': 1,
      'CO-59 99.99': 1,
    },
    rarc: { N1: 91, N36: 1, N20: 1 },
  },
  'synthetic-medicare-b-co253.835': {
    carc: {
      'CO-16 180.00': 1,
      'CO-97 95.00': 1,
      'CO-45 121.60': 1,
      'CO-45 62.75': 1,
      'CO-45 334.90': 2,
      'CO-45 89.64': 1,
      'CO-253 2.05': 1,
      'CO-253 0.28': 1,
      'CO-253 1.04': 1,
      'CO-253 0.52': 2,
      'CO-59 32.55': 1,
      'PR-2 25.68': 1,
      'PR-2 3.45': 1,
      'PR-2 13.02': 1,
      'PR-2 6.51': 1,
      'PR-2 6.07': 1,
    },
    rarc: { MA01: 4, MA18: 3, MA130: 1, N130: 1, M15: 1 },
  },
};

describe('scanX12 on the public fixtures', () => {
  it('has an expectation for every fixture file, and never the unlicensed Novitas file', () => {
    expect(fixtureNames.sort()).toEqual(Object.keys(expected).sort());
    expect(fixtureNames).not.toContain('novitas-medicare-b-co253.835');
  });

  for (const name of Object.keys(expected)) {
    describe(name, () => {
      const text = fixture(name);
      const scan = scanX12(text, known);
      const want = expected[name] ?? { carc: {}, rarc: {} };

      it('finds exactly the expected CARCs (code, amount) and RARCs', () => {
        expect(carcTally(scan.mentions)).toEqual(want.carc);
        expect(rarcTally(scan.mentions)).toEqual(want.rarc);
      });

      it('gives offsets into the original text that cover exactly the code', () => {
        for (const m of scan.mentions) {
          expect(text.slice(m.start, m.end)).toBe(m.reason);
          expect(m.code).toBe(m.kind === 'carc' ? `${m.group}-${m.reason}` : m.reason);
        }
      });

      it('takes CARCs only from CAS and RARCs only from LQ, MOA and MIA', () => {
        for (const m of scan.mentions) {
          const id = segmentIdAt(text, m.start);
          if (m.kind === 'carc') expect(id).toBe('CAS');
          else expect(['LQ', 'MOA', 'MIA']).toContain(id);
        }
      });

      it('is recognised as X12 and gives every mention a claim', () => {
        expect(looksLikeX12(text)).toBe(true);
        expect(scan.separators?.element).toBe('*');
        expect(scan.separators?.segment).toBe('~');
        for (const m of scan.mentions) {
          expect(m.claimKey).toMatch(/^c\d+$/);
          expect(m.lineKey?.startsWith(m.claimKey ?? '?')).toBe(true);
        }
      });
    });
  }

  it('counts claims and segments across several interchanges and transactions', () => {
    const nebraska = scanX12(fixture('nebraska-medicaid-deid-lq-n1.835'), known);
    expect(nebraska.claims).toBe(56);
    expect(nebraska.segments).toBe(789);
    const nevada = scanX12(fixture('nevada-medicaid-multi-st-plb.835'), known);
    expect(nevada.claims).toBe(3);
    expect(nevada.segments).toBe(67);
  });

  it('has no problems on clean files, and names the placeholder codes it skipped', () => {
    expect(scanX12(fixture('synthetic-medicare-b-co253.835'), known).problems).toEqual([]);
    expect(scanX12(fixture('lfh-managed-care.835'), known).problems).toEqual([]);
    const x = scanX12(fixture('synthetic-all-x-exhaustive.835'), known);
    expect(x.problems).toContain("segment 43 (CAS): 'X' is not a known adjustment reason code");
    expect(x.problems).toContain("segment 50 (LQ): 'XXXX' is not a known remark code");
  });
});

describe('separators', () => {
  it('reads a `>` component separator from the ISA', () => {
    expect(scanX12(fixture('uhc-commercial-gt-component.835'), known).separators).toEqual({ element: '*', component: '>', segment: '~' });
    expect(scanX12(fixture('nebraska-medicaid-deid-lq-n1.835'), known).separators).toEqual({ element: '*', component: '>', segment: '~' });
  });

  it('counts separators in a non-fixed-width ISA (Nevada)', () => {
    const text = fixture('nevada-medicaid-multi-st-plb.835');
    expect(text.startsWith('ISA*00* *00* *ZZ*NVMED *')).toBe(true);
    expect(scanX12(text, known).separators).toEqual({ element: '*', component: ':', segment: '~' });
  });

  it('believes the ISA when the SVC composites contradict it', () => {
    expect(scanX12(fixture('lfh-secondary-payment.835'), known).separators).toEqual({ element: '*', component: ':', segment: '~' });
  });

  it('reads the ISA after a BOM', () => {
    const text = fixture('county-bh-reversals-indented.835');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(scanX12(text, known).separators).toEqual({ element: '*', component: ':', segment: '~' });
  });

  it('guesses separators without an ISA', () => {
    expect(scanX12(fixture('bcbs-nc-no-envelope-oneline.835'), known).separators).toEqual({ element: '*', component: ':', segment: '~' });
    const piped = 'ST|835|0001\r\nCLP|A1|1|100|80||12|X\r\nSVC|HC>99213|100|80||1\r\nCAS|CO|45|20\r\nSE|5|0001';
    const scan = scanX12(piped, known);
    expect(scan.separators).toEqual({ element: '|', component: '>', segment: '\n' });
    expect(carcTally(scan.mentions)).toEqual({ 'CO-45 20.00': 1 });
    expect(scan.problems).toEqual([]);
  });

  it('does not take a `~` inside an element for the segment terminator', () => {
    const text = 'ST*835*1\nPER*IC**UR*EXAMPLE.INVALID/~BILLING\nCLP*A*1*10*5**12*X\nCAS*PR*2*5\nSE*5*1\n';
    const scan = scanX12(text, known);
    expect(scan.separators?.segment).toBe('\n');
    expect(carcTally(scan.mentions)).toEqual({ 'PR-2 5.00': 1 });
  });

  it('takes a newline right after ISA16 as the segment terminator', () => {
    const isa = 'ISA*00*          *00*          *ZZ*A              *ZZ*B              *240101*1200*^*00501*000000001*0*P*:';
    const text = `${isa}\nGS*HP*A*B*20240101*1200*1*X*005010X221A1\nST*835*1\nCLP*X1*1*10*5**12*Y\nCAS*PR*1*5\nSE*4*1\n`;
    const scan = scanX12(text, known);
    expect(scan.separators).toEqual({ element: '*', component: ':', segment: '\n' });
    expect(carcTally(scan.mentions)).toEqual({ 'PR-1 5.00': 1 });
  });
});

describe('context: claim and line keys, paid, service date', () => {
  const text = fixture('synthetic-medicare-b-co253.835');
  const scan = scanX12(text, known);
  const byLine = new Map<string, string[]>();
  for (const m of scan.mentions) byLine.set(m.lineKey ?? '', [...(byLine.get(m.lineKey ?? '') ?? []), m.code]);

  it('groups each LQ*HE remark with the CAS of its line, and MOA with its claim', () => {
    expect(Object.fromEntries(byLine)).toEqual({
      c1: ['MA01'],
      'c1.l1': ['CO-16', 'MA130', 'N130'],
      'c1.l2': ['CO-97', 'M15'],
      c2: ['MA01', 'MA18'],
      'c2.l1': ['CO-45', 'CO-253', 'PR-2'],
      'c2.l2': ['CO-45', 'CO-253', 'PR-2'],
      c3: ['MA01', 'MA18'],
      'c3.l1': ['CO-45', 'CO-253', 'PR-2'],
      'c3.l2': ['CO-45', 'CO-253', 'CO-59', 'PR-2'],
      c4: ['MA01', 'MA18'],
      'c4.l1': ['CO-45', 'CO-253', 'PR-2'],
    });
    for (const m of scan.mentions) expect(m.lineKey?.split('.')[0]).toBe(m.claimKey);
    expect(scan.claims).toBe(4);
  });

  it('uses SVC03 as paid on lines, CLP04 on claims, and dates from DTM', () => {
    const pick = (lineKey: string, code: string) => scan.mentions.find((m) => m.lineKey === lineKey && m.code === code);
    expect(pick('c1.l1', 'MA130')).toMatchObject({ paid: '0.00', serviceDate: '2024-03-05', claimKey: 'c1' });
    expect(pick('c2.l1', 'CO-253')).toMatchObject({ amount: '2.05', paid: '100.67', serviceDate: '2024-03-08' });
    expect(pick('c3.l2', 'CO-59')).toMatchObject({ amount: '32.55', paid: '25.52', serviceDate: '2024-03-11' });
    // A claim-level remark: CLP04, and the statement end (DTM*233) rather than its start (232).
    expect(pick('c4', 'MA18')).toMatchObject({ paid: '23.77', serviceDate: '2024-03-12', claimKey: 'c4' });
    // A claim without statement dates leaves claim-level mentions undated.
    expect(pick('c2', 'MA01')?.serviceDate).toBeUndefined();
    expect(pick('c2', 'MA01')?.paid).toBe('114.19');
  });

  it('keeps CO-253 at 2% of (paid + CO-253) on all lines but the one listed in SOURCES.md', () => {
    const cents = (s: string | undefined) => Math.round(Number(s) * 100);
    const off: string[] = [];
    for (const m of scan.mentions.filter((x) => x.code === 'CO-253')) {
      const base = cents(m.paid) + cents(m.amount);
      if (Math.round(base * 0.02) !== cents(m.amount)) off.push(`${m.lineKey} ${m.amount}`);
    }
    expect(off).toEqual(['c4.l1 0.52']);
  });

  it('balances every synthetic line: charge - paid - sum(CAS) = 0', () => {
    // Independent of the scanner: a plain split of the fixture.
    let charge = 0;
    let rest = 0;
    let lines = 0;
    const check = () => {
      if (lines > 0) expect(Math.round(charge * 100) - Math.round(rest * 100)).toBe(0);
    };
    for (const seg of text.split('~')) {
      const e = seg.trim().split('*');
      if (e[0] === 'SVC' || e[0] === 'CLP' || e[0] === 'SE') {
        check();
        charge = 0;
        rest = 0;
      }
      if (e[0] === 'SVC') {
        lines++;
        charge = Number(e[2]);
        rest = Number(e[3]);
      }
      if (e[0] === 'CAS') for (let i = 3; i < e.length; i += 3) rest += Number(e[i] || 0);
    }
    expect(lines).toBe(7);
  });

  it('fills a claim-level date that comes after the CAS (post-processing)', () => {
    const [m] = scanX12(fixture('nc-state-plan-institutional-neg-co94.835'), known).mentions;
    expect(m).toMatchObject({ code: 'CO-94', lineKey: 'c1', claimKey: 'c1', paid: '5451.04', serviceDate: '2010-03-10' });
  });

  it('uses the line DTM*472 even when it follows the CAS, and the end of an RD8 range', () => {
    const text =
      'ST*835*1~CLP*A*1*30*20**12*X~DTM*232*20240101~SVC*HC:1*10*5~CAS*CO*45*5~DTM*472*20240105~' +
      'SVC*HC:2*10*5~DTM*472****RD8*20240110-20240112~CAS*CO*45*5~SVC*HC:3*10*10~LQ*HE*N130~' +
      'SVC*HC:4*10*5~DTM*472**RD8*20240201-20240203~CAS*PR*1*5~SE*12*1~';
    const dates = scanX12(text, known).mentions.map((m) => `${m.lineKey} ${m.serviceDate}`);
    expect(dates).toEqual(['c1.l1 2024-01-05', 'c1.l2 2024-01-12', 'c1.l3 2024-01-01', 'c1.l4 2024-02-03']);
  });

  it('falls back to the service period end (DTM*151) on lines', () => {
    const scan = scanX12(fixture('lfh-managed-care.835'), known);
    expect(scan.mentions.find((m) => m.code === 'PR-1')).toMatchObject({ lineKey: 'c1.l1', paid: '500.00', serviceDate: '2002-03-04' });
    expect(scan.mentions.find((m) => m.code === 'CO-A2')).toMatchObject({ lineKey: 'c1', paid: '450.00' });
  });

  it('reads reversal claims (CLP02 = 22) with their groups and negative amounts', () => {
    const scan = scanX12(fixture('county-bh-reversals-indented.835'), known);
    const reversal = scan.mentions.filter((m) => m.claimKey === 'c8');
    expect(reversal.map((m) => `${m.code} ${m.amount} ${m.paid}`)).toEqual([
      'CR-141 0.00 -42.58',
      'CR-42 0.00 -42.58',
      'CR-22 0.00 -42.58',
      'OA-141 0.00 -42.58',
    ]);
  });
});

describe('what is not a code', () => {
  // A catalog that (wrongly) knows PLB reasons and segment ids, to prove position is what counts.
  const greedy: KnownCodes = {
    carc: new Set([...known.carc, 'WO', 'FB', 'CS', 'CV', 'CT', 'L6', 'HC', 'CO', 'PR']),
    rarc: new Set([...known.rarc, 'N1', 'N3', 'N4', 'RX', 'HE', 'B4152', 'GP', '59']),
  };

  it('never reports PLB adjustment reasons', () => {
    for (const name of [
      'bcbs-nc-plb-fb-wo-cs.835',
      'nevada-medicaid-multi-st-plb.835',
      'lfh-medicare-part-a-institutional.835',
      'county-bh-reversals-indented.835',
    ]) {
      const text = fixture(name);
      const scan = scanX12(text, greedy);
      for (const m of scan.mentions) expect(segmentIdAt(text, m.start)).not.toBe('PLB');
      expect(scan.mentions.map((m) => m.reason)).not.toContain('WO');
      expect(scan.mentions.map((m) => m.reason)).not.toContain('CV');
    }
  });

  it('ignores N1/N3/N4 segment ids, SVC modifiers and LQ*RX', () => {
    const text =
      'ST*835*1~N1*PR*PAYER~N3*STREET~N4*CITY*ST*00000~CLP*A*1*10*0**12*X~SVC*HC:B4152:GP:59*10*0~CAS*CO*16*10~LQ*RX*N4~LQ*HE*N3~SE*9*1~';
    const scan = scanX12(text, greedy);
    expect(scan.mentions.map((m) => `${m.kind} ${m.code} ${text.slice(m.start - 3, m.start)}`)).toEqual(['carc CO-16 CO*', 'rarc N3 HE*']);
  });

  it('reads MOA 3-7 and MIA 5 and 20-23 only', () => {
    const moa = 'MOA*1*2*M1*M2*M3*M4*M5*M6';
    const mia = ['MIA', ...Array.from({ length: 24 }, (_, i) => (i + 1 === 5 || (i + 1 >= 20 && i + 1 <= 23) ? `N${i + 1}` : 'M7'))].join(
      '*',
    );
    const scan = scanX12(`CLP*A*1*10*0**12*X~${moa}~${mia}~`, known);
    expect(scan.mentions.map((m) => m.code)).toEqual(['M1', 'M2', 'M3', 'M4', 'M5', 'N5', 'N20', 'N21', 'N22', 'N23']);
  });
});

describe('robustness', () => {
  it('notes a bad CAS group and a truncated CLP', () => {
    const text = 'ST*835*1~CLP*A*1*10*0**12*X~SVC*HC:1*10*0~CAS*grp_code*reason_code*amount*quantity~CAS*CO*X*1*0*45*9~CLP*B*22~SE*6*1~';
    const scan = scanX12(text, known);
    expect(scan.problems).toContain("segment 4 (CAS): group 'grp_code' is not a claim adjustment group");
    expect(scan.problems).toContain('segment 6 (CLP): truncated CLP, no claim payment amount (CLP04)');
    expect(carcTally(scan.mentions)).toEqual({ 'CO-45 9.00': 1 });
    expect(scan.claims).toBe(2);
  });

  it('notes a truncated last segment', () => {
    const text = fixture('emedny-ny-medicaid-co251-lq.835');
    const cut = text.slice(0, text.indexOf('CAS*CO*251*20') + 12);
    const scan = scanX12(cut, known);
    expect(scan.problems.some((p) => p.includes('no terminator'))).toBe(true);
    expect(carcTally(scan.mentions)).toEqual({ 'CO-29 12.00': 1, 'CO-29 22.00': 1, 'CO-251 2.75': 1, 'CO-251 2.00': 1 });
  });

  it('returns problems, not exceptions, for garbage', () => {
    for (const junk of [
      '',
      ' ',
      'hello world',
      'ISA',
      'ISA*',
      'ISA*00*~',
      '~~~***',
      '*CAS*',
      'CAS*',
      'CLP*~SVC*~CAS*~LQ*~MOA*~MIA*~DTM*472*2024~',
    ]) {
      const scan = scanX12(junk, known);
      expect(scan.problems.length).toBeGreaterThan(0);
      expect(scan.mentions).toEqual([]);
    }
  });

  it('never throws on truncations and random mutations of every fixture', () => {
    let seed = 42;
    const rand = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const alphabet = '*~:>^|\r\n \tISACLPSVCDTMLQHEMOA0123456789.-COPR';
    for (const name of fixtureNames) {
      const text = fixture(name);
      for (let k = 0; k < 25; k++) {
        const cut = text.slice(0, rand(text.length + 1));
        const chars = [...text];
        for (let j = 0; j < 20; j++) chars[rand(chars.length)] = alphabet[rand(alphabet.length)] ?? '*';
        for (const input of [cut, chars.join('')]) {
          const scan = scanX12(input, known);
          for (const m of scan.mentions) expect(input.slice(m.start, m.end)).toBe(m.reason);
          expect(scan.problems.length).toBeLessThanOrEqual(51);
        }
      }
    }
    for (let k = 0; k < 200; k++) {
      const junk = Array.from({ length: rand(300) }, () => alphabet[rand(alphabet.length)]).join('');
      expect(() => scanX12(junk, known)).not.toThrow();
      expect(() => looksLikeX12(junk)).not.toThrow();
    }
  });

  // Speed is measured by `npm run bench`; this only proves a 5 MB file is read completely.
  it('scans a 5 MB file completely', () => {
    const one = fixture('synthetic-medicare-b-co253.835');
    // The second transaction: three claims with 22 mentions between them.
    const body = one.slice(one.lastIndexOf('LX*1~'), one.indexOf('SE*70'));
    const copies = Math.ceil(5_000_000 / body.length);
    const big = `ST*835*1~${body.repeat(copies)}SE*1*1~`;
    const scan = scanX12(big, known);
    expect(big.length).toBeGreaterThan(5_000_000);
    expect(scan.claims).toBe(copies * 3);
    expect(scan.mentions.length).toBe(copies * 22);
  });
});

describe('looksLikeX12', () => {
  it('is false for prose and page text', () => {
    expect(looksLikeX12('The CAS number and CLP list are in the appendix.')).toBe(false);
    expect(looksLikeX12('')).toBe(false);
    expect(looksLikeX12('Use CAS*CO*45 for contractual adjustments, as shown below.')).toBe(false);
    document.body.innerHTML = `<header><h1>Remittance advice</h1><nav>Claims | Payments | CAS codes</nav></header>
      <main><p>Claim CLP-2024-001 was processed.</p><table><tr><th>Group</th><th>Reason</th><th>Amount</th></tr>
      <tr><td>CO</td><td>45</td><td>$22.40</td></tr><tr><td>PR</td><td>2</td><td>$13.65</td></tr></table>
      <p>Remark N130: consult plan benefit documents. SVC date 03/05/2024.</p></main>`;
    expect(looksLikeX12(document.body.textContent ?? '')).toBe(false);
  });

  it('is true for an 835 without an envelope, and for an ISA alone', () => {
    expect(looksLikeX12('CLP*A*1*10*0**12*X~SVC*HC:1*10*0~CAS*CO*45*10~')).toBe(true);
    expect(looksLikeX12(fixture('lfh-managed-care.835').slice(0, 120))).toBe(true);
  });
});

describe('normalizeX12Amount', () => {
  it.each([
    ['22.4', '22.40'],
    ['-13.65', '-13.65'],
    ['110', '110.00'],
    ['50016', '50016.00'],
    ['.5', '0.50'],
    ['-.28', '-0.28'],
    ['0', '0.00'],
    ['-0', '0.00'],
    ['007.1', '7.10'],
    ['1.005', '1.01'],
    ['+3', '3.00'],
  ])('%s → %s', (raw, want) => expect(normalizeX12Amount(raw)).toBe(want));

  it.each(['', 'amount', '1,000.00', '.', '-', '1.2.3', '1e5'])('rejects %j', (raw) => expect(normalizeX12Amount(raw)).toBeUndefined());
});
