import { describe, expect, it } from 'vitest';
import { known } from '../../test/known-codes';
import type { ColumnRole } from './columns';
import { detectInText, detectInTextSteps } from './text';
import type { KnownCodes, Mention } from './types';

/** `code amount` per mention, in text order. */
const codes = (ms: Mention[]) => ms.map((m) => (m.amount ? `${m.code} ${m.amount}` : m.code));
const find = (text: string) => codes(detectInText(text, known));
/** The text each mention covers. */
const spans = (text: string) => detectInText(text, known).map((m) => text.slice(m.start, m.end));

describe('detectInText: group + reason tokens', () => {
  it.each([
    ['CO-45', 'CO-45'],
    ['CO 45', 'CO-45'],
    ['CO\u00a045', 'CO-45'],
    ['CO45', 'CO-45'],
    ['CO*253', 'CO-253'],
    ['CO:253', 'CO-253'],
    ['CO - 45', 'CO-45'],
    ['PR-2', 'PR-2'],
    ['PR 2', 'PR-2'],
    ['OA-23', 'OA-23'],
    ['PI-45', 'PI-45'],
    ['CR-45', 'CR-45'],
    ['CR - 18', 'CR-18'],
    ['CO-B15', 'CO-B15'],
    ['OA-Y3', 'OA-Y3'],
    ['PR-A1', 'PR-A1'],
  ])('%s → %s', (text, code) => {
    expect(find(`Adjusted ${text} on line 2.`)).toEqual([code]);
  });

  it('covers the whole token, group included', () => {
    expect(spans('Line 1: CO-45 and PR 2.')).toEqual(['CO-45', 'PR 2']);
  });

  it('takes the amount right after the code', () => {
    expect(find('CO-253 $2.36 applied')).toEqual(['CO-253 2.36']);
    expect(find('PR-2: $20.00 coinsurance')).toEqual(['PR-2 20.00']);
    expect(find('Summary view: CO:253 = $1.84')).toEqual(['CO-253 1.84']);
    expect(find('OA-23 -13.65 (prior payer)')).toEqual(['OA-23 -13.65']);
    expect(find('CO-45 $1,240.00')).toEqual(['CO-45 1240.00']);
    // An amount mark covers the code only; the amount is an attribute.
    expect(spans('CO-253 $2.36')).toEqual(['CO-253']);
  });

  it('does not take an amount that is not one', () => {
    expect(find('CO-45 (12.00) credit')).toEqual(['CO-45']);
    expect(find('CO-45 03.15.2024')).toEqual(['CO-45']);
    expect(find('CO-45 12.5 units')).toEqual(['CO-45']);
  });

  it('shares the group across a list', () => {
    expect(find('Line 4 was written off as CO-45, 253.')).toEqual(['CO-45', 'CO-253']);
    expect(find('Denied lines: CO-16, 97 and 252.')).toEqual(['CO-16', 'CO-97', 'CO-252']);
    expect(find('"CO-45; 59; 253"')).toEqual(['CO-45', 'CO-59', 'CO-253']);
    expect(find('CO-45 $12.00, 253 $0.42')).toEqual(['CO-45 12.00', 'CO-253 0.42']);
    expect(find('CO-45, 253 applied')).toEqual(['CO-45', 'CO-253']);
  });

  it('ends a list at a quantity, a number or a capitalised word', () => {
    expect(find('CO-45, 2 units')).toEqual(['CO-45']);
    expect(find('CO-45, 12 Main St')).toEqual(['CO-45']);
    expect(find('CO-45, 3 claims')).toEqual(['CO-45']);
    expect(find('CO-45, 999')).toEqual(['CO-45']);
  });

  it('keeps every mention in text order without overlaps', () => {
    const ms = detectInText('PR-2 $20.00 coinsurance, PR-1 $150.00 deductible, PR-3 $25.00 copay; MA130', known);
    expect(codes(ms)).toEqual(['PR-2 20.00', 'PR-1 150.00', 'PR-3 25.00', 'MA130']);
    for (let i = 1; i < ms.length; i++) expect(ms[i]!.start).toBeGreaterThanOrEqual(ms[i - 1]!.end);
  });

  it('carries the context into every mention', () => {
    const [m] = detectInText('CO-45', known, { lineKey: 'k1', claimKey: 'c1', paid: '10.00', serviceDate: '2024-03-04' });
    expect(m).toMatchObject({ code: 'CO-45', reason: '45', group: 'CO', kind: 'carc', lineKey: 'k1', claimKey: 'c1', paid: '10.00' });
    expect(m?.serviceDate).toBe('2024-03-04');
  });
});

