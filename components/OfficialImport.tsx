/**
 * Options-page section: import the official X12 code list the user is licensed for, see what is
 * loaded, remove it. All browser access goes through `api` (entrypoints/options/official.ts).
 */
import { useEffect, useState } from 'preact/hooks';
import {
  type OfficialImportApi,
  type OfficialKind,
  type OfficialKindChoice,
  type OfficialStatus,
  statusLine,
} from '@/lib/catalog/official-import';

export interface OfficialImportProps {
  api: OfficialImportApi;
}

type Notice = { tone: 'busy'; text: string } | { tone: 'ok'; text: string; warnings: string[] } | { tone: 'error'; text: string };

const KIND_LABEL: Record<OfficialKind, string> = { carc: 'CARC', rarc: 'RARC' };
const UNCHANGED = 'The official wording in use was not changed.';

export function OfficialImport({ api }: OfficialImportProps) {
  const [status, setStatus] = useState<OfficialStatus>({ lists: [] });
  const [kind, setKind] = useState<OfficialKindChoice>('auto');
  const [notice, setNotice] = useState<Notice | undefined>();
  const busy = notice?.tone === 'busy';

  useEffect(() => {
    api.status().then(setStatus, () => setNotice({ tone: 'error', text: 'The imported official wording could not be read.' }));
  }, [api]);

  async function onFile(input: HTMLInputElement) {
    const file = input.files?.[0];
    if (!file) return;
    setNotice({ tone: 'busy', text: `Checking ${file.name}…` });
    try {
      const outcome = await api.importFile(file, kind);
      if (outcome.ok) {
        setStatus(outcome.status);
        // The list below says what is loaded; the notice confirms this file and carries its warnings.
        setNotice({ tone: 'ok', text: `Imported ${outcome.fileName}.`, warnings: outcome.warnings });
      } else {
        setNotice({ tone: 'error', text: `Could not import ${file.name}. ${outcome.error} ${UNCHANGED}` });
      }
    } catch {
      setNotice({ tone: 'error', text: `Could not import ${file.name}. ${UNCHANGED}` });
    } finally {
      // Lets the user pick the same file again after fixing it.
      input.value = '';
    }
  }

  async function onRemove(listKind: OfficialKind) {
    try {
      setStatus(await api.remove(listKind));
      setNotice({ tone: 'ok', text: `Official ${KIND_LABEL[listKind]} wording removed; cards show our own wording.`, warnings: [] });
    } catch {
      setNotice({ tone: 'error', text: `Could not remove the official ${KIND_LABEL[listKind]} wording.` });
    }
  }

  return (
    <section class="official-import" aria-labelledby="official-import-title">
      <h2 id="official-import-title">Official X12 wording</h2>
      <p class="hint">
        If your organisation is licensed for the X12 code lists, import the official CARC or RARC list: X12’s CSV download, or a
        tab-separated file with Code and Description columns. The official descriptions then show beside our own wording. The file stays in
        this browser.
      </p>
      <div class="official-import-controls">
        <label>
          List{' '}
          <select value={kind} disabled={busy} onChange={(e) => setKind(e.currentTarget.value as OfficialKindChoice)}>
            <option value="auto">Detect from the codes</option>
            <option value="carc">CARC: claim adjustment reasons</option>
            <option value="rarc">RARC: remark codes</option>
          </select>
        </label>{' '}
        <label>
          Code list file{' '}
          <input
            type="file"
            accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values,text/plain"
            disabled={busy}
            onChange={(e) => void onFile(e.currentTarget)}
          />
        </label>
      </div>
      <div role="status" aria-live="polite" class="official-import-status">
        {notice && notice.tone !== 'error' ? <p class={`notice ${notice.tone}`}>{notice.text}</p> : null}
        {notice?.tone === 'ok' && notice.warnings.length > 0 ? (
          <ul class="warnings" aria-label="Warnings">
            {notice.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        ) : null}
      </div>
      {notice?.tone === 'error' ? (
        <p role="alert" class="notice error">
          {notice.text}
        </p>
      ) : null}
      {status.lists.length > 0 ? (
        <ul class="official-lists" aria-label="Imported official lists">
          {status.lists.map((list) => (
            <li key={list.kind} data-kind={list.kind}>
              <span>{statusLine(list)}</span>{' '}
              <button
                type="button"
                disabled={busy}
                onClick={() => onRemove(list.kind)}
                aria-label={`Remove the official ${KIND_LABEL[list.kind]} wording`}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p class="none">No official wording imported: cards show our own wording only.</p>
      )}
    </section>
  );
}
