/**
 * The advice table (data/advice/steps.tsv): one next step per code and group, with the reason for
 * it. A row matches a code, a category (CARCs), alerts (RARCs) or anything, under one group, under
 * no group (`-`: the code was written without one) or under any (`*`). The most specific row wins,
 * in this order: code and group, code, category and group, group alone, category, anything. Keys
 * are unique, so for any code and group at most one row of the winning rank can match.
 * The seven steps' labels, buckets and texts are in data/advice/step-text.tsv.
 */
import { type GroupCode, isGroupCode } from '../detect/types';
import { type CategoryId, isCategoryId, isNextStep, isTallyBucket, NEXT_STEPS, type NextStep, type TallyBucket } from './categories';
import { parseTsv, TsvError } from './tsv';

export type AdviceKind = 'carc' | 'rarc';
/** The patient's "Do I owe this?" when the row, not the group, decides it. */
export type Owe = 'no' | 'may' | 'unclear';

export type AdviceMatch = { by: 'code'; code: string } | { by: 'category'; category: CategoryId } | { by: 'alert' } | { by: 'any' };

export interface AdviceRow {
  kind: AdviceKind;
  match: AdviceMatch;
  /** A group, `-` (written without a group) or `*` (any, with or without). */
  group: GroupCode | '-' | '*';
  step: NextStep;
  owe?: Owe;
  /** Why this step, in biller words. */
  reason: string;
  /** The patient's "Why?", when this row has its own. */
  patientReason?: string;
  /** 1-based line in steps.tsv, for messages and tests. */
  line: number;
}

export interface StepText {
  step: NextStep;
  bucket: TallyBucket;
  /** The biller's "Next step: …". */
  label: string;
  /** How to do it, when the code has no guidance of its own for this step. */
  guidance: string;
  /** The patient's "What can I do?". */
  patient: string;
}

/** What a row is matched against. */
export interface AdviceSubject {
  kind: AdviceKind;
  code: string;
  category?: CategoryId;
  alert?: boolean;
}

const MATCH_RANK: Record<AdviceMatch['by'], number> = { code: 4, category: 1, alert: 1, any: 0 };

/** Code beats category; a named group beats any group, and a group alone beats a category alone. */
export function specificity(row: Pick<AdviceRow, 'match' | 'group'>): number {
  return MATCH_RANK[row.match.by] + (row.group === '*' ? 0 : 2);
}

function matches(row: AdviceRow, subject: AdviceSubject, group: GroupCode | undefined): boolean {
  if (row.kind !== subject.kind) return false;
  if (row.group === '-' ? group !== undefined : row.group !== '*' && row.group !== group) return false;
  switch (row.match.by) {
    case 'code':
      return row.match.code === subject.code;
    case 'category':
      return row.match.category === subject.category;
    case 'alert':
      return subject.alert === true;
    case 'any':
      return true;
  }
}

export class Advice {
  constructor(
    readonly rows: readonly AdviceRow[],
    private readonly texts: ReadonlyMap<NextStep, StepText>,
  ) {}

  /** The most specific matching row; undefined only for a RARC that carries no step of its own. */
  resolve(subject: AdviceSubject, group?: GroupCode): AdviceRow | undefined {
    let best: AdviceRow | undefined;
    for (const row of this.rows) {
      if (matches(row, subject, group) && (!best || specificity(row) > specificity(best))) best = row;
    }
    return best;
  }

  step(step: NextStep): StepText {
    const text = this.texts.get(step);
    if (!text) throw new Error(`no text for step "${step}"`);
    return text;
  }
}

function readMatch(kind: AdviceKind, value: string, line: number): AdviceMatch {
  if (value === '*') return { by: 'any' };
  if (value === 'alert') {
    if (kind !== 'rarc') throw new TsvError(line, 'only remark codes can match "alert"');
    return { by: 'alert' };
  }
  if (value.startsWith('category:')) {
    const category = value.slice('category:'.length);
    if (kind !== 'carc' || !isCategoryId(category)) throw new TsvError(line, `unknown category "${value}"`);
    return { by: 'category', category };
  }
  if (!/^[A-Z0-9]{1,5}$/.test(value)) throw new TsvError(line, `"${value}" is not a code`);
  return { by: 'code', code: value };
}

const keyOf = (row: Pick<AdviceRow, 'kind' | 'match' | 'group'>): string =>
  `${row.kind} ${row.match.by === 'code' ? row.match.code : row.match.by === 'category' ? `category:${row.match.category}` : row.match.by} ${row.group}`;

function readRows(text: string): AdviceRow[] {
  const seen = new Set<string>();
  return parseTsv(text, ['kind', 'code', 'group', 'step', 'owe', 'reason', 'patient_reason']).rows.map(({ cells, line }) => {
    const kind = cells.kind ?? '';
    if (kind !== 'carc' && kind !== 'rarc') throw new TsvError(line, `unknown kind "${kind}"`);
    const group = cells.group ?? '';
    if (group !== '*' && group !== '-' && !isGroupCode(group)) throw new TsvError(line, `unknown group "${group}"`);
    if (kind === 'rarc' && group !== '*') throw new TsvError(line, 'remark codes have no group: use *');
    const step = cells.step ?? '';
    if (!isNextStep(step)) throw new TsvError(line, `unknown step "${step}"`);
    const owe = cells.owe ?? '';
    if (owe !== '' && owe !== 'no' && owe !== 'may' && owe !== 'unclear') throw new TsvError(line, `unknown owe "${owe}"`);
    const reason = cells.reason ?? '';
    if (!reason) throw new TsvError(line, 'every row gives its reason');
    const row: AdviceRow = {
      kind,
      match: readMatch(kind, cells.code ?? '', line),
      group,
      step,
      ...(owe ? { owe } : {}),
      reason,
      ...(cells.patient_reason ? { patientReason: cells.patient_reason } : {}),
      line,
    };
    const key = keyOf(row);
    if (seen.has(key)) throw new TsvError(line, `a second row for "${key}"`);
    seen.add(key);
    return row;
  });
}

function readSteps(text: string): Map<NextStep, StepText> {
  const map = new Map<NextStep, StepText>();
  for (const { cells, line } of parseTsv(text, ['step', 'bucket', 'label', 'guidance', 'patient_summary']).rows) {
    const step = cells.step ?? '';
    const bucket = cells.bucket ?? '';
    if (!isNextStep(step)) throw new TsvError(line, `unknown step "${step}"`);
    if (!isTallyBucket(bucket) || bucket === 'sequestration') throw new TsvError(line, `unknown bucket "${bucket}"`);
    if (map.has(step)) throw new TsvError(line, `"${step}" is listed twice`);
    const entry = { step, bucket, label: cells.label ?? '', guidance: cells.guidance ?? '', patient: cells.patient_summary ?? '' };
    if (!entry.label || !entry.guidance || !entry.patient) throw new TsvError(line, `"${step}" has an empty cell`);
    map.set(step, entry);
  }
  const missing = NEXT_STEPS.filter((s) => !map.has(s));
  if (missing.length > 0) throw new TsvError(1, `no text for steps: ${missing.join(', ')}`);
  return map;
}

/** Throws TsvError (with the line) on bad data, and when some CARC could resolve to no step. */
export function parseAdvice(rules: string, steps: string): Advice {
  const rows = readRows(rules);
  if (!rows.some((r) => r.kind === 'carc' && r.match.by === 'any' && r.group === '*')) {
    throw new TsvError(1, 'the table needs a "carc * *" row, so that every reason under every group has a step');
  }
  return new Advice(rows, readSteps(steps));
}