describe('detectInText: labelled reasons and remarks', () => {
  it.each([
    ['CARC 97: bundled', ['97']],
    ['The payer returned reason code 45 for the visit', ['45']],
    ['Adjustment reason code(s): 45, 97', ['45', '97']],
    ['Denial code 253 is sequestration', ['253']],
    ['Adj Reason: CO*253', ['CO-253']],
    ['Adj Reason: CO-45, 253', ['CO-45', 'CO-253']],
    ['Claim adjustment reason code (CARC) 16 with remark code (RARC) MA130', ['16', 'MA130']],
    ['Reason codes 45 and 253 apply', ['45', '253']],
    ['Reason code 50, 2 units denied', ['50']],
    ['reason code 45 $12.00', ['45 12.00']],
    ['RARC N130', ['N130']],
    ['Remark code(s): N130, M15', ['N130', 'M15']],
    ['Remark codes: N130/M15', ['N130', 'M15']],
    ['REM: N130 M15', ['N130', 'M15']],
    ['MOA: MA01 MA18', ['MA01', 'MA18']],
    ['Remarks: M15', ['M15']],
    ['Remark: N130-Consult plan benefit documents', ['N130']],
    ['Reason codes: 45, N130', ['45', 'N130']],
    ['CARC/RARC: CO-45/N130', ['CO-45', 'N130']],
    ['CARC / RARC: 45 / N130', ['45', 'N130']],
    ['Reason & remark codes: 16, M51', ['16', 'M51']],
    ['Reason and Remark Codes: PR-2 MA18', ['PR-2', 'MA18']],
    // A group and an amount with labels of their own, on the reason's line.
    ['Group Code: CO  Reason Code: 45  Amount: $12.00', ['CO-45 12.00']],
    ['Group: Patient Responsibility, Reason code: 2, Adj Amt: 20.00', ['PR-2 20.00']],
    ['Group code PR | Reason code 1 | Amount -13.65', ['PR-1 -13.65']],
    ['Group Code: OA Reason Codes: 23, 94', ['OA-23', 'OA-94']],
    ['Group: PR - Patient Responsibility; Reason code: 2', ['PR-2']],
  ])('%s', (text, expected) => {
    expect(find(text)).toEqual(expected);
  });

  it('finds MA remark codes without a label (no other code looks like them)', () => {
    expect(find('Claim note MA130 and MA01.')).toEqual(['MA130', 'MA01']);
  });

  it('takes a group or an amount from a label only when it is that label', () => {
    // A group written in the token wins over the line's label; the label's group is not a guess.
    expect(find('Group Code: CO Reason Code: PR-2')).toEqual(['PR-2']);
    expect(find('Group practice: CO Reason code 45')).toEqual(['45']);
    expect(find('Workgroup CO, reason code 45')).toEqual(['45']);
    expect(find('Group: Colorado Reason code 45')).toEqual(['45']);
    // An amount with another label, or far away, is not the adjustment's.
    expect(find('Reason code 45 Paid amount: $12.00')).toEqual(['45']);
    expect(find('Reason code 45 Billed: $120.00')).toEqual(['45']);
    // After a list of reasons a labelled amount may be their total: taken by none.
    expect(find('Reason codes: 45, 97 amount: $12.00')).toEqual(['45', '97']);
    // Outside a labelled list an "Amount" is not taken.
    expect(find('CO-45 Amount: $12.00 was billed')).toEqual(['CO-45']);
  });

  it('does not read a label with no code after it', () => {
    expect(find('Reason code review meeting moved to 10:30 in room 253.')).toEqual([]);
    expect(find('Reason for visit: 2 week follow-up')).toEqual([]);
    expect(find('Adjustment code 45-day notice sent')).toEqual([]);
    expect(find('Denial code 90-day supply limit')).toEqual([]);
    expect(find('Remarks: patient called 03/04/2024 from 303-555-0148 about $45.00')).toEqual([]);
    expect(find('Mia 45 and Rem 45 are names')).toEqual([]);
    expect(find('Reason code 2024')).toEqual([]);
    expect(find('Reason code: 45.00')).toEqual([]);
  });
});

