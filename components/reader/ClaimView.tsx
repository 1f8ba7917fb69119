/** One claim of an 835 in the reader: its figures, balance, lines with their adjustments and remarks as marks, and next steps. */
import { type ComponentChildren, createElement, type HTMLAttributes } from 'preact';
import { formatCents, formatMoney } from '@/lib/amount';
import type { Balance } from '@/lib/remit/balance';
import { balanceAttr, differenceText } from '@/lib/remit/checks';
import type { Adjustment, Claim, Remark, ServiceLine } from '@/lib/remit/model';
import type { NextStep } from '@/lib/remit/next-steps';
import { readableDate } from '@/lib/remit/next-steps';
import { claimStatusText, PROCEDURE_QUALIFIER } from '@/lib/x12/codes835';
import type { ClaimEntry } from './reading';

type MarkProps = HTMLAttributes<HTMLElement> & {
  'data-remit-code': string;
  'data-remit-amount'?: string;
  'data-mark'?: string;
  children?: ComponentChildren;
};

/** A <remit-mark>, the element (and data-remit-code / data-remit-amount contract) the content script puts on pages. */
function RemitMarkElement(props: MarkProps) {
  return createElement('remit-mark', props);
}

const money = (c: number | undefined) => (c === undefined ? '—' : formatMoney(c));
const date = (iso: string | undefined) => (iso ? readableDate(iso) : '');

/** Where a mark sits, so its card knows the line's payment, date and neighbours. */
export function markKey(claimKey: string, line: number | 'claim', kind: 'a' | 'r', index: number): string {
  return `${claimKey}|${line}|${kind}${index}`;
}

function AdjustmentMark({ a, id, tone }: { a: Adjustment; id: string; tone: string | undefined }) {
  const amount = a.amount === undefined ? undefined : formatCents(a.amount);
  return (
    <span class="adj">
      <RemitMarkElement
        data-remit-code={a.code}
        {...(amount !== undefined ? { 'data-remit-amount': amount } : {})}
        data-mark={id}
        class={tone ? `tone-${tone}` : undefined}
        role="button"
        tabIndex={-1}
        aria-label={`${a.code}${amount !== undefined ? `, ${formatMoney(a.amount ?? 0)}` : ''}: what it means`}
      >
        {a.code}
      </RemitMarkElement>{' '}
      <span class="adj-amount">{money(a.amount)}</span>
      {a.quantity && a.quantity !== '0' ? <span class="adj-qty"> ×{a.quantity}</span> : null}
    </span>
  );
}

function RemarkMark({ r, id }: { r: Remark; id: string }) {
  return (
    <RemitMarkElement
      data-remit-code={r.code}
      data-mark={id}
      class="tone-info"
      role="button"
      tabIndex={-1}
      aria-label={`${r.code}: what it means`}
    >
      {r.code}
    </RemitMarkElement>
  );
}

function BalanceNote({ b, what }: { b: Balance; what: string }) {
  if (b.state === 'ok') return <span class="bal ok">Balances</span>;
  if (b.state === 'unknown') return <span class="bal unknown">Cannot check: {b.why}</span>;
  return (
    <span class="bal off" data-testid="balance-off">
      Does not balance: {what} is {differenceText(b)}
    </span>
  );
}

function procedureText(l: ServiceLine): string {
  const code = l.procedure ?? (l.procedureQualifier === 'NU' ? l.revenueCode : undefined) ?? '';
  return [code, ...(l.modifiers ?? [])].filter(Boolean).join(' ');
}

export interface ClaimViewProps {
  entry: ClaimEntry;
  /** "Payment 2 · " when the file holds several remittances. */
  prefix: string;
  steps: NextStep[];
  tone: (code: string) => string | undefined;
}

