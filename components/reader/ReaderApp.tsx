/**
 * The reader page: open a remittance (file picker, drag and drop, paste, ?file=URL, or a tab the popup
 * sends). An 835 is read in slices with a progress bar and shown as payments, the summary and checks,
 * and every claim with its lines, adjustments and remarks as marks that open the code card. A PDF is
 * shown with pdf.js, its codes marked in its text layer, its tally beside it (PdfView). The popup on
 * this tab gets the document's tally as it gets a page's. Nothing is stored: the file lives in this
 * tab's memory until the tab closes or another is opened.
 */
import type { VNode } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { formatCents } from '@/lib/amount';
import type { ExplainInput, Explanation } from '@/lib/catalog/explain';
import { plbMeaning } from '@/lib/catalog/plb';
import { shippedPlb } from '@/lib/catalog/plb-data';
import { shippedSequestration } from '@/lib/catalog/sequestration-data';
import { type PageMention, type PageReport, toPageMention } from '@/lib/messages';
import { looksLikePdf } from '@/lib/pdf/load';
import { serviceDateOf } from '@/lib/remit/checks';
import { remittanceCsv } from '@/lib/remit/csv';
import { nextSteps } from '@/lib/remit/next-steps';
import { CLAIM_REPORTS, type ClaimReport, claimMatches, searchWords } from '@/lib/remit/report';
import type { ReadingMode } from '@/lib/settings';
import { looksLikeX12 } from '@/lib/x12/tokenize';
import { ClaimList } from './ClaimList';
import { ClaimView } from './ClaimView';
import { MarkCard, type MarkContext } from './MarkCard';
import { PdfView } from './PdfView';
import { paymentText, RemittanceView } from './RemittanceView';
import type { ReaderApi, ReaderStart } from './reader-api';
import { type ClaimEntry, Reading, type SeenTraces } from './reading';
import { SummaryView } from './Summary';
import { usePdf } from './use-pdf';

/** Larger texts are refused: no remittance is this big, and the tab would run out of memory. */
export const MAX_BYTES = 200 * 1024 * 1024;
/** Each slice of reading runs about this long before the page gets a turn. */
const SLICE_MS = 12;

type Phase =
  | { kind: 'empty' }
  | { kind: 'loading'; name: string; loaded: number; total: number | undefined }
  | { kind: 'reading'; name: string }
  | { kind: 'done'; name: string }
  /** `access`: the site the reader may not read from, which the user can allow (their click asks). */
  | { kind: 'failed'; name: string; message: string; access?: { url: string; origin: string } };

/** Traces opened in this tab (module memory: gone with the tab, never stored). */
const seenTraces: SeenTraces = new Map();

const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function setState(busy: boolean): void {
  document.documentElement.setAttribute('data-remit-lens-state', busy ? 'scanning' : 'idle');
}

