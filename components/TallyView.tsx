/**
 * The tally of a page or a paste, read from the one remittance model (lib/tally.ts): claims, lines and
 * adjustments counted (codes only named listed apart), the figures the page shows, the balances and the
 * 2% check with what fails and where, bucket totals, one row per code by group, provider-level
 * adjustments, the claim list. Words from the wording data, in the popup's mode.
 */

import { formatMoney as money, money as moneyText } from '@/lib/amount';
import type { Tone } from '@/lib/catalog/categories';
import type { TextKey, Wording } from '@/lib/catalog/wording';
import type { Balance } from '@/lib/remit/balance';
import type { Cents } from '@/lib/remit/model';
import {
  anyBalanceChecked,
  type BalanceFailure,
  BUCKET_ORDER,
  bucketLabel,
  type ClaimRow,
  FIGURE_ORDER,
  type FigureKey,
  groupLabel,
  groupSections,
  type SequestrationFailure,
  type Tally,
  type TallyRow,
} from '@/lib/tally';
import { useReading } from './reading';

const BUCKET_TONE: Record<string, Tone> = {
  patient: 'patient',
  contractual: 'muted',
  sequestration: 'muted',
  denial: 'denial',
  other: 'info',
};

const ROW_TONE: Record<string, Tone> = { ...BUCKET_TONE, remark: 'info' };

const FIGURE_LABEL: Record<FigureKey, TextKey> = {
  billed: 'tally.figure-billed',
  allowed: 'tally.figure-allowed',
  paid: 'tally.figure-paid',
  patient: 'tally.figure-patient',
};

export interface TallyViewProps {
  tally: Tally;
  /** Opens the code's card in the popup. */
  onOpen: (code: string, opener: HTMLElement) => void;
  /** Shows the next mention on the page; without it (pasted text) the code opens the card. */
  onReveal?: (code: string) => void;
  /** Goes to a claim or a line on the page (its key), or to one code there; without it (pasted text) nothing to go to. */
  onGo?: (key: string, code: string, what: string) => void;
  label: string;
}

type Mode = 'biller' | 'patient';

const plural = (w: Wording, mode: Mode, n: number, one: TextKey, many: TextKey) => w.text(n === 1 ? one : many, mode, { n });
const lines = (w: Wording, n: number, mode: Mode) => plural(w, mode, n, 'tally.lines-one', 'tally.lines-many');
const adjustmentCount = (w: Wording, n: number, mode: Mode) => plural(w, mode, n, 'tally.adjustments-one', 'tally.adjustments-many');

/** "$12.00", "$12.00 + 1 not shown", or "amount not shown": never $0.00 for an amount the page does not give. */
function amountText(w: Wording, mode: Mode, cents: Cents, withAmount: number, missing: number): string {
  if (withAmount === 0) return missing > 0 ? w.text('tally.not-shown', mode) : '';
  return missing > 0 ? `${money(cents)} ${w.text('tally.some-not-shown', mode, { n: missing })}` : money(cents);
}

/** A signed difference as money: "-$1.50", "+$0.02". */
const signed = (cents: Cents) => (cents > 0 ? `+${money(cents)}` : money(cents));

