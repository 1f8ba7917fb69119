/**
 * The popup's totals: counts and dollars per code, by group, and per bucket (patient
 * responsibility, contractual, sequestration, denials needing action, other). A code's bucket
 * is its explanation's, which the advice table decides. Works on codes and amounts only, so
 * exports never carry patient data. Labels come from the wording (data/wording/ui.tsv).
 */

import { formatCents, toCents } from './amount';
import type { TallyBucket } from './catalog/categories';
import type { Explanation } from './catalog/explain';
import type { TextKey, Wording } from './catalog/wording';
import { shippedWording } from './catalog/wording-data';
import type { GroupCode } from './detect/types';
import type { PageMention } from './messages';
import type { ReadingMode } from './settings';

export interface TallyRow {
  code: string;
  kind: 'carc' | 'rarc';
  group: GroupCode | 'none';
  count: number;
  /** Sum of the amounts that were known, in cents; `withAmount` says how many had one. */
  cents: number;
  withAmount: number;
  bucket: TallyBucket;
  summary: string;
  /** The patient's "Why?" for the code, for the popup in patient mode. */
  patientSummary: string;
}

export interface BucketTotal {
  count: number;
  cents: number;
}

/** Adjustment rows of one group code, with the group's totals. */
export interface GroupSection {
  group: GroupCode | 'none';
  rows: TallyRow[];
  count: number;
  cents: number;
}

export interface Tally {
  adjustments: TallyRow[];
  remarks: TallyRow[];
  buckets: Record<TallyBucket, BucketTotal>;
  /** Sequestration lines; `checked` could be compared with the 2% rate (amount and paid known), `matched` agreed. */
  sequestration: { lines: number; checked: number; matched: number };
  total: number;
}

export const BUCKET_ORDER: readonly TallyBucket[] = ['patient', 'contractual', 'sequestration', 'denial', 'other'];

const BUCKET_KEYS: Record<TallyBucket, TextKey> = {
  patient: 'bucket.patient',
  contractual: 'bucket.contractual',
  sequestration: 'bucket.sequestration',
  denial: 'bucket.denial',
  other: 'bucket.other',
};

export function bucketLabel(bucket: TallyBucket, mode: ReadingMode = 'biller', wording: Wording = shippedWording()): string {
  return wording.text(BUCKET_KEYS[bucket], mode);
}

export function groupLabel(group: GroupCode | 'none', mode: ReadingMode = 'biller', wording: Wording = shippedWording()): string {
  return wording.groupLabel(group, mode);
}

const GROUP_ORDER: Record<string, number> = { CO: 0, PR: 1, OA: 2, PI: 3, CR: 4, none: 5 };

/**
 * `explanations` maps a code to its explanation; `sequestrationMatches` holds, per sequestration
 * mention that could be checked, whether it matched (same order as the mentions).
 */
export function tally(
  mentions: readonly PageMention[],
  explanations: ReadonlyMap<string, Explanation>,
  sequestrationMatches: readonly boolean[] = [],
): Tally {
  const rows = new Map<string, TallyRow>();
  const buckets: Record<TallyBucket, BucketTotal> = {
    patient: { count: 0, cents: 0 },
    contractual: { count: 0, cents: 0 },
    sequestration: { count: 0, cents: 0 },
    denial: { count: 0, cents: 0 },
    other: { count: 0, cents: 0 },
  };
  let sequestrationLines = 0;
  for (const m of mentions) {
    const e = explanations.get(m.code);
    const bucket: TallyBucket = m.kind === 'rarc' ? 'other' : (e?.bucket ?? 'other');
    const cents = toCents(m.amount);
    let row = rows.get(m.code);
    if (!row) {
      const summary = e?.summary ?? '';
      row = {
        code: m.code,
        kind: m.kind,
        group: m.group ?? 'none',
        count: 0,
        cents: 0,
        withAmount: 0,
        bucket,
        summary,
        patientSummary: e?.patient[1] ?? summary,
      };
      rows.set(m.code, row);
    }
    row.count++;
    if (cents !== undefined) {
      row.cents += cents;
      row.withAmount++;
    }
    if (m.kind === 'carc') {
      buckets[bucket].count++;
      buckets[bucket].cents += cents ?? 0;
      if (bucket === 'sequestration') sequestrationLines++;
    }
  }
  const sorted = [...rows.values()].sort(
    (a, b) =>
      (GROUP_ORDER[a.group] ?? 9) - (GROUP_ORDER[b.group] ?? 9) ||
      b.count - a.count ||
      a.code.localeCompare(b.code, 'en', { numeric: true }),
  );
  return {
    adjustments: sorted.filter((r) => r.kind === 'carc'),
    remarks: sorted.filter((r) => r.kind === 'rarc'),
    buckets,
    sequestration: {
      lines: sequestrationLines,
      checked: sequestrationMatches.length,
      matched: sequestrationMatches.filter(Boolean).length,
    },
    total: mentions.length,
  };
}

