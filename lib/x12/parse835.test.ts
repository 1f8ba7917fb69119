// The 835 reader on every public sample in test/fixtures/835, against expectations worked out by
// hand from the files (each line's charge − its adjustments = its payment, each claim's, each
// payment's), not from the reader's own output. Amounts are written as the files write them.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatCents } from '../amount';
import { parseSequestrationTable } from '../catalog/sequestration';
import { balanceAttr, checkRemittance, traceKey } from '../remit/checks';
import type { Adjustment, Claim, Remittance, ServiceLine } from '../remit/model';
import { parse835 } from './parse835';

const dir = join(process.cwd(), 'test/fixtures/835');
const fixture = (name: string) => readFileSync(join(dir, name), 'utf8');
const table = parseSequestrationTable(readFileSync(join(process.cwd(), 'data/sequestration.tsv'), 'utf8'));

const money = (c: number | undefined) => (c === undefined ? '—' : formatCents(c));
const adj = (a: Adjustment) => `${a.code} ${money(a.amount)}${a.quantity ? ` q${a.quantity}` : ''}`;
function lineText(l: ServiceLine): string {
  const proc = [l.procedureQualifier, l.procedure ?? l.revenueCode, ...(l.modifiers ?? [])].filter(Boolean).join(' ');
  const rev = l.revenueCode && l.procedure ? ` rev ${l.revenueCode}` : '';
  const dates = `${l.serviceDate ?? ''}${l.serviceDateEnd ? `..${l.serviceDateEnd}` : ''}`;
  const adjustments = l.adjustments.length > 0 ? ` | ${l.adjustments.map(adj).join(', ')}` : '';
  const remarks = l.remarks.length > 0 ? ` | ${l.remarks.map((r) => r.code).join(' ')}` : '';
  return `${proc}${rev} ×${l.units ?? ''} ${money(l.billed)} → ${money(l.paid)} ${dates}${adjustments}${remarks}`;
}
const claimText = (c: Claim) =>
  `${c.account} s${c.status} ${money(c.billed)} → ${money(c.paid)}${
    c.patientResponsibility === undefined ? '' : ` PR ${money(c.patientResponsibility)}`
  } · ${c.patient ?? ''}`;

interface ClaimExpect {
  claim: string;
  adjustments?: string[];
  remarks?: string[];
  lines?: string[];
  /** data-remit-balance of the claim, then of each line. */
  balance: string;
  lineBalances?: string[];
}

interface RemitExpect {
  payment: string;
  claims: ClaimExpect[];
  plb?: string[];
  paymentBalance: string;
  complete?: boolean;
  /** `severity segment` of each problem, in order. */
  problems?: string[];
}

const paymentText = (r: Remittance) =>
  `${money(r.payment?.amount)} ${r.payment?.handling ?? ''} ${r.payment?.method ?? ''} ${r.payment?.date ?? ''} trace ${r.payment?.trace ?? ''}`;

function actual(r: Remittance): RemitExpect {
  const checks = checkRemittance(r, table);
  return {
    payment: paymentText(r),
    claims: r.claims.map((c) => {
      const cc = checks.claims.get(c.key);
      return {
        claim: claimText(c),
        ...(c.adjustments.length > 0 ? { adjustments: c.adjustments.map(adj) } : {}),
        ...(c.remarks.length > 0 ? { remarks: c.remarks.map((x) => x.code) } : {}),
        ...(c.lines.length > 0 ? { lines: c.lines.map(lineText) } : {}),
        balance: cc ? balanceAttr(cc.balance) : '?',
        ...(c.lines.length > 0 ? { lineBalances: cc?.lines.map(balanceAttr) ?? [] } : {}),
      };
    }),
    ...(r.providerAdjustments.length > 0
      ? { plb: r.providerAdjustments.map((p) => `${p.reason} ${p.reference ?? ''} ${formatCents(p.amount)}`) }
      : {}),
    paymentBalance: balanceAttr(checks.payment),
    complete: r.complete,
    problems: r.problems.map((p) => `${p.severity} ${p.segment ?? ''}`),
  };
}

