/** The toolbar popup: lookup first, then this page's tally, paste-to-decode and the legend. */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Explanation } from '@/lib/catalog/explain';
import type { PageReport } from '@/lib/messages';
import { effectiveMode, type LoadedSettings } from '@/lib/settings';
import { tallyToCsv, tallyToTsv } from '@/lib/tally';
import { CodeCard } from './CodeCard';
import { DecodeBox } from './DecodeBox';
import { Lookup } from './Lookup';
import type { PageState, PopupApi } from './popup-api';
import { Legend, TallyView } from './TallyView';
import { useTally } from './use-tally';

export function PopupApp({ api }: { api: PopupApi }) {
  const [state, setState] = useState<PageState | null>(null);
  const [report, setReport] = useState<PageReport | null>(null);
  const [loaded, setLoaded] = useState<LoadedSettings | null>(null);
  const [card, setCard] = useState<Explanation | null>(null);
  const [notice, setNotice] = useState('');

  useEffect(() => {
    void api.loadSettings().then(setLoaded);
    void api.pageState().then(setState);
  }, [api]);

  useEffect(() => (state?.kind === 'ready' ? api.follow(setReport) : undefined), [api, state]);

  const mentions = useMemo(() => report?.mentions ?? null, [report]);
  const tally = useTally(api, mentions);
  const mode = loaded ? effectiveMode(loaded.settings.mode, api.hostname) : 'biller';
  const modeLocked = loaded?.locked.includes('mode') ?? false;

  const setMode = (next: 'biller' | 'patient') => {
    if (loaded) void api.saveSettings({ mode: next }).then(setLoaded);
  };

  const openCard = async (code: string) => {
    const [e] = await api.explain([{ code }]);
    if (e) setCard(e);
  };

  const annotate = async (always: boolean) => {
    const ok = always ? await api.alwaysAnnotate() : await api.annotateOnce();
    if (ok) setState(await api.pageState());
    else setNotice(always ? 'Permission was not granted for this site.' : 'This page could not be annotated.');
  };

  return (
    <main class="popup" data-mode={mode}>
      <header class="top">
        <h1>Remit Lens</h1>
        <fieldset class="mode" disabled={modeLocked}>
          <legend class="sr">Reading mode</legend>
          {(['biller', 'patient'] as const).map((m) => (
            <label key={m} class={mode === m ? 'on' : ''}>
              <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
              {m === 'biller' ? 'Biller' : 'Patient'}
            </label>
          ))}
        </fieldset>
      </header>

      <Lookup api={api} mode={mode} />

      <section class="page" aria-label="This page">
        <h2>This page</h2>
        {state === null ? <p class="muted">Checking this page…</p> : null}
        {state?.kind === 'cannot-scan' ? <CannotScan reason={state.reason} /> : null}
        {state?.kind === 'file-access' ? (
          <p class="state" data-state="file-access">
            To read saved remittance files, open <strong>chrome://extensions</strong>, choose Remit Lens → Details, and turn on{' '}
            <strong>Allow access to file URLs</strong>. Or paste the text below.
          </p>
        ) : null}
        {state?.kind === 'not-enabled' ? (
          <div class="state" data-state="not-enabled">
            <p>Remit Lens is not switched on for {state.origin}.</p>
            <div class="actions">
              <button type="button" class="primary" onClick={() => void annotate(false)}>
                Annotate this page
              </button>
              <button type="button" onClick={() => void annotate(true)}>
                Always annotate this site
              </button>
            </div>
          </div>
        ) : null}
        {state?.kind === 'ready' && report ? (
          <>
            <div class="page-bar">
              <span data-testid="code-count">
                {report.scanning ? 'Scanning… ' : ''}
                {report.mentions.length} code{report.mentions.length === 1 ? '' : 's'} on this page
              </span>
              <label class="toggle">
                <input
                  type="checkbox"
                  checked={report.marksOn}
                  onChange={(e) => void api.setMarks((e.target as HTMLInputElement).checked)}
                />{' '}
                Marks
              </label>
            </div>
            {report.mentions.length === 0 && !report.scanning ? (
              <p class="state" data-state="empty">
                {report.marksOn ? 'No adjustment or remark codes found on this page.' : 'Marks are off for this page.'}
              </p>
            ) : null}
            {tally && tally.total > 0 ? (
              <>
                <TallyView tally={tally} onReveal={(code) => void api.reveal(code)} />
                <div class="actions">
                  <button type="button" onClick={() => void api.copy(tallyToTsv(tally)).then(() => setNotice('Copied the table.'))}>
                    Copy
                  </button>
                  <button type="button" onClick={() => api.download('remit-lens-tally.csv', tallyToCsv(tally), 'text/csv')}>
                    Download CSV
                  </button>
                </div>
              </>
            ) : null}
          </>
        ) : null}
        {notice ? (
          <p class="notice" role="status">
            {notice}
          </p>
        ) : null}
      </section>

      {card ? (
        <section class="popup-card" aria-label="Code details">
          <CodeCard explanation={card} mode={mode} onCopy={(t) => void api.copy(t)} id="popup-card" />
          <button type="button" onClick={() => setCard(null)}>
            Close
          </button>
        </section>
      ) : null}

      <DecodeBox api={api} onOpen={(code) => void openCard(code)} />
      <Legend />
    </main>
  );
}

function CannotScan({ reason }: { reason: 'browser-page' | 'pdf' | 'store' | 'no-tab' }) {
  const text =
    reason === 'pdf'
      ? 'PDF files open in the browser’s own viewer, which extensions cannot read. Copy the codes or the text from the PDF and paste them below.'
      : reason === 'store'
        ? 'The browser does not let extensions read store pages.'
        : reason === 'no-tab'
          ? 'There is no page to read in this tab.'
          : 'This is a browser page, which extensions cannot read. Use the lookup above, or paste remittance text below.';
  return (
    <p class="state" data-state="cannot-scan">
      {text}
    </p>
  );
}
