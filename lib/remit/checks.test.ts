import { describe, expect, it } from 'vitest';
import { parseSequestrationTable } from '../catalog/sequestration';
import { balanceAttr, checkClaim, claimVerdict, differenceText, serviceDateOf, traceKey } from './checks';
import { type Claim, emptyRemittance, type ServiceLine } from './model';

const claim = (change: Partial<Claim> = {}): Claim => ({ key: 'c1', adjustments: [], remarks: [], lines: [], ...change });
const line = (change: Partial<ServiceLine> = {}): ServiceLine => ({ key: 'c1.l1', adjustments: [], remarks: [], ...change });
const table = parseSequestrationTable('from\tto\trate\n2013-04-01\t2020-04-30\t0.02\n2020-05-01\t2022-03-31\t0.00\n2022-07-01\t\t0.02\n');

describe('claim checks', () => {
  it('a denied claim (CLP02 = 4) pays nothing: paying anything is off by what it pays', () => {
    const denied = claim({
      status: '4',
      billed: 8000,
      paid: 1250,
      adjustments: [{ group: 'CO', reason: '50', code: 'CO-50', amount: 6750 }],
    });
    // billed − adjustments = paid holds, but a denial pays 0.
    expect(claimVerdict(denied)).toEqual({ state: 'off', expected: 0, actual: 1250, difference: 1250 });
    expect(claimVerdict({ ...denied, paid: 0, adjustments: [{ group: 'CO', reason: '50', code: 'CO-50', amount: 8000 }] }).state).toBe(
      'ok',
    );
  });

  it('data-remit-balance is ok, the signed difference in cents, or unknown', () => {
    expect(balanceAttr({ state: 'ok', expected: 1 })).toBe('ok');
    expect(balanceAttr({ state: 'off', expected: 6500, actual: 6350, difference: -150 })).toBe('-150');
    expect(balanceAttr({ state: 'unknown', why: 'x' })).toBe('unknown');
    expect(differenceText({ state: 'off', expected: 6500, actual: 6350, difference: -150 })).toBe(
      '$1.50 less than its figures add up to ($65.00)',
    );
  });

  it('CO-253 is checked against the rate for its date of service: 2% in 2024, none in 2021', () => {
    const co253 = (amount: number) => ({ group: 'CO' as const, reason: '253', code: 'CO-253', amount });
    const c = claim({
      lines: [
        line({ key: 'a', paid: 10067, serviceDate: '2024-03-08', adjustments: [co253(205)] }),
        line({ key: 'b', paid: 2377, serviceDate: '2024-03-12', adjustments: [co253(52)] }),
        line({ key: 'c', paid: 5000, serviceDate: '2021-06-01', adjustments: [co253(100)] }),
      ],
    });
    const found = checkClaim(c, table).sequestration.map((s) => [s.lineKey, s.check.matches, s.check.expected, s.check.rate]);
    expect(found).toEqual([
      ['a', true, '2.05', '2%'],
      ['b', false, '0.49', '2%'],
      ['c', false, '0.00', '0%'],
    ]);
  });

  it('the date of service: a line range counts by its end, else the claim statement dates', () => {
    expect(serviceDateOf(claim({ statementFrom: '2024-01-01' }), line({ serviceDate: '2024-02-01', serviceDateEnd: '2024-02-03' }))).toBe(
      '2024-02-03',
    );
    expect(serviceDateOf(claim({ statementFrom: '2024-01-01', statementTo: '2024-01-05' }))).toBe('2024-01-05');
  });

  it('a trace is its TRN02 with the originator, so two payers’ equal numbers stay apart', () => {
    expect(traceKey({ ...emptyRemittance(), payment: { trace: '123', originator: '1999' } })).toBe('123|1999');
    expect(traceKey(emptyRemittance())).toBeUndefined();
  });
});
