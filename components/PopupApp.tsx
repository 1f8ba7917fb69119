/** The toolbar popup: lookup first, then this page's tally, paste-to-decode and the legend. */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Explanation } from '@/lib/catalog/explain';
import type { PageReport } from '@/lib/messages';
import { effectiveMode, type LoadedSettings, type ReadingMode } from '@/lib/settings';
import { CardSheet } from './CardSheet';
import { DecodeBox } from './DecodeBox';
import { Lookup } from './Lookup';
import { PageSection } from './PageSection';
import { opensPasteBox, pageView } from './page-view';
import type { PageState, PopupApi } from './popup-api';
import { ReadingContext, useReading } from './reading';
import { Legend } from './TallyView';

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
  const { wording } = useReading();
  const [x12, setX12] = useState(false);

  const check = useCallback(
    async (waitMs = 0) => {
      setState(await api.pageState({ waitMs }));
    },
    [api],
  );

  useEffect(() => {
    void api.loadSettings().then(setLoaded);
    void check();
    void api.rawX12().then(setX12, () => setX12(false));
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

  const view = pageView(state, report);
  const settingsMode = loaded?.settings.mode ?? 'auto';
  // "auto" depends on the site, which the page knows even where the popup cannot see the URL.
  const mode: ReadingMode = settingsMode === 'auto' ? (report?.mode ?? effectiveMode('auto', api.hostname)) : settingsMode;

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

  const step = async (which: 'next' | 'previous' | 'next-denial') => {
    const r = await api.step(which).catch(() => null);
    if (!r) setRevealed('The page is not answering; reload it and open Remit Lens again.');
    else if (!r.found)
      setRevealed(
        which !== 'next-denial'
          ? 'No code to go to on this page.'
          : mode === 'patient'
            ? 'Nothing unpaid on this page.'
            : 'No denial needing action on this page.',
      );
    else {
      const kind = which !== 'next-denial' ? 'code' : mode === 'patient' ? 'unpaid item' : 'denial';
      setRevealed(`${r.code ?? 'Code'}: ${kind} ${r.index} of ${r.total}, its card is open on the page.`);
    }
  };

  /** A claim, a line or one code of it, from the tally: found and shown on the page. */
  const go = async (key: string, code: string, what: string) => {
    const r = await api.reveal(code, key).catch(() => null);
    if (!r) setRevealed('The page is not answering; reload it and open Remit Lens again.');
    else setRevealed(wording.text(r.found ? 'tally.go-found' : 'tally.go-gone', mode, { what }));
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

  const page = (
    <div class="popup" data-mode={mode}>
      <header class="top">
        <h1>Remit Lens</h1>
        <ModeSwitch
          mode={mode}
          locked={loaded?.locked.includes('mode') ?? false}
          onChange={(next) => loaded && void api.saveSettings({ mode: next }).then(setLoaded)}
        />
      </header>

      {/* One main landmark for everything below the header: the popup's views and the card sheet. */}
      <main>
        <div class="main" hidden={sheet !== null}>
          <Lookup api={api} onOpen={(code, opener) => void openCard(code, opener)} />
          {x12 ? (
            <section class="reader-offer" aria-label="835 reader">
              <p>This page shows a raw 835 remittance.</p>
              <button type="button" class="primary" data-action="open-reader" onClick={() => void api.openReader(true)}>
                Open in reader
              </button>
              <span class="muted"> claims, balances and next steps, read in a tab of its own</span>
            </section>
          ) : null}
          <PageSection
            view={view}
            api={api}
            notice={notice}
            revealed={revealed}
            onAnnotate={(always) => void annotate(always)}
            onMarks={(on) => void api.setMarks(on).catch(() => setNotice('The page is not answering; reload it.'))}
            onReveal={(code) => void reveal(code)}
            onStep={(which) => void step(which)}
            mode={mode}
            onGo={(key, code, what) => void go(key, code, what)}
            onOpen={(code, opener) => void openCard(code, opener)}
            onNotice={setNotice}
          />
          <DecodeBox api={api} onOpen={(code, opener) => void openCard(code, opener)} onNotice={setNotice} open={opensPasteBox(view)} />
          <Legend />
          <p class="reader-link">
            <button type="button" class="link" data-action="open-reader-empty" onClick={() => void api.openReader(false)}>
              Open an 835 file in the reader
            </button>
          </p>
        </div>

        {sheet ? (
          <CardSheet
            explanation={sheet.explanation}
            mode={mode}
            onClose={closeCard}
            onCopy={(t) => void api.copy(t).then(() => setNotice('Copied the card.'))}
          />
        ) : null}
      </main>
    </div>
  );
  // The tally and the legend speak in the popup's mode.
  return <ReadingContext.Provider value={{ mode, wording }}>{page}</ReadingContext.Provider>;
}

function ModeSwitch({ mode, locked, onChange }: { mode: ReadingMode; locked: boolean; onChange(mode: ReadingMode): void }) {
  return (
    <fieldset class="mode" disabled={locked} title={locked ? 'Set by your organization' : undefined}>
      <legend class="sr">Reading mode</legend>
      {(['biller', 'patient'] as const).map((m) => (
        <label key={m} class={mode === m ? 'on' : ''}>
          <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => onChange(m)} />
          {m === 'biller' ? 'Biller' : 'Patient'}
        </label>
      ))}
    </fieldset>
  );
}
