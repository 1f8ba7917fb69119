/**
 * The content script: marks codes on the page, explains them in a card, and reports the page's
 * codes (codes and amounts only) to the popup. Nothing about the page is stored or sent away;
 * the background worker is asked only for the catalog. Marks inside web components' shadow roots
 * (open ones, and closed ones where the browser lets extensions reach them) work like the rest.
 */
import { browser } from 'wxt/browser';
import { toKnownCodes } from '@/lib/catalog/catalog';
import type { Explanation } from '@/lib/catalog/explain';
import {
  type BackgroundRequest,
  type BackgroundResponses,
  type ContentRequest,
  explainInput,
  isContentRequest,
  type PageReport,
  REPORT_PORT,
  toPageMention,
} from '@/lib/messages';
import { type MarkEntry, PageScanner } from '@/lib/page/scanner';
import { composedOrder, MARK_TAG, type ShadowRootOf } from '@/lib/page/units';
import { effectiveMode, loadSettings, SETTINGS_KEY, type Settings } from '@/lib/settings';
import { contentMatches, isSwitchedOff } from '@/lib/sites/builtin';
import { CardHost, leadText } from './card-host';
import { installMarkStyle, type MarkStyle } from './mark-style';

type Loaded = Window & { __remitLensLoaded?: boolean };

const MARK_NAME = MARK_TAG.toLowerCase();

/**
 * The shadow root an element hosts, closed ones included where the browser lets extensions see them:
 * Chrome's chrome.dom.openOrClosedShadowRoot(), Firefox's `element.openOrClosedShadowRoot` (a
 * property, in content scripts). Only custom elements (a '-' in the name) are asked that way: the
 * built-in elements that may host a root almost never hold a closed one, and a plain property read
 * per element keeps a big light-DOM page as fast as before.
 */
function shadowRootReader(): ShadowRootOf {
  const open: ShadowRootOf = (el) => el.shadowRoot;
  const dom = (globalThis as { chrome?: { dom?: { openOrClosedShadowRoot?: (el: HTMLElement) => ShadowRoot | null } } }).chrome?.dom;
  const chromeRoot = dom?.openOrClosedShadowRoot;
  if (typeof chromeRoot === 'function') {
    return (el) => {
      if (!el.tagName.includes('-')) return el.shadowRoot;
      try {
        return chromeRoot.call(dom, el as HTMLElement) ?? null;
      } catch {
        // Not an HTML element (an SVG or MathML name with a '-'): no shadow root of its own to find.
        return el.shadowRoot;
      }
    };
  }
  type FirefoxElement = Element & { openOrClosedShadowRoot?: ShadowRoot | null };
  if ('openOrClosedShadowRoot' in document.documentElement) {
    return (el) => (el.tagName.includes('-') ? ((el as FirefoxElement).openOrClosedShadowRoot ?? null) : el.shadowRoot);
  }
  return open;
}

function ask<T extends BackgroundRequest>(request: T): Promise<BackgroundResponses[T['type']]> {
  return browser.runtime.sendMessage(request) as Promise<BackgroundResponses[T['type']]>;
}

export default defineContentScript({
  matches: [...contentMatches.production],
  allFrames: true,
  // Portals build some frames from script (about:blank, srcdoc): they belong to the page that made them.
  matchAboutBlank: true,
  runAt: 'document_idle',
  async main() {
    // "Annotate this page" may inject us into a tab where we already run.
    const w = window as Loaded;
    if (w.__remitLensLoaded) return;
    w.__remitLensLoaded = true;
    const { settings } = await loadSettings(browser.storage.sync, browser.storage.managed);
    if (document.contentType === 'application/pdf') {
      // The browser's PDF viewer: there is no page text to read; the popup offers paste-to-decode.
      listen(null, 'pdf');
      return;
    }
    if (isSwitchedOff(location.hostname, settings.disabledBuiltins)) {
      // Switched off by the user: answer the popup, mark nothing.
      listen(null, 'site-off');
      return;
    }
    const known = toKnownCodes(await ask({ type: 'catalog:known' }));
    const page = new PageLens(document, settings, known);
    listen(page);
    let switchedOff = false;
    // Mode, mark style and categories follow the popup and options page without a reload.
    browser.storage.onChanged.addListener((changes, area) => {
      if (area === 'managed' || (area === 'sync' && SETTINGS_KEY in changes)) {
        void loadSettings(browser.storage.sync, browser.storage.managed).then((next) => {
          page.applySettings(next.settings);
          // Switching this site off (or on again) in the options page takes effect at once.
          const off = isSwitchedOff(location.hostname, next.settings.disabledBuiltins);
          if (off !== switchedOff) {
            switchedOff = off;
            void page.setMarks(!off);
          }
        });
      }
    });
    await page.start();
  },
});

