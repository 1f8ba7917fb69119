/**
 * The reader's totals and reports over remittances (lib/remit/model.ts), like a desktop remit
 * viewer's: the whole-remittance summary, dollars by group and code, denied, adjusted and deductible
 * lines, and the filter behind the claim list. Pure; money in cents.
 */
import type { GroupCode } from '../detect/types';
import { FORWARDED_STATUSES } from '../x12/codes835';
import { DENIED_STATUS } from './checks';
import type { Adjustment, Cents, Claim, Remittance, ServiceLine } from './model';

/** A line as the reports count it; a claim without service lines counts as one claim-level line. */
export interface ReportLine {
  claim: Claim;
  /** Undefined for a claim without service lines (its claim-level figures stand in). */
  line?: ServiceLine;
  billed?: Cents;
  paid?: Cents;
  adjustments: Adjustment[];
}

export function reportLines(claim: Claim): ReportLine[] {
  if (claim.lines.length === 0) {
    return [{ claim, billed: claim.billed, paid: claim.paid, adjustments: claim.adjustments }];
  }
  return claim.lines.map((line) => ({ claim, line, billed: line.billed, paid: line.paid, adjustments: line.adjustments }));
}

/**
 * Denied: nothing paid on a charge, and not only because the patient owes it (a line whose whole
 * charge went to the deductible is not a denial); every line of a denied claim (CLP02 = 4).
 */
export function isDenied(l: ReportLine): boolean {
  if (l.claim.status === DENIED_STATUS) return true;
  if (l.paid !== 0 || !l.billed) return false;
  return l.adjustments.some((a) => a.group !== 'PR');
}

/** Adjusted: at least one adjustment of a non-zero amount (or of an amount the file does not give). */
export function isAdjusted(l: ReportLine): boolean {
  return l.adjustments.some((a) => a.amount !== 0);
}

/** Deductible: an adjustment for reason 1 (the deductible), whatever its group. */
export function isDeductible(l: ReportLine): boolean {
  return l.adjustments.some((a) => a.reason === '1');
}

const FORWARD_REMARKS = new Set(['MA18', 'N89']);

/** The payer sent the claim on to another payer itself (CLP02 19–21, 23; MA18 or N89; a crossover NM1*TT). */
export function isForwarded(claim: Claim): boolean {
  if (claim.status && FORWARDED_STATUSES.has(claim.status)) return true;
  if (claim.crossoverTo) return true;
  return [...claim.remarks, ...claim.lines.flatMap((l) => l.remarks)].some((r) => FORWARD_REMARKS.has(r.code));
}

export interface CodeTotal {
  code: string;
  group?: GroupCode;
  reason: string;
  count: number;
  cents: Cents;
  /** Adjustments of this code whose amount the file does not give. */
  missing: number;
}

export interface GroupTotal {
  group: GroupCode | 'none';
  count: number;
  cents: Cents;
  codes: CodeTotal[];
}

export interface LineReport {
  count: number;
  /** Σ charge of those lines (lines without a charge add nothing). */
  billed: Cents;
  /** Σ of the adjustments that make them what they are (denials' non-PR, deductibles' reason 1). */
  cents: Cents;
}

export interface Summary {
  remittances: number;
  claims: number;
  lines: number;
  billed: Cents;
  paid: Cents;
  patientResponsibility: Cents;
  /** Σ of payments (BPR02) the transactions state. */
  payments: Cents;
  /** Σ PLB amounts (positive reduces the payment). */
  providerAdjustments: Cents;
  adjustments: { count: number; cents: Cents };
  byGroup: GroupTotal[];
  denied: LineReport;
  adjusted: LineReport;
  deductible: LineReport;
  forwardedClaims: number;
  incompleteClaims: number;
}

const GROUP_ORDER: readonly (GroupCode | 'none')[] = ['CO', 'PR', 'OA', 'PI', 'CR', 'none'];
const byCodeOrder = new Intl.Collator('en', { numeric: true }).compare;

/** Accumulates claims one at a time, so a page can total a large file while it is still being read. */
export class SummaryBuilder {
  private readonly s: Summary = {
    remittances: 0,
    claims: 0,
    lines: 0,
    billed: 0,
    paid: 0,
    patientResponsibility: 0,
    payments: 0,
    providerAdjustments: 0,
    adjustments: { count: 0, cents: 0 },
    byGroup: [],
    denied: { count: 0, billed: 0, cents: 0 },
    adjusted: { count: 0, billed: 0, cents: 0 },
    deductible: { count: 0, billed: 0, cents: 0 },
    forwardedClaims: 0,
    incompleteClaims: 0,
  };
  private readonly codes = new Map<string, CodeTotal>();

  addRemittance(remit: Remittance): void {
    this.s.remittances++;
    this.s.payments += remit.payment?.amount ?? 0;
    for (const p of remit.providerAdjustments) this.s.providerAdjustments += p.amount;
  }

