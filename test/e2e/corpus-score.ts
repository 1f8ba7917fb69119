// Scoring a detector's marks against a corpus's labels: precision and recall over codes (a mark is
// right when its code is in the labels, counted as a multiset), and amount accuracy (of the labelled
// amounts, how many were found on a mark of the same code; of the amounts found, how many are right).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Mark } from './harness';
import { projectRoot } from './static-server.mjs';

export interface Score {
  expected: number;
  found: number;
  correct: number;
  amountsExpected: number;
  amountsFound: number;
  amountsCorrect: number;
}

export const emptyScore = (): Score => ({ expected: 0, found: 0, correct: 0, amountsExpected: 0, amountsFound: 0, amountsCorrect: 0 });

/** Multiset intersection size of two key lists. */
function overlap(a: string[], b: string[]): number {
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
  const withAmount = (marks: readonly Mark[]) => marks.filter((m) => m.amount).map((m) => `${m.code}|${m.amount}`);
  const e = withAmount(expected);
  const f = withAmount(found);
  return {
    expected: expected.length,
    found: found.length,
    correct: overlap(
      expected.map((m) => m.code),
      found.map((m) => m.code),
    ),
    amountsExpected: e.length,
    amountsFound: f.length,
    amountsCorrect: overlap(e, f),
  };
}

export function add(total: Score, s: Score): void {
  for (const k of Object.keys(total) as (keyof Score)[]) total[k] += s[k];
}

export const precision = (s: Score) => (s.found === 0 ? 1 : s.correct / s.found);
export const recall = (s: Score) => (s.expected === 0 ? 1 : s.correct / s.expected);
/** Of the labelled amounts, the share found on a mark of the right code. */
export const amountRecall = (s: Score) => (s.amountsExpected === 0 ? 1 : s.amountsCorrect / s.amountsExpected);
/** Of the amounts on marks, the share that are right. */
export const amountPrecision = (s: Score) => (s.amountsFound === 0 ? 1 : s.amountsCorrect / s.amountsFound);

export function describeScore(s: Score): string {
  return (
    `${s.expected} labelled, ${s.found} marked: precision ${precision(s).toFixed(4)}, recall ${recall(s).toFixed(4)}; ` +
    `amounts ${s.amountsCorrect}/${s.amountsExpected} found (${amountRecall(s).toFixed(4)}), ` +
    `${s.amountsCorrect}/${s.amountsFound} right (${amountPrecision(s).toFixed(4)})`
  );
}

/** What a multiset of marks has beyond another, as "code amount" keys (for a page's report). */
export function beyond(a: readonly Mark[], b: readonly Mark[]): string[] {
  const left = b.map((m) => `${m.code} ${m.amount ?? ''}`.trim());
  const out: string[] = [];
  for (const m of a) {
    const key = `${m.code} ${m.amount ?? ''}`.trim();
    const i = left.indexOf(key);
    if (i >= 0) left.splice(i, 1);
    else out.push(key);
  }
  return out;
}

export interface CorpusEntry {
  page: string;
  kind: 'positive' | 'negative';
  script: boolean;
  /** A framed document: labelled in its own file, checked inside the page that frames it. */
  frameOf?: string;
}

export interface Corpus {
  name: string;
  /** Folder under test/fixtures, as the fixture server serves it. */
  folder: string;
  entries: CorpusEntry[];
}

const fixtures = path.join(projectRoot, 'test/fixtures');

/** A corpus folder's pages: its manifest(s) where written, else every .html file as a static positive page. */
export function loadCorpus(folder: string): Corpus {
  const dir = path.join(fixtures, folder);
  const manifests = readdirSync(dir).filter((f) => /^corpus.*\.json$/.test(f));
  const listed = new Map<string, CorpusEntry>();
  for (const file of manifests) {
    for (const entry of JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as CorpusEntry[]) listed.set(entry.page, entry);
  }
  const entries = readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .sort()
    .map((page) => listed.get(page) ?? { page, kind: 'positive' as const, script: false });
  return { name: folder, folder, entries };
}

/** A page's labels, sorted like marksOf sorts marks. */
export function labelsOf(corpus: Corpus, page: string): Mark[] {
  const raw = JSON.parse(readFileSync(path.join(fixtures, corpus.folder, page.replace(/\.html$/, '.expected.json')), 'utf8')) as Mark[];
  return raw
    .map((m) => ({ code: m.code, amount: m.amount ?? undefined }))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : (a.amount ?? '') < (b.amount ?? '') ? -1 : 1));
}
