// Reports, next steps and the CSV on the reader fixtures, against totals worked out by hand.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatCents } from '../amount';
import { parseSequestrationTable } from '../catalog/sequestration';
import { parse835 } from '../x12/parse835';
import { checkRemittance } from './checks';
import { remittanceCsv } from './csv';
import type { Remittance } from './model';
import { addDays, nextSteps } from './next-steps';
import { claimMatches, searchText, searchWords, summarize } from './report';

const read = (path: string) => readFileSync(join(process.cwd(), 'test/fixtures', path), 'utf8');
const table = parseSequestrationTable(readFileSync(join(process.cwd(), 'data/sequestration.tsv'), 'utf8'));
const failing = parse835(read('reader/failing-balance.835')).remittances;
const medicare = parse835(read('835/synthetic-medicare-b-co253.835')).remittances;
const advise = (code: string) => ({ 'CO-16': 'correct and resubmit', 'CO-97': 'bundled: review', 'CO-50': 'appeal with records' })[code];

describe('summary and reports', () => {
  it('failing-balance.835: totals, by group and code, denied, adjusted and deductible lines', () => {
    const s = summarize(failing);
    const $ = formatCents;
    expect([
      s.remittances,
      s.claims,
      s.lines,
      $(s.billed),
      $(s.paid),
      $(s.patientResponsibility),
      $(s.payments),
      $(s.providerAdjustments),
    ]).toEqual([1, 3, 3, '380.00', '163.50', '45.00', '118.25', '45.25']);
    expect([s.adjustments.count, $(s.adjustments.cents)]).toEqual([5, '215.00']);
    expect(s.byGroup.map((g) => [g.group, g.count, $(g.cents), g.codes.map((c) => `${c.code} ×${c.count} ${$(c.cents)}`)])).toEqual([
      ['CO', 3, '170.00', ['CO-45 ×2 90.00', 'CO-50 ×1 80.00']],
      ['PR', 2, '45.00', ['PR-1 ×1 30.00', 'PR-2 ×1 15.00']],
    ]);
    expect([s.denied, s.adjusted, s.deductible].map((r) => [r.count, $(r.billed), $(r.cents)])).toEqual([
      [1, '80.00', '80.00'],
      [3, '380.00', '215.00'],
      [1, '200.00', '30.00'],
    ]);
  });

  it('the Medicare sample: two denied lines, three forwarded claims', () => {
    const s = summarize(medicare);
    expect([s.claims, s.lines, s.denied.count, s.forwardedClaims, s.deductible.count]).toEqual([4, 7, 2, 3, 0]);
  });

  it('filters claims by patient, account, payer claim number or code, and by report', () => {
    const claims = failing[0]?.claims ?? [];
    const find = (q: string, report: Parameters<typeof claimMatches>[2] = 'all') =>
      claims.filter((c) => claimMatches(c, searchText(c), report, searchWords(q), c.account === 'BAL0002')).map((c) => c.account);
    expect(find('foxtrot')).toEqual(['BAL0002']);
    expect(find('bal0003')).toEqual(['BAL0003']);
    expect(find('EHP0000001')).toEqual(['BAL0001']);
    expect(find('co 45')).toEqual(['BAL0001', 'BAL0002']);
    expect(find('N130')).toEqual(['BAL0003']);
    expect(find('', 'denied')).toEqual(['BAL0003']);
    expect(find('', 'deductible')).toEqual(['BAL0001']);
    expect(find('', 'off')).toEqual(['BAL0002']);
    expect(find('patient', 'adjusted')).toEqual(['BAL0001', 'BAL0002', 'BAL0003']);
  });
});

describe('what to do next', () => {
  const steps = (remit: Remittance | undefined, i: number) => {
    const claim = remit?.claims[i];
    if (!remit || !claim) throw new Error('no claim');
    return nextSteps({ claim, remit, checks: checkRemittance(remit, table).claims.get(claim.key), advise }).map(
      (s) => `${s.kind}: ${s.text}`,
    );
  };

  it('patient responsibility to bill, a difference to ask about, a denied line with its advice', () => {
    expect(steps(failing[0], 0)).toEqual([
      'patient: Patient responsibility $30.00 (deductible $30.00): bill the patient, or their secondary coverage if they have one.',
    ]);
    expect(steps(failing[0], 1)).toEqual([
      'patient: Patient responsibility $15.00 (coinsurance $15.00): bill the patient, or their secondary coverage if they have one.',
      'balance: The payment is $1.50 less than its figures add up to ($65.00): ask the payer about the difference before posting.',
    ]);
    expect(steps(failing[0], 2)).toEqual(['denied: Denied: line 1 (97110) — CO-50: appeal with records.']);
  });

  it('MA130: no appeal rights, so no redetermination date', () => {
    expect(steps(medicare[0], 0)).toEqual([
      'denied: Denied: line 1 (97110), line 2 (97140) — CO-16: correct and resubmit; CO-97: bundled: review.',
      'no-appeal: MA130: no appeal rights for this claim — it could not be processed as sent. Correct it and send it as a new claim.',
    ]);
  });

  it('a Medicare denial: redetermination within 120 days of receipt, presumed 5 days after the remittance date', () => {
    const [remit] = parse835(read('835/synthetic-medicare-b-co253.835').replace('LQ*HE*MA130~\n', '')).remittances;
    // DTM*405 2024-04-12 → received 2024-04-17 → 120 days later: 2024-08-15.
    expect(addDays('2024-04-17', 120)).toBe('2024-08-15');
    expect(steps(remit, 0)[1]).toBe(
      'appeal-window: To appeal to Medicare, ask for a redetermination by Aug 15, 2024: 120 days from receipt of this notice, which is presumed 5 days after its date (Apr 12, 2024).',
    );
  });

  it('forwarded to another payer (CLP02 19, NM1*TT, MA18): do not send it yourself; CO-253 off its 2%', () => {
    expect(steps(medicare[1], 0)).toEqual([
      'forwarded: The payer sent this claim on to EXAMPLE MEDIGAP PLAN (ID 99901): do not send it to that payer yourself; wait for its payment.',
      'patient: Patient responsibility $29.13 (coinsurance $29.13): bill the patient only what the other payer leaves unpaid.',
    ]);
    expect(steps(medicare[1], 2).at(-1)).toBe(
      'sequestration: CO-253 is not the 2% sequestration share for its date of service on 1 line: ask the contractor about the difference.',
    );
  });

  it('a reversal is posted against the payment it reverses', () => {
    const county = parse835(read('835/county-bh-reversals-indented.835')).remittances[0];
    expect(steps(county, 7)).toEqual([
      'reversal: This reverses an earlier payment (payer claim A57B04033): post it against that payment, not as a new one.',
    ]);
  });
});

