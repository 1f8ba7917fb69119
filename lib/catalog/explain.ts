/**
 * Everything a card shows about one code mention, as plain data: the background computes it,
 * the content script and popup render it. Wording rules: when unsure what a code implies for
 * appeal or patient billing, say less.
 */
import type { GroupCode } from '../detect/types';
import type { Appeal, Catalog, CodeRecord, GroupRecord } from './catalog';
import { ACTION_STEPS, CATEGORIES, type CategoryId, NEXT_STEP_LABELS, type NextStep, type Tone } from './categories';
import { parseCodeRef } from './code-ref';
import { checkSequestration, isIsoDate, type SequestrationCheck } from './sequestration';

export const SEQUESTRATION_HEADLINE =
  'Medicare sequestration (2% federal cut) — not a denial; do not appeal; post as a contractual adjustment; not billable to the patient.';
const SEQUESTRATION_PATIENT =
  "This is Medicare's required 2% payment cut (sequestration). It is not a denial, and you don't owe this amount.";
export const UNKNOWN_TEXT = 'Not in the X12 lists — may be a payer-specific code. Check the payer’s own code list.';

/**
 * Hard rules: these codes are never worth appealing, whatever the data files say (sequestration,
 * contractual reduction, the patient's own cost share, an unprocessable claim, a no-appeal notice).
 */
const NEVER_APPEAL: ReadonlySet<string> = new Set(['carc:1', 'carc:2', 'carc:3', 'carc:45', 'carc:253', 'rarc:MA130', 'rarc:N211']);

export function isNeverAppeal(record: Pick<CodeRecord, 'kind' | 'code'>): boolean {
  return NEVER_APPEAL.has(`${record.kind}:${record.code}`);
}

/** Where an adjustment lands in the popup's totals. */
export type TallyBucket = 'patient' | 'contractual' | 'sequestration' | 'denial' | 'other';

export interface ExplainInput {
  code: string;
  amount?: string;
  paid?: string;
  serviceDate?: string;
}

export interface CodeStatus {
  state: 'active' | 'deactivated' | 'not-yet-valid' | 'unknown';
  text: string;
}

export interface Explanation {
  /** Normalized code (`CO-253`, `N130`, `45`) or the input when it is not a code. */
  code: string;
  kind: 'carc' | 'rarc' | 'group' | 'unknown';
  reason?: string;
  known: boolean;
  group?: GroupRecord;
  summary: string;
  /** A one-line banner that must not be missed (sequestration). */
  headline?: string;
  category?: { id: CategoryId; label: string };
  tone: Tone;
  bucket: TallyBucket;
  nextStep?: { id: NextStep; label: string };
  appeal?: { answer: Appeal; why: string };
  biller: string[];
  patient: string[];
  status: CodeStatus;
  rarcType?: 'alert' | 'supplemental';
  usualRarcs: string[];
  amount?: string;
  sequestration?: SequestrationCheck & { text: string };
  /** The official description, only when the user imported a licensed copy. */
  official?: string;
}

export function statusOn(record: CodeRecord, serviceDate?: string): CodeStatus {
  const date = isIsoDate(serviceDate) ? serviceDate : undefined;
  // X12's dates govern when a remittance may use a code; the date of service is the closest
  // date a page gives, and a remittance always comes after the service.
  if (date && record.start && date < record.start) {
    return {
      state: 'not-yet-valid',
      text: `Not valid yet on ${date}: this code starts ${record.start}, so only a statement issued since then may use it.`,
    };
  }
  if (record.stop && date && date < record.stop) {
    // The service came first: the code may have been valid when this claim was paid.
    return { state: 'active', text: `Deactivated since ${record.stop}; the ${date} service came before that.` };
  }
  if (record.status === 'deactivated') {
    if (!record.stop) {
      // N793: X12 lists it as deactivated without publishing when, so a date cannot settle it.
      return {
        state: 'deactivated',
        text: date
          ? `Deactivated (stop date not published), so whether it was still valid on ${date} is unknown.`
          : 'Deactivated (stop date not published).',
      };
    }
    return {
      state: 'deactivated',
      text: date ? `Deactivated since ${record.stop}: not valid for a ${date} service.` : `Deactivated since ${record.stop}.`,
    };
  }
  return { state: 'active', text: record.start ? `Active since ${record.start}.` : 'Active.' };
}

