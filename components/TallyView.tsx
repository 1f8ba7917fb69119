/** The adjustments: bucket totals, then one row per code grouped by group code, then remarks. Words from the wording data, in the popup's mode. */

import { formatMoney as money } from '@/lib/amount';
import type { Tone } from '@/lib/catalog/categories';
import type { TextKey, Wording } from '@/lib/catalog/wording';
import { BUCKET_ORDER, bucketLabel, groupLabel, groupSections, type Tally, type TallyRow, tallyToCsv, tallyToTsv } from '@/lib/tally';
import type { PopupApi } from './popup-api';
import { useReading } from './reading';

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

const lines = (w: Wording, n: number, mode: 'biller' | 'patient') => w.text(n === 1 ? 'tally.lines-one' : 'tally.lines-many', mode, { n });

export function TallyView({ tally, onOpen, onReveal, label }: TallyViewProps) {
  const { mode, wording: w } = useReading();
  const buckets = BUCKET_ORDER.filter((b) => tally.buckets[b].count > 0);
  const { checked, matched } = tally.sequestration;
  const checkKey: TextKey = checked === 1 ? (matched === 1 ? 'tally.check-one-ok' : 'tally.check-one-off') : 'tally.check-many';
  return (
    <div class="tally">
      <ul class="buckets" aria-label={w.text('tally.totals', mode, { label })}>
        {buckets.map((b) => (
          <li key={b} class={`bucket tone-${BUCKET_TONE[b]}`} data-bucket={b}>
            <span class="bucket-label">{bucketLabel(b, mode, w)}</span>
            <span class="bucket-value">
              <span class="bucket-amount">{money(tally.buckets[b].cents)}</span>{' '}
              <span class="bucket-count">{lines(w, tally.buckets[b].count, mode)}</span>
            </span>
            {b === 'sequestration' && checked > 0 ? (
              <span class={`bucket-note ${matched === checked ? 'ok' : 'off'}`} data-testid="seq-check">
                {w.text(checkKey, mode, { matched, checked })}
              </span>
            ) : null}
          </li>
        ))}
      </ul>
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
                  {lines(w, section.count, mode)}
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
                {w.text('tally.remarks', mode)}
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
      <td class="amount">{row.withAmount > 0 ? money(row.cents) : ''}</td>
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
  const { mode, wording: w } = useReading();
  return (
    <div class="actions export">
      <button
        type="button"
        onClick={() =>
          void api.copy(tallyToTsv(tally, w)).then(
            () => onNotice(w.text('export.copied', mode)),
            () => onNotice(w.text('export.copy-failed', mode)),
          )
        }
      >
        {w.text('export.copy', mode)}
      </button>
      <button
        type="button"
        onClick={() => {
          api.download(filename, tallyToCsv(tally, w), 'text/csv');
          onNotice(w.text('export.saved', mode, { file: filename }));
        }}
      >
        {w.text('export.download', mode)}
      </button>
    </div>
  );
}
