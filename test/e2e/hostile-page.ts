// What the hostile-page tests read inside the page, for both browsers' drivers (hostile.e2e.ts in Chromium,
// firefox.e2e.ts): each function runs in the page, so it uses nothing from outside itself.

/** What test/fixtures/hostile/probe.js records from the page's own point of view. */
export interface HostileProbe {
  /** Anything the page's text managed to run. */
  pwned: unknown[];
  /** Long tasks (Chromium's Long Tasks API; empty in Firefox). */
  longTasks: { start: number; duration: number }[];
  /** When the load event fired (0 before it). */
  loadedAt: number;
  /** The page at DOMContentLoaded, before any content script ran. */
  original: BodyState & { text: string };
}

/** Where a mark must never be: fields, templates, scripts, styles, the title. */
export const NO_MARKS_IN = 'textarea remit-mark, template remit-mark, script remit-mark, style remit-mark, title remit-mark';

/** In the page: what probe.js recorded. */
export function readProbe(): HostileProbe {
  const w = window as unknown as HostileProbe;
  return { pwned: w.pwned, longTasks: w.longTasks, loadedAt: w.loadedAt ?? 0, original: w.original };
}

export interface BodyState {
  html: string;
  elements: number;
  /** Elements that could run or load something. */
  active: number;
}

/** In the page: the body as probe.js's `original` records it, to compare after marks go off. */
export function bodyState(): BodyState {
  return {
    html: document.body.innerHTML,
    elements: document.body.getElementsByTagName('*').length,
    active: document.querySelectorAll('img, script, svg, iframe, object, embed').length,
  };
}

/** In the page: how the open card looks (page CSS must change none of it). */
export function cardLook() {
  const host = document.querySelector('remit-lens-card') as HTMLElement;
  const frame = host.shadowRoot?.querySelector('.frame') as HTMLElement;
  const card = host.shadowRoot?.querySelector('.card') as HTMLElement;
  const hs = getComputedStyle(host);
  const cs = getComputedStyle(card);
  const rect = frame.getBoundingClientRect();
  return {
    host: {
      display: hs.display,
      position: hs.position,
      opacity: hs.opacity,
      visibility: hs.visibility,
      transform: hs.transform,
      filter: hs.filter,
    },
    card: { font: cs.font, color: cs.color, letterSpacing: cs.letterSpacing, display: cs.display },
    size: { width: Math.round(rect.width), height: Math.round(rect.height) },
    onScreen: rect.width > 100 && rect.height > 50 && rect.bottom > 0 && rect.top < innerHeight,
  };
}

/** In the page: the overlay marks (huge blocks' codes, in the e2e build's open layer), with where they are on screen. */
export function overlayMarks(): {
  code: string;
  amount: string | null;
  top: number;
  bottom: number;
  left: number;
  right: number;
  shown: boolean;
}[] {
  const out: { code: string; amount: string | null; top: number; bottom: number; left: number; right: number; shown: boolean }[] = [];
  for (const host of Array.from(document.documentElement.children)) {
    for (const m of Array.from(host.shadowRoot?.querySelectorAll('remit-mark[data-remit-overlay]') ?? [])) {
      const r = m.getBoundingClientRect();
      out.push({
        code: m.getAttribute('data-remit-code') ?? '',
        amount: m.getAttribute('data-remit-amount'),
        top: r.top,
        bottom: r.bottom,
        left: r.left,
        right: r.right,
        shown: getComputedStyle(m).visibility !== 'hidden',
      });
    }
  }
  return out;
}

/** In the page: the text under a box's middle, read from the page's own text (what an overlay covers). */
export function textUnder(box: { top: number; bottom: number; left: number; right: number }): string {
  const doc = document as Document & { caretPositionFromPoint?(x: number, y: number): { offsetNode: Node; offset: number } | null };
  const y = (box.top + box.bottom) / 2;
  const from = doc.caretPositionFromPoint?.(box.left + 1, y);
  const to = doc.caretPositionFromPoint?.(box.right - 1, y);
  if (!from || !to || from.offsetNode !== to.offsetNode) return '';
  return (from.offsetNode.textContent ?? '').slice(from.offset, to.offset + 1);
}

/** Codes of test/fixtures/hostile/hidden.html: what a reader can see or open, and what no reader can. */
export const HIDDEN_PAGE = {
  /** Shown: counted and marked (the phone copy of the table is not counted again). */
  shown: ['CO-45', 'PR-2', 'PR-1', 'OA-23'],
  /** In a closed details, an accordion, an inactive tab, an unchecked CSS tab: counted, marked when opened. */
  collapsed: ['CO-97', 'CO-16', 'N290', 'CO-50', 'CO-4'],
  /** Never meant to be read: neither counted nor marked. */
  never: ['CO-29', 'CO-151', 'CO-189', 'CO-197', 'CO-B7', 'CO-27', 'CO-18'],
} as const;
/** In the page: the rows of the long page's table (#rows) and panel (#panel-rows) that hold marks, by id. */
export function markedRows(): { page: string[]; panel: string[]; farthest: number } {
  const ids = (sel: string) =>
    Array.from(new Set(Array.from(document.querySelectorAll(`${sel} remit-mark`), (m) => m.closest('tr')?.id ?? '')));
  const tops = Array.from(document.querySelectorAll('#rows remit-mark'), (m) => m.getBoundingClientRect().top / innerHeight);
  return { page: ids('#rows'), panel: ids('#panel-rows'), farthest: tops.length ? Math.max(...tops.map(Math.abs)) : 0 };
}

/** In the page: whether every row of #rows in the viewport has its two marks. */
export function viewMarked(): boolean {
  const rows = Array.from(document.querySelectorAll('#rows tr')).filter((tr) => {
    const r = tr.getBoundingClientRect();
    return r.bottom > 0 && r.top < innerHeight;
  });
  return rows.length > 0 && rows.every((tr) => tr.querySelectorAll('remit-mark').length === 2);
}
