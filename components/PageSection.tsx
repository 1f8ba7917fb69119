/** The popup's "This page" section: one small component per view (components/page-view.ts). */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { PageReport } from '@/lib/messages';
import type { ReadingMode } from '@/lib/settings';
import { ExportActions } from './ExportActions';
import type { PageView } from './page-view';
import { viewName } from './page-view';
import type { CannotScanReason, PopupApi } from './popup-api';
import { TallyView } from './TallyView';
import { useTally } from './use-tally';

export interface PageSectionProps {
  view: PageView;
  api: PopupApi;
  /** A message for the reader (after an action), shown under the section's content. */
  notice: string;
  /** What the last "find it on the page" found. */
  revealed: string;
  onAnnotate(always: boolean): void;
  onMarks(on: boolean): void;
  onReveal(code: string): void;
  /** Next/previous code or next denial on the page, its card opened there. */
  onStep(step: 'next' | 'previous' | 'next-denial'): void;
  mode: ReadingMode;
  /** Goes to a claim or a line on the page (its key), or to one code of it. */
  onGo(key: string, code: string, what: string): void;
  onOpen(code: string, opener: HTMLElement): void;
  onNotice(text: string): void;
}

export function PageSection(props: PageSectionProps) {
  const { view, notice } = props;
  return (
    <section class="page" aria-labelledby="page-title" data-state={viewName(view)}>
      <h2 id="page-title">This page</h2>
      <ViewBody {...props} />
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
    </section>
  );
}

function ViewBody(props: PageSectionProps) {
  const { view } = props;
  switch (view.kind) {
    case 'checking':
      return <p class="muted">Checking this page…</p>;
    case 'cannot-scan':
      return <CannotScan reason={view.reason} api={props.api} />;
    case 'file-access':
      return <FileAccess />;
    case 'not-enabled':
      return <NotEnabled origin={view.origin} onAnnotate={props.onAnnotate} />;
    case 'reading':
      return <p class="muted">Reading this page…</p>;
    case 'site-off':
      return <p class="state">You switched Remit Lens off for this site. Turn it back on in the options page to mark its codes.</p>;
    case 'marks-off':
      return (
        <PageBar report={view.report} onMarks={props.onMarks}>
          <p class="state">Marks are off for this page. Turn them on to mark and count its codes.</p>
        </PageBar>
      );
    case 'scanning':
      return <PageBar report={view.report} onMarks={props.onMarks} />;
    case 'empty':
      return (
        <PageBar report={view.report} onMarks={props.onMarks}>
          <p class="state">
            No adjustment or remark codes found on this page. Codes inside images or PDFs cannot be read: type or paste them below.
          </p>
        </PageBar>
      );
    case 'tally':
      return (
        <PageBar report={view.report} onMarks={props.onMarks}>
          {view.report.marksOn ? <CodeWalk mode={props.mode} onStep={props.onStep} /> : null}
          <PageTally {...props} report={view.report} />
        </PageBar>
      );
  }
}

const CANNOT_SCAN: Record<CannotScanReason, string> = {
  pdf: 'This is a PDF in the browser’s own viewer, which extensions cannot read in place. Open it in Remit Lens to see its codes marked and tallied, or select its text (Ctrl+A, Ctrl+C) and paste it below.',
  'scanned-pdf':
    'This PDF is a scan: its pages are pictures, with no text Remit Lens can read. Ask the payer for the electronic remittance (ERA/835 file), or type the codes you see into the lookup above.',
  'unreadable-pdf': 'The reader could not open this document (it says why). Open another file there, or paste remittance text below.',
  'reader-empty': 'No document is open in this reader tab yet. Open an 835 or PDF file there, or use the lookup above.',
  store: 'The browser does not let extensions read store pages. Use the lookup above.',
  'error-page': 'This page did not load, so there is nothing to read. Reload it, or paste remittance text below.',
  'no-tab': 'There is no page to read here. Use the lookup above, or paste remittance text below.',
  'browser-page': 'This is a browser page, which extensions cannot read. Use the lookup above, or paste remittance text below.',
};

function CannotScan({ reason, api }: { reason: CannotScanReason; api: PopupApi }) {
  const text = (
    <p class="state" data-reason={reason}>
      {CANNOT_SCAN[reason]}
    </p>
  );
  const open = api.openPdfInReader;
  if (reason !== 'pdf' || !open) return text;
  return (
    <>
      {text}
      <div class="actions">
        <button type="button" class="primary" data-action="open-pdf" onClick={() => void open()}>
          Open in Remit Lens
        </button>
      </div>
      <PdfSiteOption api={api} />
    </>
  );
}