  addClaim(claim: Claim): void {
    const s = this.s;
    s.claims++;
    s.lines += claim.lines.length;
    s.billed += claim.billed ?? 0;
    s.paid += claim.paid ?? 0;
    s.patientResponsibility += claim.patientResponsibility ?? 0;
    if (isForwarded(claim)) s.forwardedClaims++;
    if (claim.incomplete) s.incompleteClaims++;
    for (const a of [...claim.adjustments, ...claim.lines.flatMap((l) => l.adjustments)]) this.addAdjustment(a);
    for (const l of reportLines(claim)) {
      if (isDenied(l))
        count(
          s.denied,
          l,
          l.adjustments.filter((a) => a.group !== 'PR'),
        );
      if (isAdjusted(l)) count(s.adjusted, l, l.adjustments);
      if (isDeductible(l))
        count(
          s.deductible,
          l,
          l.adjustments.filter((a) => a.reason === '1'),
        );
    }
  }

  private addAdjustment(a: Adjustment): void {
    this.s.adjustments.count++;
    this.s.adjustments.cents += a.amount ?? 0;
    let total = this.codes.get(a.code);
    if (!total) {
      total = { code: a.code, ...(a.group ? { group: a.group } : {}), reason: a.reason, count: 0, cents: 0, missing: 0 };
      this.codes.set(a.code, total);
    }
    total.count++;
    if (a.amount === undefined) total.missing++;
    else total.cents += a.amount;
  }

  summary(): Summary {
    const groups = new Map<GroupCode | 'none', GroupTotal>();
    for (const c of this.codes.values()) {
      const key = c.group ?? 'none';
      let g = groups.get(key);
      if (!g) {
        g = { group: key, count: 0, cents: 0, codes: [] };
        groups.set(key, g);
      }
      g.count += c.count;
      g.cents += c.cents;
      g.codes.push({ ...c });
    }
    const byGroup = GROUP_ORDER.flatMap((g) => groups.get(g) ?? []);
    for (const g of byGroup) g.codes.sort((a, b) => byCodeOrder(a.reason, b.reason));
    return {
      ...this.s,
      adjustments: { ...this.s.adjustments },
      denied: { ...this.s.denied },
      adjusted: { ...this.s.adjusted },
      deductible: { ...this.s.deductible },
      byGroup,
    };
  }
}

function count(report: LineReport, l: ReportLine, adjustments: Adjustment[]): void {
  report.count++;
  report.billed += l.billed ?? 0;
  for (const a of adjustments) report.cents += a.amount ?? 0;
}

export function summarize(remits: readonly Remittance[]): Summary {
  const b = new SummaryBuilder();
  for (const r of remits) {
    b.addRemittance(r);
    for (const c of r.claims) b.addClaim(c);
  }
  return b.summary();
}

// ---------------------------------------------------------------------------------------------
// The claim list's filter

export type ClaimReport = 'all' | 'denied' | 'adjusted' | 'deductible' | 'off' | 'forwarded' | 'incomplete';

export const CLAIM_REPORTS: readonly { id: ClaimReport; label: string }[] = [
  { id: 'all', label: 'All claims' },
  { id: 'denied', label: 'Claims with denied lines' },
  { id: 'adjusted', label: 'Claims with adjusted lines' },
  { id: 'deductible', label: 'Claims with deductible lines' },
  { id: 'off', label: 'Claims that do not balance' },
  { id: 'forwarded', label: 'Claims sent on to another payer' },
  { id: 'incomplete', label: 'Claims cut short (incomplete)' },
];

/** What the filter matches a claim on: patient, account, payer claim number, every code on it. */
export function searchText(claim: Claim): string {
  const codes = [
    ...claim.adjustments.map((a) => a.code),
    ...claim.remarks.map((r) => r.code),
    ...claim.lines.flatMap((l) => [...l.adjustments.map((a) => a.code), ...l.remarks.map((r) => r.code), l.procedure ?? '']),
  ];
  return ` ${[claim.account, claim.payerClaimNumber, claim.patient, claim.originalClaimNumber, ...codes]
    .filter(Boolean)
    .join(' ')
    .toLowerCase()} `;
}

/** Does the claim pass the report and the search words (every word must be found)? `off` is the claim's balance verdict. */
export function claimMatches(claim: Claim, text: string, report: ClaimReport, words: readonly string[], off: boolean): boolean {
  switch (report) {
    case 'denied':
      if (!reportLines(claim).some(isDenied)) return false;
      break;
    case 'adjusted':
      if (!reportLines(claim).some(isAdjusted)) return false;
      break;
    case 'deductible':
      if (!reportLines(claim).some(isDeductible)) return false;
      break;
    case 'off':
      if (!off) return false;
      break;
    case 'forwarded':
      if (!isForwarded(claim)) return false;
      break;
    case 'incomplete':
      if (!claim.incomplete) return false;
      break;
  }
  return words.every((w) => text.includes(w));
}

/** Search words from what the user typed: lowercased; `CO 45` and `co45` find `co-45`. */
export function searchWords(query: string): string[] {
  const q = query
    .toLowerCase()
    .replace(/\b(co|pr|oa|pi|cr)\s*[-*:]?\s*([a-z]?\d{1,3})\b/g, '$1-$2')
    .trim();
  return q === '' ? [] : q.split(/\s+/);
}
