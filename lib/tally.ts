/**
 * The popup's totals: counts and dollars per code, by group, and per bucket (patient
 * responsibility, contractual, sequestration, denials needing action, other). Works on codes
 * and amounts only, so exports never carry patient data.
 */
import type { Explanation, TallyBucket } from './catalog/explain';
import { formatCents, toCents } from './catalog/sequestration';
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

export interface Tally {
  adjustments: TallyRow[];
  remarks: TallyRow[];
  buckets: Record<TallyBucket, BucketTotal>;
  sequestration: { lines: number; checked: number; matched: number };
  total: number;
}

export const BUCKET_LABELS: Record<TallyBucket, string> = {
  patient: 'Patient responsibility',
  contractual: 'Contractual write-offs',
  sequestration: 'Sequestration (CO-253)',
  denial: 'Denials needing action',
  other: 'Other adjustments',
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

/** Tab-separated, ready to paste into a spreadsheet. */
export function tallyToTsv(t: Tally): string {
  const clean = (s: string) => s.replace(/[\t\r\n]+/g, ' ');
  return [HEADER, ...[...t.adjustments, ...t.remarks].map(cells)].map((r) => r.map(clean).join('\t')).join('\n');
}

/** RFC 4180 CSV. Cells that start like a formula are prefixed so spreadsheets never run them. */
export function tallyToCsv(t: Tally): string {
  const quote = (s: string) => {
    const safe = /^[=+\-@\t\r]/.test(s) && !/^-?\d/.test(s) ? `'${s}` : s;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return `${[HEADER, ...[...t.adjustments, ...t.remarks].map(cells)].map((r) => r.map(quote).join(',')).join('\r\n')}\r\n`;
}
