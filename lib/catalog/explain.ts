/**
 * Everything a card shows about one code mention, as plain data: the background computes it,
 * the content script and popup render it. Wording rules: when unsure what a code implies for
 * appeal or patient billing, say less.
 */
import type { GroupCode } from '../detect/types';
import type { Appeal, Catalog, CodeRecord, GroupRecord } from './catalog';
import { ACTION_STEPS, CATEGORIES, type CategoryId, NEXT_STEP_LABELS, type NextStep, type Tone } from './categories';
import { parseCodeRef } from './code-ref';
import { checkSequestration, type SequestrationCheck } from './sequestration';

export const SEQUESTRATION_HEADLINE =
  'Medicare sequestration (2% federal cut) — not a denial; do not appeal; post as a contractual adjustment; not billable to the patient.';
const SEQUESTRATION_PATIENT =
  "This is Medicare's required 2% payment cut (sequestration). It is not a denial, and you don't owe this amount.";
export const UNKNOWN_TEXT = 'Not in the X12 lists — may be a payer-specific code. Check the payer’s own code list.';

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
  if (serviceDate && record.start && serviceDate < record.start) {
    return { state: 'not-yet-valid', text: `Not valid yet on ${serviceDate}: this code starts ${record.start}.` };
  }
  if (record.stop && serviceDate && serviceDate < record.stop) {
    // Used while it was still valid: fine for this claim, but worth knowing.
    return { state: 'active', text: `Valid on ${serviceDate}; deactivated since ${record.stop}.` };
  }
  if (record.status === 'deactivated') {
    return {
      state: 'deactivated',
      text: record.stop ? `Deactivated since ${record.stop}.` : 'Deactivated (stop date not published).',
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

function sequestrationText(check: SequestrationCheck): string {
  const rate = check.rateFromDate ? `${check.rate} for a ${check.serviceDate} service` : `${check.rate} (date of service unknown)`;
  return check.matches
    ? `Matches ${rate} of the Medicare payment (expected ${check.expected}).`
    : `Does not match ${rate}: expected ${check.expected}, off by ${check.difference}. Ask the contractor about the difference.`;
}

export function explain(catalog: Catalog, input: ExplainInput, official?: ReadonlyMap<string, string>): Explanation {
  const ref = parseCodeRef(input.code);
  const amount = input.amount;
  if (!ref) {
    return unknown(input.code.trim(), amount);
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
  if (!record) return unknown(ref.code, amount, ref.kind === 'carc' ? group : undefined);

  const groupCode = ref.kind === 'carc' ? ref.group : undefined;
  const bucket = bucketFor(record, groupCode);
  const step = effectiveStep(record, groupCode);
  const guidance = record.guidance;
  const isSequestration = record.kind === 'carc' && record.code === '253';
  const biller: string[] = [];
  const patient: string[] = [];
  if (isSequestration) {
    biller.push(
      'Post the amount as a contractual adjustment. Medicare applies this cut by law to every paid claim line; it is not a denial and not the patient’s to pay.',
    );
    patient.push(SEQUESTRATION_PATIENT);
  } else {
    if (guidance?.biller) biller.push(guidance.biller);
    if (group) biller.push(group.biller);
    if (group) patient.push(group.patient);
    if (guidance?.patient) patient.push(guidance.patient);
  }
  if (record.kind === 'rarc' && record.rarcType === 'alert' && !guidance) {
    biller.push('An alert: it informs and does not by itself change what is owed.');
  }

  const check =
    isSequestration && amount !== undefined
      ? checkSequestration(catalog.sequestration, { amount, paid: input.paid, serviceDate: input.serviceDate })
      : undefined;

  const appealAnswer: Appeal | undefined = isSequestration ? 'no' : guidance?.appeal;
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
            why: isSequestration ? 'Sequestration is required by federal law; there is nothing to dispute.' : (guidance?.appealWhy ?? ''),
          },
        }
      : {}),
    biller,
    patient,
    status: statusOn(record, input.serviceDate),
    ...(record.rarcType ? { rarcType: record.rarcType } : {}),
    usualRarcs: guidance?.rarcs ?? [],
    ...(amount !== undefined ? { amount } : {}),
    ...(check ? { sequestration: { ...check, text: sequestrationText(check) } } : {}),
    ...(official?.get(`${record.kind}:${record.code}`) ? { official: official.get(`${record.kind}:${record.code}`) } : {}),
  };
}

export function appealLabel(answer: Appeal): string {
  return APPEAL_TEXT[answer];
}

function unknown(code: string, amount?: string, group?: GroupRecord): Explanation {
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
  };
}
