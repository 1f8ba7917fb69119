/**
 * The popup's totals, read from the one remittance model (lib/remit/model.ts): what a page or a paste
 * says as claims, lines, adjustments and remarks (lib/remit/from-page.ts), never as mentions.
 *
 * - Counts are adjustments and lines: a code only named in prose, a legend or a glossary is listed apart
 *   and never counted.
 * - Dollars by group and code and per bucket (patient responsibility, contractual, sequestration,
 *   denials needing action, other), a code's bucket being its explanation's (the advice table's).
 *   An adjustment whose amount the page does not show is counted as "amount not shown", never as $0.00.
 * - Billed, allowed, paid and patient-responsibility totals where the page shows them, with how many
 *   claims show each; per-claim subtotals; the balances (balance.ts, checks.ts) and the 2% check with
 *   the claim and line of every one that fails.
 *
 * Works on codes, amounts and keys only, so exports carry no patient data unless asked for (csv.ts).
 * Labels come from the wording (data/wording/ui.tsv).
 */

import { formatCents } from './amount';
import type { TallyBucket } from './catalog/categories';
import type { Explanation } from './catalog/explain';
import { type PlbRecord, plbMeaning } from './catalog/plb';
import type { SequestrationPeriod } from './catalog/sequestration';
import type { TextKey, Wording } from './catalog/wording';
import { shippedWording } from './catalog/wording-data';
import type { GroupCode } from './detect/types';
import type { Balance } from './remit/balance';
import { checkRemittance, claimCheck, claimFigures, claimVerdict, lineVerdict, paymentVerdict } from './remit/checks';
import { guardFormula } from './remit/csv';
import type { Adjustment, Cents, Figures, Remittance } from './remit/model';
import type { ReadingMode } from './settings';

export interface TallyRow {
  code: string;
  kind: 'carc' | 'rarc';
  group: GroupCode | 'none';
  /** Adjustments (or remarks) of this code. */
  count: number;
  /** Lines (or claims, for claim-level codes) that carry it. */
  lines: number;
  /** Sum of the amounts that were shown, in cents; `withAmount` says how many had one, `missing` how many had none. */
  cents: number;
  withAmount: number;
  missing: number;
  bucket: TallyBucket;
  summary: string;
  /** The patient's "Why?" for the code, for the popup in patient mode. */
  patientSummary: string;
}

export interface BucketTotal {
  /** Lines with at least one adjustment of the bucket. */
  count: number;
  adjustments: number;
  cents: number;
  /** Adjustments of the bucket whose amount is not shown. */
  missing: number;
}

/** Adjustment rows of one group code, with the group's totals. */
export interface GroupSection {
  group: GroupCode | 'none';
  rows: TallyRow[];
  /** Adjustments. */
  count: number;
  cents: number;
  missing: number;
}

/** A total of one figure over the claims (and lines outside any claim) that show it. */
export interface FigureTotal {
  cents: Cents;
  shown: number;
  of: number;
}

export type FigureKey = 'billed' | 'allowed' | 'paid' | 'patient';

export interface NamedRow {
  code: string;
  kind: 'carc' | 'rarc';
  count: number;
  summary: string;
  patientSummary: string;
}

export interface PlbRow {
  reason: string;
  amount: Cents;
  name: string;
  summary: string;
  sign: string;
}

/** Where something is: the claim's number on the page (1-based), the line's within it, and the key to go to it. */
export interface Place {
  /** The page key of the claim, or of the line when there is one. */
  key: string;
  claim?: number;
  line?: number;
}

export interface ClaimRow {
  key: string;
  /** 1-based over the page; undefined for the lines no claim was found around. */
  n?: number;
  lines: number;
  adjustments: number;
  cents: number;
  missing: number;
  /** The claim's own figures, or each summed over its lines where every line shows it. */
  figures: Figures;
  balance: Balance;
}

export interface BalanceFailure extends Place {
  /** What the page says minus what its own figures add up to. */
  difference: Cents;
  /** The paid amount the page shows, and what its figures add up to. */
  actual: Cents;
  expected: Cents;
}

export interface PaymentCheck {
  /** Σ of the claims' paid (or NET). */
  paid?: Cents;
  plb: Cents;
  payment: Cents;
  balance: Balance;
}

export interface SequestrationFailure extends Place {
  code: string;
  amount: string;
  expected: string;
  difference: string;
  rate: string;
}