class PageLens {
  private readonly scanner: PageScanner;
  private readonly card: CardHost;
  private readonly tones = new Map<string, Explanation>();
  private readonly untoned = new Set<HTMLElement>();
  private readonly listeners = new Set<(report: PageReport) => void>();
  private style: MarkStyle | null = null;
  /**
   * Shadow roots with marks: they get the mark style and our pointer and focus listeners (a move
   * from one element to another inside one shadow tree never reaches the document). Weakly held:
   * a component the page threw away must not be kept alive by us.
   */
  private shadowRoots = new Set<WeakRef<ShadowRoot>>();
  /** Size of `shadowRoots` at which references to roots the page dropped are cleared out. */
  private pruneAt = 64;
  private readonly listened = new WeakSet<ShadowRoot>();
  /** Hosts of closed roots with marks: the page's event paths stop at such a host. */
  private readonly closedRoots = new WeakMap<Element, ShadowRoot>();
  private flashed: HTMLElement | null = null;
  private marksOn = false;
  private reportTimer: ReturnType<typeof setTimeout> | undefined;
  private closeTimer: ReturnType<typeof setTimeout> | undefined;
  private revealIndex = new Map<string, number>();
  private openToken = 0;
  private returningTo: HTMLElement | null = null;
  private readonly root: HTMLElement;

  constructor(
    private readonly doc: Document,
    private settings: Settings,
    known: ReturnType<typeof toKnownCodes>,
  ) {
    this.root = doc.documentElement;
    this.scanner = new PageScanner(doc, {
      known,
      decorate: (mark) => {
        mark.tabIndex = 0;
        mark.setAttribute('role', 'button');
        mark.setAttribute('aria-expanded', 'false');
        mark.setAttribute('aria-haspopup', 'dialog');
        const tone = this.tones.get(mark.getAttribute('data-remit-code') ?? '');
        if (tone) this.applyTone(mark, tone);
        else this.untoned.add(mark);
      },
      // Colours first, in one round trip: marks are then written once, with their tone.
      beforeWrite: (mentions) => this.fetchTones(mentions.map((m) => m.code)),
      onChange: () => this.changed(),
      shadowRootOf: shadowRootReader(),
      onMarkedRoot: (root) => this.markedRoot(root),
    });
    this.pageMode = effectiveMode(settings.mode, location.hostname);
    this.card = new CardHost(doc);
  }

  /** The reading mode; computed when settings change, not per mark. */
  private pageMode: 'biller' | 'patient';
  /** A mark's spoken lead per explanation and mode: thousands of marks share a few codes. */
  private leads = new WeakMap<Explanation, { mode: string; text: string }>();

  get mode(): 'biller' | 'patient' {
    return this.pageMode;
  }

  /** New settings from storage: re-colour the marks and redraw an open card in the new mode. */
  applySettings(next: Settings): void {
    this.settings = next;
    this.pageMode = effectiveMode(next.mode, location.hostname);
    if (!this.marksOn) return;
    this.applyMarkStyle();
    for (const { mark, mention } of this.scanner.marks) {
      const tone = this.tones.get(mention.code);
      if (tone) this.applyTone(mark, tone);
    }
    this.card.setMode(this.mode);
  }

  private applyMarkStyle(): void {
    if (this.settings.markStyle === 'underline') this.root.setAttribute('data-remit-lens-style', 'underline');
    else this.root.removeAttribute('data-remit-lens-style');
  }

