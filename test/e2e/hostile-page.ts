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
