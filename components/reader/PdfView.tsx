/**
 * A PDF in the reader: its pages (PdfPages: painted near the viewport, codes marked in the text layer)
 * and, beside them, the document's tally as the popup shows a page's (TallyView: buckets, the 2% check,
 * codes by group), with Copy and Download CSV. A scan, pages without text and pages that could not be
 * read are said plainly, with what to do instead.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { SCANNED_ADVICE } from '@/lib/pdf/scanned';
import type { ReadingMode } from '@/lib/settings';
import { ExportActions } from '../ExportActions';
import { TallyView } from '../TallyView';
import { buildTally, type TallyResult } from '../use-tally';
import { PdfPages } from './PdfPages';
import type { PdfReading } from './pdf-reading';
import type { ReaderApi } from './reader-api';

export interface PdfViewProps {
  api: ReaderApi;
  reading: PdfReading;
  name: string;
  /** Bumped as pages are read. */
  version: number;
  scale: number;
  tone(code: string): string | undefined;
  /** Finds the next mark of a code (painting its page first). */
  reveal(code: string): void;
  /** Opens the card of a code's first mark. */
  openCode(code: string): void;
  paintRef: { current: ((page: number) => Promise<void>) | null };
  mode: ReadingMode;
}

export function PdfView({ api, reading, name, version, scale, tone, reveal, openCode, paintRef, mode }: PdfViewProps) {
  const finished = reading.finished;
  const scanned = reading.status.kind === 'scanned' ? reading.status.reason : undefined;
  const unreadable = reading.status.kind === 'unreadable' ? reading.status.message : undefined;
  const pictures = finished ? reading.picturePages() : [];
  return (
    <div class={`pdf-view${scanned || unreadable ? ' scanned' : ''}`}>
      <div class="pdf-document">
        <p class="pdf-status" role="status" data-testid="pdf-status">
          {name}: {reading.numPages} {reading.numPages === 1 ? 'page' : 'pages'}
          {finished ? '' : ` · reading page ${Math.min(reading.read + 1, reading.numPages)}…`}
        </p>
        {scanned ? (
          <section class="banner off pdf-scanned" role="alert" data-testid="pdf-scanned">
            <h2>This PDF is a scan</h2>
            <p>{scanned}</p>
          </section>
        ) : null}
        {unreadable ? (
          <p class="banner off" role="alert" data-testid="failed">
            {name}: {unreadable}
          </p>
        ) : null}
        {pictures.length > 0 ? (
          <p class="banner incomplete" data-testid="pdf-pictures">
            {pictures.length === 1 ? `Page ${pictures[0]} is a picture` : `Pages ${pictures.join(', ')} are pictures`} without text: their
            codes cannot be read. {SCANNED_ADVICE}
          </p>
        ) : null}
        {reading.problems.length > 0 ? (
          <ul class="problems" data-testid="pdf-problems">
            {reading.problems.map((p, i) => (
              <li key={i}>{p.message}</li>
            ))}
          </ul>
        ) : null}
        <PdfPages reading={reading} version={version} scale={scale} tone={tone} paintRef={paintRef} />
      </div>
      {scanned || unreadable ? null : (
        <aside class="pdf-tally" aria-labelledby="pdf-tally-title">
          <h2 id="pdf-tally-title">This document</h2>
          <PdfTally api={api} reading={reading} version={version} finished={finished} reveal={reveal} openCode={openCode} mode={mode} />
        </aside>
      )}
    </div>
  );
}

function PdfTally({
  api,
  reading,
  version,
  finished,
  reveal,
  openCode,
}: {
  api: ReaderApi;
  reading: PdfReading;
  version: number;
  finished: boolean;
  reveal(code: string): void;
  openCode(code: string): void;
  mode: ReadingMode;
}) {
  const [result, setResult] = useState<TallyResult | null>(null);
  const [notice, setNotice] = useState('');
  // The tally once the whole document is read (and again if a page is read again after that).
  const mentions = useMemo(() => (finished ? reading.pageMentions() : null), [finished, reading, version]);
  useEffect(() => {
    if (!mentions) return undefined;
    let live = true;
    void buildTally(api, { mentions }).then((t) => {
      if (!live) return;
      setResult(t);
      performance.mark('remit-lens:tally');
    });
    return () => {
      live = false;
    };
  }, [api, mentions]);
  if (!finished) return <p class="muted">Counting the codes on every page…</p>;
  if (!result) return <p class="muted">Counting…</p>;
  const n = reading.mentions().length;
  if (result.tally.total === 0 || n === 0) {
    return (
      <p class="state" data-testid="pdf-empty">
        No adjustment or remark codes found in this document. Codes in pictures cannot be read: type them into the lookup in the Remit Lens
        toolbar button.
      </p>
    );
  }
  return (
    <>
      <p class="muted" data-testid="pdf-code-count">
        {n} code{n === 1 ? '' : 's'} in this document
      </p>
      <TallyView tally={result.tally} label="This document" onReveal={reveal} onOpen={(code) => openCode(code)} />
      {/* The same Copy and CSV as the popup's: one row per adjustment from the model, no names or claim numbers. */}
      <ExportActions api={api} result={result} filename="remit-lens-pdf-tally.csv" onNotice={setNotice} />
      {notice ? (
        <p class="notice" role="status">
          {notice}
        </p>
      ) : null}
    </>
  );
}