/** The step for a reason under a group: the group decides who may be billed. */
export function effectiveStep(record: CodeRecord | undefined, group?: GroupCode): NextStep | undefined {
  if (record?.kind === 'carc' && record.code === '253') return 'write-off';
  if (group === 'PR') return 'bill-patient';
  if (group === 'CR') return 'post';
  const step = record?.guidance?.nextStep ?? (record?.category ? CATEGORIES[record.category].defaultStep : undefined);
  // CO and PI amounts may never be billed to the patient, whatever the reason.
  if ((group === 'CO' || group === 'PI') && step === 'bill-patient') return 'write-off';
  if (step === 'appeal' && record && isNeverAppeal(record)) return 'review';
  return step;
}

export function bucketFor(record: CodeRecord | undefined, group?: GroupCode): TallyBucket {
  if (record?.kind !== 'carc') return 'other';
  if (record.code === '253') return 'sequestration';
  if (group === 'PR') return 'patient';
  const step = effectiveStep(record, group);
  if (step && ACTION_STEPS.has(step)) return 'denial';
  if (step === 'write-off') return 'contractual';
  if (step === 'bill-patient') return 'patient';
  return 'other';
}

function toneFor(record: CodeRecord | undefined, group: GroupCode | undefined, bucket: TallyBucket): Tone {
  if (!record) return 'info';
  if (record.kind === 'rarc') return 'info';
  if (bucket === 'patient') return 'patient';
  if (bucket === 'contractual' || bucket === 'sequestration') return 'muted';
  if (bucket === 'denial') return record.category ? CATEGORIES[record.category].tone : 'denial';
  return group === 'OA' || !record.category ? 'info' : CATEGORIES[record.category].tone;
}

const APPEAL_TEXT: Record<Appeal, string> = {
  yes: 'An appeal can make sense',
  no: 'Do not appeal',
  depends: 'An appeal depends on the facts',
};

function sequestrationText(check: SequestrationCheck, amount: string): string {
  if (check.basis === 'before-sequestration') {
    return check.matches
      ? `No sequestration applied to a ${check.serviceDate} service (it began with services on ${check.startedOn}).`
      : `Unexpected: sequestration began with services on ${check.startedOn}, so a ${check.serviceDate} service should have no CO-253 reduction. Ask the contractor about this ${amount}.`;
  }
  const rate =
    check.basis === 'date'
      ? `${check.rate} for a ${check.serviceDate} service`
      : check.serviceDate
        ? `${check.rate} (assumed: no rate on file for ${check.serviceDate})`
        : `${check.rate} (assumed: the current rate, as the date of service is unknown)`;
  if (check.matches) {
    const close = check.difference === '0.00' ? '' : `, within a cent`;
    return `Matches ${rate} of the Medicare payment (expected ${check.expected}${close}).`;
  }
  return `Does not match ${rate}: expected ${check.expected}, off by ${check.difference}. Ask the contractor about the difference.`;
}

