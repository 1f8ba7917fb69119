// Scoring marks against labels, as the corpus tests score pages: precision and recall over codes (a
// multiset), and amounts (of the labelled amounts, how many a mark of the same code carries; of the
// amounts marked, how many are right). Also a page's differences, as "CODE AMOUNT" keys.

export interface Mark {
  code: string;
  amount?: string;
}

export interface Score {
  expected: number;
  found: number;
  correct: number;
  amountsExpected: number;
  amountsFound: number;
  amountsCorrect: number;
}

export const emptyScore = (): Score => ({ expected: 0, found: 0, correct: 0, amountsExpected: 0, amountsFound: 0, amountsCorrect: 0 });

function overlap(a: readonly string[], b: readonly string[]): number {
  const left = new Map<string, number>();
  for (const k of a) left.set(k, (left.get(k) ?? 0) + 1);
  let n = 0;
  for (const k of b) {
    const c = left.get(k) ?? 0;
    if (c > 0) {
      left.set(k, c - 1);
      n++;
    }
  }
  return n;
}

export function score(expected: readonly Mark[], found: readonly Mark[]): Score {
  const amounts = (marks: readonly Mark[]) => marks.filter((m) => m.amount).map((m) => `${m.code}|${m.amount}`);
  return {
    expected: expected.length,
    found: found.length,
    correct: overlap(
      expected.map((m) => m.code),
      found.map((m) => m.code),
    ),
    amountsExpected: amounts(expected).length,
    amountsFound: amounts(found).length,
    amountsCorrect: overlap(amounts(expected), amounts(found)),
  };
}

export function add(total: Score, s: Score): void {
  for (const k of Object.keys(total) as (keyof Score)[]) total[k] += s[k];
}

export const precision = (s: Score) => (s.found === 0 ? 1 : s.correct / s.found);
export const recall = (s: Score) => (s.expected === 0 ? 1 : s.correct / s.expected);
/** Of the labelled amounts, the share a mark of the right code carries. */
export const amountAccuracy = (s: Score) => (s.amountsExpected === 0 ? 1 : s.amountsCorrect / s.amountsExpected);

export function describe(s: Score): string {
  return (
    `${s.expected} labelled, ${s.found} marked: precision ${precision(s).toFixed(4)}, recall ${recall(s).toFixed(4)}; ` +
    `amounts ${s.amountsCorrect}/${s.amountsExpected} (${amountAccuracy(s).toFixed(4)}), ${s.amountsFound - s.amountsCorrect} wrong or extra`
  );
}

const key = (m: Mark) => `${m.code} ${m.amount ?? ''}`.trim();

/** What `a` has beyond `b`, as "CODE AMOUNT" keys. */
export function beyond(a: readonly Mark[], b: readonly Mark[]): string[] {
  const left = b.map(key);
  const out: string[] = [];
  for (const m of a) {
    const i = left.indexOf(key(m));
    if (i >= 0) left.splice(i, 1);
    else out.push(key(m));
  }
  return out.sort();
}
