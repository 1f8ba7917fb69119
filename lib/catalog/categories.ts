/**
 * What a CARC is about. The category drives the mark's colour, the popup's tally bucket and the
 * default next step when a code has no deeper guidance of its own.
 */
export const CATEGORY_IDS = [
  'patient-share',
  'contractual',
  'sequestration',
  'bundled',
  'other-payer',
  'missing-info',
  'authorization',
  'eligibility',
  'not-covered',
  'medical-necessity',
  'timely-filing',
  'duplicate',
  'provider',
  'payment',
  'informational',
] as const;
export type CategoryId = (typeof CATEGORY_IDS)[number];

/** Visual families: few, consistent, and never the only carrier of meaning (text says it too). */
export type Tone = 'muted' | 'patient' | 'denial' | 'review' | 'info';

export const NEXT_STEPS = [
  'post',
  'write-off',
  'bill-patient',
  'correct-resubmit',
  'appeal',
  'bill-other-payer',
  'review',
  'none',
] as const;
export type NextStep = (typeof NEXT_STEPS)[number];

export const NEXT_STEP_LABELS: Record<NextStep, string> = {
  post: 'Post it; nothing else to do',
  'write-off': 'Write off as a contractual adjustment',
  'bill-patient': "Bill the patient (or the patient's secondary coverage)",
  'correct-resubmit': 'Correct the claim and resubmit',
  appeal: 'Appeal with supporting documentation',
  'bill-other-payer': 'Bill the other (primary or liable) payer',
  review: 'Review the claim before deciding',
  none: 'No action needed',
};

/** Steps that mean someone has to work the claim: these make a "denial needing action". */
export const ACTION_STEPS: ReadonlySet<NextStep> = new Set(['correct-resubmit', 'appeal', 'review', 'bill-other-payer']);

export interface Category {
  id: CategoryId;
  label: string;
  tone: Tone;
  defaultStep: NextStep;
}

const define = (id: CategoryId, label: string, tone: Tone, defaultStep: NextStep): Category => ({
  id,
  label,
  tone,
  defaultStep,
});

export const CATEGORIES: Record<CategoryId, Category> = {
  'patient-share': define('patient-share', 'Patient share (deductible, coinsurance, copay)', 'patient', 'bill-patient'),
  contractual: define('contractual', 'Contractual reduction', 'muted', 'write-off'),
  sequestration: define('sequestration', 'Medicare sequestration', 'muted', 'write-off'),
  bundled: define('bundled', 'Bundled / included in another service', 'review', 'review'),
  'other-payer': define('other-payer', 'Other payer / coordination of benefits', 'review', 'bill-other-payer'),
  'missing-info': define('missing-info', 'Missing or invalid information', 'denial', 'correct-resubmit'),
  authorization: define('authorization', 'Authorization or referral', 'denial', 'review'),
  eligibility: define('eligibility', 'Patient eligibility or coverage', 'denial', 'review'),
  'not-covered': define('not-covered', 'Not covered / benefit limit', 'denial', 'review'),
  'medical-necessity': define('medical-necessity', 'Medical necessity', 'denial', 'review'),
  'timely-filing': define('timely-filing', 'Timely filing', 'denial', 'review'),
  duplicate: define('duplicate', 'Duplicate claim or service', 'review', 'review'),
  provider: define('provider', 'Provider eligibility or credentialing', 'denial', 'review'),
  payment: define('payment', 'Payment adjustment (interest, offsets, withholds)', 'info', 'post'),
  informational: define('informational', 'Informational', 'info', 'none'),
};

export function isCategoryId(value: string): value is CategoryId {
  return (CATEGORY_IDS as readonly string[]).includes(value);
}

export function isNextStep(value: string): value is NextStep {
  return (NEXT_STEPS as readonly string[]).includes(value);
}