/** The adjustment rows split by group code, in the tally's order. */
export function groupSections(t: Tally): GroupSection[] {
  const sections: GroupSection[] = [];
  for (const row of t.adjustments) {
    let section = sections.find((s) => s.group === row.group);
    if (!section) {
      section = { group: row.group, rows: [], count: 0, cents: 0 };
      sections.push(section);
    }
    section.rows.push(row);
    section.count += row.count;
    section.cents += row.cents;
  }
  return sections;
}

/** "2 of 3 checked CO-253 lines match the sequestration rate", or undefined when none could be checked. */
export function sequestrationNote(t: Tally, wording: Wording = shippedWording()): string | undefined {
  const { lines, checked, matched } = t.sequestration;
  if (checked === 0) return undefined;
  const unchecked = lines - checked;
  const vars = { matched, checked, unchecked, lines: wording.text(checked === 1 ? 'tally.seq-line' : 'tally.seq-lines') };
  return wording.text(unchecked > 0 ? 'tally.seq-note-unchecked' : 'tally.seq-note', 'biller', vars);
}

const HEADER: readonly TextKey[] = [
  'export.code',
  'export.kind',
  'export.group',
  'export.count',
  'export.amount',
  'export.category',
  'export.meaning',
];

function cells(row: TallyRow, w: Wording): string[] {
  return [
    row.code,
    w.text(row.kind === 'carc' ? 'export.adjustment' : 'export.remark'),
    row.group === 'none' ? '' : row.group,
    String(row.count),
    row.withAmount > 0 ? formatCents(row.cents) : '',
    row.kind === 'carc' ? bucketLabel(row.bucket, 'biller', w) : '',
    row.summary,
  ];
}

/** Bucket totals after the code rows, in the same columns (Kind "Total"), so one sheet holds both. */
function totalCells(t: Tally, w: Wording): string[][] {
  return BUCKET_ORDER.filter((b) => t.buckets[b].count > 0).map((b) => [
    '',
    w.text('export.total'),
    '',
    String(t.buckets[b].count),
    formatCents(t.buckets[b].cents),
    bucketLabel(b, 'biller', w),
    b === 'sequestration' ? (sequestrationNote(t, w) ?? '') : '',
  ]);
}

/** Exports are for a billing office's spreadsheet: biller words, whatever the popup's mode. */
function table(t: Tally, w: Wording): string[][] {
  return [HEADER.map((k) => w.text(k)), ...[...t.adjustments, ...t.remarks].map((r) => cells(r, w)), ...totalCells(t, w)];
}

/** A cell a spreadsheet could run as a formula (`=`, `+`, `-`, `@` first, not a number) gets a leading `'`. */
export function guardFormula(s: string): string {
  return /^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s) ? `'${s}` : s;
}

/** Tab-separated, ready to paste into a spreadsheet; formula-guarded like the CSV. */
export function tallyToTsv(t: Tally, wording: Wording = shippedWording()): string {
  const clean = (s: string) => guardFormula(s.replace(/[\t\r\n]+/g, ' '));
  return table(t, wording)
    .map((r) => r.map(clean).join('\t'))
    .join('\n');
}

/** RFC 4180 CSV. Cells that start like a formula are prefixed so spreadsheets never run them. */
export function tallyToCsv(t: Tally, wording: Wording = shippedWording()): string {
  const quote = (s: string) => {
    const safe = guardFormula(s);
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return `${table(t, wording)
    .map((r) => r.map(quote).join(','))
    .join('\r\n')}\r\n`;
}
