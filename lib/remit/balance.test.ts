import { describe, expect, it } from 'vitest';
import { claimBalance, lineBalance, paymentBalance } from './balance';
import { type Claim, emptyRemittance, type ServiceLine } from './model';

const line = (change: Partial<ServiceLine> = {}): ServiceLine => ({ key: 'l1', adjustments: [], remarks: [], ...change });
const adj = (code: string, amount?: number) => {
  const [group, reason] = code.split('-') as ['CO' | 'PR', string];
  return { group, reason, code, ...(amount === undefined ? {} : { amount }) };
};
const claim = (change: Partial<Claim> = {}): Claim => ({ key: 'c1', adjustments: [], remarks: [], lines: [], ...change });

describe('balance checks', () => {
  it('a line balances when billed minus its adjustments is what was paid', () => {
    expect(lineBalance(line({ billed: 10000, paid: 7840, adjustments: [adj('CO-45', 2000), adj('CO-253', 160)] }))).toEqual({
      state: 'ok',
      expected: 7840,
    });
  });

  it('a failing line gives the signed difference: paid minus what the figures add up to', () => {
    expect(lineBalance(line({ billed: 10000, paid: 7990, adjustments: [adj('CO-45', 2000), adj('CO-253', 160)] }))).toEqual({
      state: 'off',
      expected: 7840,
      actual: 7990,
      difference: 150,
    });
  });

  it('says it cannot check when a figure or an adjustment amount is not shown', () => {
    expect(lineBalance(line({ paid: 100 })).state).toBe('unknown');
    expect(lineBalance(line({ billed: 100, paid: 50, adjustments: [adj('CO-45')] })).state).toBe('unknown');
  });

  it('a claim balances with its claim-level and line-level adjustments together', () => {
    const c = claim({
      billed: 30000,
      paid: 20000,
      adjustments: [adj('PR-1', 5000)],
      lines: [line({ adjustments: [adj('CO-45', 5000)] })],
    });
    expect(claimBalance(c)).toEqual({ state: 'ok', expected: 20000 });
    expect(claimBalance({ ...c, paid: 19850 })).toMatchObject({ state: 'off', difference: -150 });
  });

  it('the payment is the claims paid minus provider-level adjustments (a positive PLB reduces it)', () => {
    const remit = {
      ...emptyRemittance(),
      payment: { amount: 11501 },
      claims: [claim({ paid: 10000 }), claim({ key: 'c2', paid: 3877 })],
      providerAdjustments: [
        { reason: 'L6', amount: -124 },
        { reason: 'WO', amount: 2500 },
      ],
    };
    expect(paymentBalance(remit)).toEqual({ state: 'ok', expected: 11501 });
    expect(paymentBalance({ ...remit, payment: { amount: 13877 } })).toMatchObject({ state: 'off', difference: 2376 });
    expect(paymentBalance({ ...remit, payment: {} }).state).toBe('unknown');
  });
});
