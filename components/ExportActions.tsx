/**
 * Copy (the tally by code, tab-separated, for a spreadsheet) and Download CSV (one row per adjustment
 * with its claim and line position, group, reason, amount, remarks and meaning, then totals rows: the
 * model's CSV, lib/remit/csv.ts). Made in the browser; claim and account numbers only when the user
 * ticks the box (off by default), read from the page at that moment and never kept.
 */
import { useState } from 'preact/hooks';
import { plbMeaning } from '@/lib/catalog/plb';
import { shippedPlb } from '@/lib/catalog/plb-data';
import { shippedSequestration } from '@/lib/catalog/sequestration-data';
import { checkRemittance } from '@/lib/remit/checks';
import { remittanceCsv } from '@/lib/remit/csv';
import { withIdentifiers } from '@/lib/remit/from-page';
import type { ClaimIdentifiers } from '@/lib/remit/page-facts';
import { tallyToTsv } from '@/lib/tally';
import type { PopupApi } from './popup-api';
import { useReading } from './reading';
import type { TallyResult } from './use-tally';

export interface ExportActionsProps {
  /** The popup's or the reader's: both copy and download in the extension page. */
  api: Pick<PopupApi, 'copy' | 'download'>;
  result: TallyResult;
  filename: string;
  onNotice: (text: string) => void;
  /** Where the claim and account numbers come from, when the source has any to give (the page, a pasted 835). */
  identifiers?: () => Promise<ClaimIdentifiers[]>;
}

export function ExportActions({ api, result, filename, onNotice, identifiers }: ExportActionsProps) {
  const { mode, wording: w } = useReading();
  const [withIds, setWithIds] = useState(false);
  const meaning = (code: string) => {
    if (code.startsWith('PLB ')) {
      const record = plbMeaning(shippedPlb(), code.slice(4));
      return `${record.name}. ${record.summary}`;
    }
    return result.explanations.get(code)?.summary;
  };
  const download = async () => {
    const ids = withIds && identifiers ? await identifiers().catch(() => []) : undefined;
    const remits = ids ? withIdentifiers(result.remits, ids) : result.remits;
    const csv = remittanceCsv(remits, undefined, {
      identifiers: ids !== undefined,
      patientNames: false,
      numberAcross: true,
      totals: true,
      meaning,
      checks: remits.map((r) => checkRemittance(r, shippedSequestration())),
    });
    api.download(filename, csv, 'text/csv');
    onNotice(w.text(ids ? 'export.saved-ids' : 'export.saved', mode, { file: filename }));
  };
  return (
    <div class="actions export">
      <button
        type="button"
        data-action="export-copy"
        onClick={() =>
          void api.copy(tallyToTsv(result.tally, w)).then(
            () => onNotice(w.text('export.copied', mode)),
            () => onNotice(w.text('export.copy-failed', mode)),
          )
        }
      >
        {w.text('export.copy', mode)}
      </button>
      <button type="button" data-action="export-csv" onClick={() => void download()}>
        {w.text('export.download', mode)}
      </button>
      {identifiers ? (
        <label class="toggle with-ids">
          <input type="checkbox" data-testid="with-ids" checked={withIds} onChange={(e) => setWithIds(e.currentTarget.checked)} />{' '}
          {w.text('export.identifiers', mode)}
        </label>
      ) : null}
    </div>
  );
}
