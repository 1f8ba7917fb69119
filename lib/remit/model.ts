/**
 * The one remittance model: what a remittance says, however it was read (a web page, raw 835 text
 * on a page, an 835 file in the reader, the paste box, a PDF). Remittance → claims → service lines →
 * adjustments (group, reason, amount) and remarks, with each claim's and line's figures where the
 * source gives them, and provider-level adjustments (PLB). The tally, the card, the CSV and the
 * reader all read this model; nothing else counts adjustments. A file is read into it by
 * lib/x12/parse835.ts; a page (its report's mentions and facts) and the paste box by from-page.ts.
 *
 * Money is integer cents. A figure the source does not give is `undefined` ("not shown"), never 0.
 */
import type { GroupCode } from '../detect/types';

/** Integer cents: 1234 is $12.34. Never a float. */
export type Cents = number;

/** Where something was read, so a view can go to it: a page mention's id, or a segment number in a file. */
export interface SourceRef {
  /** Index of the mention in the page report (page sources). */
  mention?: number;
  /** 1-based segment position in an X12 file (file sources). */
  segment?: number;
}

/** One claim adjustment: a CAS triplet, or a reason with its group and amount on a page. */
export interface Adjustment {
  group?: GroupCode;
  /** The CARC alone: `45`, `B15`. */
  reason: string;
  /** Normalized: `CO-45`, or `45` when no group is known. */
  code: string;
  /** The adjustment's amount; undefined when the source shows none. */
  amount?: Cents;
  /** CAS04-style quantity, when given. */
  quantity?: string;
  source?: SourceRef;
}

/** A labelled amount a claim or line gives beside its main figures (835 AMT: interest, coverage, tax…). */
export interface LabeledAmount {
  /** The source's qualifier (`I`, `AU`, `KH`…). */
  qualifier: string;
  label: string;
  amount: Cents;
}

/** One figure of Medicare's inpatient (MIA) or outpatient (MOA) adjudication information. */
export interface AdjudicationFigure {
  /** Where it sits: `MIA04`, `MOA02`. */
  element: string;
  label: string;
  amount?: Cents;
  /** A count or a rate rather than money (covered days, a reimbursement rate). */
  value?: string;
}

/** A remark (RARC) at claim level (MOA, MIA) or line level (LQ*HE). */
export interface Remark {
  code: string;
  source?: SourceRef;
}

/** The figures a claim or a line may give; each undefined when the source does not show it. */
export interface Figures {
  billed?: Cents;
  allowed?: Cents;
  paid?: Cents;
  deductible?: Cents;
  coinsurance?: Cents;
  copay?: Cents;
  patientResponsibility?: Cents;
}

export interface ServiceLine extends Figures {
  key: string;
  /** The keys of further table rows this line was read from (a line repeated over rows, one adjustment each). */
  rows?: string[];
  /** Procedure code as shown (`99213`, `HC:99213:25`'s code part), when the source gives one. */
  procedure?: string;
  /** `HC`, `NU`, `AD`…: the code list the procedure comes from (835 SVC01-1). */
  procedureQualifier?: string;
  modifiers?: string[];
  /** Revenue code (institutional lines). */
  revenueCode?: string;
  units?: string;
  /** ISO date of service. */
  serviceDate?: string;
  /** ISO end of a service period (835 DTM*151), when the line gives a range. */
  serviceDateEnd?: string;
  /** The procedure as billed, when the payer adjudicated a different one (835 SVC06), e.g. `HC:99214`. */
  originalProcedure?: string;
  /** The procedure's description, when the source gives one (835 SVC01-7). */
  description?: string;
  /** The provider's line item control number (835 REF*6R). Identifying, like an account number. */
  lineControl?: string;
  /** Other amounts the line gives (835 AMT other than the allowed amount). */
  amounts?: LabeledAmount[];
  adjustments: Adjustment[];
  remarks: Remark[];
  /** True when reading stopped inside this line (a truncated file). */
  incomplete?: boolean;
  source?: SourceRef;
}

/** CLP02 and its equivalents on pages: what happened to the claim. */
export type ClaimStatusCode = string;

