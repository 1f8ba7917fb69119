/**
 * The reader's PDF: open it with pdf.js (ReaderApi.pdf), read every page's text (PdfReading), and what the
 * marks, the card and the popup need of it: a mark's context, finding a code's next mark (painting its page
 * first). One document at a time; opening another (or an 835) closes it and frees pdf.js's copy.
 */
import { useCallback, useRef, useState } from 'preact/hooks';
import type { ContentResponses } from '@/lib/messages';
import type { MarkContext } from './MarkCard';
import { PdfReading, parseMarkId } from './pdf-reading';
import type { ReaderApi } from './reader-api';

export interface OpenPdf {
  reading: PdfReading;
  name: string;
}

export type PdfRead = { ok: true } | { ok: false; message: string };

export function usePdf(api: ReaderApi, learn: (codes: Iterable<string>) => void) {
  const [pdf, setPdf] = useState<OpenPdf | null>(null);
  const [version, setVersion] = useState(0);
  const current = useRef<PdfReading | null>(null);
  const paintRef = useRef<((page: number) => Promise<void>) | null>(null);
  const revealed = useRef(new Map<string, number>());

  const close = useCallback(() => {
    void current.current?.doc.close();
    current.current = null;
    revealed.current.clear();
    setPdf(null);
  }, []);

  /** Opens and reads a PDF; `live` turns false when another document was opened meanwhile. */
  const read = useCallback(
    async (name: string, bytes: Uint8Array, live: () => boolean, progress: (share: number) => void): Promise<PdfRead> => {
      close();
      let opened: Awaited<ReturnType<Awaited<ReturnType<ReaderApi['pdf']>>['open']>>;
      let known: Awaited<ReturnType<ReaderApi['known']>>;
      try {
        const [engine, codes] = await Promise.all([api.pdf(), api.known()]);
        known = codes;
        opened = await engine.open(bytes);
      } catch (error) {
        return { ok: false, message: `This PDF could not be opened (${error instanceof Error ? error.message : String(error)}).` };
      }
      if (!opened.ok) return { ok: false, message: opened.problem.message };
      if (!live()) {
        void opened.doc.close();
        return { ok: true };
      }
      const reading = new PdfReading(opened.doc, known);
      current.current = reading;
      // Timings for the bench (performance marks stay in this tab; nothing reads them but a test).
      performance.mark('remit-lens:pdf-opened');
      setPdf({ reading, name });
      await reading.run(
        (pages) => {
          setVersion((v) => v + 1);
          progress(reading.read / Math.max(1, reading.numPages));
          const codes = new Set<string>();
          for (const n of pages) for (const m of reading.pages[n - 1]?.mentions ?? []) codes.add(m.code);
          if (codes.size > 0) learn(codes);
        },
        () => live() && current.current === reading,
      );
      if (current.current === reading) performance.mark('remit-lens:pdf-read');
      return { ok: true };
    },
    [api, close, learn],
  );

  /** The card's context for a mark: its code, amount, the line's payment and date, the line's other codes. */
  const resolve = useCallback((markId: string): MarkContext | undefined => {
    const reading = current.current;
    const at = parseMarkId(markId);
    if (!reading || !at) return undefined;
    const m = reading.mention(at.page, at.index);
    if (!m) return undefined;
    const line = m.lineKey;
    const related = line
      ? [
          ...new Set(
            (reading.pages[at.page - 1]?.mentions ?? [])
              .filter((o) => o !== m && o.lineKey === line && o.code !== m.code)
              .map((o) => o.code),
          ),
        ]
      : [];
    return {
      input: {
        code: m.code,
        ...(m.amount ? { amount: m.amount } : {}),
        ...(m.paid ? { paid: m.paid } : {}),
        ...(m.serviceDate ? { serviceDate: m.serviceDate } : {}),
      },
      related,
    };
  }, []);

  /** Shows the next mark of `code` (its page painted first) and focuses it, which opens its card. */
  const reveal = useCallback(async (code: string, root: HTMLElement | null): Promise<ContentResponses['page:reveal']> => {
    const reading = current.current;
    const all = reading?.mentions().filter((m) => m.mention.code === code) ?? [];
    if (!reading || all.length === 0) return { found: false, index: -1, total: 0 };
    const index = ((revealed.current.get(code) ?? -1) + 1) % all.length;
    revealed.current.set(code, index);
    const target = all[index];
    if (!target) return { found: false, index: -1, total: all.length };
    root?.querySelector(`[data-page-number="${target.page}"]`)?.scrollIntoView({ block: 'start' });
    await paintRef.current?.(target.page);
    const mark = root?.querySelector<HTMLElement>(`remit-mark[data-mark="pdf|${target.page}|${target.index}"]`);
    if (!mark) return { found: false, index, total: all.length };
    mark.scrollIntoView({ block: 'center' });
    mark.focus({ preventScroll: true });
    return { found: true, index, total: all.length };
  }, []);

  return { pdf, version, close, read, resolve, reveal, paintRef };
}