/** Expectations per file: one entry per ST/SE transaction; `file` lists the file-level problems. */
const expected: Record<string, { remits: RemitExpect[]; file?: string[] }> = {
  'bcbs-nc-no-envelope-oneline.835': {
    remits: [
      {
        payment: '1922.86 I CHK 2011-01-08 trace 02790758',
        claims: [
          {
            claim: '200200964A52 s1 2100.00 → 1922.86 PR 142.54 · Dough, Mary',
            lines: [
              'HC 59430 ×1 1210.00 → 1057.86 2010-12-31 | CO-42 34.60, PR-2 117.54',
              'HC 59440 ×1 890.00 → 865.00 2010-12-31 | PR-3 25.00',
              // SVC*HC:59426******742*742**1: the charge and payment are not where SVC02/03 should be.
              'HC 59426 × — → — 2010-12-31',
            ],
            balance: 'ok',
            lineBalances: ['ok', 'ok', 'unknown'],
          },
        ],
        paymentBalance: 'ok',
        complete: false,
        // The malformed third SVC (charge and payment missing), then SE01 = 33 where 32 segments are there.
        problems: ['error 28', 'error 28', 'warning 32'],
      },
    ],
  },
  'bcbs-nc-plb-fb-wo-cs.835': {
    remits: [
      {
        payment: '0.00 H NON 2026-03-14 trace 02790758',
        claims: [
          {
            claim: '200200964A52 s1 150.00 → 67.73 PR 0.00 · Dough, Mary',
            lines: ['HC 92507 ×1 150.00 → 67.73 2026-03-01 | CO-45 82.27'],
            balance: 'ok',
            lineBalances: ['ok'],
          },
        ],
        plb: ['FB 926072000117048 5479.04', 'FB 926073000032814 -3758.52', 'WO 200200964A52 115.76', 'CS 200200964A52 -115.76'],
        // BPR02 0 − (67.73 − 1720.52) = +1652.79
        paymentBalance: '165279',
        complete: true,
        problems: ['warning 24'],
      },
      {
        payment: '100.00 I CHK 2026-03-14 trace 99887766',
        claims: [
          {
            claim: '300300964B63 s1 125.00 → 100.00 PR 0.00 · Dough, John',
            lines: ['HC 92507 ×1 125.00 → 100.00 2026-03-01 | CO-45 25.00'],
            balance: 'ok',
            lineBalances: ['ok'],
          },
        ],
        plb: ['WO 926074000055521 25.00'],
        // 100.00 − (100.00 − 25.00) = +25.00
        paymentBalance: '2500',
        complete: true,
        problems: [],
      },
    ],
  },
  'county-bh-reversals-indented.835': {
    remits: [
      {
        payment: '5.75 H NON 2004-03-15 trace A04B001017.07504',
        claims: [
          {
            claim: '444444 s1 56.70 → 56.52 PR 0.00 · FUDD, ELMER S',
            lines: ['HC H0005 HF H9 ×6 56.70 → 56.52 2004-02-05 | CO-42 0.18 q0'],
            balance: 'ok',
            lineBalances: ['ok'],
          },
          {
            claim: '999999 s4 25.95 → 0.00 PR 25.95 · SAM, YOSEMITE A',
            lines: ['ZZ M2200 HE ×1 25.95 → 0.00 2002-12-24 | CR-18 25.95 q0, CO-42 0.00 q0'],
            balance: 'ok',
            lineBalances: ['ok'],
          },
          {
            claim: '888888 s4 162.13 → 0.00 PR 162.13 · SQUAREPANTS, BOB',
            lines: ['ZZ M151000 F0 ×1.9 162.13 → 0.00 2002-09-20 | CO-29 162.13 q0, CO-42 0.00 q0'],
            balance: 'ok',
            lineBalances: ['ok'],
          },
          {
            claim: '111111 s2 56.52 → 18.88 PR 0.00 · LEGHORN, FOGHORN P',
            lines: ['HC H0005 HF H9 ×6 56.52 → 18.88 2003-12-09 | CO-42 0.00 q0, OA-23 37.64 q0'],
            balance: 'ok',
            lineBalances: ['ok'],
          },
          {
            claim: '121212 s4 56.52 → 0.00 PR 0.00 · EXPLORER, DORA',
            lines: ['HC H0005 HF H9 ×6 56.52 → 0.00 2003-12-02 | CO-42 0.00 q0, OA-23 57.60 q0, OA-23 -1.08 q0'],
            balance: 'ok',
            lineBalances: ['ok'],
          },
          {
            claim: '333333 s1 74.61 → 59.69 PR 14.92 · BEAR, YOGI',
            lines: ['ZZ A0230 HF ×1 74.61 → 59.69 2004-02-03 | PR-2 14.92 q0, CO-42 0.00 q0'],
            balance: 'ok',
            lineBalances: ['ok'],
          },
          {
            claim: '777777 s25 136.90 → 0.00 PR 0.00 · BIRD, TWEETY M',
            lines: ['HC H0015 HF 99 H9 ×1 136.90 → 0.00 2003-09-11 | PI-104 136.72 q0, CO-42 0.18 q0'],
            balance: 'ok',
            lineBalances: ['ok'],
          },
          {
            claim: '123456 s22 -42.58 → -42.58 PR 0.00 · SIMPSON, HOMER',
            lines: ['HC H0036 GT UK ×-2 -42.58 → -42.58 2004-01-02 | CR-141 0.00 q0, CR-42 0.00 q0, CR-22 0.00 q0, OA-141 0.00 q0'],
            balance: 'ok',
            lineBalances: ['ok'],
          },
          {
            claim: '090909 s22 -86.76 → -86.76 PR 0.00 · DUCK, DAFFY W',
            lines: ['HC H0004 HF H9 ×-4 -86.76 → -86.76 2004-02-10..2004-02-11 | CR-22 0.00 q0, CR-42 0.00 q0, OA-22 0.00 q0 | MA92'],
            balance: 'ok',
            lineBalances: ['ok'],
          },
          // CLP*090909*22~: a claim with no charge or payment at all.
          { claim: '090909 s22 — → — · ', balance: 'unknown' },
        ],
        plb: ['CV 9876514 -1.27'],
        paymentBalance: 'unknown',
        complete: false,
        problems: ['error 98', 'error 98'],
      },
    ],
  },
  'emedny-ny-medicaid-co251-lq.835': {
    remits: [
      {
        payment: '45.75 I ACH 2010-01-01 trace 10100000000',
        claims: [
          {
            claim: 'PATIENT ACCOUNT NUMBER s1 34.25 → 34.25 · SUBMITTED LAST, SUBMITTED FIRST',
            lines: [
              'HC V2020 RB ×1 6.00 → 6.00 2010-01-01',
              'HC V2700 RB ×1 2.75 → 2.75 2010-01-01',
              'HC V2103 RB ×1 5.50 → 5.50 2010-01-01',
              'HC S0580 ×2 20.00 → 20.00 2010-01-01',
            ],
            balance: 'ok',
            lineBalances: ['ok', 'ok', 'ok', 'ok'],
          },
          {
            claim: 'PATIENT ACCOUNT NUMBER s2 34.00 → 0.00 · SUBMITTED LAST, SUBMITTED FIRST',
            lines: ['HC V2020 ×0 12.00 → 0.00 2010-01-01 | CO-29 12.00', 'HC V2103 ×0 22.00 → 0.00 2010-01-01 | CO-29 22.00'],
            balance: 'ok',
            lineBalances: ['ok', 'ok'],
          },
          {
            claim: 'PATIENT ACCOUNT NUMBER s2 34.25 → 11.50 · SUBMITTED LAST, SUBMITTED FIRST',
            lines: [
              'HC V2020 RB ×1 6.00 → 6.00 2010-01-01',
              'HC V2103 RB ×1 5.50 → 5.50 2013-09-17',
              'HC V2700 RB ×0 2.75 → 0.00 2010-01-01 | CO-251 2.75 | N206',
              'HC S0580 ×0 20.00 → 0.00 2010-01-01 | CO-251 20.00 | N206',
            ],
            balance: 'ok',
            lineBalances: ['ok', 'ok', 'ok', 'ok'],
          },
        ],
        paymentBalance: 'ok',
        complete: true,
        problems: [],
      },
    ],
  },
  'lfh-cob-negative-oa94.835': {
    remits: [
      {
        // BPR16 (the date) sits one place early, in BPR15, in the LinuxForHealth samples.
        payment: '34.00 I CHK  trace 0063158ABC',
        claims: [
          {
            claim: '0001000055 s2 541.00 → 34.00 · BURCK, RAYMOND W',
            lines: ['HC 55669 ×1.00 541.00 → 34.00 2005-02-02 | OA-23 516.00, OA-94 -9.00'],
            balance: 'ok',
            lineBalances: ['ok'],
          },
        ],
        paymentBalance: 'ok',
        complete: true,
        // SVC composites use '>' where the ISA declares ':'.
        problems: ['warning 21'],
      },
    ],
  },
  'lfh-managed-care.835': {
    remits: [
      {
        // BPR16 is 20002316: no such date.
        payment: '945.00 I ACH  trace 7170066655',
        claims: [
          {
            claim: '5554555444 s1 800.00 → 450.00 PR 300.00 · BUDD, WILLIAM',
            adjustments: ['CO-A2 50.00'],
            lines: ['HC 99211 × 800.00 → 500.00 2002-03-01..2002-03-04 | PR-1 300.00'],
            balance: 'ok',
            lineBalances: ['ok'],
          },
          {
            claim: '8765432112 s1 1200.00 → 495.00 PR 600.00 · SETTLE, SUSAN',
            adjustments: ['CO-A2 55.00'],
            lines: ['HC 93555 × 1200.00 → 550.00 2002-03-10..2002-03-12 | PR-1 600.00, CO-45 50.00'],
            balance: 'ok',
            lineBalances: ['ok'],
          },
        ],
        paymentBalance: 'ok',
        complete: true,
        problems: ['warning 4'],
      },
    ],
  },
  'lfh-medicare-part-a-institutional.835': {
    remits: [
      {
        payment: '150000.00 C ACH 2002-09-13 trace 12345',
        claims: [
          { claim: '666123 s1 211366.97 → 138018.40 · JONES, SAM O', adjustments: ['CO-45 73348.57'], balance: 'ok' },
          { claim: '777777 s1 15000.00 → 11980.33 · BORDER, LIZ E', adjustments: ['CO-45 3019.67'], remarks: ['MA02'], balance: 'ok' },
        ],
        plb: ['CV CP -1.27'],
        // 138018.40 + 11980.33 − (−1.27) = 150000.00
        paymentBalance: 'ok',
        complete: true,
        problems: [],
      },
    ],
  },
  'lfh-secondary-payment.835': {
    remits: [
      {
        payment: '1222.00 I CHK  trace 0012524965',
        claims: [
          { claim: 'L0004828311 s2 10323.64 → 912.00 · TOWNSEND, WILLIAM P', adjustments: ['OA-23 9411.64'], balance: 'ok' },
          {
            claim: '0001000053 s2 751.50 → 310.00 PR 220.00 · BAKI, ANGI',
            lines: [
              'HC 12345 26 ×1.00 166.50 → 30.00 2005-01-06 | OA-23 136.50',
              'HC 66543 26 rev 220 ×1.00 585.00 → 280.00 2005-01-06 | PR-1 150.00, PR-2 70.00, CO-42 85.00',
            ],
            balance: 'ok',
            lineBalances: ['ok', 'ok'],
          },
        ],
        paymentBalance: 'ok',
        complete: true,
        problems: ['warning 29'],
      },
    ],
  },
  'lfh-tertiary-payment.835': {
    remits: [
      {
        payment: '187.50 I CHK  trace 0012524879',
        claims: [
          {
            claim: '0001000054 s3 1766.50 → 187.50 · ISLAND, ELLIS E',
            // SVC*HC*24599.00*1766.50*187.50**1: the code is missing, every figure sits one place early.
            lines: ['HC 187.50 × 24599.00 → 1766.50 2005-01-20 | OA-23 1579.00'],
            balance: 'ok',
            // 1766.50 − (24599.00 − 1579.00)
            lineBalances: ['-2125350'],
          },
        ],
        paymentBalance: 'ok',
        complete: true,
        problems: ['warning 20'],
      },
    ],
  },
  'medicaid-institutional-revcodes-ndc.835': {
    remits: [
      {
        payment: '546.00 I CHK 2026-09-15 trace 55443322',
        claims: [
          {
            claim: 'INST0001 s1 200.00 → 96.00 PR 0.00 · Dough, Jane',
            lines: ['HC 97530 59 GO UB ×4 200.00 → 96.00 2026-09-01 | CO-45 104.00'],
            balance: 'ok',
            lineBalances: ['ok'],
          },
          {
            claim: 'INST0002 s1 450.00 → 320.00 PR 0.00 · Dough, John',
            lines: [
              'NU 0441 ×1 150.00 → 120.00 2026-09-02 | CO-45 30.00',
              'HC 92507 GN UB rev 0441 ×1 150.00 → 100.00 2026-09-02 | CO-45 50.00',
              'HC 97530 GP 59 UB KX rev 0431 ×2 150.00 → 100.00 2026-09-02 | CO-45 50.00',
            ],
            balance: 'ok',
            lineBalances: ['ok', 'ok', 'ok'],
          },
          {
            claim: 'INST0003 s1 170.00 → 130.00 PR 0.00 · Dough, Mary',
            lines: [
              'NU 0420 ×1.5 100.00 → 80.00 2026-09-03 | CO-45 20.00',
              'N4 00093505601 ×1 20.00 → 10.00 2026-09-03 | CO-45 10.00',
              'HP 1AAA1 ×1 50.00 → 40.00 2026-09-03 | CO-45 10.00',
            ],
            balance: 'ok',
            lineBalances: ['ok', 'ok', 'ok'],
          },
        ],
        paymentBalance: 'ok',
        complete: true,
        problems: [],
      },
    ],
  },
  'nc-state-plan-institutional-neg-co94.835': {
    remits: [
      {
        payment: '15096.46 I CHK 2010-09-23 trace 70408535',
        claims: [{ claim: '474623UB001CW0321 s1 3740.60 → 5451.04 · Rabbit, Roger B', adjustments: ['CO-94 -1710.44'], balance: 'ok' }],
        // One claim of a larger check: 15096.46 − 5451.04
        paymentBalance: '964542',
        complete: true,
        problems: ['warning 24'],
      },
    ],
  },
  'nevada-medicaid-multi-st-plb.835': {
    remits: [
      {
        payment: '0.00 H NON 2018-06-15 trace 100004762',
        claims: [
          { claim: '77777777 s4 72232.00 → 0.00 · TOM, SMITH', adjustments: ['OA-147 50016.00 q0', 'CO-26 22216.00 q0'], balance: 'ok' },
        ],
        paymentBalance: 'ok',
        complete: true,
        problems: [],
      },
      {
        payment: '0.00 H NON 2018-06-15 trace 100004765',
        claims: [
          { claim: '77777778 s2 3002.00 → 0.00 · BOB, THOMAS', adjustments: ['OA-176 3002.00 q0'], balance: 'ok' },
          { claim: '77777779 s4 41231.04 → 0.00 · HELD, ALLEN', adjustments: ['OA-147 9365.04 q0', 'CO-26 31866.00 q0'], balance: 'ok' },
        ],
        paymentBalance: 'ok',
        complete: true,
        problems: [],
      },
      {
        payment: '1812.27 I CHK 2018-07-27 trace 000012382',
        claims: [],
        plb: [
          'CT 888888888 -1092.46',
          'CT 888888888 -719.81',
          'CS 8888888888887 -181.55',
          'CS 8888888888887 181.55',
          'CS 8888888888888 -130.00',
          'CS 8888888888888 130.00',
        ],
        // 0 − (−1812.27) = 1812.27
        paymentBalance: 'ok',
        complete: true,
        problems: [],
      },
    ],
    // IEA02 100000301 where the ISA says 100000300.
    file: ['warning 67'],
  },
  'synthetic-medicare-b-co253.835': {
    remits: [
      {
        payment: '0.00 H NON 2024-04-15 trace 800000001',
        claims: [
          {
            claim: 'SYN0001 s1 275.00 → 0.00 · PATIENT, ALPHA',
            remarks: ['MA01'],
            lines: [
              'HC 97110 GP ×3 180.00 → 0.00 2024-03-05 | CO-16 180.00 | MA130 N130',
              'HC 97140 GP ×1 95.00 → 0.00 2024-03-05 | CO-97 95.00 | M15',
            ],
            balance: 'ok',
            lineBalances: ['ok', 'ok'],
          },
        ],
        paymentBalance: 'ok',
        complete: true,
        problems: [],
      },
      {
        payment: '214.52 I ACH 2024-04-15 trace 800000002',
        claims: [
          {
            claim: 'SYN0002 s19 330.00 → 114.19 PR 29.13 · PATIENT, BRAVO',
            remarks: ['MA01', 'MA18'],
            lines: [
              'HC 99214 ×1 250.00 → 100.67 2024-03-08 | CO-45 121.60, CO-253 2.05, PR-2 25.68',
              'HC 93000 ×1 80.00 → 13.52 2024-03-08 | CO-45 62.75, CO-253 0.28, PR-2 3.45',
            ],
            balance: 'ok',
            lineBalances: ['ok', 'ok'],
          },
          {
            claim: 'SYN0003 s19 800.00 → 76.56 PR 19.53 · PATIENT, CHARLIE',
            remarks: ['MA01', 'MA18'],
            lines: [
              'HC 20610 RT ×1 400.00 → 51.04 2024-03-11 | CO-45 334.90, CO-253 1.04, PR-2 13.02',
              'HC 20610 LT 59 ×1 400.00 → 25.52 2024-03-11 | CO-45 334.90, CO-253 0.52, CO-59 32.55, PR-2 6.51',
            ],
            balance: 'ok',
            lineBalances: ['ok', 'ok'],
          },
          {
            claim: 'SYN0004 s19 120.00 → 23.77 PR 6.07 · PATIENT, DELTA',
            remarks: ['MA01', 'MA18'],
            lines: ['HC 71046 ×1 120.00 → 23.77 2024-03-12 | CO-45 89.64, CO-253 0.52, PR-2 6.07'],
            balance: 'ok',
            lineBalances: ['ok'],
          },
        ],
        paymentBalance: 'ok',
        complete: true,
        problems: [],
      },
    ],
  },
  'uhc-commercial-gt-component.835': {
    remits: [
      {
        payment: '349.99 I ACH 2021-02-04 trace 1234567890',
        claims: [
          {
            claim: '001-18573-358 s1 341.28 → 88.92 PR 105.26 · MR, COOL',
            lines: [
              'HC B4152 ×234 156.42 → 88.92 2020-12-21 | CO-45 67.50',
              'HC B4152 ×277 184.86 → 0.00 2021-01-01 | PR-1 105.26, CO-45 79.60',
            ],
            balance: 'ok',
            lineBalances: ['ok', 'ok'],
          },
          {
            claim: '001-18604-358 s1 816.24 → 261.07 PR 115.13 · MR, COOL',
            lines: [
              'HC B4154 ×249 459.90 → 204.18 2020-12-18 | CO-45 255.72',
              'HC B4034 ×12 27.84 → 27.84 2020-12-18',
              'HC B4154 ×178 328.50 → 29.05 2021-01-01 | PR-2 5.13, PR-1 110.00, CO-45 184.32',
            ],
            balance: 'ok',
            lineBalances: ['ok', 'ok', 'ok'],
          },
        ],
        paymentBalance: 'ok',
        complete: true,
        problems: [],
      },
    ],
  },
};