export function ClaimView({ entry, prefix, steps, tone }: ClaimViewProps) {
  const { claim, checks } = entry;
  const titleId = `claim-${claim.key}`;
  const status = claimStatusText(claim.status);
  const balance = balanceAttr(checks.balance);
  return (
    <article
      class={`claim${checks.balance.state === 'off' ? ' off' : ''}${claim.incomplete ? ' incomplete' : ''}`}
      aria-labelledby={titleId}
      data-remit-claim={claim.account ?? ''}
      data-remit-balance={balance}
      data-status={claim.status}
    >
      <header class="claim-head">
        <h3 id={titleId}>
          {prefix}Claim {entry.number}
          {claim.patient ? ` · ${claim.patient}` : ''}
        </h3>
        <span class={`status status-${claim.status === '4' ? 'denied' : claim.status === '22' ? 'reversal' : 'other'}`}>{status}</span>
        {claim.incomplete ? <span class="badge incomplete">Incomplete: the file breaks off in this claim</span> : null}
      </header>
      <dl class="figures">
        <Fig label="Account (patient control no.)" value={claim.account} />
        <Fig label="Payer claim no." value={claim.payerClaimNumber} />
        <Fig label="Charge" value={money(claim.billed)} />
        <Fig label="Paid" value={money(claim.paid)} />
        <Fig
          label="Patient responsibility"
          value={claim.patientResponsibility === undefined ? undefined : money(claim.patientResponsibility)}
        />
        <Fig
          label="Service dates"
          value={
            claim.statementFrom
              ? `${date(claim.statementFrom)}${claim.statementTo && claim.statementTo !== claim.statementFrom ? ` – ${date(claim.statementTo)}` : ''}`
              : undefined
          }
        />
        <Fig label="Received" value={date(claim.receivedDate) || undefined} />
        <Fig label="Member ID" value={claim.patientId} />
        <Fig label="Filing" value={claim.filingIndicator} />
        <Fig label="Rendering provider" value={claim.renderingProvider} />
        <Fig label="Original claim no." value={claim.originalClaimNumber} />
        <Fig label="Sent on to" value={claim.crossoverTo} />
        {(claim.amounts ?? []).map((a) => (
          <Fig key={a.qualifier} label={a.label} value={money(a.amount)} />
        ))}
        {[...(claim.inpatient ?? []), ...(claim.outpatient ?? [])].map((f) => (
          <Fig key={f.element} label={`${f.label} (${f.element})`} value={f.amount !== undefined ? money(f.amount) : f.value} />
        ))}
      </dl>
      {claim.corrections && claim.corrections.length > 0 ? (
        <ul class="corrections">
          {claim.corrections.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
      ) : null}
      <p class="claim-balance">
        <BalanceNote
          b={checks.balance}
          what={claim.status === '4' && checks.balance.state === 'off' ? 'a denied claim that pays' : 'the claim payment'}
        />
      </p>
      {claim.adjustments.length > 0 || claim.remarks.length > 0 ? (
        <p class="claim-codes">
          <span class="label">Claim adjustments and remarks:</span>{' '}
          {claim.adjustments.map((a, i) => (
            <AdjustmentMark key={`a${i}`} a={a} id={markKey(claim.key, 'claim', 'a', i)} tone={tone(a.code)} />
          ))}
          {claim.remarks.map((r, i) => (
            <RemarkMark key={`r${i}`} r={r} id={markKey(claim.key, 'claim', 'r', i)} />
          ))}
        </p>
      ) : null}
      {claim.lines.length > 0 ? <Lines claim={claim} balances={checks.lines} tone={tone} /> : null}
      {steps.length > 0 ? (
        <section class="next" aria-label={`What to do next: claim ${entry.number}`}>
          <h4>What to do next</h4>
          <ul>
            {steps.map((s) => (
              <li key={s.kind} data-step={s.kind}>
                {s.text}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}

function Fig({ label, value }: { label: string; value: string | undefined }) {
  if (value === undefined || value === '') return null;
  return (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function Lines({ claim, balances, tone }: { claim: Claim; balances: Balance[]; tone: (code: string) => string | undefined }) {
  return (
    <table class="lines">
      <caption class="sr">Service lines</caption>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">Date</th>
          <th scope="col">Procedure</th>
          <th scope="col" class="num">
            Units
          </th>
          <th scope="col" class="num">
            Charge
          </th>
          <th scope="col" class="num">
            Allowed
          </th>
          <th scope="col" class="num">
            Paid
          </th>
          <th scope="col">Adjustments</th>
          <th scope="col">Remarks</th>
          <th scope="col">Balance</th>
        </tr>
      </thead>
      <tbody>
        {claim.lines.map((l, i) => {
          const b = balances[i] ?? { state: 'unknown', why: '' };
          const q = l.procedureQualifier ? (PROCEDURE_QUALIFIER[l.procedureQualifier] ?? l.procedureQualifier) : undefined;
          return (
            <tr key={l.key} data-remit-line={i + 1} data-remit-balance={balanceAttr(b)} class={b.state === 'off' ? 'off' : undefined}>
              <td>{i + 1}</td>
              <td>
                {date(l.serviceDate)}
                {l.serviceDateEnd ? ` – ${date(l.serviceDateEnd)}` : ''}
              </td>
              <td>
                <span title={q}>{procedureText(l)}</span>
                {l.revenueCode && l.procedure ? <span class="muted"> rev {l.revenueCode}</span> : null}
                {l.originalProcedure ? <span class="muted"> (billed {l.originalProcedure})</span> : null}
                {l.incomplete ? <span class="badge incomplete"> incomplete</span> : null}
              </td>
              <td class="num">{l.units ?? ''}</td>
              <td class="num">{money(l.billed)}</td>
              <td class="num">{l.allowed === undefined ? '' : money(l.allowed)}</td>
              <td class="num">{money(l.paid)}</td>
              <td class="adjs">
                {l.adjustments.map((a, k) => (
                  <AdjustmentMark key={k} a={a} id={markKey(claim.key, i, 'a', k)} tone={tone(a.code)} />
                ))}
              </td>
              <td class="rems">
                {l.remarks.map((r, k) => (
                  <RemarkMark key={k} r={r} id={markKey(claim.key, i, 'r', k)} />
                ))}
              </td>
              <td>
                <BalanceNote b={b} what="the line payment" />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
