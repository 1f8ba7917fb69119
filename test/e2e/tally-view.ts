// The popup's tally as a user reads it (test/e2e/tally.e2e.ts in Chromium, firefox.e2e.ts in Firefox),
// and what it must say for a remittance page's hand-counted truth (test/fixtures/remit/*.truth.json).
import { formatMoney, toCents } from '../../lib/amount';
import type { Wording } from '../../lib/catalog/wording';
import { shippedWording } from '../../lib/catalog/wording-data';
import type { ReadingMode } from '../../lib/settings';
import type { Truth } from '../remit-truth';

/** What the tally shows, read off the popup's DOM. */
export interface PopupTally {
  summary: string;
  /** [figure, amount] */
  figures: string[][];
  /** [code, count, amount], sorted */
  rows: string[][];
  /** [bucket, amount, lines] */
  buckets: string[][];
  /** `lines`, `claims`, `none`, `payment` items: [check, text]. */
  checks: string[][];
  /** Failing lines and claims: the signed difference in cents. */
  failures: string[];
  seqCheck: string | null;
  /** The failing CO-253s: [key is set, text] as [text]. */
  seqFails: string[];
  /** [reason, amount in cents] */
  plb: string[][];
  /** [claim name, balance attribute] */
  claims: string[][];
  /** [code, count] */
  named: string[][];
}

/**
 * In the popup (a JS expression both drivers evaluate): the page section's tally. Self-contained: it is
 * sent as source text.
 */
export const readTallyExpression = `(() => {
  const scope = document.querySelector('section.page .tally') ?? document.querySelector('.decode-result .tally');
  const text = (el) => (el?.textContent ?? '').replace(/\\s+/g, ' ').trim();
  const all = (sel) => Array.from(scope?.querySelectorAll(sel) ?? []);
  return {
    summary: text(scope?.querySelector('[data-testid="tally-summary"]')),
    figures: all('.figures li').map((li) => [li.getAttribute('data-figure') ?? '', text(li.querySelector('.figure-amount'))]),
    rows: all('table.rows tr.row[data-code]').filter((tr) => !tr.closest('.plb')).map((tr) => [tr.getAttribute('data-code') ?? '', text(tr.querySelector('.count')), text(tr.querySelector('.amount'))]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)),
    buckets: all('li.bucket').map((li) => [li.getAttribute('data-bucket') ?? '', text(li.querySelector('.bucket-amount')), text(li.querySelector('.bucket-count'))]),
    checks: all('[data-testid="balance"] [data-check]').map((el) => [el.getAttribute('data-check') === 'payment' ? 'payment:' + el.getAttribute('data-state') : el.getAttribute('data-check') ?? '', text(el)]),
    failures: all('[data-testid="balance"] li.fail').map((li) => li.getAttribute('data-difference') ?? ''),
    seqCheck: scope?.querySelector('[data-testid="seq-check"]')?.textContent ?? null,
    seqFails: all('[data-testid="seq-fails"] li').map((li) => text(li)),
    plb: all('[data-testid="plb"] tr[data-reason]').map((tr) => [tr.getAttribute('data-reason') ?? '', tr.getAttribute('data-amount') ?? '']),
    claims: all('[data-testid="claims"] li[data-key]').map((li) => [text(li.querySelector('.claim-name')), li.getAttribute('data-balance') ?? '']),
    named: all('[data-testid="named"] li[data-code]').map((li) => [li.getAttribute('data-code') ?? '', li.getAttribute('data-count') ?? '']).sort((a, b) => (a[0] < b[0] ? -1 : 1)),
  };
})()`;

const money = (plain: string) => formatMoney(toCents(plain) ?? Number.NaN);
const cents = (plain: string) => String(toCents(plain));

/** "$12.00", "$12.00 + 1 not shown", "amount not shown": as the popup writes an amount. */
function amountText(w: Wording, mode: ReadingMode, amount: string | null, notShown: number | undefined): string {
  if (amount === null) return w.text('tally.not-shown', mode);
  return notShown ? `${money(amount)} ${w.text('tally.some-not-shown', mode, { n: notShown })}` : money(amount);
}

const plural = (w: Wording, mode: ReadingMode, n: number, one: Parameters<Wording['text']>[0], many: Parameters<Wording['text']>[0]) =>
  w.text(n === 1 ? one : many, mode, { n });

