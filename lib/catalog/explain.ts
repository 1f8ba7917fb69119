/**
 * Everything a card shows about one code mention, as plain data: the background computes it,
 * the content script and popup render it. Every sentence comes from the data files: the advice
 * table picks the one next step, guidance elaborates it, the wording files say the rest. Code
 * only chooses; it never writes or overrides a sentence.
 */
import { money } from '../amount';
import type { Owe } from './advice';
import type { Catalog, CodeRecord, GroupRecord } from './catalog';
import { CATEGORIES, type CategoryId, type NextStep, type TallyBucket, type Tone } from './categories';
import { parseCodeRef } from './code-ref';
import { checkSequestration, isIsoDate, type SequestrationCheck } from './sequestration';
import type { TextKey, Wording } from './wording';

export type { TallyBucket } from './categories';

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
  /** What the code is, in biller words. */
  summary: string;
  /** A one-line banner that must not be missed (sequestration), above the summary. */
  headline?: string;
  category?: { id: CategoryId; label: string };
  tone: Tone;
  bucket: TallyBucket;
  /** The one next step for this code under its group, and why (biller words). */
  nextStep?: { id: NextStep; label: string; reason: string };
  /** Biller: how to carry out the step (or, for a remark with no step of its own, what to check). */
  biller: string[];
  /** Patient: "Do I owe this?", "Why?" and "What can I do?", in that order (unknown codes: the first two). */
  patient: string[];
  status: CodeStatus;
  rarcType?: 'alert' | 'supplemental';
  usualRarcs: string[];
  amount?: string;
  sequestration?: SequestrationCheck & { text: string; patientText: string };
  /** The official description, only when the user imported a licensed copy. */
  official?: string;
}

export function statusOn(wording: Wording, record: CodeRecord, serviceDate?: string): CodeStatus {
  const date = isIsoDate(serviceDate) ? serviceDate : undefined;
  const say = (key: TextKey) => wording.text(key, 'biller', { date: date ?? '', start: record.start ?? '', stop: record.stop ?? '' });
  // X12's dates govern when a remittance may use a code; the date of service is the closest
  // date a page gives, and a remittance always comes after the service.
  if (date && record.start && date < record.start) return { state: 'not-yet-valid', text: say('status.not-yet') };
  // The service came first: the code may have been valid when this claim was paid.
  if (record.stop && date && date < record.stop) return { state: 'active', text: say('status.before-stop') };
  if (record.status === 'deactivated') {
    // N793: X12 lists it as deactivated without publishing when, so a date cannot settle it.
    if (!record.stop) return { state: 'deactivated', text: say(date ? 'status.unpublished-on' : 'status.unpublished') };
    return { state: 'deactivated', text: say(date ? 'status.deactivated-on' : 'status.deactivated') };
  }
  return { state: 'active', text: say(record.start ? 'status.active-since' : 'status.active') };
}

function toneFor(record: CodeRecord, bucket: TallyBucket): Tone {
  if (record.kind === 'rarc') return 'info';
  if (bucket === 'patient') return 'patient';
  if (bucket === 'contractual' || bucket === 'sequestration') return 'muted';
  if (bucket !== 'denial') return 'info';
  const tone = record.category ? CATEGORIES[record.category].tone : 'denial';
  // A denial keeps its category's family (review for bundling, other payer, duplicates).
  return tone === 'review' ? 'review' : 'denial';
}

const OWE_KEYS: Record<Owe, TextKey> = { no: 'owe.no', may: 'owe.may', unclear: 'owe.unclear' };

function sequestrationTexts(w: Wording, check: SequestrationCheck, amount: string, code: string): { text: string; patientText: string } {
  const vars = {
    date: check.serviceDate ?? '',
    start: check.startedOn ?? '',
    amount,
    code,
    expected: check.expected,
    difference: check.difference,
    money: money(check.expected),
  };
  if (check.basis === 'before-sequestration') {
    const key: TextKey = check.matches ? 'check.before-ok' : 'check.before-off';
    return { text: w.text(key, 'biller', vars), patientText: w.text(key, 'patient', vars) };
  }
  const rateKey: TextKey = check.basis === 'date' ? 'check.rate-date' : check.serviceDate ? 'check.rate-assumed-on' : 'check.rate-assumed';
  const rate = w.text(rateKey, 'biller', { rate: check.rate, date: check.serviceDate ?? '' });
  const key: TextKey = !check.matches ? 'check.off' : check.difference === '0.00' ? 'check.match' : 'check.match-close';
  return { text: w.text(key, 'biller', { ...vars, rate }), patientText: w.text(key, 'patient', { ...vars, rate: check.rate }) };
}

