/**
 * The pages of a PDF, painted only near the viewport: every page has its frame at its size from the
 * start (so the scroll bar is the document's), a page within a screen and a half of the viewport is
 * painted (picture and text layer) and marked, and a page four screens away gives back its picture
 * (its text layer and marks stay, so the keyboard and "find on the page" keep them). A page whose
 * mentions change (read again) has its text layer made again.
 */
import { useEffect, useRef } from 'preact/hooks';
import type { PdfPaint } from './pdf-engine';
import { markTextLayer, toneMarks } from './pdf-marks';
import type { PdfReading } from './pdf-reading';

/** A page painted: its paint, and the page version its marks are from. */
interface Painted {
  paint: PdfPaint;
  version: number;
  layer: HTMLElement;
  canvas: HTMLCanvasElement;
  /** The picture was given back (far away); the text layer stays. */
  released: boolean;
  marked: boolean;
}

export interface PdfPagesProps {
  reading: PdfReading;
  /** Bumped when pages are read (sizes and mentions). */
  version: number;
  scale: number;
  tone(code: string): string | undefined;
  /** A page's text layer is up and marked (for the bench's timings and "find on the page"). */
  onPainted?(page: number): void;
  /** Asks for a page to be painted now (find on the page); set by this component. */
  paintRef?: { current: ((page: number) => Promise<void>) | null };
}

const NEAR = '150% 0px';
const FAR = '400% 0px';

export function PdfPages({ reading, version, scale, tone, onPainted, paintRef }: PdfPagesProps) {
  const root = useRef<HTMLDivElement>(null);
  const painted = useRef(new Map<number, Painted>());
  const near = useRef(new Set<number>());
  const scaleRef = useRef(scale);
  scaleRef.current = scale;
  const toneRef = useRef(tone);
  toneRef.current = tone;
  const onPaintedRef = useRef(onPainted);
  onPaintedRef.current = onPainted;
  const waiters = useRef(new Map<number, (() => void)[]>());

  // Paints (or marks again) a page whose text is read.
  const paint = (n: number): void => {
    const entry = reading.pages[n - 1];
    const frame = root.current?.querySelector<HTMLElement>(`[data-page-number="${n}"]`);
    if (!entry || !frame) return;
    const had = painted.current.get(n);
    if (had && had.version === entry.version) {
      if (had.released) {
        // Back near: the picture again, under the text layer that stayed.
        had.released = false;
        had.paint = reading.doc.paint(n, entry.text, had.canvas, null, scaleRef.current);
        had.paint.done.catch(() => undefined);
      }
      return;
    }
    had?.paint.cancel();
    const canvas = frame.querySelector('canvas') ?? document.createElement('canvas');
    if (!canvas.isConnected) frame.append(canvas);
    frame.querySelector('.textLayer')?.remove();
    const layer = document.createElement('div');
    layer.className = 'textLayer';
    frame.append(layer);
    const job = reading.doc.paint(n, entry.text, canvas, layer, scaleRef.current);
    const state: Painted = { paint: job, version: entry.version, layer, canvas, released: false, marked: false };
    painted.current.set(n, state);
    job.done.then(
      (spans) => {
        if (painted.current.get(n) !== state) return;
        performance.mark(`remit-lens:text-layer:${n}`);
        markTextLayer(spans, entry.mentions, { page: n, tone: toneRef.current });
        state.marked = true;
        performance.mark(`remit-lens:marked:${n}`);
        frame.setAttribute('data-painted', 'true');
        onPaintedRef.current?.(n);
        for (const w of waiters.current.get(n) ?? []) w();
        waiters.current.delete(n);
      },
      () => undefined,
    );
  };

  // Two observers: near the viewport paints, far away gives the picture back.
  useEffect(() => {
    const el = root.current;
    if (!el) return undefined;
    const nearObserver = new IntersectionObserver(
      (entries) => {
        for (const e of entries) {
          const n = Number((e.target as HTMLElement).dataset.pageNumber);
          if (e.isIntersecting) {
            near.current.add(n);
            paint(n);
          } else near.current.delete(n);
        }
      },
      { rootMargin: NEAR },
    );
    const farObserver = new IntersectionObserver(
      (entries) => {
        for (const e of entries) {
          if (e.isIntersecting) continue;
          const n = Number((e.target as HTMLElement).dataset.pageNumber);
          const p = painted.current.get(n);
          if (p && !p.released) {
            p.released = true;
            reading.doc.release(p.canvas);
          }
        }
      },
      { rootMargin: FAR },
    );
    for (const frame of Array.from(el.querySelectorAll<HTMLElement>('[data-page-number]'))) {
      nearObserver.observe(frame);
      farObserver.observe(frame);
    }
    return () => {
      nearObserver.disconnect();
      farObserver.disconnect();
    };
    // The frames exist from the first render on (one per page); the reading object is the document.
  }, [reading]);

  // Pages read since (or read again) that are near the viewport: paint or mark them again.
  useEffect(() => {
    for (const n of near.current) paint(n);
  }, [version]);

  useEffect(() => {
    if (root.current) toneMarks(root.current, tone);
  }, [tone]);

  useEffect(() => {
    if (!paintRef) return undefined;
    paintRef.current = (n: number) =>
      new Promise<void>((resolve) => {
        const p = painted.current.get(n);
        if (p?.marked && p.version === reading.pages[n - 1]?.version) {
          resolve();
          return;
        }
        const list = waiters.current.get(n) ?? [];
        list.push(resolve);
        waiters.current.set(n, list);
        paint(n);
      });
    return () => {
      paintRef.current = null;
    };
  }, [paintRef, reading]);

  useEffect(
    () => () => {
      for (const p of painted.current.values()) p.paint.cancel();
    },
    [reading],
  );

  // Page sizes: each page's own once read, else the first page's (most documents keep one size).
  const first = reading.pages.find((p) => p !== undefined)?.text;
  const frames = [];
  for (let n = 1; n <= reading.numPages; n++) {
    const size = reading.pages[n - 1]?.text ?? first ?? { width: 612, height: 792 };
    frames.push(
      <section
        key={n}
        class="pdf-page"
        data-page-number={n}
        aria-label={`Page ${n} of ${reading.numPages}`}
        style={{
          '--scale-factor': String(scale),
          width: `${Math.floor(size.width * scale)}px`,
          height: `${Math.floor(size.height * scale)}px`,
        }}
      />,
    );
  }
  return (
    <div class="pdf-pages" ref={root} data-version={version}>
      {frames}
    </div>
  );
}