/** What the popup must show for a page's truth, in the page's reading mode (a member EOB reads in patient words). */
/** The mode Automatic picks for a remittance fixture: the member EOB reads as written to the patient (lib/page/statement.ts). */
export const pageMode = (name: string): ReadingMode => (name === 'eob' ? 'patient' : 'biller');

export function expectedTally(truth: Truth, mode: ReadingMode = 'biller', w: Wording = shippedWording()): PopupTally {
  const lines = (n: number) => plural(w, mode, n, 'tally.lines-one', 'tally.lines-many');
  const named = new Map<string, number>();
  for (const code of truth.named) named.set(code, (named.get(code) ?? 0) + 1);
  const summary = [
    ...(truth.claims > 0 ? [plural(w, mode, truth.claims, 'tally.claims-one', 'tally.claims-many')] : []),
    ...(truth.lines > 0 ? [lines(truth.lines)] : []),
    plural(w, mode, truth.adjustments, 'tally.adjustments-one', 'tally.adjustments-many'),
    ...(truth.named.length > 0 ? [w.text('tally.named-only', mode, { n: truth.named.length })] : []),
  ].join(' · ');
  const { lines: l, claims: c } = truth.balance;
  const anyChecked = l.ok + l.off + c.ok + c.off > 0 || truth.balance.payments.some((p) => p.state !== 'unknown');
  const checks: string[][] = [];
  if (!anyChecked) checks.push(['none', w.text('tally.balance-none', mode)]);
  else {
    if (l.ok + l.off > 0) checks.push(['lines', w.text('tally.balance-lines', mode, { ok: l.ok, checked: l.ok + l.off })]);
    if (c.ok + c.off > 0) checks.push(['claims', w.text('tally.balance-claims', mode, { ok: c.ok, checked: c.ok + c.off })]);
    if (l.unknown > 0 && l.ok + l.off > 0) checks.push(['unchecked', w.text('tally.balance-unchecked', mode, { n: lines(l.unknown) })]);
    for (const p of truth.balance.payments) {
      const vars = { paid: p.paid ? money(p.paid) : '', plb: money(p.plb), payment: money(p.payment) };
      checks.push([`payment:${p.state}`, w.text(p.state === 'ok' ? 'tally.payment-ok' : 'tally.payment-unknown', mode, vars)]);
    }
  }
  const seq = truth.sequestration;
  const seqCheck =
    seq.checked === 0
      ? null
      : w.text(seq.checked === 1 ? (seq.matched === 1 ? 'tally.check-one-ok' : 'tally.check-one-off') : 'tally.check-many', mode, {
          matched: seq.matched,
          checked: seq.checked,
        });
  return {
    summary,
    figures: Object.entries(truth.figures).map(([k, v]) => [k, money(v)]),
    rows: [
      ...Object.entries(truth.codes).map(([code, a]) => [code, String(a.count), amountText(w, mode, a.amount, a.notShown)]),
      ...Object.entries(truth.remarks).map(([code, n]) => [code, String(n), '']),
    ].sort((a, b) => ((a[0] ?? '') < (b[0] ?? '') ? -1 : (a[0] ?? '') > (b[0] ?? '') ? 1 : 0)),
    buckets: ['patient', 'contractual', 'sequestration', 'denial', 'other'].flatMap((b) => {
      const t = truth.buckets[b];
      return t ? [[b, amountText(w, mode, t.amount, t.notShown), lines(t.lines)]] : [];
    }),
    checks,
    failures: truth.balance.failures.map((f) => cents(f.difference)),
    seqCheck,
    seqFails: seq.failures.map((f) =>
      w.text(f.line === undefined ? 'tally.seq-fail-claim' : 'tally.seq-fail', mode, {
        claim: f.claim ?? '',
        line: f.line ?? '',
        code: f.code,
        amount: money(f.amount),
        expected: money(f.expected),
        rate: '2%',
      }),
    ),
    plb: truth.plb.map((p) => [p.reason, cents(p.amount)]),
    claims: truth.claimList.map((claim, i) => [
      w.text('tally.claim', mode, { n: i + 1 }),
      claim.balance === 'ok' || claim.balance === 'unknown' ? claim.balance : cents(claim.balance),
    ]),
    named: [...named].map(([code, n]) => [code, String(n)]).sort((a, b) => ((a[0] ?? '') < (b[0] ?? '') ? -1 : 1)),
  };
}