export function explain(catalog: Catalog, input: ExplainInput, official?: ReadonlyMap<string, string>): Explanation {
  const ref = parseCodeRef(input.code);
  const amount = input.amount;
  if (!ref) {
    return unknown(input.code.trim().slice(0, 40), amount);
  }
  if (ref.kind === 'group') {
    const group = catalog.group(ref.group);
    return {
      code: ref.code,
      kind: 'group',
      known: Boolean(group),
      group,
      summary: group?.summary ?? '',
      tone: 'info',
      bucket: 'other',
      biller: group ? [group.biller] : [],
      patient: group ? [group.patient] : [],
      status: { state: 'active', text: 'Claim adjustment group code.' },
      usualRarcs: [],
    };
  }
  const record = catalog.get(ref.kind, ref.reason);
  const group = ref.kind === 'carc' && ref.group ? catalog.group(ref.group) : undefined;
  if (!record) return unknown(ref.code, amount, ref.kind === 'carc' ? group : undefined, official?.get(`${ref.kind}:${ref.reason}`));

  const groupCode = ref.kind === 'carc' ? ref.group : undefined;
  const bucket = bucketFor(record, groupCode);
  const step = effectiveStep(record, groupCode);
  const guidance = record.guidance;
  const isSequestration = record.kind === 'carc' && record.code === '253';
  const biller: string[] = [];
  const patient: string[] = [];
  // A patient cost share (deductible, coinsurance, copay) reported under CO or PI is the payer
  // saying the provider absorbs it: the patient-facing "this is your deductible" would mislead.
  const shareNotBillable = record.category === 'patient-share' && (groupCode === 'CO' || groupCode === 'PI');
  if (isSequestration) {
    biller.push(
      'Post the amount as a contractual adjustment. Medicare applies this cut by law to every paid claim line; it is not a denial and not the patient’s to pay.',
    );
    if (groupCode && groupCode !== 'CO') {
      biller.push(
        `Sequestration is normally reported with group CO; under ${groupCode} it is still not billable to the patient. Ask the payer to correct the group.`,
      );
    }
    patient.push(SEQUESTRATION_PATIENT);
  } else {
    if (guidance?.biller) biller.push(guidance.biller);
    if (shareNotBillable) {
      biller.push(
        `A patient cost share reported under ${groupCode}: the payer assigns it to the provider, so do not bill the patient for it.`,
      );
    }
    if (group) biller.push(group.biller);
    if (group) patient.push(group.patient);
    if (guidance?.patient && !shareNotBillable) patient.push(guidance.patient);
  }
  if (record.kind === 'rarc' && record.rarcType === 'alert' && !guidance) {
    biller.push('An alert: it informs and does not by itself change what is owed.');
  }
  if (record.kind === 'rarc' && patient.length === 0) {
    // Remark codes are written for the provider; a patient needs to know where they stand.
    patient.push(
      record.rarcType === 'alert'
        ? 'An informational note from the plan to your provider. It does not by itself change what you owe.'
        : 'A note from the plan to your provider explaining a decision on this service. The adjustment codes on the same line say whether you owe anything.',
    );
  }

  const officialText = official?.get(`${record.kind}:${record.code}`);
  const check =
    isSequestration && amount !== undefined
      ? checkSequestration(catalog.sequestration, { amount, paid: input.paid, serviceDate: input.serviceDate })
      : undefined;

  const neverAppeal = isNeverAppeal(record);
  const appealAnswer: Appeal | undefined = isSequestration || (neverAppeal && guidance?.appeal !== 'no') ? 'no' : guidance?.appeal;
  return {
    code: ref.code,
    kind: ref.kind,
    reason: ref.reason,
    known: true,
    group,
    summary: record.summary ?? 'Plain-language summary not written yet; see the official list.',
    ...(isSequestration ? { headline: SEQUESTRATION_HEADLINE } : {}),
    ...(record.category ? { category: { id: record.category, label: CATEGORIES[record.category].label } } : {}),
    tone: toneFor(record, groupCode, bucket),
    bucket,
    ...(step ? { nextStep: { id: step, label: NEXT_STEP_LABELS[step] } } : {}),
    ...(appealAnswer
      ? {
          appeal: {
            answer: appealAnswer,
            why: isSequestration
              ? 'Sequestration is required by federal law; there is nothing to dispute.'
              : guidance?.appeal === appealAnswer
                ? (guidance?.appealWhy ?? '')
                : 'Not a decision to dispute: fix the claim or post the amount as it stands.',
          },
        }
      : {}),
    biller,
    patient,
    status: statusOn(record, input.serviceDate),
    ...(record.rarcType ? { rarcType: record.rarcType } : {}),
    usualRarcs: guidance?.rarcs ?? [],
    ...(amount !== undefined ? { amount } : {}),
    ...(check && amount !== undefined ? { sequestration: { ...check, text: sequestrationText(check, amount) } } : {}),
    ...(officialText ? { official: officialText } : {}),
  };
}

export function appealLabel(answer: Appeal): string {
  return APPEAL_TEXT[answer];
}

function unknown(code: string, amount?: string, group?: GroupRecord, officialText?: string): Explanation {
  // Never guessed: an unknown code gets no category, step or advice beyond its group's meaning.
  return {
    code,
    kind: 'unknown',
    known: false,
    ...(group ? { group } : {}),
    summary: UNKNOWN_TEXT,
    tone: 'info',
    bucket: 'other',
    biller: group ? [group.biller] : [],
    patient: group ? [group.patient] : [],
    status: { state: 'unknown', text: 'Not in the X12 code lists.' },
    usualRarcs: [],
    ...(amount !== undefined ? { amount } : {}),
    // The user's own imported official list may know a code newer than this release.
    ...(officialText ? { official: officialText } : {}),
  };
}
