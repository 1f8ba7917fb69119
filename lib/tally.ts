/**
 * The popup's totals: counts and dollars per code, by group, and per bucket (patient
 * responsibility, contractual, sequestration, denials needing action, other). Works on codes
 * and amounts only, so exports never carry patient data.
 */

import { formatCents, toCents } from './amount';
import type { Explanation, TallyBucket } from './catalog/explain';
import type { GroupCode } from './detect/types';
import type { PageMention } from './messages';

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
  /** CO-253 lines; `checked` could be compared with the 2% rate (amount and paid known), `matched` agreed. */
  sequestration: { lines: number; checked: number; matched: number };
  total: number;
}

export const BUCKET_ORDER: readonly TallyBucket[] = ['patient', 'contractual', 'sequestration', 'denial', 'other'];

export const BUCKET_LABELS: Record<TallyBucket, string> = {
  patient: 'Patient responsibility',
  contractual: 'Contractual write-offs',
  sequestration: 'Sequestration (CO-253)',
  denial: 'Denials needing action',
  other: 'Other adjustments',
};

export const GROUP_LABELS: Record<GroupCode | 'none', string> = {
  CO: 'CO · Contractual obligation',
  PR: 'PR · Patient responsibility',
  OA: 'OA · Other adjustment',
  PI: 'PI · Payer-initiated reduction',
  CR: 'CR · Correction or reversal',
  none: 'No group code',
};

const GROUP_ORDER: Record<string, number> = { CO: 0, PR: 1, OA: 2, PI: 3, CR: 4, none: 5 };

/**
 * `explanations` maps a code to its explanation; `sequestrationMatches` holds, per CO-253
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
      row = { code: m.code, kind: m.kind, group: m.group ?? 'none', count: 0, cents: 0, withAmount: 0, bucket, summary: e?.summary ?? '' };
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
      if (m.reason === '253') sequestrationLines++;
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

/** "2 of 3 checked CO-253 lines match the 2% rate", or undefined when none could be checked. */
export function sequestrationNote(t: Tally): string | undefined {
  const { lines, checked, matched } = t.sequestration;
  if (checked === 0) return undefined;
  const unchecked = lines - checked;
  return `${matched} of ${checked} checked CO-253 line${checked === 1 ? '' : 's'} match the sequestration rate${
    unchecked > 0 ? ` (${unchecked} without a paid amount to check)` : ''
  }`;
}

const HEADER = ['Code', 'Kind', 'Group', 'Count', 'Amount', 'Category', 'Meaning'];

function cells(row: TallyRow): string[] {
  return [
    row.code,
    row.kind === 'carc' ? 'Adjustment' : 'Remark',
    row.group === 'none' ? '' : row.group,
    String(row.count),
    row.withAmount > 0 ? formatCents(row.cents) : '',
    row.kind === 'carc' ? BUCKET_LABELS[row.bucket] : '',
    row.summary,
  ];
}

/** Bucket totals after the code rows, in the same columns (Kind "Total"), so one sheet holds both. */
function totalCells(t: Tally): string[][] {
  return BUCKET_ORDER.filter((b) => t.buckets[b].count > 0).map((b) => [
    '',
    'Total',
    '',
    String(t.buckets[b].count),
    formatCents(t.buckets[b].cents),
    BUCKET_LABELS[b],
    b === 'sequestration' ? (sequestrationNote(t) ?? '') : '',
  ]);
}

function table(t: Tally): string[][] {
  return [HEADER, ...[...t.adjustments, ...t.remarks].map(cells), ...totalCells(t)];
}

/** Tab-separated, ready to paste into a spreadsheet. */
export function tallyToTsv(t: Tally): string {
  const clean = (s: string) => s.replace(/[\t\r\n]+/g, ' ');
  return table(t)
    .map((r) => r.map(clean).join('\t'))
    .join('\n');
}

/** RFC 4180 CSV. Cells that start like a formula are prefixed so spreadsheets never run them. */
export function tallyToCsv(t: Tally): string {
  const quote = (s: string) => {
    const safe = /^[=+\-@\t\r]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s) ? `'${s}` : s;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return `${table(t)
    .map((r) => r.map(quote).join(','))
    .join('\r\n')}\r\n`;
}