export function TallyView({ tally, onOpen, onReveal, onGo, label }: TallyViewProps) {
  const { mode, wording: w } = useReading();
  const buckets = BUCKET_ORDER.filter((b) => tally.buckets[b].adjustments > 0);
  const { checked, matched } = tally.sequestration;
  const checkKey: TextKey = checked === 1 ? (matched === 1 ? 'tally.check-one-ok' : 'tally.check-one-off') : 'tally.check-many';
  const namedCount = tally.named.reduce((n, r) => n + r.count, 0);
  const summary = [
    ...(tally.claims.length > 0 ? [plural(w, mode, tally.claims.length, 'tally.claims-one', 'tally.claims-many')] : []),
    ...(tally.lines > 0 ? [lines(w, tally.lines, mode)] : []),
    adjustmentCount(w, tally.adjustments, mode),
    ...(namedCount > 0 ? [w.text('tally.named-only', mode, { n: namedCount })] : []),
  ];
  return (
    <div class="tally">
      <p class="tally-summary" data-testid="tally-summary">
        {summary.join(' · ')}
      </p>
      <Figures tally={tally} label={label} />
      {tally.adjustments > 0 || tally.balance.payments.length > 0 ? <BalanceView tally={tally} onGo={onGo} /> : null}
      {buckets.length > 0 ? (
        <ul class="buckets" aria-label={w.text('tally.totals', mode, { label })}>
          {buckets.map((b) => {
            const t = tally.buckets[b];
            return (
              <li key={b} class={`bucket tone-${BUCKET_TONE[b]}`} data-bucket={b}>
                <span class="bucket-label">{bucketLabel(b, mode, w)}</span>
                <span class="bucket-value">
                  <span class="bucket-amount">{amountText(w, mode, t.cents, t.adjustments - t.missing, t.missing)}</span>{' '}
                  <span class="bucket-count">{lines(w, t.count, mode)}</span>
                </span>
                {b === 'sequestration' && checked > 0 ? (
                  <span class={`bucket-note ${matched === checked ? 'ok' : 'off'}`} data-testid="seq-check">
                    {w.text(checkKey, mode, { matched, checked })}
                  </span>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      {tally.sequestration.failures.length > 0 ? <SequestrationFailures failures={tally.sequestration.failures} onGo={onGo} /> : null}
      {tally.adjustmentRows.length + tally.remarks.length > 0 ? (
        <table class="rows">
          <caption class="sr">{w.text('tally.codes', mode, { label })}</caption>
          <thead>
            <tr>
              <th scope="col">{w.text('tally.col-code', mode)}</th>
              <th scope="col" class="count">
                <abbr title={w.text('tally.col-count-title', mode)}>{w.text('tally.col-count', mode)}</abbr>
              </th>
              <th scope="col" class="amount">
                {w.text('tally.col-amount', mode)}
              </th>
              <th scope="col">{w.text('tally.col-meaning', mode)}</th>
            </tr>
          </thead>
          {groupSections(tally).map((section) => (
            <tbody key={section.group} data-group={section.group}>
              <tr class="group-head">
                <th scope="rowgroup" colSpan={4}>
                  <span>{groupLabel(section.group, mode, w)}</span>
                  <span class="group-total">
                    {adjustmentCount(w, section.count, mode)}
                    {section.count > 0 ? ` · ${amountText(w, mode, section.cents, section.count - section.missing, section.missing)}` : ''}
                  </span>
                </th>
              </tr>
              {section.rows.map((row) => (
                <Row key={row.code} row={row} onOpen={onOpen} onReveal={onReveal} />
              ))}
            </tbody>
          ))}
          {tally.remarks.length > 0 ? (
            <tbody data-group="remarks">
              <tr class="group-head">
                <th scope="rowgroup" colSpan={4}>
                  {w.text('tally.remarks', mode)}
                </th>
              </tr>
              {tally.remarks.map((row) => (
                <Row key={row.code} row={row} onOpen={onOpen} onReveal={onReveal} />
              ))}
            </tbody>
          ) : null}
        </table>
      ) : null}
      {tally.plb.length > 0 ? <ProviderAdjustments tally={tally} /> : null}
      {tally.claims.length > 0 || tally.unplaced ? <ClaimList tally={tally} onGo={onGo} /> : null}
      {tally.named.length > 0 ? <Named tally={tally} onOpen={onOpen} /> : null}
    </div>
  );
}

function Figures({ tally, label }: { tally: Tally; label: string }) {
  const { mode, wording: w } = useReading();
  const shown = FIGURE_ORDER.filter((k) => tally.figures[k] !== undefined);
  if (shown.length === 0) return null;
  return (
    <ul class="figures" aria-label={w.text('tally.figures', mode, { label })}>
      {shown.map((key) => {
        const f = tally.figures[key];
        if (!f) return null;
        return (
          <li key={key} data-figure={key}>
            <span class="figure-label">{w.text(FIGURE_LABEL[key], mode)}</span> <span class="figure-amount">{money(f.cents)}</span>
            {f.shown < f.of ? (
              <span class="figure-note"> ({w.text('tally.figure-partial', mode, { shown: f.shown, of: f.of })})</span>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

/** "Claim 2, line 1" in the words of the data. */
function placeText(w: Wording, mode: Mode, f: BalanceFailure): string {
  const vars = { difference: signed(f.difference), actual: money(f.actual), expected: money(f.expected) };
  if (f.claim === undefined) return w.text('tally.balance-off-unplaced', mode, { ...vars, line: f.line ?? '' });
  if (f.line === undefined) return w.text('tally.balance-off-claim', mode, { ...vars, claim: f.claim });
  return w.text('tally.balance-off-line', mode, { ...vars, claim: f.claim, line: f.line });
}

function BalanceView({ tally, onGo }: { tally: Tally; onGo: TallyViewProps['onGo'] }) {
  const { mode, wording: w } = useReading();
  const { lines: l, claims: c, payments, failures } = tally.balance;
  const title = w.text('tally.balance-title', mode);
  const checkedLines = l.ok + l.off;
  const checkedClaims = c.ok + c.off;
  return (
    <section class="balance" data-testid="balance" aria-label={title}>
      <h3>{title}</h3>
      {anyBalanceChecked(tally) ? (
        <ul>
          {checkedLines > 0 ? (
            <li data-check="lines" class={l.off > 0 ? 'off' : 'ok'}>
              {w.text('tally.balance-lines', mode, { ok: l.ok, checked: checkedLines })}
            </li>
          ) : null}
          {checkedClaims > 0 ? (
            <li data-check="claims" class={c.off > 0 ? 'off' : 'ok'}>
              {w.text('tally.balance-claims', mode, { ok: c.ok, checked: checkedClaims })}
            </li>
          ) : null}
          {l.unknown > 0 && checkedLines > 0 ? (
            <li data-check="unchecked" class="muted">
              {w.text('tally.balance-unchecked', mode, { n: lines(w, l.unknown, mode) })}
            </li>
          ) : null}
          {failures.map((f) => (
            <li key={f.key} class="fail" data-key={f.key} data-difference={f.difference}>
              {onGo ? (
                <button
                  type="button"
                  class="go-btn"
                  title={w.text('tally.go-title', mode)}
                  onClick={() => onGo(f.key, '', placeText(w, mode, f))}
                >
                  {placeText(w, mode, f)}
                </button>
              ) : (
                placeText(w, mode, f)
              )}
            </li>
          ))}
          {payments.map((p, i) => (
            <li key={`p${i}`} data-check="payment" data-state={p.balance.state} class={p.balance.state}>
              {paymentText(w, mode, p.balance, p.paid, p.plb, p.payment)}
            </li>
          ))}
        </ul>
      ) : (
        <p class="balance-none muted" data-check="none">
          {w.text('tally.balance-none', mode)}
        </p>
      )}
    </section>
  );
}

function paymentText(w: Wording, mode: Mode, b: Balance, paid: Cents | undefined, plb: Cents, payment: Cents): string {
  const vars = { paid: paid === undefined ? '' : money(paid), plb: money(plb), payment: money(payment) };
  if (b.state === 'ok') return w.text('tally.payment-ok', mode, vars);
  if (b.state === 'off')
    return w.text('tally.payment-off', mode, { ...vars, expected: money(b.expected), difference: signed(b.difference) });
  return w.text('tally.payment-unknown', mode, vars);
}

function SequestrationFailures({ failures, onGo }: { failures: SequestrationFailure[]; onGo: TallyViewProps['onGo'] }) {
  const { mode, wording: w } = useReading();
  return (
    <ul class="seq-fails" data-testid="seq-fails">
      {failures.map((f) => {
        const vars = {
          claim: f.claim ?? '',
          line: f.line ?? '',
          code: f.code,
          amount: moneyText(f.amount),
          expected: moneyText(f.expected),
          rate: f.rate,
        };
        const text = w.text(f.line === undefined ? 'tally.seq-fail-claim' : 'tally.seq-fail', mode, vars);
        return (
          <li key={`${f.key} ${f.code}`} data-key={f.key}>
            {onGo ? (
              <button type="button" class="go-btn" title={w.text('tally.go-title', mode)} onClick={() => onGo(f.key, f.code, text)}>
                {text}
              </button>
            ) : (
              text
            )}
          </li>
        );
      })}
    </ul>
  );
}

function Row({ row, onOpen, onReveal }: { row: TallyRow; onOpen: TallyViewProps['onOpen']; onReveal?: (code: string) => void }) {
  const { mode, wording: w } = useReading();
  const tone = ROW_TONE[row.kind === 'rarc' ? 'remark' : row.bucket];
  const meaning = mode === 'patient' ? row.patientSummary : row.summary;
  return (
    <tr class={`row tone-${tone}`} data-code={row.code} data-bucket={row.kind === 'rarc' ? 'remark' : row.bucket}>
      <th scope="row">
        <button
          type="button"
          class="code-btn"
          onClick={(e) => (onReveal ? onReveal(row.code) : onOpen(row.code, e.currentTarget))}
          title={w.text(onReveal ? 'tally.reveal-title' : 'tally.open-title', mode)}
        >
          {row.code}
        </button>
      </th>
      <td class="count">{row.count}</td>
      <td class="amount">{row.kind === 'carc' ? amountText(w, mode, row.cents, row.withAmount, row.missing) : ''}</td>
      <td class="meaning">
        <button
          type="button"
          class="meaning-btn"
          onClick={(e) => onOpen(row.code, e.currentTarget)}
          title={w.text('tally.open-title', mode)}
        >
          {meaning || w.text('tally.open', mode)}
        </button>
      </td>
    </tr>
  );
}

function ProviderAdjustments({ tally }: { tally: Tally }) {
  const { mode, wording: w } = useReading();
  const total = tally.plb.reduce((n, p) => n + p.amount, 0);
  const title = w.text('tally.plb-title', mode);
  return (
    <section class="plb" data-testid="plb" aria-label={title}>
      <h3>{title}</h3>
      <table class="rows">
        <tbody>
          {tally.plb.map((p, i) => (
            <tr key={`${p.reason}${i}`} class="row tone-info" data-reason={p.reason} data-amount={p.amount}>
              <th scope="row">{p.reason}</th>
              <td class="amount">{money(p.amount)}</td>
              <td class="meaning" colSpan={2}>
                <strong>{p.name}</strong> {p.summary}
              </td>
            </tr>
          ))}
          {tally.plb.length > 1 ? (
            <tr class="plb-total" data-amount={total}>
              <th scope="row">{w.text('tally.plb-total', mode)}</th>
              <td class="amount">{money(total)}</td>
              <td colSpan={2} />
            </tr>
          ) : null}
        </tbody>
      </table>
      <p class="muted plb-note">{w.text('tally.plb-sign', mode)}</p>
    </section>
  );
}

function claimBalanceText(w: Wording, mode: Mode, b: Balance): string {
  if (b.state === 'ok') return w.text('tally.claim-balance-ok', mode);
  if (b.state === 'off') return w.text('tally.claim-balance-off', mode, { difference: signed(b.difference) });
  return w.text('tally.claim-balance-unknown', mode);
}

function ClaimList({ tally, onGo }: { tally: Tally; onGo: TallyViewProps['onGo'] }) {
  const { mode, wording: w } = useReading();
  const rows: ClaimRow[] = [...tally.claims, ...(tally.unplaced ? [tally.unplaced] : [])];
  return (
    <details class="claims" data-testid="claims" open={tally.claims.length > 0 && tally.claims.length <= 5}>
      <summary>
        {w.text('tally.claims-title', mode)} ({tally.claims.length})
      </summary>
      <ol>
        {rows.map((c) => {
          const name = c.n === undefined ? w.text('tally.unplaced', mode) : w.text('tally.claim', mode, { n: c.n });
          const parts = [
            lines(w, c.lines, mode),
            ...(c.figures.billed !== undefined ? [`${w.text('tally.figure-billed', mode)} ${money(c.figures.billed)}`] : []),
            ...(c.figures.paid !== undefined ? [`${w.text('tally.figure-paid', mode)} ${money(c.figures.paid)}`] : []),
            `${adjustmentCount(w, c.adjustments, mode)}${c.adjustments > 0 ? ` ${amountText(w, mode, c.cents, c.adjustments - c.missing, c.missing)}` : ''}`,
          ];
          const body = (
            <>
              <span class="claim-name">{name}</span> <span class="claim-parts">{parts.join(' · ')}</span>{' '}
              {c.n !== undefined ? (
                <span class={`claim-balance ${c.balance.state}`} data-state={c.balance.state}>
                  {claimBalanceText(w, mode, c.balance)}
                </span>
              ) : null}
            </>
          );
          return (
            <li key={c.key} data-key={c.key} data-balance={c.balance.state === 'off' ? c.balance.difference : c.balance.state}>
              {onGo && c.n !== undefined ? (
                <button type="button" class="claim-btn" title={w.text('tally.claim-go-title', mode)} onClick={() => onGo(c.key, '', name)}>
                  {body}
                </button>
              ) : (
                body
              )}
            </li>
          );
        })}
      </ol>
    </details>
  );
}

function Named({ tally, onOpen }: { tally: Tally; onOpen: TallyViewProps['onOpen'] }) {
  const { mode, wording: w } = useReading();
  const title = w.text('tally.named-title', mode);
  return (
    <section class="named" data-testid="named" aria-label={title}>
      <h3>{title}</h3>
      <p class="muted named-note">{w.text('tally.named-hint', mode)}</p>
      <ul>
        {tally.named.map((n) => (
          <li key={n.code} data-code={n.code} data-count={n.count}>
            <button
              type="button"
              class="named-btn"
              title={w.text('tally.open-title', mode)}
              onClick={(e) => onOpen(n.code, e.currentTarget)}
            >
              {n.code}
              {n.count > 1 ? <span class="muted"> ×{n.count}</span> : null}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

const LEGEND: [Tone, TextKey][] = [
  ['muted', 'legend.muted'],
  ['patient', 'legend.patient'],
  ['denial', 'legend.denial'],
  ['review', 'legend.review'],
  ['info', 'legend.info'],
];

export function Legend() {
  const { mode, wording: w } = useReading();
  return (
    <ul class="legend" aria-label={w.text('legend.label', mode)}>
      {LEGEND.map(([tone, key]) => (
        <li key={tone}>
          <span class={`swatch tone-${tone}`} aria-hidden="true" /> {w.text(key, mode)}
        </li>
      ))}
    </ul>
  );
}