const fixtureNames = readdirSync(dir).filter((f) => f.endsWith('.835'));

describe('parse835 on the public samples, against hand-worked expectations', () => {
  it('covers every sample but the two checked on their own below', () => {
    expect([...Object.keys(expected), 'nebraska-medicaid-deid-lq-n1.835', 'synthetic-all-x-exhaustive.835'].sort()).toEqual(
      fixtureNames.sort(),
    );
  });

  for (const [name, want] of Object.entries(expected)) {
    it(name, () => {
      const result = parse835(fixture(name));
      expect(result.kind).toBe('835');
      expect(result.remittances.map(actual)).toEqual(want.remits);
      expect(result.problems.map((p) => `${p.severity} ${p.segment ?? ''}`)).toEqual(want.file ?? []);
    });
  }
});

describe('details the summaries above leave out', () => {
  it('payer, payee, dates and claim details (BCBS NC, no envelope)', () => {
    const [r] = parse835(fixture('bcbs-nc-no-envelope-oneline.835')).remittances;
    expect(r?.date).toBe('2011-01-04');
    expect(r?.payment).toEqual({
      amount: 192286,
      handling: 'I',
      creditDebit: 'C',
      method: 'CHK',
      date: '2011-01-08',
      trace: '02790758',
      originator: '560894904',
    });
    expect(r?.payer).toEqual({
      name: 'BLUE CROSS AND BLUE SHIELD OF NORTH CAROLINA',
      address: 'DURHAM, NC 27702',
      contacts: ['Phone 8005554844'],
    });
    expect(r?.payee).toEqual({ name: 'XYZ HEALTHCARE CORPORATION', id: '0987654321', idQualifier: 'XX', address: 'CHARLOTTE, NC 28234' });
    const c = r?.claims[0];
    expect(c).toMatchObject({
      payerClaimNumber: '94151100100',
      filingIndicator: '15',
      patientId: 'YPB123456789001',
      receivedDate: '2011-01-03',
    });
    expect(c).toMatchObject({ coinsurance: 11754, copay: 2500 });
    expect(c?.lines[0]).toMatchObject({ allowed: 117540, lineControl: '0001', originalProcedure: 'HC 59410', coinsurance: 11754 });
    expect(r?.transaction).toEqual({ control: '1234', firstSegment: 1, lastSegment: 32, ended: true });
  });

  it('Medicare Part A: MIA and MOA figures and remarks, REF*2U payer id, TS3/TS2 left out', () => {
    const [r] = parse835(fixture('lfh-medicare-part-a-institutional.835')).remittances;
    expect(r?.payer).toMatchObject({ name: 'INSURANCE COMPANY OF TIMBUCKTU', id: '999', idQualifier: '2U' });
    const [a, b] = r?.claims ?? [];
    expect(a?.inpatient).toEqual([
      { element: 'MIA01', label: 'Covered days or visits', value: '0' },
      { element: 'MIA04', label: 'DRG amount', amount: 13801840 },
    ]);
    expect(a).toMatchObject({ filingIndicator: 'MA', statementFrom: '2002-08-16', statementTo: '2002-08-24', patientId: '666666666A' });
    expect(b?.outpatient).toEqual([]);
    expect(b?.remarks.map((x) => x.code)).toEqual(['MA02']);
    expect(r?.providerAdjustments[0]).toEqual({
      reason: 'CV',
      reference: 'CP',
      amount: -127,
      providerId: '6543210903',
      fiscalPeriodEnd: '2002-12-31',
      source: { segment: 29 },
    });
    expect(r?.transaction).toMatchObject({ control: '1234', version: '005010X221A1', interchange: '000000907' });
  });

  it('crossover (NM1*TT) and corrected information (NM1*74, NM1*PR, NM1*GB)', () => {
    const medicare = parse835(fixture('synthetic-medicare-b-co253.835')).remittances[1];
    expect(medicare?.claims.map((c) => c.crossoverTo)).toEqual([
      'EXAMPLE MEDIGAP PLAN (ID 99901)',
      'SAMPLE SUPPLEMENTAL INSURANCE CO (ID 99902)',
      'EXAMPLE RETIREE HEALTH PLAN (ID 99903)',
    ]);
    expect(medicare?.claims[1]?.lines[1]?.originalProcedure).toBe('HC 20610 LT');
    const nevada = parse835(fixture('nevada-medicaid-multi-st-plb.835')).remittances[1];
    expect(nevada?.claims[1]?.corrections).toEqual([
      'Corrected patient or insured: RYAN, LARRY (ID 88888888889).',
      'The payer says another payer comes first: SENIOR (ID 8888).',
      'Other subscriber: MARY, JANE (ID 777777777).',
    ]);
    const emedny = parse835(fixture('emedny-ny-medicaid-co251-lq.835')).remittances[0];
    expect(emedny?.claims[0]?.corrections).toEqual(['Corrected patient or insured: CORRECTED LAST, CORRECTED FIRST.']);
    expect(emedny?.claims[0]?.amounts).toEqual([{ qualifier: 'AU', label: 'Covered amount', amount: 3425 }]);
    expect(emedny?.payer?.contacts).toEqual(['Phone 8003439000', 'Web www.emedny.org']);
  });

  it('county sample: F8 original claim numbers, a service period, line amounts, and the claim cut short', () => {
    const r = parse835(fixture('county-bh-reversals-indented.835')).remittances[0];
    expect(r?.claims[7]).toMatchObject({ originalClaimNumber: 'A57B04033', renderingProvider: 'DOH GROUP', facilityType: '11' });
    expect(r?.claims[8]?.lines[0]?.amounts).toEqual([{ qualifier: 'AU', label: 'Covered amount', amount: 8676 }]);
    expect(r?.problems.map((p) => p.message)).toEqual([
      'Segment 98 (CLP): the total charge (CLP03) is missing: expected an amount.',
      'Segment 98 (CLP): the claim payment (CLP04) is missing: expected an amount.',
    ]);
    expect(r?.payee?.name).toBe('LAKE AREA RECOVERY CENTER');
  });

  it('nc state plan: DRG, MIA01, received date (DTM*50), claim-level negative CO-94', () => {
    const c = parse835(fixture('nc-state-plan-institutional-neg-co94.835')).remittances[0]?.claims[0];
    expect(c).toMatchObject({
      drg: '397',
      receivedDate: '2010-09-18',
      inpatient: [{ element: 'MIA01', label: 'Covered days or visits', value: '0' }],
    });
  });

  it('Nebraska (3 interchanges, LQ*HE*N1 on nearly every line): counts, the first claims in full, one trace three times', () => {
    const result = parse835(fixture('nebraska-medicaid-deid-lq-n1.835'));
    expect(result.problems).toEqual([]);
    const remits = result.remittances;
    expect(remits.map((r) => [money(r.payment?.amount), r.transaction?.control, r.claims.length, r.complete])).toEqual([
      ['999.99', '8001', 19, true],
      ['9999.99', '9001', 23, true],
      ['482.13', '10001', 14, true],
    ]);
    const claims = remits.flatMap((r) => r.claims);
    const statuses: Record<string, number> = {};
    for (const c of claims) statuses[c.status ?? ''] = (statuses[c.status ?? ''] ?? 0) + 1;
    expect(statuses).toEqual({ '1': 39, '2': 1, '4': 16 });
    const lines = claims.flatMap((c) => c.lines);
    expect(lines).toHaveLength(91);
    // 97 triplets and 98 LQ*HE in SOURCES.md.
    expect(claims.flatMap((c) => [...c.adjustments, ...c.lines.flatMap((l) => l.adjustments)])).toHaveLength(97);
    expect(lines.flatMap((l) => l.remarks)).toHaveLength(98);
    // De-identified amounts: each line balances, the claims do not (999.99 billed, more than that adjusted).
    const first = actual(remits[0] as Remittance).claims.slice(0, 3);
    expect(first).toEqual([
      {
        claim: '9999999999-999 s4 999.99 → 0.00 PR 0.00 · DAK, XXXXXXX',
        lines: [
          'XX 99999 ×9.999 999.99 → 0.00 2012-01-16 | CO-24 999.99 q0 | N1',
          'HC 90716 ×9.999 99.99 → 0.00 2012-01-16 | CO-24 99.99 q0 | N1',
        ],
        balance: '9999',
        lineBalances: ['ok', 'ok'],
      },
      {
        claim: '9999999999-999 s4 999.99 → 0.00 PR 0.00 · DAK, XXXXXXX',
        lines: [
          'XX 99999 ×9.999 999.99 → 0.00 2012-01-16 | CO-24 999.99 q0 | N1',
          'HC 90716 ×9.999 99.99 → 0.00 2012-01-16 | CO-24 99.99 q0 | N1',
        ],
        balance: '9999',
        lineBalances: ['ok', 'ok'],
      },
      {
        claim: 'XXXXXX9999 s4 999.99 → 0.00 PR 0.00 · XXXXXXXXX, XXXXXXX E',
        lines: [
          'XX 99999 XX ×9.999 999.99 → 0.00 2011-12-23 | CO-24 999.99 q0 | N1',
          'XX 99999 ×9.999 99.99 → 0.00 2011-12-23 | CO-204 99.99 q0 | N1',
          'XX 99999 ×9.999 99.99 → 0.00 2011-12-23 | CO-24 99.99 q0 | N1',
          'XX 99999 ×9.999 99.99 → 0.00 2011-12-23 | CO-24 99.99 q0 | N1',
          'XX 99999 ×9.999 99.99 → 0.00 2011-12-23 | CO-24 99.99 q0 | N1',
        ],
        balance: '39996',
        lineBalances: ['ok', 'ok', 'ok', 'ok', 'ok'],
      },
    ]);
    // The de-identified files share one trace number: the reader flags the second and third.
    expect(new Set(remits.map(traceKey)).size).toBe(1);
  });

  it('the all-X sample (every element filled with placeholders) reads without a fault', () => {
    const result = parse835(fixture('synthetic-all-x-exhaustive.835'));
    expect(result.problems).toEqual([]);
    const [r] = result.remittances;
    expect(r?.problems).toEqual([]);
    expect(result.separators?.component).toBe('>');
    const c = r?.claims[0];
    expect(c?.adjustments.map(adj)).toEqual([
      'PR-XXX 0.00 q000000000',
      'PR-XX 0.00 q000000000000',
      'PR-XXX 0.00 q0000',
      'PR-XX 0.00 q000000000000',
      'PR-XX 0.00 q0000000000000',
      'PR-XX 0.00 q00000',
    ]);
    expect(c?.remarks.map((x) => x.code)).toEqual(['XXXX', 'XXXXX', 'XXXXXX', 'XXX', 'X', 'XXXXX', 'XXX', 'XXX', 'XXXXXX', 'XX']);
    expect(c?.crossoverTo).toBe('XX (ID XXXXXX)');
    expect(c?.lines.map(lineText)).toEqual([
      'NU XXXX XX XX XX XX ×0000 0.00 → 0.00 2024-10-19 | OA-X 0.00 q000000000000000, OA-XXXXX 0.00 q000000000, OA-XXXXX 0.00 q0000, OA-XXX 0.00 q0, OA-XXX 0.00 q0000000000, OA-XXX 0.00 q00000000000 | XXXX',
    ]);
    expect(r?.providerAdjustments.map((p) => `${p.reason} ${p.reference} ${p.amount}`)).toEqual([
      'GO XXXX 0',
      'XX XXXXXX 0',
      'XX XXX 0',
      'XX X 0',
      'XX XXXXXX 0',
      'XX XX 0',
    ]);
    const checks = r ? checkRemittance(r, table) : undefined;
    expect(checks?.payment.state).toBe('ok');
  });

  it('CO-253: 4 of 5 lines are 2% of what Medicare would have paid for their dates; SYN0004 is 3 cents high', () => {
    const [, r] = parse835(fixture('synthetic-medicare-b-co253.835')).remittances;
    const checks = r ? checkRemittance(r, table) : undefined;
    expect(checks?.sequestrationChecked).toBe(5);
    expect(checks?.sequestrationOff).toBe(1);
    const off = [...(checks?.claims.values() ?? [])].flatMap((c) => c.sequestration).filter((s) => !s.check.matches);
    expect(off.map((s) => [s.claimKey, s.lineKey, s.check.expected, s.check.difference, s.check.rate, s.check.basis])).toEqual([
      ['c4', 'c4.l1', '0.49', '0.03', '2%', 'date'],
    ]);
  });
});
