/**
 * The card for a mark in the reader, and the keyboard model of the marks: one roving tab stop for
 * all of them (Tab reaches the marks once; arrow keys, Home and End move between them), the card on
 * hover and on focus, Escape to close. The card is the same CodeCard as on pages and in the popup.
 */
import type { RefObject } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ExplainInput, Explanation } from '@/lib/catalog/explain';
import type { ReadingMode } from '@/lib/settings';
import { CodeCard } from '../CodeCard';

/** What a mark stands for: the code with its amount, line payment and date (for the 2% check), and its neighbours. */
export interface MarkContext {
  input: ExplainInput;
  /** Other codes on the same line (or claim), for "on this line". */
  related: string[];
}

export interface MarkCardProps {
  container: RefObject<HTMLElement | null>;
  resolve(markId: string): MarkContext | undefined;
  explain(items: ExplainInput[]): Promise<Explanation[]>;
  copy(text: string): Promise<void>;
  mode: ReadingMode;
}

interface Open {
  mark: HTMLElement;
  explanation: Explanation;
  related: Explanation[];
}

const MARK = 'remit-mark';
const CARD_ID = 'reader-card';

function marksIn(container: HTMLElement): HTMLElement[] {
  return Array.from(container.querySelectorAll<HTMLElement>(MARK));
}

export function MarkCard({ container, resolve, explain, copy, mode }: MarkCardProps) {
  const [open, setOpen] = useState<Open | null>(null);
  const card = useRef<HTMLDivElement>(null);
  const current = useRef<string>('');
  const asked = useRef(0);
  const closeTimer = useRef<number | undefined>(undefined);

  useEffect(() => {
    const root = container.current;
    if (!root) return undefined;
    const controller = new AbortController();
    const { signal } = controller;

    /** Exactly one mark is in the tab order: the last one used if it is on screen, else the first. */
    const ensureTabStop = () => {
      const marks = marksIn(root);
      const chosen = marks.find((m) => m.dataset.mark === current.current) ?? marks[0];
      for (const m of marks) {
        const want = m === chosen ? '0' : '-1';
        if (m.getAttribute('tabindex') !== want) m.setAttribute('tabindex', want);
      }
    };
    ensureTabStop();
    const observer = new MutationObserver(ensureTabStop);
    observer.observe(root, { childList: true, subtree: true });
    signal.addEventListener('abort', () => observer.disconnect());

    const show = async (mark: HTMLElement) => {
      window.clearTimeout(closeTimer.current);
      const ctx = resolve(mark.dataset.mark ?? '');
      if (!ctx) return;
      const ask = ++asked.current;
      const [explanation, ...related] = await explain([ctx.input, ...ctx.related.map((code) => ({ code }))]);
      if (ask !== asked.current || !explanation || !mark.isConnected) return;
      setOpen({ mark, explanation, related });
    };
    const closeSoon = () => {
      window.clearTimeout(closeTimer.current);
      closeTimer.current = window.setTimeout(() => {
        asked.current++;
        setOpen(null);
      }, 250);
    };
    const markOf = (target: EventTarget | null) => (target instanceof Element ? target.closest<HTMLElement>(MARK) : null);

    root.addEventListener(
      'focusin',
      (e) => {
        const mark = markOf(e.target);
        if (!mark) return;
        current.current = mark.dataset.mark ?? '';
        ensureTabStop();
        void show(mark);
      },
      { signal },
    );
    root.addEventListener(
      'focusout',
      (e) => {
        const next = e.relatedTarget;
        if (next instanceof Node && (card.current?.contains(next) || markOf(next))) return;
        closeSoon();
      },
      { signal },
    );
    root.addEventListener(
      'pointerover',
      (e) => {
        const mark = markOf(e.target);
        if (mark) void show(mark);
      },
      { signal },
    );
    root.addEventListener(
      'pointerout',
      (e) => {
        if (!markOf(e.target)) return;
        const next = e.relatedTarget;
        if (next instanceof Node && card.current?.contains(next)) return;
        if (markOf(next)) return;
        if (document.activeElement && markOf(document.activeElement)) return;
        closeSoon();
      },
      { signal },
    );
    root.addEventListener(
      'keydown',
      (e) => {
        const mark = markOf(e.target);
        if (!mark) return;
        const marks = marksIn(root);
        const at = marks.indexOf(mark);
        let next: HTMLElement | undefined;
        if (e.key === 'ArrowRight' || e.key === 'ArrowDown') next = marks[at + 1];
        else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp') next = marks[at - 1];
        else if (e.key === 'Home') next = marks[0];
        else if (e.key === 'End') next = marks[marks.length - 1];
        else if (e.key === 'Escape') {
          e.preventDefault();
          asked.current++;
          setOpen(null);
          return;
        } else if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          void show(mark);
          return;
        } else return;
        e.preventDefault();
        next?.focus();
      },
      { signal },
    );
    return () => controller.abort();
  }, [container, resolve, explain]);

  // The open mark says so; the card sits beside it, inside the viewport.
  useLayoutEffect(() => {
    const el = card.current;
    const mark = open?.mark;
    if (!el || !mark) return undefined;
    mark.setAttribute('aria-expanded', 'true');
    mark.setAttribute('aria-controls', CARD_ID);
    const place = () => {
      const r = mark.getBoundingClientRect();
      const width = el.offsetWidth;
      const height = el.offsetHeight;
      const vw = document.documentElement.clientWidth;
      const vh = document.documentElement.clientHeight;
      const left = Math.max(8, Math.min(r.left, vw - width - 8));
      const below = r.bottom + 6;
      const top = below + height <= vh - 8 || r.top - height - 6 < 8 ? below : r.top - height - 6;
      el.style.left = `${Math.round(left)}px`;
      el.style.top = `${Math.round(Math.max(8, top))}px`;
    };
    place();
    window.addEventListener('scroll', place, { passive: true });
    window.addEventListener('resize', place);
    return () => {
      mark.setAttribute('aria-expanded', 'false');
      mark.removeAttribute('aria-controls');
      window.removeEventListener('scroll', place);
      window.removeEventListener('resize', place);
    };
  }, [open]);

  if (!open) return null;
  return (
    <div
      id={CARD_ID}
      ref={card}
      class="card-pop"
      role="dialog"
      aria-label={`${open.explanation.code} explained`}
      onPointerEnter={() => window.clearTimeout(closeTimer.current)}
      onPointerLeave={() => {
        closeTimer.current = window.setTimeout(() => setOpen(null), 250);
      }}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault();
        const mark = open.mark;
        setOpen(null);
        if (mark.isConnected) mark.focus();
      }}
    >
      <CodeCard explanation={open.explanation} related={open.related} mode={mode} onCopy={(t) => copy(t)} id="reader-card-body" />
    </div>
  );
}
