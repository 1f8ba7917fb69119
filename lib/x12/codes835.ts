/**
 * The 835's own small code lists, in our own words: claim status (CLP02), how the money moved (BPR01,
 * BPR04), amount qualifiers (AMT01) and the Medicare adjudication figures (MIA, MOA). These are the
 * values a reader sees beside a claim; the CARC, RARC and PLB lists live in the catalog.
 */

/** CLP02: what the payer did with the claim. */
export const CLAIM_STATUS: Readonly<Record<string, string>> = {
  '1': 'Processed as the primary payer',
  '2': 'Processed as the secondary payer',
  '3': 'Processed as the tertiary payer',
  '4': 'Denied',
  '19': 'Processed as primary and sent on to another payer',
  '20': 'Processed as secondary and sent on to another payer',
  '21': 'Processed as tertiary and sent on to another payer',
  '22': 'Reversal of an earlier payment',
  '23': 'Not this payer’s claim; sent on to another payer',
  '25': 'Priced only (predetermination): nothing is paid',
};

/** CLP02 values that mean the payer passed the claim to another payer itself. */
export const FORWARDED_STATUSES: ReadonlySet<string> = new Set(['19', '20', '21', '23']);

export function claimStatusText(status: string | undefined): string {
  if (!status) return 'Status not given';
  return CLAIM_STATUS[status] ?? `Status code ${status} (not one the 835 defines)`;
}

/** BPR01: what this transaction does with money. */
export const PAYMENT_HANDLING: Readonly<Record<string, string>> = {
  C: 'Payment sent with this remittance advice',
  D: 'Payment only',
  H: 'Notice only: no payment',
  I: 'Remittance advice only (the money moves separately)',
  P: 'Notice of a payment to come',
  U: 'Payment and remittance advice sent separately',
  X: 'Payment and advice split as the bank chooses',
};

/** BPR04: how the money moved. */
export const PAYMENT_METHOD: Readonly<Record<string, string>> = {
  ACH: 'Electronic funds transfer (ACH)',
  BOP: 'Bank’s choice of method',
  CHK: 'Check',
  FWT: 'Wire transfer',
  NON: 'No payment',
};

export function paymentMethodText(method: string | undefined): string | undefined {
  if (!method) return undefined;
  return PAYMENT_METHOD[method] ?? `Method ${method}`;
}

/** AMT01 at claim and line level (the line's allowed amount, B6, is a figure of its own). */
export const AMOUNT_LABEL: Readonly<Record<string, string>> = {
  AU: 'Covered amount',
  B6: 'Allowed amount',
  D8: 'Discount',
  DY: 'Per-day limit',
  F5: 'Already paid by the patient',
  I: 'Interest',
  KH: 'Late-filing reduction',
  NL: 'Negative ledger balance',
  T: 'Tax',
  T2: 'Total before taxes',
  ZK: 'Federal mandate amount (category 1)',
  ZL: 'Federal mandate amount (category 2)',
  ZM: 'Federal mandate amount (category 3)',
  ZN: 'Federal mandate amount (category 4)',
  ZO: 'Federal mandate amount (category 5)',
};

export function amountLabel(qualifier: string): string {
  return AMOUNT_LABEL[qualifier] ?? `Amount (${qualifier})`;
}

interface FigureSpec {
  label: string;
  /** A count or rate, not money. */
  value?: true;
}

/** MIA: Medicare inpatient adjudication. Positions 5 and 20–23 hold remark codes. */
export const MIA_FIGURES: Readonly<Record<number, FigureSpec>> = {
  1: { label: 'Covered days or visits', value: true },
  2: { label: 'Operating outlier (PPS)' },
  3: { label: 'Lifetime psychiatric days', value: true },
  4: { label: 'DRG amount' },
  6: { label: 'Disproportionate share amount' },
  7: { label: 'Medicare secondary payer pass-through' },
  8: { label: 'Capital amount (PPS)' },
  9: { label: 'Capital, federal-specific DRG portion' },
  10: { label: 'Capital, hospital-specific DRG portion' },
  11: { label: 'Capital disproportionate share' },
  12: { label: 'Old capital amount' },
  13: { label: 'Capital indirect medical education' },
  14: { label: 'Operating, hospital-specific DRG portion' },
  15: { label: 'Cost report days', value: true },
  16: { label: 'Operating, federal-specific DRG portion' },
  17: { label: 'Capital outlier (PPS)' },
  18: { label: 'Indirect teaching amount' },
  19: { label: 'Professional component billed, not payable' },
  24: { label: 'Capital exception amount' },
};
export const MIA_REMARK_POSITIONS = [5, 20, 21, 22, 23] as const;

/** MOA: Medicare outpatient adjudication. Positions 3–7 hold remark codes. */
export const MOA_FIGURES: Readonly<Record<number, FigureSpec>> = {
  1: { label: 'Reimbursement rate', value: true },
  2: { label: 'HCPCS payable amount' },
  8: { label: 'ESRD payment amount' },
  9: { label: 'Professional component billed, not payable' },
};
export const MOA_REMARK_POSITIONS = [3, 4, 5, 6, 7] as const;

/** SVC01-1 qualifiers a reader meets, for the line's procedure column. */
export const PROCEDURE_QUALIFIER: Readonly<Record<string, string>> = {
  AD: 'ADA dental code',
  ER: 'Jurisdiction-specific code',
  HC: 'HCPCS / CPT',
  HP: 'HIPPS rate code',
  IV: 'Home infusion code',
  N4: 'National Drug Code',
  NU: 'Revenue code',
  WK: 'Advanced billing concept code',
  ZZ: 'Mutually defined code',
};

/** Claim filing indicators (CLP06) that mean Medicare fee-for-service Part A or Part B. */
export const MEDICARE_FILING: ReadonlySet<string> = new Set(['MA', 'MB']);
