/**
 * Balance checks in cents, where the source shows the figures, with the signed difference where
 * they fail. A figure that is not shown makes the check "cannot check", never a guess.
 *
 *   line     billed − Σ adjustments of the line = paid (a deductible, coinsurance or copay the page shows
 *            in its own column without a code counts as the adjustment it is)
 *   claim    billed − Σ claim adjustments − Σ line adjustments = paid
 *   payment  paid total (Σ claims' paid, or NET where the source gives it) − Σ provider-level adjustments
 *            = the check or EFT amount
 */
import type { Adjustment, Cents, Claim, Figures, Remittance, ServiceLine } from './model';

export type Balance =
  | { state: 'ok'; expected: Cents }
  /** `difference` is what the source says minus what its own figures add up to (signed cents). */
  | { state: 'off'; expected: Cents; actual: Cents; difference: Cents }
  | { state: 'unknown'; why: string };

/** Σ of amounts, or undefined when any is missing (an adjustment whose amount is not shown). */
function sum(amounts: readonly (Cents | undefined)[]): Cents | undefined {
  let total = 0;
  for (const a of amounts) {
    if (a === undefined) return undefined;
    total += a;
  }
  return total;
}

function compare(actual: Cents, expected: Cents): Balance {
  const difference = actual - expected;
  return difference === 0 ? { state: 'ok', expected } : { state: 'off', expected, actual, difference };
}

/**
 * The patient's share a page shows in its own columns (Deductible, Coinsurance, Copay) without a code
 * for it: an adjustment like any other (PR-1, PR-2, PR-3). Where the code is given (always, in an 835),
 * the column only repeats it and adds nothing.
 */
function uncodedShare(figures: Figures, adjustments: readonly Adjustment[]): Cents {
  const coded = new Set(adjustments.map((a) => a.reason));
  let share = 0;
  if (figures.deductible !== undefined && !coded.has('1')) share += figures.deductible;
  if (figures.coinsurance !== undefined && !coded.has('2')) share += figures.coinsurance;
  if (figures.copay !== undefined && !coded.has('3')) share += figures.copay;
  return share;
}

export function lineBalance(line: ServiceLine): Balance {
  if (line.billed === undefined || line.paid === undefined) return { state: 'unknown', why: 'the line shows no billed or paid amount' };
  const adjusted = sum(line.adjustments.map((a) => a.amount));
  if (adjusted === undefined) return { state: 'unknown', why: 'an adjustment on the line shows no amount' };
  return compare(line.paid, line.billed - adjusted - uncodedShare(line, line.adjustments));
}

export function claimBalance(claim: Claim): Balance {
  if (claim.billed === undefined || claim.paid === undefined) return { state: 'unknown', why: 'the claim shows no billed or paid total' };
  const all = [...claim.adjustments, ...claim.lines.flatMap((l) => l.adjustments)];
  const adjusted = sum(all.map((a) => a.amount));
  if (adjusted === undefined) return { state: 'unknown', why: 'an adjustment on the claim shows no amount' };
  return compare(claim.paid, claim.billed - adjusted - uncodedShare(claim, all));
}

export function paymentBalance(remit: Remittance): Balance {
  const amount = remit.payment?.amount;
  if (amount === undefined) return { state: 'unknown', why: 'no payment amount is shown' };
  if (remit.claims.length === 0 && remit.providerAdjustments.length === 0) return { state: 'unknown', why: 'no claims were read' };
  const paid = sum(remit.claims.map((c) => c.net ?? c.paid));
  if (paid === undefined) return { state: 'unknown', why: 'a claim shows no paid amount' };
  const plb = remit.providerAdjustments.reduce((n, p) => n + p.amount, 0);
  return compare(amount, paid - plb);
}
