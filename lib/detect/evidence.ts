/**
 * The evidence model: every token that could be a catalog code collects evidence, for and against,
 * from its own form, the labels and lists around it, its cell, row and column, the heading or intro
 * that governs its section, the words next to it and the page as a whole. One function decides from
 * that evidence, with every weight in this file. A token is a code when its evidence reaches
 * THRESHOLD (and the catalog knows the code: that is checked before any evidence is gathered).
 *
 * Each kind has a unit test of its own (evidence.test.ts) that fails when the kind's weight is
 * taken away.
 */

export type EvidenceKind =
  /** `CO-45`, `CO*45`, `CO:45`, `CO/45`, `CO–45`, `CO‑45`: a group joined to a reason. */
  | 'form:grouped'
  /** `CO 45`, `CO - 45`, `CO45`: a group beside a reason (roads and lab values look like this too). */
  | 'form:grouped-loose'
  /** `co-45`: billers' notes, also other fields' ids. */
  | 'form:lowercase'
  /** `MA130`: only remark codes have that shape. */
  | 'form:ma'
  /** A label of this code's own list right before it or its list: `Reason code 45`, `RARC N130`, `REM: N130`. */
  | 'label:own'
  /** A label of this code's list earlier in the same sentence: "we will add RARC N19 when … and M15 when …". */
  | 'label:sentence'
  /** A label of another code list before it: "claim status code 21", "PLB reason 72", "EOB code 45". */
  | 'label:foreign'
  /** A later item of a list whose first item is a code: "CO-45, 253", "remark codes N386 and N432". */
  | 'list:member'
  /** The column header (or key-value label) names this code's list: Reason, Remark, RARC, Group/Reason. */
  | 'column:own'
  /** A column of codes of both lists: "Codes", "Code", "Adjustment and remark codes". */
  | 'column:codes'
  /** A column that holds something else: units, modifiers, procedures, amounts, dates, IDs. */
  | 'column:not-codes'
  /** A column of another code list: claim status, PLB, state EOB codes. */
  | 'column:foreign'
  /** The row's type cell says this code's list ("CARC", "RARC"). */
  | 'row:type-own'
  /** The row's type cell says another list (Group, PLB, status). */
  | 'row:type-other'
  /** The heading, caption or intro of its section names this code's list (glossaries, legends, footnotes). */
  | 'section:own'
  /** The section is about another code list (provider-level adjustments, claim status). */
  | 'section:foreign'
  /** Words of another field around it: a road, a ticket, a part, a unit of measure. */
  | 'near:other-field'
  /** A count or a measure: "45 days", "2 units". */
  | 'near:quantity'
  /** A money amount right after it: `CO-45 $12.00`. */
  | 'near:amount'
  /** The page reads as a remittance (its vocabulary, its tables and codes). */
  | 'page:remittance'
  /** Running text on a page that does not read as a remittance: no prose marks there. */
  | 'page:elsewhere';

export const WEIGHTS: Readonly<Record<EvidenceKind, number>> = {
  'form:grouped': 3,
  'form:grouped-loose': 2,
  'form:lowercase': -1,
  'form:ma': 2,
  'label:own': 5,
  'label:sentence': 3,
  'label:foreign': -8,
  'list:member': 4,
  'column:own': 5,
  'column:codes': 3,
  'column:not-codes': -8,
  'column:foreign': -8,
  'row:type-own': 5,
  'row:type-other': -8,
  'section:own': 4,
  'section:foreign': -6,
  'near:other-field': -5,
  'near:quantity': -5,
  'near:amount': 1,
  'page:remittance': 1,
  'page:elsewhere': -10,
};

/** The score from which a candidate is a code. */
export const THRESHOLD = 3;

export type Weights = Readonly<Record<EvidenceKind, number>>;

export function scoreOf(evidence: readonly EvidenceKind[], weights: Weights = WEIGHTS): number {
  let total = 0;
  for (const kind of evidence) total += weights[kind];
  return total;
}

/** The decision: a code when its evidence reaches THRESHOLD. `weights` is replaced only by tests. */
export function isCode(evidence: readonly EvidenceKind[], weights: Weights = WEIGHTS): boolean {
  return scoreOf(evidence, weights) >= THRESHOLD;
}
