/**
 * Everything the reader checks about a remittance, in cents, on top of the balance rules in
 * balance.ts: each line and claim balance, a denied claim (835 CLP02 = 4) paying nothing, the
 * payment against its claims and provider-level adjustments, CO-253 against the sequestration rate
 * for its date of service, and a check or EFT trace number seen twice. Pure: the sequestration table
 * and the traces already seen are passed in.
 */
import { formatCents, formatMoney } from '../amount';
import { checkSequestration, type SequestrationCheck, type SequestrationPeriod } from '../catalog/sequestration';
import { type Balance, claimBalance, lineBalance, paymentBalance } from './balance';
import type { Adjustment, Claim, Figures, Remittance, ServiceLine } from './model';

/** CLP02 = 4: the payer denied the claim, so it pays nothing. */
export const DENIED_STATUS = '4';

/** A claim's verdict: a denied claim that pays anything is off by what it pays; else billed − adjustments = paid. */
export function claimVerdict(claim: Claim): Balance {
  if (claim.incomplete) return { state: 'unknown', why: 'the file breaks off inside this claim' };
  if (claim.status === DENIED_STATUS && claim.paid !== undefined && claim.paid !== 0) {
    return { state: 'off', expected: 0, actual: claim.paid, difference: claim.paid };
  }
  return claimBalance(claim);
}

/** The page contract's value for `data-remit-balance`: `ok`, the signed difference in cents (`-150`), or `unknown`. */
export function balanceAttr(b: Balance): string {
  return b.state === 'ok' ? 'ok' : b.state === 'off' ? String(b.difference) : 'unknown';
}

/** "$1.50 less than its figures add up to" / "more than". */
export function differenceText(b: Balance & { state: 'off' }): string {
  const amount = formatMoney(Math.abs(b.difference));
  return `${amount} ${b.difference < 0 ? 'less' : 'more'} than its figures add up to (${formatMoney(b.expected)})`;
}

export interface SequestrationFinding {
  claimKey: string;
  lineKey?: string;
  adjustment: Adjustment;
  check: SequestrationCheck;
}

export interface ClaimChecks {
  balance: Balance;
  /** One per line, in order. */
  lines: Balance[];
  /** Every CO-253 that could be checked (amount and paid known), matching or not. */
  sequestration: SequestrationFinding[];
}

export interface RemittanceChecks {
  payment: Balance;
  claims: Map<string, ClaimChecks>;
  /** How many claims and lines do not balance, and how many CO-253s are not the rate's share. */
  offClaims: number;
  offLines: number;
  sequestrationOff: number;
  sequestrationChecked: number;
}

/** The date of service a CO-253 is checked by: the line's (end of a range), else the claim's statement dates. */
export function serviceDateOf(claim: Claim, line?: ServiceLine): string | undefined {
  return line?.serviceDateEnd ?? line?.serviceDate ?? claim.statementTo ?? claim.statementFrom;
}

function sequestrationOf(claim: Claim, table: readonly SequestrationPeriod[]): SequestrationFinding[] {
  const found: SequestrationFinding[] = [];
  const check = (adjustment: Adjustment, paid: number | undefined, line?: ServiceLine) => {
    if (adjustment.reason !== '253' || adjustment.amount === undefined || paid === undefined) return;
    const serviceDate = serviceDateOf(claim, line);
    const result = checkSequestration(table, {
      amount: formatCents(adjustment.amount),
      paid: formatCents(paid),
      ...(serviceDate ? { serviceDate } : {}),
    });
    if (result) found.push({ claimKey: claim.key, ...(line ? { lineKey: line.key } : {}), adjustment, check: result });
  };
  for (const a of claim.adjustments) check(a, claim.paid);
  for (const line of claim.lines) for (const a of line.adjustments) check(a, line.paid, line);
  return found;
}

/** A line cut short by the end of the file cannot be checked; otherwise billed − adjustments = paid. */
export function lineVerdict(line: ServiceLine): Balance {
  return line.incomplete ? { state: 'unknown', why: 'the file breaks off inside this line' } : lineBalance(line);
}

/** The payment against its claims and PLB; a payment not read to its end cannot be checked. */
export function paymentVerdict(remit: Remittance): Balance {
  return remit.transaction?.ended === false ? { state: 'unknown', why: 'the payment was not read to its end' } : paymentBalance(remit);
}

export function checkClaim(claim: Claim, table: readonly SequestrationPeriod[]): ClaimChecks {
  return { balance: claimVerdict(claim), lines: claim.lines.map(lineVerdict), sequestration: sequestrationOf(claim, table) };
}

export function checkRemittance(remit: Remittance, table: readonly SequestrationPeriod[]): RemittanceChecks {
  const claims = new Map<string, ClaimChecks>();
  let offClaims = 0;
  let offLines = 0;
  let sequestrationOff = 0;
  let sequestrationChecked = 0;
  for (const claim of remit.claims) {
    const c = checkClaim(claim, table);
    claims.set(claim.key, c);
    if (c.balance.state === 'off') offClaims++;
    offLines += c.lines.filter((l) => l.state === 'off').length;
    sequestrationChecked += c.sequestration.length;
    sequestrationOff += c.sequestration.filter((s) => !s.check.matches).length;
  }
  return { payment: paymentVerdict(remit), claims, offClaims, offLines, sequestrationOff, sequestrationChecked };
}

/**
 * Trace numbers (TRN02, with the originator TRN03 when given) already opened: the same check or
 * EFT read twice is usually the same payment posted twice. `seen` lives as long as the reader tab.
 */
export function traceKey(remit: Remittance): string | undefined {
  const trace = remit.payment?.trace;
  if (!trace) return undefined;
  return `${trace}|${remit.payment?.originator ?? ''}`;
}

/** A claim's figures: its own, or each summed over its lines where every line shows it. */
export function claimFigures(claim: Claim): Figures {
  const out: Figures = {};
  for (const key of ['billed', 'allowed', 'paid', 'deductible', 'coinsurance', 'copay', 'patientResponsibility'] as const) {
    const own = claim[key];
    if (own !== undefined) out[key] = own;
    else if (claim.lines.length > 0 && claim.lines.every((l) => l[key] !== undefined)) {
      out[key] = claim.lines.reduce((n, l) => n + (l[key] ?? 0), 0);
    }
  }
  return out;
}

/**
 * A claim's balance: its own verdict where it shows its billed and paid totals; else what its lines
 * say together (all balance: ok; any off: off by their differences; else unknown).
 */
export function claimCheck(claim: Claim): Balance {
  const own = claimVerdict(claim);
  if (own.state !== 'unknown' || claim.billed !== undefined || claim.paid !== undefined || claim.lines.length === 0) return own;
  const lines = claim.lines.map(lineVerdict);
  if (lines.some((b) => b.state === 'off')) {
    let difference = 0;
    let expected = 0;
    for (const b of lines) {
      if (b.state === 'off') difference += b.difference;
      if (b.state !== 'unknown') expected += b.expected;
    }
    return { state: 'off', expected, actual: expected + difference, difference };
  }
  if (lines.every((b) => b.state === 'ok') && claim.adjustments.every((a) => a.amount === 0)) {
    return { state: 'ok', expected: lines.reduce((n, b) => n + (b.state === 'ok' ? b.expected : 0), 0) };
  }
  return { state: 'unknown', why: 'a line cannot be checked' };
}
