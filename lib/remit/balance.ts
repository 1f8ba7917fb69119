/**
 * Balance checks in cents, where the source shows the figures, with the signed difference where
 * they fail. A figure that is not shown makes the check "cannot check", never a guess.
 *
 *   line     billed − Σ adjustments of the line = paid
 *   claim    billed − Σ claim adjustments − Σ line adjustments = paid
 *   payment  paid total (Σ claims' paid) − Σ provider-level adjustments = the check or EFT amount
 */
import type { Cents, Claim, Remittance, ServiceLine } from './model';

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

export function lineBalance(line: ServiceLine): Balance {
  if (line.billed === undefined || line.paid === undefined) return { state: 'unknown', why: 'the line shows no billed or paid amount' };
  const adjusted = sum(line.adjustments.map((a) => a.amount));
  if (adjusted === undefined) return { state: 'unknown', why: 'an adjustment on the line shows no amount' };
  return compare(line.paid, line.billed - adjusted);
}

export function claimBalance(claim: Claim): Balance {
  if (claim.billed === undefined || claim.paid === undefined) return { state: 'unknown', why: 'the claim shows no billed or paid total' };
  const adjusted = sum([...claim.adjustments, ...claim.lines.flatMap((l) => l.adjustments)].map((a) => a.amount));
  if (adjusted === undefined) return { state: 'unknown', why: 'an adjustment on the claim shows no amount' };
  return compare(claim.paid, claim.billed - adjusted);
}

export function paymentBalance(remit: Remittance): Balance {
  const amount = remit.payment?.amount;
  if (amount === undefined) return { state: 'unknown', why: 'no payment amount is shown' };
  if (remit.claims.length === 0 && remit.providerAdjustments.length === 0) return { state: 'unknown', why: 'no claims were read' };
  const paid = sum(remit.claims.map((c) => c.paid));
  if (paid === undefined) return { state: 'unknown', why: 'a claim shows no paid amount' };
  const plb = remit.providerAdjustments.reduce((n, p) => n + p.amount, 0);
  return compare(amount, paid - plb);
}