export function explain(catalog: Catalog, input: ExplainInput, official?: ReadonlyMap<string, string>): Explanation {
  const w = catalog.wording;
  const ref = parseCodeRef(input.code);
  const amount = input.amount;
  if (!ref) return unknown(w, input.code.trim().slice(0, 40), amount);
  if (ref.kind === 'group') {
    const group = catalog.group(ref.group);
    return {
      code: ref.code,
      kind: 'group',
      known: Boolean(group),
      ...(group ? { group } : {}),
      summary: group?.summary ?? '',
      tone: 'info',
      bucket: 'other',
      biller: [],
      patient: group ? [group.patient] : [],
      status: { state: 'active', text: w.text('group.status') },
      usualRarcs: [],
    };
  }
  const record = catalog.get(ref.kind, ref.reason);
  const groupCode = ref.kind === 'carc' ? ref.group : undefined;
  const group = groupCode ? catalog.group(groupCode) : undefined;
  if (!record) return unknown(w, ref.code, amount, group, official?.get(`${ref.kind}:${ref.reason}`));

  const row = catalog.advice.resolve(
    { kind: record.kind, code: record.code, ...(record.category ? { category: record.category } : {}), alert: record.rarcType === 'alert' },
    groupCode,
  );
  const step = row ? catalog.advice.step(row.step) : undefined;
  // The one test of "is this sequestration": the category, wherever the code comes from.
  const isSequestration = record.category === 'sequestration';
  const bucket: TallyBucket = record.kind !== 'carc' ? 'other' : isSequestration ? 'sequestration' : (step?.bucket ?? 'other');
  const summary = record.summary ?? w.text('summary.missing');
  const guidance = record.guidance;
  // Guidance elaborates one step: under a group where the table chooses another, it would contradict the card.
  const guidanceFits = guidance !== undefined && guidance.step === row?.step && guidance.biller !== '';
  const biller = guidanceFits ? [guidance.biller] : step ? [step.guidance] : [];

  const owe = row?.owe
    ? w.text(OWE_KEYS[row.owe], 'patient')
    : group
      ? group.patient
      : w.text(record.kind === 'rarc' ? 'owe.remark' : 'owe.no-group', 'patient');
  const why = row?.patientReason ?? (guidance?.patient || undefined) ?? record.patientSummary ?? summary;
  const todo = step ? step.patient : w.text('todo.remark', 'patient');

  const officialText = official?.get(`${record.kind}:${record.code}`);
  const check =
    isSequestration && amount !== undefined
      ? checkSequestration(catalog.sequestration, { amount, paid: input.paid, serviceDate: input.serviceDate })
      : undefined;

  return {
    code: ref.code,
    kind: ref.kind,
    reason: ref.reason,
    known: true,
    ...(group ? { group } : {}),
    summary,
    ...(record.headline ? { headline: record.headline } : {}),
    ...(record.category ? { category: { id: record.category, label: CATEGORIES[record.category].label } } : {}),
    tone: toneFor(record, bucket),
    bucket,
    ...(row && step ? { nextStep: { id: row.step, label: step.label, reason: row.reason } } : {}),
    biller,
    patient: [owe, why, todo],
    status: statusOn(w, record, input.serviceDate),
    ...(record.rarcType ? { rarcType: record.rarcType } : {}),
    usualRarcs: guidance?.rarcs ?? [],
    ...(amount !== undefined ? { amount } : {}),
    ...(check && amount !== undefined ? { sequestration: { ...check, ...sequestrationTexts(w, check, amount, ref.code) } } : {}),
    ...(officialText ? { official: officialText } : {}),
  };
}

function unknown(w: Wording, code: string, amount?: string, group?: GroupRecord, officialText?: string): Explanation {
  // Never guessed: an unknown code gets no category, step or advice beyond its group's meaning.
  return {
    code,
    kind: 'unknown',
    known: false,
    ...(group ? { group } : {}),
    summary: w.text('unknown.summary'),
    tone: 'info',
    bucket: 'other',
    biller: [],
    patient: [group ? group.patient : w.text('owe.unknown', 'patient'), w.text('unknown.summary', 'patient')],
    status: { state: 'unknown', text: w.text('unknown.status') },
    usualRarcs: [],
    ...(amount !== undefined ? { amount } : {}),
    // The user's own imported official list may know a code newer than this release.
    ...(officialText ? { official: officialText } : {}),
  };
}