/** "Always open this site's PDFs in Remit Lens": off by default, one site at a time, on the user's click. */
function PdfSiteOption({ api }: { api: PopupApi }) {
  const [site, setSite] = useState<{ origin: string; on: boolean } | undefined>(undefined);
  const [note, setNote] = useState('');
  useEffect(() => {
    void api.pdfSite?.().then(setSite, () => setSite(undefined));
  }, [api]);
  const always = api.alwaysOpenPdfs;
  if (!site || !always) return null;
  if (!site.on && !canKeepOn(site.origin)) return null;
  if (site.on) {
    return (
      <p class="muted" data-testid="pdf-site-on">
        PDFs from {site.origin} open in Remit Lens by themselves (turn this off on the options page).
      </p>
    );
  }
  return (
    <div class="actions">
      <button
        type="button"
        data-action="always-open-pdfs"
        onClick={() =>
          void always().then((ok) => {
            if (ok) setSite({ ...site, on: true });
            else setNote('Permission was not granted for this site.');
          })
        }
      >
        Always open PDFs from this site in Remit Lens
      </button>
      {note ? <p class="muted">{note}</p> : null}
    </div>
  );
}

function FileAccess() {
  return (
    <p class="state">
      To read saved remittance files, open <strong>chrome://extensions</strong>, choose Remit Lens → Details, and turn on{' '}
      <strong>Allow access to file URLs</strong>. Or paste the text below.
    </p>
  );
}

/**
 * Only https:// sites can be kept on, for pages and for PDFs (the extension asks for no http:// access);
 * the e2e build's test hosts are http (wxt.config.ts).
 */
const canKeepOn = (origin: string | undefined) => !origin?.startsWith('http://') || import.meta.env.MODE === 'e2e';

function NotEnabled({ origin, onAnnotate }: { origin: string | undefined; onAnnotate(always: boolean): void }) {
  return (
    <div class="state">
      <p>Remit Lens is not switched on for {origin ? <strong>{origin}</strong> : 'this site'}. It reads a page only when you ask.</p>
      <div class="actions">
        <button type="button" class="primary" data-action="annotate-once" onClick={() => onAnnotate(false)}>
          Annotate this page
        </button>
        {canKeepOn(origin) ? (
          <button type="button" data-action="annotate-always" onClick={() => onAnnotate(true)}>
            Always annotate this site
          </button>
        ) : null}
      </div>
    </div>
  );
}

/**
 * Walks the page's codes from the popup, as the keyboard commands do (Alt+Shift+. and , and D by
 * default): each press focuses the code on the page and opens its card there.
 */
function CodeWalk({ mode, onStep }: { mode: ReadingMode; onStep(step: 'next' | 'previous' | 'next-denial'): void }) {
  return (
    <nav class="code-walk" aria-label="Go to a code on the page">
      <button type="button" data-action="step-previous" onClick={() => onStep('previous')}>
        ‹ Previous code
      </button>
      <button type="button" data-action="step-next" onClick={() => onStep('next')}>
        Next code ›
      </button>
      <button type="button" data-action="step-next-denial" onClick={() => onStep('next-denial')}>
        {mode === 'patient' ? 'Next unpaid item' : 'Next denial'}
      </button>
    </nav>
  );
}

/** The code count and the marks switch, above whatever the page's view shows. */
function PageBar({ report, onMarks, children }: { report: PageReport; onMarks(on: boolean): void; children?: ComponentChildren }) {
  const n = report.mentions.length;
  return (
    <>
      <div class="page-bar">
        <span data-testid="code-count">
          {n} code{n === 1 ? '' : 's'} {report.scanning ? 'found so far' : 'on this page'}
        </span>
        <label class="toggle">
          <input type="checkbox" checked={report.marksOn} onChange={(e) => onMarks(e.currentTarget.checked)} /> Marks on this page
        </label>
      </div>
      {report.scanning ? (
        <div class="scan-progress" data-testid="scan-progress">
          <progress max={100} value={Math.round((report.progress ?? 0) * 100)} aria-label="Reading this page" />
          <span class="muted">Reading this page: {Math.round((report.progress ?? 0) * 100)}%, the tally fills in as it goes</span>
        </div>
      ) : null}
      {report.marksOn && report.capped ? (
        <p class="state" data-testid="capped">
          This page holds more codes than Remit Lens marks on one page: only the first {n} are marked and counted, so the tally below is
          partial.
        </p>
      ) : null}
      {children}
    </>
  );
}

function PageTally(props: PageSectionProps & { report: PageReport }) {
  const result = useTally(props.api, props.report);
  if (!result || result.tally.total === 0) return null;
  return (
    <>
      <TallyView tally={result.tally} label="This page" onReveal={props.onReveal} onGo={props.onGo} onOpen={props.onOpen} />
      <p class="muted hint" role="status">
        {props.revealed || 'Click a code to find it on the page; click its meaning for the full card.'}
      </p>
      <ExportActions
        api={props.api}
        result={result}
        filename="remit-lens-tally.csv"
        onNotice={props.onNotice}
        identifiers={() => props.api.identifiers()}
      />
    </>
  );
}