export function ReaderApp({ api, start }: { api: ReaderApi; start: ReaderStart }) {
  const [phase, setPhase] = useState<Phase>({ kind: 'empty' });
  const [reading, setReading] = useState<Reading | null>(null);
  const [version, setVersion] = useState(0);
  const [progress, setProgress] = useState(0);
  const [explanations, setExplanations] = useState<ReadonlyMap<string, Explanation>>(new Map());
  const [mode, setMode] = useState<ReadingMode>('biller');
  const [query, setQuery] = useState('');
  const [report, setReport] = useState<ClaimReport>('all');
  const [identifiers, setIdentifiers] = useState(false);
  const [printing, setPrinting] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [pasted, setPasted] = useState('');
  const [notice, setNotice] = useState('');
  const [marksOn, setMarksOn] = useState(true);
  /** Bumped to try the ?file= address again (after the user allowed its site). */
  const [attempt, setAttempt] = useState(0);
  const run = useRef(0);
  const main = useRef<HTMLElement>(null);
  const claimsHeading = useRef<HTMLHeadingElement>(null);
  const asked = useRef(new Set<string>());
  const plb = shippedPlb();

  useEffect(() => {
    void api.mode().then(setMode, () => undefined);
  }, [api]);

  /** Asks the background for the meaning of codes not asked about yet (one round trip per batch). */
  const learn = useCallback(
    (codes: Iterable<string>) => {
      const fresh = [...codes].filter((c) => !asked.current.has(c));
      if (fresh.length === 0) return;
      for (const c of fresh) asked.current.add(c);
      void api.explain(fresh.map((code) => ({ code }))).then(
        (answers) =>
          setExplanations((prev) => {
            const next = new Map(prev);
            answers.forEach((e, i) => {
              const code = fresh[i];
              if (code) next.set(code, e);
            });
            return next;
          }),
        () => undefined,
      );
    },
    [api],
  );

  const pdfs = usePdf(api, learn);
  const closePdf = pdfs.close;
  const readPdf = pdfs.read;

  const open = useCallback(
    async (name: string, text: string) => {
      const id = ++run.current;
      closePdf();
      setState(true);
      setNotice('');
      setQuery('');
      setReport('all');
      if (text.length > MAX_BYTES) {
        setPhase({ kind: 'failed', name, message: `This file is too large to read here (${Math.round(text.length / 1048576)} MB).` });
        setReading(null);
        setState(false);
        return;
      }
      const r = new Reading(text, name, shippedSequestration(), seenTraces);
      setReading(r);
      setPhase({ kind: 'reading', name });
      setProgress(0);
      let first = true;
      try {
        for (;;) {
          const done = r.slice(SLICE_MS);
          if (id !== run.current) return;
          setVersion((v) => v + 1);
          setProgress(r.progress);
          if (first || done) learn(r.codes);
          first = false;
          if (done) break;
          await yieldToPage();
          if (id !== run.current) return;
        }
      } catch (error) {
        // The parser never throws; a fault in the checks or totals must not leave the page "reading" forever.
        setPhase({
          kind: 'failed',
          name,
          message: `Reading stopped on an unexpected fault (${error instanceof Error ? error.message : String(error)}).`,
        });
        setState(false);
        return;
      }
      learn(r.codes);
      setPhase({ kind: 'done', name });
      setState(false);
    },
    [learn, closePdf],
  );

  /** A PDF: every page's text read (the tally), pages painted as they come near the viewport. */
  const openPdf = useCallback(
    async (name: string, bytes: Uint8Array) => {
      const id = ++run.current;
      setState(true);
      setNotice('');
      setReading(null);
      setPhase({ kind: 'reading', name });
      setProgress(0);
      const live = () => id === run.current;
      const result = await readPdf(name, bytes, live, setProgress);
      if (!live()) return;
      setPhase(result.ok ? { kind: 'done', name } : { kind: 'failed', name, message: result.message });
      setState(false);
    },
    [readPdf],
  );

  /**
   * Bytes from a file, a URL or a tab: a PDF by its header, else text (an 835, any ASCII-compatible
   * encoding); a file named .pdf that is no PDF is said to be damaged, not read as an 835.
   */
  const openBytes = useCallback(
    async (name: string, bytes: Uint8Array) => {
      if (looksLikePdf(bytes)) return openPdf(name, bytes);
      if (/\.pdf$/i.test(name)) {
        ++run.current;
        closePdf();
        setReading(null);
        setPhase({ kind: 'failed', name, message: NOT_A_PDF });
        setState(false);
        return;
      }
      return open(name, new TextDecoder().decode(bytes));
    },
    [open, openPdf, closePdf],
  );

  const openFile = useCallback(
    async (file: File) => {
      if (file.size > MAX_BYTES) {
        setPhase({
          kind: 'failed',
          name: file.name,
          message: `This file is too large to read here (${Math.round(file.size / 1048576)} MB).`,
        });
        return;
      }
      setState(true);
      setPhase({ kind: 'loading', name: file.name, loaded: 0, total: file.size });
      try {
        await openBytes(file.name, new Uint8Array(await file.arrayBuffer()));
      } catch {
        setPhase({ kind: 'failed', name: file.name, message: 'The browser could not read this file.' });
        setState(false);
      }
    },
    [openBytes],
  );

  // What the page was opened with: a URL (?file=) or a tab the popup sends (?tab=).
  useEffect(() => {
    if (start.kind === 'none') {
      setState(false);
      return undefined;
    }
    const controller = new AbortController();
    setState(true);
    if (start.kind === 'url') {
      const name = nameOf(start.url);
      setPhase({ kind: 'loading', name, loaded: 0, total: undefined });
      void loadUrl(api, start, controller.signal, (loaded, total) => setPhase({ kind: 'loading', name, loaded, total })).then(
        async (loaded) => {
          if (controller.signal.aborted) return;
          if (loaded.ok) await openBytes(name, loaded.bytes);
          else {
            setPhase({ kind: 'failed', name, message: loaded.message, ...(loaded.access ? { access: loaded.access } : {}) });
            setState(false);
          }
        },
      );
    } else {
      const name = 'the page you were reading';
      setPhase({ kind: 'loading', name, loaded: 0, total: undefined });
      api.readTab(start.tabId).then(
        (text) => open(name, text),
        () => {
          setPhase({
            kind: 'failed',
            name,
            message: 'That page could not be read again (it was closed or has moved on). Open the file here instead, or paste its text.',
          });
          setState(false);
        },
      );
    }
    return () => controller.abort();
  }, [api, start, open, openBytes, attempt]);

  // Drag and drop anywhere on the page; paste anywhere outside a text field.
  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');
    document.addEventListener(
      'dragover',
      (e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        setDragging(true);
      },
      { signal },
    );
    document.addEventListener('dragleave', (e) => (e.relatedTarget ? undefined : setDragging(false)), { signal });
    document.addEventListener(
      'drop',
      (e) => {
        setDragging(false);
        const file = e.dataTransfer?.files[0];
        if (!file) return;
        e.preventDefault();
        void openFile(file);
      },
      { signal },
    );
    document.addEventListener(
      'paste',
      (e) => {
        const target = e.target as HTMLElement | null;
        if (target?.closest('input, textarea, [contenteditable]')) return;
        const text = e.clipboardData?.getData('text/plain') ?? '';
        if (!looksLikeX12(text)) return;
        e.preventDefault();
        void open('pasted text', text);
      },
      { signal },
    );
    const before = () => setPrinting(true);
    const after = () => setPrinting(false);
    window.addEventListener('beforeprint', before, { signal });
    window.addEventListener('afterprint', after, { signal });
    return () => controller.abort();
  }, [open, openFile]);

  // ---------------------------------------------------------------------------------------------
  // What is shown

  const entries = reading?.entries ?? [];
  const remits = reading?.remittances ?? [];
  const multiple = remits.length > 1;
  // `version` marks new claims in the reading's live arrays, which keep their identity as they grow.
  const shown = useMemo(() => {
    const words = searchWords(query);
    if (words.length === 0 && report === 'all') return entries;
    return entries.filter((e) => claimMatches(e.claim, e.text, report, words, e.checks.balance.state === 'off'));
  }, [entries, version, query, report]);
  const finished = phase.kind === 'done' && reading !== null;
  // Totals and the failing claims once the whole file is read (not again on every keystroke in the filter).
  const summary = useMemo(() => (finished && reading ? reading.totals.summary() : undefined), [finished, reading]);
  const offClaims = useMemo(() => (finished ? entries.filter((e) => e.checks.balance.state === 'off') : []), [finished, entries]);

  const tone = useCallback((code: string) => explanations.get(code)?.tone, [explanations]);
  const advise = useCallback(
    (code: string) => {
      const e = explanations.get(code);
      if (!e?.known) return undefined;
      // The one next step the advice table gives (it says whether to appeal).
      return e.nextStep?.label;
    },
    [explanations],
  );
  const meaning = useCallback(
    (code: string) => {
      if (code.startsWith('PLB ')) {
        const m = plbMeaning(plb, code.slice(4));
        return `${m.name}: ${m.summary}`;
      }
      const e = explanations.get(code);
      return e?.known ? e.summary : undefined;
    },
    [explanations, plb],
  );

  const resolve = useCallback(
    (markId: string): MarkContext | undefined => {
      const [claimKey = '', where = '', item = ''] = markId.split('|');
      const entry = reading?.byKey.get(claimKey);
      if (!entry) return undefined;
      const claim = entry.claim;
      const line = where === 'claim' ? undefined : claim.lines[Number(where)];
      const holder = line ?? claim;
      const index = Number(item.slice(1));
      const codes = [...holder.adjustments.map((a) => a.code), ...holder.remarks.map((r) => r.code)];
      if (item.startsWith('a')) {
        const a = holder.adjustments[index];
        if (!a) return undefined;
        const paid = line ? line.paid : claim.paid;
        const serviceDate = serviceDateOf(claim, line);
        const input: ExplainInput = {
          code: a.code,
          ...(a.amount !== undefined ? { amount: formatCents(a.amount) } : {}),
          ...(paid !== undefined ? { paid: formatCents(paid) } : {}),
          ...(serviceDate ? { serviceDate } : {}),
        };
        return { input, related: [...new Set(holder.remarks.map((r) => r.code))] };
      }
      const r = holder.remarks[index];
      if (!r) return undefined;
      return {
        input: { code: r.code },
        related: [...new Set(codes.filter((c) => c !== r.code && !holder.remarks.some((m) => m.code === c)))],
      };
    },
    [reading],
  );

  // A claim renders once per set of meanings: reading on (new slices, scrolling) reuses the same element,
  // which Preact skips without diffing it again.
  const rendered = useMemo(() => new WeakMap<ClaimEntry, VNode>(), [remits, multiple, advise, tone]);
  const renderClaim = useCallback(
    (e: ClaimEntry) => {
      const cached = rendered.get(e);
      if (cached) return cached;
      const remit = remits[e.remit];
      const steps = remit ? nextSteps({ claim: e.claim, remit, checks: e.checks, advise }) : [];
      const vnode = <ClaimView entry={e} prefix={multiple ? `Payment ${e.remit + 1} · ` : ''} steps={steps} tone={tone} />;
      rendered.set(e, vnode);
      return vnode;
    },
    [rendered, remits, multiple, advise, tone],
  );

  // The popup opened on this tab asks this page for its tally, as it asks a page's content script.
  const answer = useRef<PageServerState>({ report: () => emptyReport('reader-empty'), reveal: async () => NOT_FOUND });
  const pdfReading = pdfs.pdf?.reading;
  answer.current = {
    report: () => {
      const base = { marksOn, scanning: phase.kind === 'loading' || phase.kind === 'reading', mode };
      if (pdfReading) {
        if (pdfReading.status.kind === 'scanned') return { ...base, mentions: [], unscanned: 'scanned-pdf' };
        if (pdfReading.status.kind === 'unreadable') return { ...base, mentions: [], unscanned: 'unreadable-pdf' };
        return { ...base, mentions: pdfReading.pageMentions(), scanning: !pdfReading.finished };
      }
      if (reading) return { ...base, mentions: remittanceMentions(reading.entries) };
      if (phase.kind === 'failed') return { ...base, mentions: [], unscanned: 'unreadable-pdf' };
      return base.scanning ? { ...base, mentions: [] } : { ...base, mentions: [], unscanned: 'reader-empty' };
    },
    reveal: (code) => (pdfReading ? pdfs.reveal(code, main.current) : revealMark(main.current, code)),
  };
  const link = useRef<ReturnType<ReaderApi['servePopup']> | null>(null);
  useEffect(() => {
    const served = api.servePopup({
      report: () => answer.current.report(),
      reveal: (code) => answer.current.reveal(code),
      marks: (on) => {
        setMarksOn(on);
        return { ...answer.current.report(), marksOn: on };
      },
    });
    link.current = served;
    return () => served.stop();
  }, [api]);
  useEffect(() => {
    link.current?.changed();
  }, [phase, pdfs.version, version, marksOn, mode, pdfReading]);

  const downloadCsv = () => {
    if (!reading) return;
    const filtered = shown !== entries;
    const csv = remittanceCsv(reading.remittances, filtered ? new Set(shown.map((e) => e.claim)) : undefined, {
      identifiers,
      meaning,
      checks: reading.remitChecks,
    });
    api.download('remit-lens-835.csv', csv, 'text/csv');
    setNotice(`Saved remit-lens-835.csv: ${filtered ? `the ${shown.length} claims shown` : 'every claim'}, one row per adjustment.`);
  };

  const chooseReport = (r: ClaimReport) => {
    setReport(r);
    claimsHeading.current?.scrollIntoView({ block: 'start' });
  };

  const fileInput = useRef<HTMLInputElement>(null);
  const loading = phase.kind === 'loading' || phase.kind === 'reading';
  const result = reading?.reader.result;

  return (
    <div class={`reader${dragging ? ' dragging' : ''}${pdfs.pdf ? ' pdf' : ''}`} data-marks={marksOn ? 'on' : 'off'}>
      <header class="top">
        <h1>Remit Lens · reader</h1>
        <div class="open">
          <button type="button" class="primary" onClick={() => fileInput.current?.click()}>
            Open a file…
          </button>
          <input
            ref={fileInput}
            id="file-input"
            type="file"
            hidden
            aria-label="835 or PDF file"
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              if (file) void openFile(file);
              e.currentTarget.value = '';
            }}
          />
          <span class="hint">or drop an 835 or PDF file anywhere on this page, or paste 835 text.</span>
        </div>
        <details class="paste">
          <summary>Paste 835 text</summary>
          <label for="paste-input">835 text</label>
          <textarea
            id="paste-input"
            rows={5}
            spellcheck={false}
            placeholder="ISA*00*…"
            value={pasted}
            onInput={(e) => setPasted(e.currentTarget.value)}
          />
          <button type="button" onClick={() => pasted.trim() && void open('pasted text', pasted)}>
            Read pasted text
          </button>
        </details>
      </header>

      <main ref={main} aria-busy={loading}>
        {phase.kind === 'empty' ? <Intro /> : null}
        {loading ? <Progress phase={phase} progress={progress} /> : null}
        {phase.kind === 'failed' ? (
          <div class="banner off failed" role="alert">
            <p data-testid="failed">
              {phase.name}: {phase.message}
            </p>
            <p class="actions">
              {phase.access ? (
                <button
                  type="button"
                  class="primary"
                  data-action="allow-site"
                  onClick={() => {
                    const url = phase.access?.url ?? '';
                    void api.access(url, true).then((granted) => {
                      if (granted) setAttempt((n) => n + 1);
                      else setNotice(`Remit Lens was not allowed to read files from ${phase.access?.origin}.`);
                    });
                  }}
                >
                  Allow Remit Lens to read files from {phase.access.origin}
                </button>
              ) : null}
              <button type="button" data-action="pick-file" onClick={() => fileInput.current?.click()}>
                Open a file…
              </button>
            </p>
            {notice ? <p role="status">{notice}</p> : null}
          </div>
        ) : null}
        {pdfs.pdf ? (
          <PdfView
            api={api}
            reading={pdfs.pdf.reading}
            name={pdfs.pdf.name}
            version={pdfs.version}
            scale={pdfScale(main.current, pdfs.pdf.reading)}
            tone={tone}
            reveal={(code) => void pdfs.reveal(code, main.current)}
            openCode={(code) => void pdfs.reveal(code, main.current)}
            paintRef={pdfs.paintRef}
            mode={mode}
          />
        ) : null}
        {result && result.problems.length > 0 ? (
          <section class="problems file-problems" aria-labelledby="problems-title" role="alert">
            <h2 id="problems-title">
              {result.kind === 'not-x12'
                ? 'This is not an 835'
                : result.kind === 'not-835'
                  ? 'This is X12, but not an 835 remittance'
                  : 'Problems reading this file'}
            </h2>
            <ul>
              {result.problems.map((p, i) => (
                <li key={i} class={p.severity ?? 'error'} data-segment={p.segment}>
                  {p.message}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {finished && result && !result.complete && result.remittances.length > 0 ? (
          <p class="banner incomplete" data-testid="incomplete">
            The file could not be read completely. Everything read before the fault is shown below; what is marked incomplete may be missing
            parts.
          </p>
        ) : null}
        {reading && remits.length > 0 ? (
          <>
            {summary ? (
              <SummaryView
                summary={summary}
                off={offClaims}
                offLines={reading.remitChecks.reduce((n, c) => n + c.offLines, 0)}
                sequestration={{
                  checked: reading.remitChecks.reduce((n, c) => n + c.sequestrationChecked, 0),
                  off: reading.remitChecks.reduce((n, c) => n + c.sequestrationOff, 0),
                }}
                payments={reading.remitChecks.map((c, r) => ({ remit: r, state: c.payment.state, text: paymentText(c.payment) }))}
                duplicates={reading.duplicates}
                meaning={meaning}
                multiple={multiple}
                onReport={chooseReport}
              />
            ) : null}
            <div class="remits">
              {remits.map((remit, i) => (
                <RemittanceView
                  key={i}
                  remit={remit}
                  index={i}
                  count={remits.length}
                  balance={finished ? reading.remitChecks[i]?.payment : undefined}
                  claims={remit.claims.length}
                  plb={plb}
                  duplicateOf={finished ? reading.duplicates.find((d) => d.remit === i)?.seenIn : undefined}
                />
              ))}
            </div>
            <section class="claims-section" aria-labelledby="claims-title">
              <h2 id="claims-title" ref={claimsHeading}>
                Claims
              </h2>
              <search class="filters" aria-label="Filter claims">
                <label>
                  <span>Find</span>
                  <input
                    type="search"
                    value={query}
                    placeholder="Patient, claim number or code"
                    onInput={(e) => setQuery(e.currentTarget.value)}
                    data-testid="claim-search"
                  />
                </label>
                <label>
                  <span>Show</span>
                  <select value={report} onChange={(e) => setReport(e.currentTarget.value as ClaimReport)} data-testid="claim-report">
                    {CLAIM_REPORTS.map((r) => (
                      <option key={r.id} value={r.id}>
                        {r.label}
                      </option>
                    ))}
                  </select>
                </label>
                <label class="check">
                  <input
                    type="checkbox"
                    checked={identifiers}
                    onChange={(e) => setIdentifiers(e.currentTarget.checked)}
                    data-testid="csv-identifiers"
                  />
                  <span>Include patient names and account numbers in the CSV</span>
                </label>
                <button type="button" onClick={downloadCsv} disabled={!finished} data-testid="csv">
                  Download CSV
                </button>
                <button type="button" onClick={() => window.print()} disabled={!finished}>
                  Print
                </button>
              </search>
              <p class="count" role="status" data-testid="claim-count">
                {shown.length === entries.length
                  ? `${entries.length} ${entries.length === 1 ? 'claim' : 'claims'}${finished ? '' : ' so far'}`
                  : `Showing ${shown.length} of ${entries.length} claims`}
              </p>
              {notice ? (
                <p class="notice" role="status">
                  {notice}
                </p>
              ) : null}
              <ClaimList entries={shown} printing={printing} render={renderClaim} />
            </section>
          </>
        ) : null}
        <MarkCard container={main} resolve={pdfs.pdf ? pdfs.resolve : resolve} explain={api.explain} copy={api.copy} mode={mode} />
      </main>
      {dragging ? (
        <div class="drop" aria-hidden="true">
          Drop the 835 or PDF file to read it
        </div>
      ) : null}
    </div>
  );
}

interface PageServerState {
  report(): PageReport;
  reveal(code: string): Promise<{ found: boolean; index: number; total: number }>;
}

const NOT_FOUND = { found: false, index: -1, total: 0 };

function emptyReport(unscanned: PageReport['unscanned']): PageReport {
  return { mentions: [], marksOn: true, scanning: false, ...(unscanned ? { unscanned } : {}) };
}

/** An 835's adjustments and remarks as the popup tallies a page's: codes, amounts, the line's payment and date. */
function remittanceMentions(entries: readonly ClaimEntry[]): PageMention[] {
  const out: PageMention[] = [];
  for (const { claim } of entries) {
    const holders = [
      { line: undefined, holder: claim, key: claim.key },
      ...claim.lines.map((line, i) => ({ line, holder: line, key: `${claim.key}.${i}` })),
    ];
    for (const { line, holder, key } of holders) {
      const paid = line ? line.paid : claim.paid;
      const serviceDate = serviceDateOf(claim, line);
      for (const a of holder.adjustments) {
        out.push(
          toPageMention({
            code: a.code,
            kind: 'carc',
            reason: a.reason,
            ...(a.group ? { group: a.group } : {}),
            ...(a.amount !== undefined ? { amount: formatCents(a.amount) } : {}),
            ...(paid !== undefined ? { paid: formatCents(paid) } : {}),
            ...(serviceDate ? { serviceDate } : {}),
            lineKey: key,
          }),
        );
      }
      for (const r of holder.remarks) out.push({ code: r.code, kind: 'rarc', reason: r.code, lineKey: key });
    }
  }
  return out;
}

/** Focuses the next mark of `code` on the page (the 835's claims on screen). */
const revealed = new Map<string, number>();
async function revealMark(root: HTMLElement | null, code: string): Promise<{ found: boolean; index: number; total: number }> {
  const marks = Array.from(root?.querySelectorAll<HTMLElement>('remit-mark') ?? []).filter(
    (m) => m.getAttribute('data-remit-code') === code,
  );
  if (marks.length === 0) return NOT_FOUND;
  const index = ((revealed.get(code) ?? -1) + 1) % marks.length;
  revealed.set(code, index);
  const mark = marks[index];
  mark?.scrollIntoView({ block: 'center' });
  mark?.focus({ preventScroll: true });
  return { found: true, index, total: marks.length };
}

/** CSS pixels per PDF unit: the widest page fits beside the tally (within reason). */
function pdfScale(main: HTMLElement | null, reading: { pages: readonly ({ text: { width: number } } | undefined)[] }): number {
  const widest = Math.max(...reading.pages.map((p) => p?.text.width ?? 0), 612);
  const room = (main?.clientWidth ?? 1200) - 360;
  return Math.round(Math.min(1.5, Math.max(0.6, room / widest)) * 100) / 100;
}

const nameOf = (url: string) => url.split(/[?#]/)[0]?.split('/').pop() || url;

/** What a URL gave: the document's bytes, or why not in words (and the site the user may allow). */
type Loaded = { ok: true; bytes: Uint8Array } | { ok: false; message: string; access?: { url: string; origin: string } };

const NOT_A_PDF = 'This file is damaged or is not a PDF, so it cannot be read. Download it again, or ask the sender for a new copy.';

const NOT_THE_PDF =
  'This address no longer gives the PDF (a one-time link, the result of a form, or a page that needs you signed in): download the PDF and open it here with “Open a file…”.';

/**
 * Loads `reader.html?file=URL`: a PDF the browser's viewer shows is read by that tab first (`tabId`: its
 * copy, or the same address asked again from the tab, as the tab would); else the reader fetches the address.
 */
async function loadUrl(
  api: ReaderApi,
  start: { url: string; tabId?: number },
  signal: AbortSignal,
  progress: (loaded: number, total: number | undefined) => void,
): Promise<Loaded> {
  if (start.tabId !== undefined) {
    try {
      const bytes = await api.readTabDocument(start.tabId, start.url);
      if (looksLikePdf(bytes)) return { ok: true, bytes };
    } catch {
      // The tab cannot be read (Firefox's viewer, a tab closed or moved on): the address is fetched instead.
    }
  }
  let bytes: Uint8Array;
  try {
    bytes = await api.fetchBytes(start.url, progress, signal);
  } catch (error) {
    const policy = error instanceof Error && error.name === 'PolicyError';
    let origin: string | undefined;
    try {
      const parsed = new URL(start.url);
      if (!policy && /^https?:$/.test(parsed.protocol) && !(await api.access(start.url, false))) origin = parsed.origin;
    } catch {
      origin = undefined;
    }
    return { ok: false, message: fetchFailure(start.url, error, origin), ...(origin ? { access: { url: start.url, origin } } : {}) };
  }
  // What came is not the PDF the tab showed (or the address names): say so rather than read it as text.
  if (!looksLikePdf(bytes) && (start.tabId !== undefined || /\.pdf$/i.test(nameOf(start.url)))) return { ok: false, message: NOT_THE_PDF };
  return { ok: true, bytes };
}

function fetchFailure(url: string, error: unknown, blockedOrigin?: string): string {
  const detail = error instanceof Error ? error.message : String(error);
  if (/^file:/i.test(url)) return 'Files on this computer cannot be opened by address: use “Open a file…” or drop it here.';
  if (/^https?:/i.test(url) === false) return 'Only web addresses (https://) can be opened; use “Open a file…” for files on this computer.';
  if (/^http:/i.test(url) && error instanceof Error && error.name === 'PolicyError') {
    return `The document could not be fetched (${detail}). Only https:// addresses can be opened: download the file and open it here with “Open a file…”.`;
  }
  if (blockedOrigin) {
    return `The document could not be fetched (${detail}): ${blockedOrigin} does not let other sites read its files, and Remit Lens has not been allowed to. Allow it below (your browser asks you), or download the file and open it here with “Open a file…”.`;
  }
  return `The document could not be fetched (${detail}). Some sites only hand a file out once, or only to a signed-in page: download it and open it here with “Open a file…”.`;
}

function Intro() {
  return (
    <section class="intro" aria-labelledby="intro-title">
      <h2 id="intro-title">Read an 835 remittance</h2>
      <p>
        Open an ERA/835 file from your clearinghouse or payer (any name: .835, .txt, .edi, .x12), drop it here, or paste its text. Remit
        Lens shows each payment and claim, checks that the figures add up, explains every adjustment and remark code, and says what to do
        next.
      </p>
      <p class="muted">The file is read in this tab only: nothing is uploaded or stored, and closing the tab forgets it.</p>
    </section>
  );
}

function Progress({ phase, progress }: { phase: Phase; progress: number }) {
  const loading = phase.kind === 'loading';
  const value = loading ? (phase.total ? phase.loaded / phase.total : undefined) : progress;
  const name = phase.kind === 'loading' || phase.kind === 'reading' ? phase.name : '';
  const label = loading ? `Loading ${name}…` : `Reading ${name}… ${Math.floor(progress * 100)}%`;
  return (
    <div class="progress" data-testid="progress">
      <label for="read-progress">{label}</label>
      <progress id="read-progress" max={1} {...(value !== undefined ? { value } : {})} />
    </div>
  );
}