describe('detectInText: look-alikes are never codes', () => {
  it.each([
    'Denver, CO 80202',
    'San Juan, PR 00901',
    'Boston, MA 02118',
    'Denver, CO 80202-1234',
    'Call 253-555-0100 or 1-800-633-4227',
    '(253) 555-0145, ext. 45, 303.555.0197',
    'Diagnosis M54.5, N18.3, M17.11; dotless M545 N183 M1711',
    'HCPCS A0425, G0439, B4035',
    'CPT 99213-25 with modifier 59; anesthesia modifier P1',
    'Check #004512 for $1,922.86 on 03/15/2024, 2024-03-15',
    'NPI 1234567893, claim 24099-00118-4472, ICN 2024071500123',
    'Medicare Part B; see the CO codes and PR codes guide',
    'Unknown: CO-999, PR-888, OA-0, CO-Z9, N9999, MA999',
    'CO2 was 24 mmol/L; CO2 45; CO 2 reading; PR 1.5 mg; CO 45.5%',
    'REF CO-45-2024, ticket #CO-45, /claims/CO-45/, remit_CO_45.pdf, co45@example.test',
    'Room PR 2B, parking CO 4C, the 2024 CO45-A audit, claim CO45-20240513-01',
    'PI 45 and CR 45 are not codes without a joiner; CR45 neither',
    'time CO 10:30, ratio PR 2/3',
    'claim status reason code 21; status code 88',
    'PLB reason code 72 and provider adjustment reason code L6',
    'NCPDP reject code 75 and reject reason code 70',
  ])('%s', (text) => {
    expect(find(text)).toEqual([]);
  });

  it('never marks a code that is not in the catalog', () => {
    const tiny: KnownCodes = { carc: new Set(['45']), rarc: new Set(['N130']) };
    expect(codes(detectInText('CO-45, 253 and remark N130, M15', tiny))).toEqual(['CO-45', 'N130']);
  });
});

/** A table cell under a column whose header says what it holds. */
const detectList = (text: string, kind: 'carc' | 'rarc', _known: KnownCodes, column: ColumnRole = kind === 'carc' ? 'reason' : 'remark') =>
  detectInText(text, known, { column });

describe('a cell whose column says what it holds', () => {
  it('reads bare reasons and remarks', () => {
    expect(codes(detectList('45', 'carc', known))).toEqual(['45']);
    expect(codes(detectList(' B15 ', 'carc', known))).toEqual(['B15']);
    expect(codes(detectList('45, 253', 'carc', known))).toEqual(['45', '253']);
    expect(codes(detectList('CO-45, 253', 'carc', known))).toEqual(['CO-45', 'CO-253']);
    expect(codes(detectList('CO-45 $12.00, CO-253 $1.47', 'carc', known))).toEqual(['CO-45 12.00', 'CO-253 1.47']);
    expect(codes(detectList('N130 M15', 'rarc', known))).toEqual(['N130', 'M15']);
    expect(codes(detectList('M15, MA130', 'rarc', known))).toEqual(['M15', 'MA130']);
  });

  it('reads a remark code in a reason cell as a remark', () => {
    const ms = detectList('45 / N130', 'carc', known);
    expect(ms.map((m: Mention) => [m.code, m.kind])).toEqual([
      ['45', 'carc'],
      ['N130', 'rarc'],
    ]);
  });

  it('stops at text and never takes a description for codes', () => {
    expect(codes(detectList('45 - Charge exceeds fee schedule (2 units)', 'carc', known))).toEqual(['45']);
    expect(codes(detectList('CO-45: Charges exceed your contracted fee', 'carc', known))).toEqual(['CO-45']);
    expect(codes(detectList('Follow-up, 2 weeks', 'carc', known))).toEqual([]);
    expect(codes(detectList('45.00', 'carc', known))).toEqual([]);
    expect(codes(detectList('2 units', 'carc', known))).toEqual([]);
    expect(codes(detectList('M54.5', 'rarc', known))).toEqual([]);
    expect(codes(detectList('45', 'rarc', known))).toEqual([]);
    expect(codes(detectList('N/A', 'carc', known))).toEqual([]);
  });

  it('gives offsets into the cell text', () => {
    const text = '  45, 253';
    expect(detectList(text, 'carc', known).map((m: Mention) => text.slice(m.start, m.end))).toEqual(['45', '253']);
  });
});

describe('detectInTextSteps: a huge text read in steps', () => {
  it('finds in a text of many windows what it finds in each line alone, and yields along the way', () => {
    const lines = Array.from({ length: 6000 }, (_, i) => `Line ${i}: adjustment CO-45 ${(i % 90) + 10}.00 and remark N130`);
    const text = lines.join('\n');
    expect(text.length).toBeGreaterThan(3 * 65_536);
    const steps = detectInTextSteps(text, known, {});
    let yields = 0;
    let step = steps.next();
    for (; !step.done; step = steps.next()) yields++;
    const found = step.value.map((m) => `${text.slice(m.start, m.end)} ${m.amount ?? ''}`.trim());
    const expected = lines.flatMap((line) =>
      detectInText(line, known, {}).map((m) => `${line.slice(m.start, m.end)} ${m.amount ?? ''}`.trim()),
    );
    expect(found).toEqual(expected);
    expect(found.length).toBe(12_000);
    expect(yields).toBeGreaterThan(40);
  });
});
