/** The toolbar popup: lookup first, then this page's tally, paste-to-decode and the legend. */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Explanation } from '@/lib/catalog/explain';
import type { PageReport } from '@/lib/messages';
import { effectiveMode, type LoadedSettings } from '@/lib/settings';
import { CodeCard } from './CodeCard';
import { DecodeBox } from './DecodeBox';
import { Lookup } from './Lookup';
import type { CannotScanReason, PageState, PopupApi } from './popup-api';
import { ExportActions, Legend, TallyView } from './TallyView';
import { useTally } from './use-tally';

/** How long to wait for a content script that was just injected, or for a reloading page. */
const SETTLE_MS = 3000;

interface Sheet {
  explanation: Explanation;
  /** Where focus goes back to when the card closes. */
  opener: HTMLElement | null;
}

export function PopupApp({ api }: { api: PopupApi }) {
  const [state, setState] = useState<PageState | null>(null);
  const [report, setReport] = useState<PageReport | null>(null);
  const [loaded, setLoaded] = useState<LoadedSettings | null>(null);
  const [sheet, setSheet] = useState<Sheet | null>(null);
  const [notice, setNotice] = useState('');
  const [revealed, setRevealed] = useState('');

  const check = useCallback(
    async (waitMs = 0) => {
      setState(await api.pageState({ waitMs }));
    },
    [api],
  );

  useEffect(() => {
    void api.loadSettings().then(setLoaded);
    void check();
  }, [api, check]);

  useEffect(() => {
    if (state?.kind !== 'ready') return undefined;
    return api.follow(setReport, () => {
      // The page navigated or reloaded: read the new one.
      setReport(null);
      setState(null);
      void check(SETTLE_MS);
    });
  }, [api, state, check]);

  const tally = useTally(api, report?.mentions ?? null);
  const settingsMode = loaded?.settings.mode ?? 'auto';
  // "auto" depends on the site, which the page knows even where the popup cannot see the URL.
  const mode = settingsMode === 'auto' ? (report?.mode ?? effectiveMode('auto', api.hostname)) : settingsMode;
  const modeLocked = loaded?.locked.includes('mode') ?? false;

  const setMode = (next: 'biller' | 'patient') => {
    if (loaded) void api.saveSettings({ mode: next }).then(setLoaded);
  };

  const openCard = async (code: string, opener: HTMLElement | null) => {
    const [explanation] = await api.explain([{ code }]);
    if (explanation) setSheet({ explanation, opener });
  };

  // Once the main view is shown again (a hidden opener cannot take focus). A layout effect, not
  // requestAnimationFrame: frames do not run while the popup's page is in the background.
  const returnFocus = useRef<HTMLElement | null>(null);
  useLayoutEffect(() => {
    const opener = returnFocus.current;
    if (sheet || !opener) return;
    returnFocus.current = null;
    if (opener.isConnected) opener.focus();
  }, [sheet]);
  const closeCard = () => {
    returnFocus.current = sheet?.opener ?? null;
    setSheet(null);
  };

  const reveal = async (code: string) => {
    const r = await api.reveal(code).catch(() => null);
    if (!r) setRevealed('The page is not answering; reload it and open Remit Lens again.');
    else
      setRevealed(
        r.found ? `${code}: mention ${r.index + 1} of ${r.total}, highlighted on the page.` : `${code} is no longer on the page.`,
      );
  };

  const annotate = async (always: boolean) => {
    setNotice('');
    const ok = always ? await api.alwaysAnnotate() : await api.annotateOnce();
    if (ok) await check(SETTLE_MS);
    else if (always) setNotice('Permission was not granted for this site.');
    else if (api.fromToolbar)
      // The toolbar click granted access to every page an extension may read: this one is off limits.
      setNotice('The browser does not let extensions read this page. Use the lookup above, or paste the text below.');
    else
      setNotice(
        'The browser did not let Remit Lens read this page. Click the Remit Lens button in the toolbar while on the page, then choose “Annotate this page”.',
      );
  };

  const unreadable: CannotScanReason | null = state?.kind === 'cannot-scan' ? state.reason : report?.unscanned === 'pdf' ? 'pdf' : null;

  return (
    <div class="popup" data-mode={mode}>
      <header class="top">
        <h1>Remit Lens</h1>
        <fieldset class="mode" disabled={modeLocked} title={modeLocked ? 'Set by your organization' : undefined}>
          <legend class="sr">Reading mode</legend>
          {(['biller', 'patient'] as const).map((m) => (
            <label key={m} class={mode === m ? 'on' : ''}>
              <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} />
              {m === 'biller' ? 'Biller' : 'Patient'}
            </label>
          ))}
        </fieldset>
      </header>

      <div class="main" hidden={sheet !== null}>
        <Lookup api={api} onOpen={(code, opener) => void openCard(code, opener)} />

        <section class="page" aria-labelledby="page-title" data-state={stateName(state, report)}>
          <h2 id="page-title">This page</h2>
          {state === null ? <p class="muted">Checking this page…</p> : null}
          {unreadable ? <CannotScan reason={unreadable} /> : null}
          {state?.kind === 'file-access' ? (
            <p class="state">
              To read saved remittance files, open <strong>chrome://extensions</strong>, choose Remit Lens → Details, and turn on{' '}
              <strong>Allow access to file URLs</strong>. Or paste the text below.
            </p>
          ) : null}
          {state?.kind === 'not-enabled' ? (
            <div class="state">
              <p>
                Remit Lens is not switched on for {state.origin ? <strong>{state.origin}</strong> : 'this site'}. It reads a page only when
                you ask.
              </p>
              <div class="actions">
                <button type="button" class="primary" data-action="annotate-once" onClick={() => void annotate(false)}>
                  Annotate this page
                </button>
                <button type="button" data-action="annotate-always" onClick={() => void annotate(true)}>
                  Always annotate this site
                </button>
              </div>
            </div>
          ) : null}
          {state?.kind === 'ready' && report === null ? <p class="muted">Reading this page…</p> : null}
          {state?.kind === 'ready' && report?.unscanned === 'site-off' ? (
            <p class="state">You switched Remit Lens off for this site. Turn it back on in the options page to mark its codes.</p>
          ) : null}
          {state?.kind === 'ready' && report && !report.unscanned ? (
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
                    onChange={(e) =>
                      void api.setMarks(e.currentTarget.checked).catch(() => setNotice('The page is not answering; reload it.'))
                    }
                  />{' '}
                  Marks on this page
                </label>
              </div>
              {report.marksOn && report.capped ? (
                <p class="state" data-testid="capped">
                  This page holds more codes than Remit Lens marks on one page: only the first {report.mentions.length} are marked and
                  counted, so the tally below is partial.
                </p>
              ) : null}
              {!report.marksOn ? (
                <p class="state">Marks are off for this page. Turn them on to mark and count its codes.</p>
              ) : report.mentions.length === 0 && !report.scanning ? (
                <p class="state">
                  No adjustment or remark codes found on this page. Codes inside images or PDFs cannot be read: type or paste them below.
                </p>
              ) : null}
              {report.marksOn && tally && tally.total > 0 ? (
                <>
                  <TallyView
                    tally={tally}
                    label="This page"
                    onReveal={(code) => void reveal(code)}
                    onOpen={(code, opener) => void openCard(code, opener)}
                  />
                  <p class="muted hint" role="status">
                    {revealed || 'Click a code to find it on the page; click its meaning for the full card.'}
                  </p>
                  <ExportActions api={api} tally={tally} filename="remit-lens-tally.csv" onNotice={setNotice} />
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

        <DecodeBox
          api={api}
          onOpen={(code, opener) => void openCard(code, opener)}
          onNotice={setNotice}
          open={unreadable !== null && unreadable !== 'no-tab'}
        />
        <Legend />
      </div>

      {sheet ? (
        <CardSheet
          explanation={sheet.explanation}
          mode={mode}
          onClose={closeCard}
          onCopy={(t) => void api.copy(t).then(() => setNotice('Copied the card.'))}
        />
      ) : null}
    </div>
  );
}

/** One name per visible state, for styling and tests. */
function stateName(state: PageState | null, report: PageReport | null): string {
  if (!state) return 'checking';
  if (state.kind !== 'ready') return state.kind === 'cannot-scan' ? `cannot-scan-${state.reason}` : state.kind;
  if (!report) return 'reading';
  if (report.unscanned) return report.unscanned === 'pdf' ? 'cannot-scan-pdf' : 'site-off';
  if (!report.marksOn) return 'marks-off';
  if (report.mentions.length === 0) return report.scanning ? 'scanning' : 'empty';
  return 'tally';
}

function CardSheet({
  explanation,
  mode,
  onClose,
  onCopy,
}: {
  explanation: Explanation;
  mode: 'biller' | 'patient';
  onClose: () => void;
  onCopy: (text: string) => void;
}) {
  const back = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => back.current?.focus(), [explanation]);
  useEffect(() => {
    // Escape closes the card wherever focus is (the mode switch sits outside it).
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        onClose();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <section class="sheet" aria-label={`${explanation.code} explained`}>
      <button type="button" class="back" ref={back} onClick={onClose}>
        ← Back
      </button>
      <CodeCard explanation={explanation} mode={mode} onCopy={onCopy} id="popup-card" />
    </section>
  );
}

function CannotScan({ reason }: { reason: CannotScanReason }) {
  const text: Record<CannotScanReason, string> = {
    pdf: 'This is a PDF in the browser’s own viewer, which extensions cannot read. Select the text in the PDF (Ctrl+A, Ctrl+C) and paste it below, or type the codes.',
    store: 'The browser does not let extensions read store pages. Use the lookup above.',
    'error-page': 'This page did not load, so there is nothing to read. Reload it, or paste remittance text below.',
    'no-tab': 'There is no page to read here. Use the lookup above, or paste remittance text below.',
    'browser-page': 'This is a browser page, which extensions cannot read. Use the lookup above, or paste remittance text below.',
  };
  return (
    <p class="state" data-reason={reason}>
      {text[reason]}
    </p>
  );
}