describe('CSV of lines and adjustments', () => {
  const checks = failing.map((r) => checkRemittance(r, table));
  const meaning = (code: string) => ({ 'CO-45': 'Above the fee schedule', 'PLB WO': 'Overpayment recovery' })[code];

  it('one row per adjustment, a row for PLB, balances as amounts; no names or numbers unless asked', () => {
    const csv = remittanceCsv(failing, undefined, { identifiers: false, checks, meaning });
    const rows = csv.trimEnd().split('\r\n');
    expect(rows[0]).toBe(
      'Remittance,Check/EFT trace,Payment date,Claim,Claim status,Claim charge,Claim paid,Patient responsibility,Claim balance,Line,Service date,Procedure,Modifiers,Units,Line charge,Line allowed,Line paid,Line balance,Level,Group,Reason,Code,Amount,Quantity,Remarks,Meaning',
    );
    expect(rows.slice(1)).toEqual([
      '1,FB0000501,2024-06-03,1,Processed as the primary payer,200.00,100.00,30.00,ok,1,2024-05-10,HC 99213,,1,200.00,130.00,100.00,ok,line,CO,45,CO-45,70.00,,,Above the fee schedule',
      '1,FB0000501,2024-06-03,1,Processed as the primary payer,200.00,100.00,30.00,ok,1,2024-05-10,HC 99213,,1,200.00,130.00,100.00,ok,line,PR,1,PR-1,30.00,,,',
      '1,FB0000501,2024-06-03,2,Processed as the primary payer,100.00,63.50,15.00,-1.50,1,2024-05-12,HC 99212,,1,100.00,80.00,63.50,-1.50,line,CO,45,CO-45,20.00,,,Above the fee schedule',
      '1,FB0000501,2024-06-03,2,Processed as the primary payer,100.00,63.50,15.00,-1.50,1,2024-05-12,HC 99212,,1,100.00,80.00,63.50,-1.50,line,PR,2,PR-2,15.00,,,',
      '1,FB0000501,2024-06-03,3,Denied,80.00,0.00,0.00,ok,1,2024-05-14,HC 97110,GP,1,80.00,,0.00,ok,line,CO,50,CO-50,80.00,,N130,',
      '1,FB0000501,2024-06-03,,,,,,,,,,,,,,,,provider (PLB),,L6,PLB L6,-4.75,,,',
      '1,FB0000501,2024-06-03,,,,,,,,,,,,,,,,provider (PLB),,WO,PLB WO,50.00,,,Overpayment recovery',
    ]);
    for (const secret of ['PATIENT', 'BAL000', 'EHP000']) expect(csv).not.toContain(secret);
  });

  it('with identifiers ticked: patient, account, payer claim number, line control and PLB references', () => {
    const csv = remittanceCsv(failing, new Set(failing[0]?.claims.slice(1, 2)), { identifiers: true, checks });
    const rows = csv.trimEnd().split('\r\n');
    expect(rows[0]).toContain('Claim,Patient,Patient control number,Payer claim number,Claim status');
    expect(rows[0]).toContain('Units,Line control number,Line charge');
    expect(rows[1]).toBe(
      '1,FB0000501,2024-06-03,2,"PATIENT, FOXTROT",BAL0002,EHP0000002,Processed as the primary payer,100.00,63.50,15.00,-1.50,1,2024-05-12,HC 99212,,1,,100.00,80.00,63.50,-1.50,line,CO,45,CO-45,20.00,,,',
    );
    // Only the shown claim, then the payment's PLB with its references.
    expect(rows).toHaveLength(5);
    expect(rows[4]).toContain('provider (PLB),,WO,PLB WO,50.00,,EHP0000009,');
  });

  it('guards cells a spreadsheet would run as a formula, never the amounts', () => {
    const [remit] = parse835(
      'ST*835*1~BPR*I*-5*C*CHK~TRN*1*=1+1~CLP*=HYPERLINK("x")*1*10*-5~NM1*QC*1*+SUM*@cmd~SVC*HC:-1*10*-5~CAS*CO*45*15~SE*7*1~',
    ).remittances;
    const csv = remittanceCsv(remit ? [remit] : [], undefined, { identifiers: true });
    const row = csv.split('\r\n')[1] ?? '';
    expect(row).toContain(",'=1+1,");
    expect(row).toContain(`"'=HYPERLINK(""x"")"`);
    expect(row).toContain("'+SUM, @cmd");
    expect(row).toContain(',HC -1,');
    expect(row).toContain(',-5.00,');
    expect(row).not.toMatch(/,[=+@]/);
  });
});
