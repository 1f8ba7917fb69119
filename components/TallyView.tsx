/** The adjustments: bucket totals, then one row per code grouped by group code, then remarks. */

import { formatMoney as money } from '@/lib/amount';
import type { Tone } from '@/lib/catalog/categories';
import { BUCKET_LABELS, BUCKET_ORDER, GROUP_LABELS, groupSections, type Tally, type TallyRow, tallyToCsv, tallyToTsv } from '@/lib/tally';
import type { PopupApi } from './popup-api';

const BUCKET_TONE: Record<string, Tone> = {
  patient: 'patient',
  contractual: 'muted',
  sequestration: 'muted',
  denial: 'denial',
  other: 'info',
};

const ROW_TONE: Record<string, Tone> = { ...BUCKET_TONE, remark: 'info' };

export interface TallyViewProps {
  tally: Tally;
  /** Opens the code's card in the popup. */
  onOpen: (code: string, opener: HTMLElement) => void;
  /** Shows the next mention on the page; without it (pasted text) the code opens the card. */
  onReveal?: (code: string) => void;
  label: string;
}

export function TallyView({ tally, onOpen, onReveal, label }: TallyViewProps) {
  const buckets = BUCKET_ORDER.filter((b) => tally.buckets[b].count > 0);
  const { checked, matched } = tally.sequestration;
  return (
    <div class="tally">
      <ul class="buckets" aria-label={`${label}: totals`}>
        {buckets.map((b) => (
          <li key={b} class={`bucket tone-${BUCKET_TONE[b]}`} data-bucket={b}>
            <span class="bucket-label">{BUCKET_LABELS[b]}</span>
            <span class="bucket-value">
              <span class="bucket-amount">{money(tally.buckets[b].cents)}</span>{' '}
              <span class="bucket-count">
                {tally.buckets[b].count} line{tally.buckets[b].count === 1 ? '' : 's'}
              </span>
            </span>
            {b === 'sequestration' && checked > 0 ? (
              <span class={`bucket-note ${matched === checked ? 'ok' : 'off'}`} data-testid="seq-check">
                {checked === 1 ? (matched === 1 ? 'The line matches' : 'The line does not match') : `${matched} of ${checked} lines match`}{' '}
                the 2% rate
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      <table class="rows">
        <caption class="sr">{label}: codes</caption>
        <thead>
          <tr>
            <th scope="col">Code</th>
            <th scope="col" class="count">
              <abbr title="Mentions">#</abbr>
            </th>
            <th scope="col" class="amount">
              Amount
            </th>
            <th scope="col">Meaning</th>
          </tr>
        </thead>
        {groupSections(tally).map((section) => (
          <tbody key={section.group} data-group={section.group}>
            <tr class="group-head">
              <th scope="rowgroup" colSpan={4}>
                <span>{GROUP_LABELS[section.group]}</span>
                <span class="group-total">
                  {section.count} line{section.count === 1 ? '' : 's'}
                  {section.cents !== 0 ? ` · ${money(section.cents)}` : ''}
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
                Remarks (RARC)
              </th>
            </tr>
            {tally.remarks.map((row) => (
              <Row key={row.code} row={row} onOpen={onOpen} onReveal={onReveal} />
            ))}
          </tbody>
        ) : null}
      </table>
    </div>
  );
}

function Row({ row, onOpen, onReveal }: { row: TallyRow; onOpen: TallyViewProps['onOpen']; onReveal?: (code: string) => void }) {
  const tone = ROW_TONE[row.kind === 'rarc' ? 'remark' : row.bucket];
  return (
    <tr class={`row tone-${tone}`} data-code={row.code} data-bucket={row.kind === 'rarc' ? 'remark' : row.bucket}>
      <th scope="row">
        <button
          type="button"
          class="code-btn"
          onClick={(e) => (onReveal ? onReveal(row.code) : onOpen(row.code, e.currentTarget))}
          title={onReveal ? 'Show the next mention on the page' : 'Explain this code'}
        >
          {row.code}
        </button>
      </th>
      <td class="count">{row.count}</td>
      <td class="amount">{row.withAmount > 0 ? money(row.cents) : ''}</td>
      <td class="meaning">
        <button type="button" class="meaning-btn" onClick={(e) => onOpen(row.code, e.currentTarget)} title="Explain this code">
          {row.summary || 'Explain'}
        </button>
      </td>
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

/** Copy (TSV for a spreadsheet) and Download CSV: made in the browser from codes and amounts only. */
export function ExportActions({
  api,
  tally,
  filename,
  onNotice,
}: {
  api: PopupApi;
  tally: Tally;
  filename: string;
  onNotice: (text: string) => void;
}) {
  return (
    <div class="actions export">
      <button
        type="button"
        onClick={() =>
          void api.copy(tallyToTsv(tally)).then(
            () => onNotice('Copied the table: paste it into a spreadsheet.'),
            () => onNotice('Could not copy: the browser refused the clipboard.'),
          )
        }
      >
        Copy
      </button>
      <button
        type="button"
        onClick={() => {
          api.download(filename, tallyToCsv(tally), 'text/csv');
          onNotice(`Saved ${filename} (codes, counts, amounts and meanings only).`);
        }}
      >
        Download CSV
      </button>
    </div>
  );
}
