// Scoring PDF marks against labels, as the corpus tests score pages (test/e2e/corpus-score.ts: the one
// multiset score, precision and recall); what the PDF tests print and compare is named here.
import { amountRecall, beyond as beyondUnsorted, precision, recall, type Score, score as scoreMarks } from '../e2e/corpus-score';

export { add, emptyScore, precision, recall, type Score } from '../e2e/corpus-score';

export interface Mark {
  code: string;
  amount?: string;
}

/** The harness's marks name their amount always (undefined when none). */
const full = (marks: readonly Mark[]) => marks.map((m) => ({ code: m.code, amount: m.amount }));

export function score(expected: readonly Mark[], found: readonly Mark[]): Score {
  return scoreMarks(full(expected), full(found));
}

/** Of the labelled amounts, the share a mark of the right code carries. */
export const amountAccuracy = amountRecall;

export function describe(s: Score): string {
  return (
    `${s.expected} labelled, ${s.found} marked: precision ${precision(s).toFixed(4)}, recall ${recall(s).toFixed(4)}; ` +
    `amounts ${s.amountsCorrect}/${s.amountsExpected} (${amountAccuracy(s).toFixed(4)}), ${s.amountsFound - s.amountsCorrect} wrong or extra`
  );
}

/** What `a` has beyond `b`, as "CODE AMOUNT" keys, sorted. */
export function beyond(a: readonly Mark[], b: readonly Mark[]): string[] {
  return beyondUnsorted(full(a), full(b)).sort();
}