  async start(): Promise<void> {
    this.marksOn = true;
    this.style = installMarkStyle(this.doc);
    this.root.setAttribute('data-remit-lens-state', 'scanning');
    this.applyMarkStyle();
    this.doc.addEventListener('pointerover', this.onPointerOver, true);
    this.doc.addEventListener('pointerout', this.onPointerOut, true);
    this.doc.addEventListener('focusin', this.onFocusIn, true);
    this.doc.addEventListener('keydown', this.onKeyDown, true);
    this.doc.defaultView?.addEventListener('scroll', this.onScroll, { capture: true, passive: true });
    await this.scanner.start();
    await this.refreshTones();
    this.root.setAttribute('data-remit-lens-state', 'idle');
    this.pushReport();
  }

  stop(): void {
    this.marksOn = false;
    this.card.remove();
    this.scanner.stop();
    for (const ref of this.shadowRoots) {
      const root = ref.deref();
      if (root) this.unlistenRoot(root);
    }
    this.shadowRoots = new Set();
    this.flashed = null;
    this.style?.remove();
    this.style = null;
    this.doc.removeEventListener('pointerover', this.onPointerOver, true);
    this.doc.removeEventListener('pointerout', this.onPointerOut, true);
    this.doc.removeEventListener('focusin', this.onFocusIn, true);
    this.doc.removeEventListener('keydown', this.onKeyDown, true);
    this.doc.defaultView?.removeEventListener('scroll', this.onScroll, true);
    this.root.removeAttribute('data-remit-lens-state');
    this.root.removeAttribute('data-remit-lens-style');
    this.pushReport();
  }

  report(): PageReport {
    return {
      mentions: this.scanner.marks.map((e) => toPageMention(e.mention)),
      marksOn: this.marksOn,
      scanning: this.scanner.scanning,
      ...(this.scanner.capped ? { capped: true } : {}),
      mode: this.mode,
    };
  }

  subscribe(listener: (report: PageReport) => void): () => void {
    this.listeners.add(listener);
    listener(this.report());
    return () => this.listeners.delete(listener);
  }

  async setMarks(on: boolean): Promise<void> {
    if (on && !this.marksOn) await this.start();
    else if (!on && this.marksOn) this.stop();
  }

  /** Scrolls to the next mark with this code and flashes it. */
  reveal(code: string): { found: boolean; index: number; total: number } {
    const marks = this.scanner.marks.filter((e) => e.mention.code === code).map((e) => e.mark);
    // Page order, shadow roots included (compareDocumentPosition calls those "disconnected").
    marks.sort(composedOrder);
    if (marks.length === 0) return { found: false, index: -1, total: 0 };
    const index = ((this.revealIndex.get(code) ?? -1) + 1) % marks.length;
    this.revealIndex.set(code, index);
    const mark = marks[index];
    if (!mark) return { found: false, index: -1, total: marks.length };
    this.flashed?.removeAttribute('data-remit-flash');
    this.flashed = mark;
    mark.scrollIntoView({ block: 'center', inline: 'nearest' });
    mark.setAttribute('data-remit-flash', '');
    setTimeout(() => mark.removeAttribute('data-remit-flash'), 2500);
    return { found: true, index, total: marks.length };
  }

  private changed(): void {
    if (this.reportTimer) return;
    this.reportTimer = setTimeout(() => {
      this.reportTimer = undefined;
      void this.refreshTones().then(() => this.pushReport());
    }, 50);
  }

  private pushReport(): void {
    if (this.listeners.size === 0) return;
    const report = this.report();
    for (const listener of this.listeners) listener(report);
  }

  /** One round trip for the codes that have no colour yet. */
  private async fetchTones(all: readonly string[]): Promise<void> {
    const codes = [...new Set(all)].filter((c) => c && !this.tones.has(c));
    if (codes.length === 0) return;
    const answers = await ask({ type: 'catalog:explain', items: codes.map((code) => ({ code })) }).catch((): Explanation[] => []);
    answers.forEach((e, i) => {
      const code = codes[i];
      if (code) this.tones.set(code, e);
    });
  }

