/** The whole file at a glance: totals, the checks that failed, the line reports and dollars by group and code. */
import { formatCents, formatMoney } from '@/lib/amount';
import { differenceText } from '@/lib/remit/checks';
import type { ClaimReport, LineReport, Summary } from '@/lib/remit/report';
import type { ClaimEntry, DuplicateTrace } from './reading';

const GROUP_NAMES: Record<string, string> = {
  CO: 'CO · Contractual obligation',
  PR: 'PR · Patient responsibility',
  OA: 'OA · Other adjustment',
  PI: 'PI · Payer-initiated reduction',
  CR: 'CR · Correction or reversal',
  none: 'No group',
};

export interface SummaryProps {
  summary: Summary;
  /** Claims whose figures do not add up, in file order. */
  off: readonly ClaimEntry[];
  offLines: number;
  sequestration: { checked: number; off: number };
  payments: { remit: number; state: 'ok' | 'off' | 'unknown'; text: string }[];
  duplicates: readonly DuplicateTrace[];
  meaning(code: string): string | undefined;
  multiple: boolean;
  onReport(report: ClaimReport): void;
}

export function SummaryView(p: SummaryProps) {
  const s = p.summary;
  const plb = s.providerAdjustments;
  return (
    <section class="summary" aria-labelledby="summary-title">
      <h2 id="summary-title">Summary</h2>
      <dl class="totals" data-testid="totals">
        <Total label={s.remittances === 1 ? 'Payment' : `Payments (${s.remittances})`} value={formatMoney(s.payments)} id="payments" />
        <Total label="Claims" value={String(s.claims)} id="claims" />
        <Total label="Service lines" value={String(s.lines)} id="lines" />
        <Total label="Charged" value={formatMoney(s.billed)} id="billed" />
        <Total label="Paid on claims" value={formatMoney(s.paid)} id="paid" />
        <Total label="Patient responsibility" value={formatMoney(s.patientResponsibility)} id="patient" />
        <Total label={`Adjustments (${s.adjustments.count})`} value={formatMoney(s.adjustments.cents)} id="adjustments" />
        <Total
          label="Provider-level adjustments"
          value={plb === 0 ? '$0.00' : `${formatMoney(plb)} (${plb > 0 ? 'taken from' : 'added to'} the payments)`}
          id="plb"
        />
      </dl>

      <h3>Checks</h3>
      <ul class="checks" aria-label="Checks">
        {p.payments.map((pay) => (
          <li key={pay.remit} class={pay.state} data-check="payment" data-remit={pay.remit + 1}>
            {p.multiple ? `Payment ${pay.remit + 1}: ` : 'Payment: '}
            {pay.text}
          </li>
        ))}
        <li class={p.off.length > 0 ? 'off' : 'ok'} data-check="claims">
          {p.off.length === 0 ? (
            'Every claim that shows its figures balances (charge − adjustments = paid; a denied claim pays nothing).'
          ) : (
            <>
              {p.off.length} {p.off.length === 1 ? 'claim does' : 'claims do'} not balance:{' '}
              <button type="button" class="link" onClick={() => p.onReport('off')}>
                show {p.off.length === 1 ? 'it' : 'them'}
              </button>
              <ul class="off-claims">
                {p.off.slice(0, 20).map((e) => (
                  <li
                    key={e.claim.key}
                    data-off-claim={e.claim.account ?? ''}
                    data-remit-balance={e.checks.balance.state === 'off' ? String(e.checks.balance.difference) : ''}
                  >
                    {p.multiple ? `Payment ${e.remit + 1}, ` : ''}claim {e.number}
                    {e.claim.account ? ` (${e.claim.account})` : ''}:{' '}
                    {e.checks.balance.state === 'off'
                      ? `${formatSigned(e.checks.balance.difference)} — ${differenceText(e.checks.balance)}`
                      : ''}
                  </li>
                ))}
                {p.off.length > 20 ? <li>…and {p.off.length - 20} more.</li> : null}
              </ul>
            </>
          )}
        </li>
        <li class={p.offLines > 0 ? 'off' : 'ok'} data-check="lines">
          {p.offLines === 0
            ? 'Every line that shows its figures balances.'
            : `${p.offLines} service ${p.offLines === 1 ? 'line does' : 'lines do'} not balance.`}
        </li>
        {p.sequestration.checked > 0 ? (
          <li class={p.sequestration.off > 0 ? 'off' : 'ok'} data-check="sequestration">
            CO-253 (sequestration): {p.sequestration.checked - p.sequestration.off} of {p.sequestration.checked} match the rate for their
            date of service.
            {p.sequestration.off > 0 ? ` ${p.sequestration.off} ${p.sequestration.off === 1 ? 'does' : 'do'} not: see the claim.` : ''}
          </li>
        ) : null}
        {p.duplicates.map((d) => (
          <li key={`${d.remit}`} class="off" data-check="duplicate-trace">
            The check/EFT trace {d.trace} {p.multiple ? `(payment ${d.remit + 1}) ` : ''}was already opened in this tab ({d.seenIn}): make
            sure the same payment is not posted twice.
          </li>
        ))}
        {s.incompleteClaims > 0 ? (
          <li class="off" data-check="incomplete">
            {s.incompleteClaims} {s.incompleteClaims === 1 ? 'claim is' : 'claims are'} incomplete: the file breaks off inside{' '}
            {s.incompleteClaims === 1 ? 'it' : 'them'}.
          </li>
        ) : null}
      </ul>

      <h3>Reports</h3>
      <table class="reports">
        <caption class="sr">Line reports</caption>
        <thead>
          <tr>
            <th scope="col">Report</th>
            <th scope="col" class="num">
              Lines
            </th>
            <th scope="col" class="num">
              Charged
            </th>
            <th scope="col" class="num">
              Amount
            </th>
            <th scope="col">
              <span class="sr">Show</span>
            </th>
          </tr>
        </thead>
        <tbody>
          <ReportRow
            label="Denied lines"
            what="not paid, beyond what the patient owes"
            r={s.denied}
            report="denied"
            onReport={p.onReport}
          />
          <ReportRow label="Adjusted lines" what="all adjustments" r={s.adjusted} report="adjusted" onReport={p.onReport} />
          <ReportRow label="Deductible lines" what="applied to the deductible" r={s.deductible} report="deductible" onReport={p.onReport} />
          <tr data-report="forwarded">
            <th scope="row">Claims sent on to another payer</th>
            <td class="num">{s.forwardedClaims} claims</td>
            <td />
            <td />
            <td>
              {s.forwardedClaims > 0 ? (
                <button type="button" class="link" onClick={() => p.onReport('forwarded')}>
                  Show claims
                </button>
              ) : null}
            </td>
          </tr>
        </tbody>
      </table>

      <h3>By group and code</h3>
      <table class="by-code" data-testid="by-code">
        <caption class="sr">Adjustments by group and code</caption>
        <thead>
          <tr>
            <th scope="col">Code</th>
            <th scope="col" class="num">
              Count
            </th>
            <th scope="col" class="num">
              Amount
            </th>
            <th scope="col">Meaning</th>
          </tr>
        </thead>
        {s.byGroup.map((g) => (
          <tbody key={g.group} data-group={g.group}>
            <tr class="group-head">
              <th scope="rowgroup">{GROUP_NAMES[g.group] ?? g.group}</th>
              <td class="num">{g.count}</td>
              <td class="num">{formatMoney(g.cents)}</td>
              <td />
            </tr>
            {g.codes.map((c) => (
              <tr key={c.code} data-code={c.code}>
                <th scope="row">{c.code}</th>
                <td class="num">{c.count}</td>
                <td class="num">
                  {formatMoney(c.cents)}
                  {c.missing > 0 ? ` (${c.missing} without an amount)` : ''}
                </td>
                <td>{p.meaning(c.code) ?? ''}</td>
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </section>
  );
}

function formatSigned(cents: number): string {
  return `${cents > 0 ? '+' : ''}${formatCents(cents)}`;
}

function Total({ label, value, id }: { label: string; value: string; id: string }) {
  return (
    <div data-total={id}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function ReportRow(props: { label: string; what: string; r: LineReport; report: ClaimReport; onReport(r: ClaimReport): void }) {
  const { r } = props;
  return (
    <tr data-report={props.report}>
      <th scope="row">
        {props.label} <span class="muted">({props.what})</span>
      </th>
      <td class="num">{r.count}</td>
      <td class="num">{formatMoney(r.billed)}</td>
      <td class="num">{formatMoney(r.cents)}</td>
      <td>
        {r.count > 0 ? (
          <button type="button" class="link" onClick={() => props.onReport(props.report)}>
            Show claims
          </button>
        ) : null}
      </td>
    </tr>
  );
}
