// The hand-counted truth of the remittance pages in test/fixtures/remit (their *.truth.json), and the
// same shape read off a tally, so a test compares the two whole.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { formatCents } from '../lib/amount';
import type { Balance } from '../lib/remit/balance';
import { groupSections, type Tally } from '../lib/tally';

export const remitDir = path.join(process.cwd(), 'test/fixtures/remit');

export const REMIT_PAGES = ['spr', 'eob', 'portal-grid', 'prose-glossary', 'failing-balance'] as const;
export type RemitPage = (typeof REMIT_PAGES)[number];

interface Amount {
  count: number;
  /** Plain decimal, or null where the page shows no amount at all. */
  amount: string | null;
  /** How many of them show no amount (absent when none). */
  notShown?: number;
}

export interface Truth {
  page: string;
  claims: number;
  lines: number;
  adjustments: number;
  notShown: number;
  remarks: Record<string, number>;
  named: string[];
  figures: Partial<Record<'billed' | 'allowed' | 'paid' | 'patient', string>>;
  codes: Record<string, Amount>;
  groups: Record<string, Amount>;
  buckets: Record<string, { lines: number; amount: string | null; notShown?: number }>;
  claimList: {
    lines: number;
    adjustments: number;
    amount: string | null;
    notShown?: number;
    billed?: string;
    paid?: string;
    balance: string;
  }[];
  balance: {
    lines: { ok: number; off: number; unknown: number };
    claims: { ok: number; off: number; unknown: number };
    failures: { claim?: number; line?: number; difference: string }[];
    payments: { state: string; paid?: string; plb: string; payment: string }[];
  };
  sequestration: {
    lines: number;
    checked: number;
    matched: number;
    failures: { claim?: number; line?: number; code: string; amount: string; expected: string }[];
  };
  plb: { reason: string; amount: string }[];
  identifiers?: { claim: number; account?: string; payerClaimNumber?: string }[];
  /** `data-remit-balance` of the marks in each row (by the row's id). */
  rowBalances?: Record<string, string>;
}

export function readTruth(page: RemitPage): Truth {
  return JSON.parse(readFileSync(path.join(remitDir, `${page}.truth.json`), 'utf8')) as Truth;
}

const amount = (cents: number, count: number, missing: number): Pick<Amount, 'amount' | 'notShown'> => ({
  amount: count > missing ? formatCents(cents) : null,
  ...(missing > 0 ? { notShown: missing } : {}),
});

/** `ok`, `unknown`, or the signed difference as a plain decimal. */
export const balanceText = (b: Balance) => (b.state === 'off' ? formatCents(b.difference) : b.state);

/** The tally in the truth's shape (everything but what the page itself must show: identifiers, row balances). */
export function truthOf(t: Tally, page: string): Truth {
  return {
    page,
    claims: t.claims.length,
    lines: t.lines,
    adjustments: t.adjustments,
    notShown: t.missing,
    remarks: Object.fromEntries(t.remarks.map((r) => [r.code, r.count])),
    named: t.named.flatMap((n) => Array.from({ length: n.count }, () => n.code)),
    figures: Object.fromEntries(Object.entries(t.figures).map(([k, f]) => [k, formatCents(f.cents)])),
    codes: Object.fromEntries(t.adjustmentRows.map((r) => [r.code, { count: r.count, ...amount(r.cents, r.count, r.missing) }])),
    groups: Object.fromEntries(groupSections(t).map((s) => [s.group, { count: s.count, ...amount(s.cents, s.count, s.missing) }])),
    buckets: Object.fromEntries(
      Object.entries(t.buckets)
        .filter(([, b]) => b.adjustments > 0)
        .map(([k, b]) => [k, { lines: b.count, ...amount(b.cents, b.adjustments, b.missing) }]),
    ),
    claimList: t.claims.map((c) => ({
      lines: c.lines,
      adjustments: c.adjustments,
      ...amount(c.cents, c.adjustments, c.missing),
      ...(c.figures.billed !== undefined ? { billed: formatCents(c.figures.billed) } : {}),
      ...(c.figures.paid !== undefined ? { paid: formatCents(c.figures.paid) } : {}),
      balance: balanceText(c.balance),
    })),
    balance: {
      lines: t.balance.lines,
      claims: t.balance.claims,
      failures: t.balance.failures.map((f) => ({
        ...(f.claim !== undefined ? { claim: f.claim } : {}),
        ...(f.line !== undefined ? { line: f.line } : {}),
        difference: formatCents(f.difference),
      })),
      payments: t.balance.payments.map((p) => ({
        state: p.balance.state,
        ...(p.paid !== undefined ? { paid: formatCents(p.paid) } : {}),
        plb: formatCents(p.plb),
        payment: formatCents(p.payment),
      })),
    },
    sequestration: {
      lines: t.sequestration.lines,
      checked: t.sequestration.checked,
      matched: t.sequestration.matched,
      failures: t.sequestration.failures.map((f) => ({
        ...(f.claim !== undefined ? { claim: f.claim } : {}),
        ...(f.line !== undefined ? { line: f.line } : {}),
        code: f.code,
        amount: f.amount,
        expected: f.expected,
      })),
    },
    plb: t.plb.map((p) => ({ reason: p.reason, amount: formatCents(p.amount) })),
  };
}

/** The truth without what only the page itself shows (compared on their own). */
export function comparable(truth: Truth): Truth {
  const { identifiers: _ids, rowBalances: _rows, ...rest } = truth;
  return rest;
}