export interface Tally {
  /** Real claims, in page order. */
  claims: ClaimRow[];
  /** The lines no claim was found around, as one row (undefined when there are none). */
  unplaced?: ClaimRow;
  lines: number;
  adjustments: number;
  /** Adjustments whose amount is not shown. */
  missing: number;
  figures: Partial<Record<FigureKey, FigureTotal>>;
  /** Adjustment rows by code, in group order. */
  adjustmentRows: TallyRow[];
  remarks: TallyRow[];
  named: NamedRow[];
  buckets: Record<TallyBucket, BucketTotal>;
  plb: PlbRow[];
  balance: {
    lines: { ok: number; off: number; unknown: number };
    claims: { ok: number; off: number; unknown: number };
    payments: PaymentCheck[];
    failures: BalanceFailure[];
  };
  /** CO-253 adjustments; `checked` could be compared with the rate (amount and paid shown), `matched` agreed. */
  sequestration: { lines: number; checked: number; matched: number; failures: SequestrationFailure[] };
  /** Every code the source shows, counted or named. */
  total: number;
}

export interface TallyOptions {
  explanations: ReadonlyMap<string, Explanation>;
  sequestration: readonly SequestrationPeriod[];
  plb: ReadonlyMap<string, PlbRecord>;
}

export const BUCKET_ORDER: readonly TallyBucket[] = ['patient', 'contractual', 'sequestration', 'denial', 'other'];
export const FIGURE_ORDER: readonly FigureKey[] = ['billed', 'allowed', 'paid', 'patient'];

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

const FIGURE_FIELD: Record<FigureKey, keyof Figures> = {
  billed: 'billed',
  allowed: 'allowed',
  paid: 'paid',
  patient: 'patientResponsibility',
};

interface Holder {
  adjustments: Adjustment[];
  remarks: { code: string }[];
}

