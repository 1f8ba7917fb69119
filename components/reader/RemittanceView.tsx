/** One payment (an 835 transaction): how it was paid, who paid whom, its balance, provider-level adjustments and problems. */
import { formatMoney } from '@/lib/amount';
import { PLB_NOT_CARC, PLB_SIGN_RULE, type PlbRecord, plbMeaning } from '@/lib/catalog/plb';
import type { Balance } from '@/lib/remit/balance';
import type { Party, Remittance } from '@/lib/remit/model';
import { readableDate } from '@/lib/remit/next-steps';
import { PAYMENT_HANDLING, paymentMethodText } from '@/lib/x12/codes835';

export function paymentText(b: Balance): string {
  if (b.state === 'ok') return 'balances: the claims paid, less provider-level adjustments, make up the payment.';
  if (b.state === 'unknown') return `cannot be checked: ${b.why}.`;
  return `does not balance: the payment is ${formatMoney(Math.abs(b.difference))} ${b.difference < 0 ? 'less' : 'more'} than the claims paid less provider-level adjustments (${formatMoney(b.expected)}).`;
}

export interface RemittanceViewProps {
  remit: Remittance;
  index: number;
  count: number;
  balance: Balance | undefined;
  claims: number;
  plb: ReadonlyMap<string, PlbRecord>;
  duplicateOf?: string;
}

export function RemittanceView({ remit, index, count, balance, claims, plb, duplicateOf }: RemittanceViewProps) {
  const pay = remit.payment;
  const id = `remit-${index}`;
  const method = paymentMethodText(pay?.method);
  const handling = pay?.handling ? PAYMENT_HANDLING[pay.handling] : undefined;
  return (
    <section
      class={`remit${remit.complete ? '' : ' incomplete'}`}
      aria-labelledby={id}
      data-remit-payment={index + 1}
      data-remit-payment-balance={balance?.state === 'off' ? String(balance.difference) : (balance?.state ?? 'unknown')}
    >
      <h2 id={id}>
        {count > 1 ? `Payment ${index + 1} of ${count}: ` : 'Payment: '}
        {pay?.amount === undefined ? 'amount not given' : formatMoney(pay.amount)}
        {method ? ` · ${method}` : ''}
        {pay?.date ? ` · ${readableDate(pay.date)}` : ''}
      </h2>
      {!remit.complete ? (
        <p class="banner incomplete" role="note">
          Incomplete: this payment could not be read to its end. What was read is shown; its totals may be missing claims.
        </p>
      ) : null}
      <dl class="figures">
        <Fig label="Check/EFT trace" value={pay?.trace} />
        <Fig label="Payment type" value={handling} />
        <Fig label="Remittance date" value={remit.date ? readableDate(remit.date) : undefined} />
        <Fig label="Claims" value={String(claims)} />
        <PartyFig label="Payer" party={remit.payer} />
        <PartyFig label="Payee" party={remit.payee} />
        <Fig label="Transaction" value={remit.transaction?.control ? `ST ${remit.transaction.control}` : undefined} />
      </dl>
      {duplicateOf ? (
        <p class="banner off" role="note">
          This trace number was already opened in this tab ({duplicateOf}): the same payment may be posted twice.
        </p>
      ) : null}
      {balance ? (
        <p class={`payment-balance ${balance.state}`}>
          <strong>Payment balance:</strong> {paymentText(balance)}
        </p>
      ) : null}
      {remit.providerAdjustments.length > 0 ? (
        <div class="plb">
          <h3>Provider-level adjustments</h3>
          <p class="muted">
            {PLB_NOT_CARC} {PLB_SIGN_RULE}
          </p>
          <table class="plb-table">
            <caption class="sr">Provider-level adjustments of this payment</caption>
            <thead>
              <tr>
                <th scope="col">Code</th>
                <th scope="col">What it is</th>
                <th scope="col">Reference</th>
                <th scope="col" class="num">
                  Amount
                </th>
                <th scope="col">Effect on this payment</th>
              </tr>
            </thead>
            <tbody>
              {remit.providerAdjustments.map((a, i) => {
                const m = plbMeaning(plb, a.reason);
                return (
                  <tr key={i} data-plb={a.reason} data-amount={(a.amount / 100).toFixed(2)}>
                    <th scope="row">{a.reason}</th>
                    <td>
                      <strong>{m.name}.</strong> {m.summary}
                    </td>
                    <td>{a.reference ?? ''}</td>
                    <td class="num">{formatMoney(a.amount)}</td>
                    <td>
                      {a.amount > 0
                        ? `Reduces this payment by ${formatMoney(a.amount)}`
                        : a.amount < 0
                          ? `Adds ${formatMoney(-a.amount)} to this payment`
                          : 'No effect'}
                      <span class="muted"> · {m.sign}</span>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
      {remit.problems.length > 0 ? (
        <div class="problems">
          <h3>Problems in this payment</h3>
          <ul>
            {remit.problems.map((p, i) => (
              <li key={i} class={p.severity ?? 'error'} data-segment={p.segment}>
                {p.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}

function Fig({ label, value }: { label: string; value: string | undefined }) {
  if (!value) return null;
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function PartyFig({ label, party }: { label: string; party: Party | undefined }) {
  if (!party?.name && !party?.id) return null;
  const id = party.id ? ` (${party.idQualifier === 'XX' ? 'NPI ' : party.idQualifier === 'FI' ? 'TIN ' : ''}${party.id})` : '';
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        {party.name ?? ''}
        {id}
        {party.address ? <span class="muted"> · {party.address}</span> : null}
        {party.contacts && party.contacts.length > 0 ? <span class="muted"> · {party.contacts.join(', ')}</span> : null}
      </dd>
    </div>
  );
}
