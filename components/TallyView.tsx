/** The page's adjustments: bucket totals, then one row per code grouped by group code. */
import type { Tone } from '@/lib/catalog/categories';
import { formatCents } from '@/lib/catalog/sequestration';
import { BUCKET_LABELS, type Tally, type TallyRow } from '@/lib/tally';

const money = (cents: number) => {
  const s = formatCents(cents);
  return s.startsWith('-') ? `-$${s.slice(1)}` : `$${s}`;
};

const BUCKET_TONE: Record<string, Tone> = {
  patient: 'patient',
  contractual: 'muted',
  sequestration: 'muted',
  denial: 'denial',
  other: 'info',
};

export function TallyView({ tally, onReveal }: { tally: Tally; onReveal: (code: string) => void }) {
  const buckets = (Object.keys(BUCKET_LABELS) as (keyof typeof BUCKET_LABELS)[]).filter((b) => tally.buckets[b].count > 0);
  return (
    <div class="tally">
      <ul class="buckets" aria-label="Totals">
        {buckets.map((b) => (
          <li key={b} class={`bucket tone-${BUCKET_TONE[b]}`} data-bucket={b}>
            <span class="bucket-label">{BUCKET_LABELS[b]}</span>
            <span class="bucket-value">
              {money(tally.buckets[b].cents)} · {tally.buckets[b].count}
            </span>
            {b === 'sequestration' && tally.sequestration.checked > 0 ? (
              <span class="bucket-note" data-testid="seq-check">
                {tally.sequestration.matched} of {tally.sequestration.checked} checked lines match the rate
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      <table class="rows">
        <caption class="sr">Adjustments and remarks on this page</caption>
        <thead>
          <tr>
            <th scope="col">Code</th>
            <th scope="col">Count</th>
            <th scope="col">Amount</th>
            <th scope="col">Meaning</th>
          </tr>
        </thead>
        <tbody>
          {[...tally.adjustments, ...tally.remarks].map((row) => (
            <Row key={row.code} row={row} onReveal={onReveal} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Row({ row, onReveal }: { row: TallyRow; onReveal: (code: string) => void }) {
  return (
    <tr class={`row bucket-${row.kind === 'rarc' ? 'remark' : row.bucket}`} data-code={row.code}>
      <th scope="row">
        <button type="button" class="reveal" onClick={() => onReveal(row.code)} title="Show the next mention on the page">
          {row.code}
        </button>
      </th>
      <td class="count">{row.count}</td>
      <td class="amount">{row.withAmount > 0 ? money(row.cents) : ''}</td>
      <td class="meaning">{row.summary}</td>
    </tr>
  );
}

export function Legend() {
  const items: [Tone, string][] = [
    ['muted', 'Contractual / sequestration: write off, not billable to the patient'],
    ['patient', 'Patient responsibility'],
    ['denial', 'Denial needing action'],
    ['review', 'Needs review (bundling, other payer, duplicate)'],
    ['info', 'Remark or informational'],
  ];
  return (
    <ul class="legend" aria-label="Mark colours">
      {items.map(([tone, label]) => (
        <li key={tone}>
          <span class={`swatch tone-${tone}`} aria-hidden="true" /> {label}
        </li>
      ))}
    </ul>
  );
}
