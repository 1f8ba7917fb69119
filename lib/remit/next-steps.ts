/**
 * "What to do next" for one claim of a remittance, in short factual sentences. Says less when unsure:
 * the advice for a code comes from the catalog (passed in as `advise`), the rest from what the file
 * shows (status, remarks, crossover, patient responsibility, balance).
 */
import { formatMoney } from '../amount';
import { MEDICARE_FILING } from '../x12/codes835';
import { type ClaimChecks, differenceText } from './checks';
import type { Claim, Remittance } from './model';
import { isDenied, isForwarded, reportLines } from './report';

export type NextStepKind =
  | 'incomplete'
  | 'forwarded'
  | 'reversal'
  | 'denied'
  | 'no-appeal'
  | 'appeal-window'
  | 'patient'
  | 'balance'
  | 'sequestration';

export interface NextStep {
  kind: NextStepKind;
  text: string;
  /** Codes the step is about, for their cards. */
  codes?: string[];
}

/** Medicare redetermination: within 120 days of receiving the notice, which is presumed received 5 days after its date. */
export const REDETERMINATION_DAYS = 120;
export const PRESUMED_RECEIPT_DAYS = 5;

/** ISO date plus days (UTC, no time zone drift). */
export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** One formatter for every date: building locale options per call is the slow part. */
const DATE_FORMAT = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });

/** Dates for a reader: 2024-08-15 → Aug 15, 2024. */
export function readableDate(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? iso : DATE_FORMAT.format(d);
}

export interface NextStepInput {
  claim: Claim;
  remit: Remittance;
  checks?: ClaimChecks;
  /** The catalog's next step for a code (`CO-16` → "Correct and resubmit; do not appeal"), when it has one. */
  advise?: (code: string) => string | undefined;
}

function lineName(claim: Claim, index: number): string {
  const line = claim.lines[index];
  const proc = line?.procedure ?? line?.revenueCode;
  return `line ${index + 1}${proc ? ` (${proc})` : ''}`;
}

export function nextSteps({ claim, remit, checks, advise }: NextStepInput): NextStep[] {
  const steps: NextStep[] = [];
  const remarks = new Set([...claim.remarks, ...claim.lines.flatMap((l) => l.remarks)].map((r) => r.code));

  if (claim.incomplete) {
    steps.push({
      kind: 'incomplete',
      text: 'The file ends or breaks inside this claim: get a complete copy from the payer before posting it.',
    });
  }

  const forwarded = isForwarded(claim);
  if (forwarded) {
    const to = claim.crossoverTo ? claim.crossoverTo : 'another payer';
    steps.push({
      kind: 'forwarded',
      text: `The payer sent this claim on to ${to}: do not send it to that payer yourself; wait for its payment.`,
      codes: ['MA18', 'N89'].filter((c) => remarks.has(c)),
    });
  }

  if (claim.status === '22') {
    steps.push({
      kind: 'reversal',
      text: `This reverses an earlier payment${
        claim.originalClaimNumber ? ` (payer claim ${claim.originalClaimNumber})` : ''
      }: post it against that payment, not as a new one.`,
    });
  }

  // Denied lines (or the denied claim), with the reasons that are not the patient's share.
  const denied = reportLines(claim)
    .map((l, i) => ({ l, i }))
    .filter(({ l }) => isDenied(l));
  if (denied.length > 0) {
    const codes = [...new Set(denied.flatMap(({ l }) => l.adjustments.filter((a) => a.group !== 'PR').map((a) => a.code)))];
    const where = claim.lines.length === 0 ? 'The claim was denied' : `Denied: ${denied.map(({ i }) => lineName(claim, i)).join(', ')}`;
    const advice = codes.map((c) => {
      const a = advise?.(c);
      return a ? `${c}: ${a}` : c;
    });
    steps.push({ kind: 'denied', text: `${where}${advice.length > 0 ? ` — ${advice.join('; ')}` : ''}.`, codes });
  }

  const medicare = claim.filingIndicator !== undefined && MEDICARE_FILING.has(claim.filingIndicator);
  if (remarks.has('MA130')) {
    steps.push({
      kind: 'no-appeal',
      text: 'MA130: no appeal rights for this claim — it could not be processed as sent. Correct it and send it as a new claim.',
      codes: ['MA130'],
    });
  } else if (medicare && denied.length > 0) {
    const noticeDate = remit.date ?? remit.payment?.date;
    if (noticeDate) {
      const received = addDays(noticeDate, PRESUMED_RECEIPT_DAYS);
      const deadline = addDays(received, REDETERMINATION_DAYS);
      steps.push({
        kind: 'appeal-window',
        text: `To appeal to Medicare, ask for a redetermination by ${readableDate(deadline)}: ${REDETERMINATION_DAYS} days from receipt of this notice, which is presumed ${PRESUMED_RECEIPT_DAYS} days after its date (${readableDate(noticeDate)}).`,
      });
    } else {
      steps.push({
        kind: 'appeal-window',
        text: `To appeal to Medicare, ask for a redetermination within ${REDETERMINATION_DAYS} days of receiving this notice.`,
      });
    }
  }

  const owed = claim.patientResponsibility;
  if (owed !== undefined && owed > 0) {
    const parts = [
      claim.deductible ? `deductible ${formatMoney(claim.deductible)}` : '',
      claim.coinsurance ? `coinsurance ${formatMoney(claim.coinsurance)}` : '',
      claim.copay ? `copay ${formatMoney(claim.copay)}` : '',
    ].filter(Boolean);
    steps.push({
      kind: 'patient',
      text: `Patient responsibility ${formatMoney(owed)}${parts.length > 0 ? ` (${parts.join(', ')})` : ''}: ${
        forwarded
          ? 'bill the patient only what the other payer leaves unpaid'
          : 'bill the patient, or their secondary coverage if they have one'
      }.`,
    });
  }

  if (checks?.balance.state === 'off') {
    steps.push({
      kind: 'balance',
      text: `The payment is ${differenceText(checks.balance)}: ask the payer about the difference before posting.`,
    });
  }
  const seqOff = checks?.sequestration.filter((s) => !s.check.matches) ?? [];
  if (seqOff.length > 0) {
    steps.push({
      kind: 'sequestration',
      text: `CO-253 is not the ${seqOff[0]?.check.rate ?? '2%'} sequestration share for its date of service on ${seqOff.length} ${
        seqOff.length === 1 ? 'line' : 'lines'
      }: ask the contractor about the difference.`,
      codes: ['CO-253'],
    });
  }
  return steps;
}