  /** Colours the marks made before their code's colour was known (the rest got it in decorate()). */
  private async refreshTones(): Promise<void> {
    const marks = [...this.untoned];
    this.untoned.clear();
    if (marks.length === 0) return;
    await this.fetchTones(marks.map((m) => m.getAttribute('data-remit-code') ?? ''));
    for (const mark of marks) {
      const tone = this.tones.get(mark.getAttribute('data-remit-code') ?? '');
      if (tone && mark.isConnected) this.applyTone(mark, tone);
    }
  }

  private applyTone(mark: HTMLElement, e: Explanation): void {
    const shown = e.category === undefined || this.settings.categories.includes(e.category.id);
    mark.setAttribute('data-remit-tone', shown ? e.tone : 'plain');
    let lead = this.leads.get(e);
    if (lead?.mode !== this.pageMode) {
      lead = { mode: this.pageMode, text: leadText(e, this.pageMode) };
      this.leads.set(e, lead);
    }
    mark.setAttribute('aria-description', lead.text);
  }

  /** A shadow root got its first marks: style them there and listen to what happens inside. */
  private markedRoot(root: ShadowRoot): void {
    if (!this.marksOn) return;
    this.style?.adopt(root);
    if (root.host.shadowRoot !== root) this.closedRoots.set(root.host, root);
    if (this.listened.has(root)) return;
    this.listened.add(root);
    this.shadowRoots.add(new WeakRef(root));
    if (this.shadowRoots.size >= this.pruneAt) {
      for (const ref of this.shadowRoots) if (!ref.deref()) this.shadowRoots.delete(ref);
      this.pruneAt = Math.max(64, this.shadowRoots.size * 2);
    }
    root.addEventListener('pointerover', this.onPointerOver, true);
    root.addEventListener('pointerout', this.onPointerOut, true);
    root.addEventListener('focusin', this.onFocusIn, true);
    // Scrolling inside a component does not reach the window (scroll events stay in their tree).
    root.addEventListener('scroll', this.onScroll, { capture: true, passive: true });
  }

  private unlistenRoot(root: ShadowRoot): void {
    this.style?.unadopt(root);
    this.listened.delete(root);
    this.closedRoots.delete(root.host);
    root.removeEventListener('pointerover', this.onPointerOver, true);
    root.removeEventListener('pointerout', this.onPointerOut, true);
    root.removeEventListener('focusin', this.onFocusIn, true);
    root.removeEventListener('scroll', this.onScroll, true);
  }

  /**
   * True when a listener of ours deeper in the event's path (a shadow root with marks) gets the event
   * too: that one, the last to see it in the capture phase, handles it. Outside a closed root the
   * path stops at its host; a focus event only went inside when the root holds the focus.
   */
  private seenDeeper(event: Event): boolean {
    if (this.shadowRoots.size === 0) return false;
    for (const node of event.composedPath()) {
      if (node === event.currentTarget) return false;
      if (node instanceof ShadowRoot && this.listened.has(node)) return true;
      const closed = node instanceof Element ? this.closedRoots.get(node) : undefined;
      if (closed && this.listened.has(closed)) return event.type !== 'focusin' || closed.activeElement !== null;
    }
    return false;
  }

  /** The mark an event happened in: the first of ours on its path (marks in shadow trees are retargeted to their host). */
  private entryOf(event: Event): MarkEntry | undefined {
    for (const node of event.composedPath()) {
      if (node instanceof Element && node.localName === MARK_NAME) return this.scanner.entry(node);
    }
    return undefined;
  }

  /** The focused element, inside shadow roots too (the document only knows their host). */
  private activeElement(): Element | null {
    let active = this.doc.activeElement;
    for (;;) {
      const root = active ? (this.closedRoots.get(active) ?? active.shadowRoot) : null;
      const inner = root?.activeElement;
      if (!inner) return active;
      active = inner;
    }
  }