/** The tally of one or more remittances (a page's, a paste's). */
export function tallyRemittances(remits: readonly Remittance[], options: TallyOptions): Tally {
  const { explanations } = options;
  const rows = new Map<string, TallyRow & { holders: Set<Holder> }>();
  const named = new Map<string, NamedRow>();
  const buckets: Record<TallyBucket, BucketTotal & { holders: Set<Holder> }> = {
    patient: { count: 0, adjustments: 0, cents: 0, missing: 0, holders: new Set() },
    contractual: { count: 0, adjustments: 0, cents: 0, missing: 0, holders: new Set() },
    sequestration: { count: 0, adjustments: 0, cents: 0, missing: 0, holders: new Set() },
    denial: { count: 0, adjustments: 0, cents: 0, missing: 0, holders: new Set() },
    other: { count: 0, adjustments: 0, cents: 0, missing: 0, holders: new Set() },
  };
  const rowOf = (code: string, kind: 'carc' | 'rarc', group: GroupCode | undefined) => {
    let row = rows.get(code);
    if (!row) {
      const e = explanations.get(code);
      const summary = e?.summary ?? '';
      row = {
        code,
        kind,
        group: group ?? 'none',
        count: 0,
        lines: 0,
        cents: 0,
        withAmount: 0,
        missing: 0,
        bucket: kind === 'rarc' ? 'other' : (e?.bucket ?? 'other'),
        summary,
        patientSummary: e?.patient[1] ?? summary,
        holders: new Set(),
      };
      rows.set(code, row);
    }
    return row;
  };
  const count = (holder: Holder) => {
    for (const a of holder.adjustments) {
      const row = rowOf(a.code, 'carc', a.group);
      row.count++;
      row.holders.add(holder);
      if (a.amount === undefined) row.missing++;
      else {
        row.cents += a.amount;
        row.withAmount++;
      }
      const b = buckets[row.bucket];
      b.adjustments++;
      b.holders.add(holder);
      if (a.amount === undefined) b.missing++;
      else b.cents += a.amount;
    }
    for (const r of holder.remarks) {
      const row = rowOf(r.code, 'rarc', undefined);
      row.count++;
      row.holders.add(holder);
    }
  };

  const claimRows: ClaimRow[] = [];
  let unplacedRow: ClaimRow | undefined;
  const figureSums: Record<FigureKey, FigureTotal> = {
    billed: { cents: 0, shown: 0, of: 0 },
    allowed: { cents: 0, shown: 0, of: 0 },
    paid: { cents: 0, shown: 0, of: 0 },
    patient: { cents: 0, shown: 0, of: 0 },
  };
  const addFigures = (f: Figures) => {
    for (const key of FIGURE_ORDER) {
      const value = f[FIGURE_FIELD[key]];
      figureSums[key].of++;
      if (value !== undefined) {
        figureSums[key].cents += value;
        figureSums[key].shown++;
      }
    }
  };
  const balance = {
    lines: { ok: 0, off: 0, unknown: 0 },
    claims: { ok: 0, off: 0, unknown: 0 },
    payments: [] as PaymentCheck[],
    failures: [] as BalanceFailure[],
  };
  const sequestration = { lines: 0, checked: 0, matched: 0, failures: [] as SequestrationFailure[] };
  let lines = 0;
  let adjustments = 0;
  let missing = 0;
  let total = 0;
  let n = 0;
  const placeOf = new Map<string, Place>();

  for (const remit of remits) {
    for (const nc of remit.named) {
      total++;
      const e = explanations.get(nc.code);
      const row = named.get(nc.code) ?? {
        code: nc.code,
        kind: nc.kind,
        count: 0,
        summary: e?.summary ?? '',
        patientSummary: e?.patient[1] ?? e?.summary ?? '',
      };
      row.count++;
      named.set(nc.code, row);
    }
    for (const claim of remit.claims) {
      const claimNumber = claim.unplaced ? undefined : ++n;
      const all = [...claim.adjustments, ...claim.lines.flatMap((l) => l.adjustments)];
      total += all.length + claim.remarks.length + claim.lines.reduce((k, l) => k + l.remarks.length, 0);
      adjustments += all.length;
      const claimMissing = all.filter((a) => a.amount === undefined).length;
      missing += claimMissing;
      const claimLines = claim.lines.length > 0 ? claim.lines.length : claim.unplaced ? 0 : 1;
      lines += claimLines;
      count(claim);
      for (const line of claim.lines) count(line);
      placeOf.set(claim.key, { key: claim.key, ...(claimNumber ? { claim: claimNumber } : {}) });
      claim.lines.forEach((line, i) => {
        placeOf.set(line.key, { key: line.key, ...(claimNumber ? { claim: claimNumber } : {}), line: i + 1 });
        const b = lineVerdict(line);
        balance.lines[b.state]++;
        if (b.state === 'off') {
          balance.failures.push({
            key: line.key,
            ...(claimNumber ? { claim: claimNumber } : {}),
            line: i + 1,
            difference: b.difference,
            actual: b.actual,
            expected: b.expected,
          });
        }
      });
      if (claim.unplaced) {
        for (const line of claim.lines) addFigures(line);
      } else {
        addFigures(claimFigures(claim));
        // A claim's own totals are checked on their own; lines were checked above.
        if (claim.billed !== undefined || claim.paid !== undefined || claim.lines.length === 0) {
          const b = claimVerdict(claim);
          balance.claims[b.state]++;
          if (b.state === 'off')
            balance.failures.push({
              key: claim.key,
              ...(claimNumber ? { claim: claimNumber } : {}),
              difference: b.difference,
              actual: b.actual,
              expected: b.expected,
            });
        }
      }
      const row: ClaimRow = {
        key: claim.key,
        ...(claimNumber ? { n: claimNumber } : {}),
        lines: claimLines,
        adjustments: all.length,
        cents: all.reduce((k, a) => k + (a.amount ?? 0), 0),
        missing: claimMissing,
        figures: claim.unplaced ? {} : claimFigures(claim),
        balance: claim.unplaced ? { state: 'unknown', why: 'no claim' } : claimCheck(claim),
      };
      if (claim.unplaced) unplacedRow = row;
      else claimRows.push(row);
    }
    if (remit.payment?.amount !== undefined) {
      const b = paymentVerdict(remit);
      const paid = remit.claims.every((c) => (c.net ?? c.paid) !== undefined)
        ? remit.claims.reduce((k, c) => k + (c.net ?? c.paid ?? 0), 0)
        : undefined;
      balance.payments.push({
        ...(paid !== undefined ? { paid } : {}),
        plb: remit.providerAdjustments.reduce((k, p) => k + p.amount, 0),
        payment: remit.payment.amount,
        balance: b,
      });
    }
    const checks = checkRemittance(remit, options.sequestration);
    for (const c of checks.claims.values()) {
      for (const s of c.sequestration) {
        sequestration.checked++;
        if (s.check.matches) sequestration.matched++;
        else {
          const place = placeOf.get(s.lineKey ?? s.claimKey) ?? { key: s.lineKey ?? s.claimKey };
          sequestration.failures.push({
            ...place,
            code: s.adjustment.code,
            amount: formatCents(s.adjustment.amount ?? 0),
            expected: s.check.expected,
            difference: s.check.difference,
            rate: s.check.rate,
          });
        }
      }
    }
    for (const claim of remit.claims) {
      for (const a of [...claim.adjustments, ...claim.lines.flatMap((l) => l.adjustments)]) if (a.reason === '253') sequestration.lines++;
    }
  }

  const finish = (row: TallyRow & { holders: Set<Holder> }): TallyRow => {
    const { holders, ...rest } = row;
    return { ...rest, lines: holders.size };
  };
  const sorted = [...rows.values()].sort(
    (a, b) =>
      (GROUP_ORDER[a.group] ?? 9) - (GROUP_ORDER[b.group] ?? 9) ||
      b.count - a.count ||
      a.code.localeCompare(b.code, 'en', { numeric: true }),
  );
  const plb: PlbRow[] = remits.flatMap((r) =>
    r.providerAdjustments.map((p) => {
      const record = plbMeaning(options.plb, p.reason);
      return { reason: p.reason, amount: p.amount, name: record.name, summary: record.summary, sign: record.sign };
    }),
  );
  const figures: Partial<Record<FigureKey, FigureTotal>> = {};
  for (const key of FIGURE_ORDER) if (figureSums[key].shown > 0) figures[key] = figureSums[key];
  const bucketTotals = Object.fromEntries(
    BUCKET_ORDER.map((b) => {
      const { holders, ...rest } = buckets[b];
      return [b, { ...rest, count: holders.size }];
    }),
  ) as Record<TallyBucket, BucketTotal>;
  return {
    claims: claimRows,
    ...(unplacedRow ? { unplaced: unplacedRow } : {}),
    lines,
    adjustments,
    missing,
    figures,
    adjustmentRows: sorted.filter((r) => r.kind === 'carc').map(finish),
    remarks: sorted.filter((r) => r.kind === 'rarc').map(finish),
    named: [...named.values()].sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true })),
    buckets: bucketTotals,
    plb,
    balance,
    sequestration,
    total,
  };
}

