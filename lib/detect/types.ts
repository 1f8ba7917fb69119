/** The five claim adjustment group codes (CAS01). CR is 4010-era but still seen on old remits. */
export type GroupCode = 'CO' | 'PR' | 'OA' | 'PI' | 'CR';
export const GROUP_CODES: readonly GroupCode[] = ['CO', 'PR', 'OA', 'PI', 'CR'];

export function isGroupCode(value: string): value is GroupCode {
  return (GROUP_CODES as readonly string[]).includes(value);
}

/** Which codes exist: detection never marks a code the catalog does not know. */
export interface KnownCodes {
  carc: ReadonlySet<string>;
  rarc: ReadonlySet<string>;
}

/**
 * One code mention found in a piece of text. Offsets are UTF-16 indexes into the text that was
 * scanned (end exclusive), so the DOM layer can map them back to text nodes.
 */
export interface Mention {
  start: number;
  end: number;
  kind: 'carc' | 'rarc';
  /** Normalized: `CO-253` (group known), `253` (bare CARC), `N130` (RARC). */
  code: string;
  /** The reason code alone for a CARC (`253`, `B15`); the remark code for a RARC. */
  reason: string;
  group?: GroupCode;
  /** Adjustment amount as a plain decimal with two places (`22.40`, `-13.65`). */
  amount?: string;
  /**
   * Mentions with the same key belong to one service line (or one claim, for claim-level
   * codes), so a CARC's remark codes can be read with it. Keys are unique within one scan.
   */
  lineKey?: string;
  /** Claim-level key: remark codes on the claim (MOA, MIA) apply to all of its lines. */
  claimKey?: string;
  /** What the payer paid for the line (835 SVC03, a Paid column), plain decimal. */
  paid?: string;
  /** Date of service, ISO `YYYY-MM-DD`, when known. */
  serviceDate?: string;
  /**
   * What the mention is on its remittance: an adjustment of a line or claim (a CAS triplet, a reason in
   * a service line's row), a remark on a line or claim, or a code only named (prose, a legend, a
   * glossary), which is marked and explained but never counted. Unset reads as named.
   */
  role?: MentionRole;
  /** The figures of the mention's line (for claim-level codes, of its claim), as the source shows them. */
  figures?: Figures;
}

export type MentionRole = 'adjustment' | 'remark' | 'named';

/** Money a line or claim shows, plain decimals with two places; a figure the source does not show is absent. */
export interface Figures {
  billed?: string;
  allowed?: string;
  paid?: string;
  deductible?: string;
  coinsurance?: string;
  copay?: string;
  /** What the patient owes in all ("Pt resp", "You owe"). */
  patient?: string;
}
