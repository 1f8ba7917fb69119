import { describe, expect, it } from 'vitest';
import { type ColumnRole, columnRole, parseDateCell, parseGroupCell } from './columns';

describe('columnRole', () => {
  const cases: Record<ColumnRole, string[]> = {
    reason: [
      'Reason',
      'Reason Code',
      'Adj Reason',
      'Adj. Reason Code',
      'CARC',
      'CARCs',
      'Adjustment Code',
      'Claim Adjustment Reason Code',
      'Claim adjustment codes',
      'Denial Code',
      'Denial reason',
      'Group/Reason',
      'Grp/Rsn',
      'Group & Reason',
      'Adjustments',
      'Código de motivo',
    ],
    remark: ['Remark', 'Remarks', 'Remark Codes', 'RARC', 'Rem', 'MOA', 'Remark Code Description', 'Código de observación'],
    codes: ['Codes', 'Code', 'Adjustment and remark codes', 'CARC/RARC'],
    type: ['Code type', 'Type'],
    group: ['Group', 'Group Code', 'Adj Group', 'Adjustment Group', 'Claim Adjustment Group Code', 'Grp', 'CAGC', 'Grupo'],
    amount: ['Amount', 'Amt', 'Adj Amt', 'Adj. Amt', 'Adjustment Amount', 'Adj $', 'CARC Amount', 'Reason Amount', 'Importe del ajuste'],
    denied: ['Denied amt', 'Not allowed', 'Disallowed', 'Write-off', 'Reduction', 'Amount not paid', 'Plan discount'],
    patient: ['Pt resp', 'Patient Responsibility', 'You owe', 'Member responsibility'],
    deductible: ['Deductible'],
    coinsurance: ['Coinsurance'],
    copay: ['Copay'],
    paid: ['Paid', 'Amount Paid', 'Plan paid', 'Payment', 'Amount Medicare Paid', 'Net'],
    billed: ['Billed', 'Amount billed', 'Charges'],
    allowed: ['Allowed', 'Medicare-Approved Amount'],
    date: ['DOS', 'Date of service', 'Service Date', 'From', 'Thru'],
    foreign: [
      'Status reason',
      'Claim Status',
      'Provider Adj Reason',
      'PLB Reason',
      'Reason for visit',
      'Visit reason',
      'EOB code',
      'Rev Code',
    ],
    description: ['Description', 'Meaning', 'Notes', 'See Notes'],
    claim: ['Claim', 'Claim #', 'ICN', 'Acct', 'Patient', 'Patient acct', 'Account number'],
    ignore: [
      'Units',
      'Qty',
      'Mod',
      'Modifier',
      'Modifiers',
      'Diagnosis',
      'Diagnosis code',
      'Dx Pointer',
      'ICD-10',
      'CPT/HCPCS',
      'Proc Code',
      'POS',
      'NPI',
      'Check/EFT #',
      'Member ID',
      'Zip code',
      'Provider phone',
      'Maximum You May Be Billed',
      'Service Provided & Billing Code',
      'Group number',
      'Group #',
      'Group Name',
      'Line',
      'Place of service',
    ],
    other: ['', '  ', 'Service'],
  };
  for (const [role, headers] of Object.entries(cases)) {
    it.each(headers)(`"%s" is ${role}`, (header) => {
      expect(columnRole(header)).toBe(role);
    });
  }

  it('ignores case and spacing', () => {
    expect(columnRole('  ADJ\n  REASON ')).toBe('reason');
  });
});

describe('parseGroupCell', () => {
  it.each([
    ['CO', 'CO'],
    [' pr ', 'PR'],
    ['Contractual Obligation', 'CO'],
    ['Contractual Obligations', 'CO'],
    ['CO - Contractual Obligations', 'CO'],
    ['CO: Contractual Obligation', 'CO'],
    ['Contractual Obligation (CO)', 'CO'],
    ['Patient Responsibility', 'PR'],
    ['Patient Resp.', 'PR'],
    ['PR – Patient Responsibility', 'PR'],
    ['Other Adjustment', 'OA'],
    ['Other Adjustments', 'OA'],
    ['Payer Initiated Reductions', 'PI'],
    ['Payor Initiated Reduction', 'PI'],
    ['Correction and Reversal', 'CR'],
    ['Corrections & Reversals', 'CR'],
  ])('%s → %s', (text, group) => {
    expect(parseGroupCell(text)).toBe(group);
  });

  it.each(['', 'CX', 'CO - Patient Responsibility', 'Patient Responsibility (CO)', 'Contractual 45', 'Group CO', '45', 'Colorado'])(
    'not a group: "%s"',
    (text) => {
      expect(parseGroupCell(text)).toBeUndefined();
    },
  );
});

describe('parseDateCell', () => {
  it('reads US and ISO dates', () => {
    expect(parseDateCell('03/15/2024')).toBe('2024-03-15');
    expect(parseDateCell('3/5/24')).toBe('2024-03-05');
    expect(parseDateCell('2024-03-15')).toBe('2024-03-15');
    expect(parseDateCell('03/01/2024 - 03/04/2024')).toBe('2024-03-01');
    expect(parseDateCell('n/a')).toBeUndefined();
  });
});