/** The adjustment rows split by group code, in the tally's order. */
export function groupSections(t: Tally): GroupSection[] {
  const sections: GroupSection[] = [];
  for (const row of t.adjustmentRows) {
    let section = sections.find((s) => s.group === row.group);
    if (!section) {
      section = { group: row.group, rows: [], count: 0, cents: 0, missing: 0 };
      sections.push(section);
    }
    section.rows.push(row);
    section.count += row.count;
    section.cents += row.cents;
    section.missing += row.missing;
  }
  return sections;
}

/** Does anything on the source show enough to check a balance (a line's or claim's billed and paid, a payment)? */
export function anyBalanceChecked(t: Tally): boolean {
  const { lines, claims, payments } = t.balance;
  return lines.ok + lines.off + claims.ok + claims.off > 0 || payments.some((p) => p.balance.state !== 'unknown');
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
  'export.not-shown',
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
    row.missing > 0 ? String(row.missing) : '',
    row.kind === 'carc' ? bucketLabel(row.bucket, 'biller', w) : '',
    row.summary,
  ];
}

/** Bucket totals after the code rows, in the same columns (Kind "Total"), so one sheet holds both. */
function totalCells(t: Tally, w: Wording): string[][] {
  return BUCKET_ORDER.filter((b) => t.buckets[b].adjustments > 0).map((b) => [
    '',
    w.text('export.total'),
    '',
    String(t.buckets[b].adjustments),
    t.buckets[b].adjustments > t.buckets[b].missing ? formatCents(t.buckets[b].cents) : '',
    t.buckets[b].missing > 0 ? String(t.buckets[b].missing) : '',
    bucketLabel(b, 'biller', w),
    b === 'sequestration' ? (sequestrationNote(t, w) ?? '') : '',
  ]);
}

/** Exports are for a billing office's spreadsheet: biller words, whatever the popup's mode. */
function table(t: Tally, w: Wording): string[][] {
  return [HEADER.map((k) => w.text(k)), ...[...t.adjustmentRows, ...t.remarks].map((r) => cells(r, w)), ...totalCells(t, w)];
}

/** The tally by code, tab-separated, ready to paste into a spreadsheet; formula-guarded like the CSV. */
export function tallyToTsv(t: Tally, wording: Wording = shippedWording()): string {
  const clean = (s: string) => guardFormula(s.replace(/[\t\r\n]+/g, ' '));
  return table(t, wording)
    .map((r) => r.map(clean).join('\t'))
    .join('\n');
}
