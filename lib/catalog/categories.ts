/**
 * What a CARC is about, and the seven next steps. The category drives the mark's colour and is one
 * of the keys of the advice table (data/advice/steps.tsv), which decides the step; the step decides
 * the tally bucket (data/advice/step-text.tsv).
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

/** The one next step a card shows for a code under a group. Ids are stable: data files use them. */
export const NEXT_STEPS = ['appeal', 'correct-resubmit', 'bill-patient', 'bill-other-payer', 'write-off', 'none', 'ask-payer'] as const;
export type NextStep = (typeof NEXT_STEPS)[number];

/** Where an adjustment lands in the popup's totals. */
export const TALLY_BUCKETS = ['patient', 'contractual', 'sequestration', 'denial', 'other'] as const;
export type TallyBucket = (typeof TALLY_BUCKETS)[number];

export interface Category {
  id: CategoryId;
  /** A short name: the card's chip, the options page and search. */
  label: string;
  tone: Tone;
}

const define = (id: CategoryId, label: string, tone: Tone): Category => ({ id, label, tone });

export const CATEGORIES: Record<CategoryId, Category> = {
  'patient-share': define('patient-share', 'Patient share (deductible, coinsurance, copay)', 'patient'),
  contractual: define('contractual', 'Contractual reduction', 'muted'),
  sequestration: define('sequestration', 'Medicare sequestration', 'muted'),
  bundled: define('bundled', 'Bundled / included in another service', 'review'),
  'other-payer': define('other-payer', 'Other payer / coordination of benefits', 'review'),
  'missing-info': define('missing-info', 'Missing or invalid information', 'denial'),
  authorization: define('authorization', 'Authorization or referral', 'denial'),
  eligibility: define('eligibility', 'Patient eligibility or coverage', 'denial'),
  'not-covered': define('not-covered', 'Not covered / benefit limit', 'denial'),
  'medical-necessity': define('medical-necessity', 'Medical necessity', 'denial'),
  'timely-filing': define('timely-filing', 'Timely filing', 'denial'),
  duplicate: define('duplicate', 'Duplicate claim or service', 'review'),
  provider: define('provider', 'Provider eligibility or credentialing', 'denial'),
  payment: define('payment', 'Payment adjustment (interest, offsets, withholds)', 'info'),
  informational: define('informational', 'Informational', 'info'),
};

export function isCategoryId(value: string): value is CategoryId {
  return (CATEGORY_IDS as readonly string[]).includes(value);
}

export function isNextStep(value: string): value is NextStep {
  return (NEXT_STEPS as readonly string[]).includes(value);
}

export function isTallyBucket(value: string): value is TallyBucket {
  return (TALLY_BUCKETS as readonly string[]).includes(value);
}