  private async open(entry: MarkEntry): Promise<void> {
    clearTimeout(this.closeTimer);
    if (this.card.openFor === entry.mark || this.returningTo === entry.mark) return;
    // Only the latest request may show its card (answers can arrive out of order).
    const token = ++this.openToken;
    const m = entry.mention;
    const others = this.scanner.marks
      .map((e) => e.mention)
      .filter((o) => o !== m && o.kind !== m.kind && (o.lineKey === m.lineKey || (m.claimKey !== undefined && o.lineKey === m.claimKey)));
    const unique = [...new Map(others.map((o) => [o.code, o])).values()];
    const [explanation, ...related] = await ask({ type: 'catalog:explain', items: [explainInput(m), ...unique.map(explainInput)] });
    if (!explanation || !entry.mark.isConnected || token !== this.openToken) return;
    this.card.show(entry.mark, { explanation, related, written: entry.mark.textContent ?? '' }, this.mode);
  }

  private close(returnFocus: boolean): void {
    const anchor = this.card.openFor;
    this.openToken++;
    this.card.hide();
    if (returnFocus && anchor?.isConnected) {
      // Focus comes back to the mark without reopening its card.
      this.returningTo = anchor;
      anchor.focus();
      this.returningTo = null;
    }
  }

  private readonly onPointerOver = (event: Event) => {
    if (this.seenDeeper(event)) return;
    const entry = this.entryOf(event);
    if (entry) void this.open(entry);
    else if (this.card.contains(event.composedPath()[0] as Node)) clearTimeout(this.closeTimer);
  };

  private readonly onPointerOut = (event: Event) => {
    if (!this.card.openFor || this.seenDeeper(event)) return;
    // Retargeted for this listener: inside the same shadow tree, the node itself.
    const to = (event as PointerEvent).relatedTarget as Node | null;
    if (to && (this.card.contains(to) || this.card.openFor.contains(to))) return;
    clearTimeout(this.closeTimer);
    // A short grace period lets the pointer travel from the mark into the card.
    this.closeTimer = setTimeout(() => {
      const active = this.activeElement();
      if (active !== this.card.openFor && !this.card.contains(active)) this.close(false);
    }, 400);
  };

  private readonly onFocusIn = (event: Event) => {
    if (this.seenDeeper(event)) return;
    const entry = this.entryOf(event);
    if (entry) void this.open(entry);
    else if (this.card.openFor && !this.card.contains(event.composedPath()[0] as Node)) this.close(false);
  };

  private readonly onKeyDown = (event: KeyboardEvent) => {
    const anchor = this.card.openFor;
    // Keys go to the focused element; in a closed shadow root the event only shows its host.
    const target = event.key === 'Enter' || event.key === ' ' ? this.activeElement() : null;
    const entry = target ? this.scanner.entry(target) : undefined;
    if (entry && entry.mark === target) {
      // The mark is a button: pressing it opens its card (again, after Escape) and moves into it.
      event.preventDefault();
      if (anchor === entry.mark) this.card.focusCard();
      else void this.open(entry).then(() => this.card.openFor === entry.mark && this.card.focusCard());
      return;
    }
    if (!anchor) return;
    if (event.key === 'Escape') {
      event.stopPropagation();
      this.close(true);
    } else if (event.key === 'Tab' && this.card.hasFocus()) {
      // The card sits at the end of the document: leave it from its mark, so Tab carries on
      // through the page from there (the browser moves on from the newly focused mark).
      this.close(true);
    }
  };

  private readonly onScroll = () => this.card.place();
}

function listen(page: PageLens | null, unscanned?: PageReport['unscanned']): void {
  const empty: PageReport = { mentions: [], marksOn: false, scanning: false, ...(unscanned ? { unscanned } : {}) };
  browser.runtime.onMessage.addListener((message: unknown) => {
    if (!isContentRequest(message)) return undefined;
    const request: ContentRequest = message;
    switch (request.type) {
      case 'page:report':
        return Promise.resolve(page?.report() ?? empty);
      case 'page:reveal':
        return Promise.resolve(page?.reveal(request.code) ?? { found: false, index: -1, total: 0 });
      case 'page:marks':
        return (page?.setMarks(request.on) ?? Promise.resolve()).then(() => page?.report() ?? empty);
    }
  });
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== REPORT_PORT) return;
    const unsubscribe = page?.subscribe((report) => port.postMessage({ report })) ?? (() => undefined);
    if (!page) port.postMessage({ report: empty });
    port.onDisconnect.addListener(unsubscribe);
  });
}