export interface Claim extends Figures {
  key: string;
  /**
   * What the claim adds to the payment when the source shows it apart from `paid` (a Standard Paper
   * Remittance's NET: paid less a previous payment and a late-filing charge, plus interest).
   */
  net?: Cents;
  /** Lines the source did not place in any claim (codes on a page with no claim around them): no claim totals. */
  unplaced?: boolean;
  /** The keys of further table rows this claim was read from (a one-line claim repeated over rows). */
  rows?: string[];
  /**
   * The provider's account or patient control number (835 CLP01). Identifying: shown in the reader,
   * exported only when the user asks for it.
   */
  account?: string;
  /** The payer's claim number (835 CLP07, ICN/DCN). Identifying, like `account`. */
  payerClaimNumber?: string;
  status?: ClaimStatusCode;
  /** Patient name as the source gives it (identifying; never exported, never sent to the popup). */
  patient?: string;
  statementFrom?: string;
  statementTo?: string;
  /** Claim-level adjustments (835 CAS after CLP, before any SVC). */
  adjustments: Adjustment[];
  /** Claim-level remarks (MOA/MIA). */
  remarks: Remark[];
  lines: ServiceLine[];
  /** Where a crossover went (835 NM1*TT): another payer the claim was forwarded to. */
  crossoverTo?: string;
  /** Corrected priority payer or patient information (NM1*PR, NM1*74), as a plain note. */
  corrections?: string[];
  /** Claim filing indicator (CLP06: MA, MB, MC, 12…). */
  filingIndicator?: string;
  /** The patient's member ID as the payer gives it (835 NM1*QC). Identifying. */
  patientId?: string;
  /** The insured (subscriber), when not the patient (835 NM1*IL). Identifying. */
  insured?: string;
  /** The rendering provider (835 NM1*82). */
  renderingProvider?: string;
  /** ISO date the payer received the claim (835 DTM*050). */
  receivedDate?: string;
  /** ISO date coverage ended (835 DTM*036). */
  coverageExpires?: string;
  /** CLP08: facility type or place of service. */
  facilityType?: string;
  /** CLP09: claim frequency (1 original, 7 replacement, 8 void…). */
  frequency?: string;
  /** CLP11: the DRG code of an inpatient claim. */
  drg?: string;
  /** The payer's number for the original claim this one corrects or reverses (835 REF*F8). */
  originalClaimNumber?: string;
  /** Other amounts the claim gives (835 AMT: coverage, interest, paid by the patient…). */
  amounts?: LabeledAmount[];
  /** Medicare inpatient adjudication figures (835 MIA). */
  inpatient?: AdjudicationFigure[];
  /** Medicare outpatient adjudication figures (835 MOA). */
  outpatient?: AdjudicationFigure[];
  /** True when reading stopped inside this claim (a truncated or mis-enveloped file). */
  incomplete?: boolean;
  source?: SourceRef;
}

/** A provider-level adjustment (835 PLB): its own code list, not CARCs. A positive amount reduces the payment. */
export interface ProviderAdjustment {
  /** PLB03-1 and its like: `WO`, `L6`, `FB`, `72`, `CS`. */
  reason: string;
  /** PLB03-2: the payer's reference (often a claim number or an invoice). */
  reference?: string;
  amount: Cents;
  /** PLB01: the provider the adjustment applies to (NPI or TIN). */
  providerId?: string;
  /** PLB02: the last day of the provider's fiscal period (ISO). */
  fiscalPeriodEnd?: string;
  source?: SourceRef;
}

export interface Payment {
  /** BPR02: the total actual provider payment. */
  amount?: Cents;
  /** BPR01 / BPR04: how it was paid (`ACH`, `CHK`, `NON`…). */
  method?: string;
  /** BPR16: the check issue or EFT effective date (ISO). */
  date?: string;
  /** TRN02: the check or EFT trace number. */
  trace?: string;
  /** BPR01: what the transaction does (`I` advice only, `C` payment with advice, `H` notification only…). */
  handling?: string;
  /** BPR03: `C` credit to the provider, `D` debit. */
  creditDebit?: string;
  /** TRN03: who originated the payment (usually the payer's TIN with a leading digit). */
  originator?: string;
}

export interface Party {
  name?: string;
  /** An identifier (payer ID, NPI, TIN) as the source gives it. */
  id?: string;
  /** What kind of identifier `id` is, as the source's qualifier (`XX` NPI, `FI` TIN, `XV` payer ID…). */
  idQualifier?: string;
  /** City, state and ZIP on one line. */
  address?: string;
  /** Phone numbers, e-mail and web addresses the source gives to reach this party. */
  contacts?: string[];
}

/** Where a remittance sits in an X12 file. */
export interface TransactionInfo {
  /** ST02: the transaction's control number. */
  control?: string;
  /** GS08 (or ST03): the implementation guide version, e.g. `005010X221A1`. */
  version?: string;
  /** ISA13: the interchange control number. */
  interchange?: string;
  /** 1-based segment numbers of its ST and SE (or the last segment read). */
  firstSegment?: number;
  lastSegment?: number;
  /** False when the file ended or broke before this transaction's SE: its totals may be missing claims. */
  ended?: boolean;
}

/** A code named in prose, a legend or a glossary: marked and explained, never counted as an adjustment. */
export interface NamedCode {
  code: string;
  kind: 'carc' | 'rarc';
  source?: SourceRef;
}

export interface Problem {
  /** 1-based segment position in a file, when the problem is in one. */
  segment?: number;
  message: string;
  /** An error stops what was being read (it is kept, marked incomplete); a warning does not. Unset: an error. */
  severity?: 'error' | 'warning';
}

export interface Remittance {
  /** Where it came from in an X12 file (one remittance per ST/SE transaction). */
  transaction?: TransactionInfo;
  payment?: Payment;
  payer?: Party;
  payee?: Party;
  /** The production (remittance) date (835 DTM*405), ISO. */
  date?: string;
  claims: Claim[];
  providerAdjustments: ProviderAdjustment[];
  named: NamedCode[];
  problems: Problem[];
  /** False when reading stopped at a fault: what was read before it is kept and shown as incomplete. */
  complete: boolean;
}

export const emptyRemittance = (): Remittance => ({ claims: [], providerAdjustments: [], named: [], problems: [], complete: true });
