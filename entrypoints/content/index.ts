/**
 * The content script: marks codes on the page, explains them in a card, and reports the page's
 * codes (codes and amounts only) to the popup. Nothing about the page is stored or sent away;
 * the background worker is asked only for the catalog.
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
import { MARK_TAG } from '@/lib/page/units';
import { effectiveMode, loadSettings, SETTINGS_KEY, type Settings } from '@/lib/settings';
import { contentMatches, isSwitchedOff } from '@/lib/sites/builtin';
import { CardHost, leadText } from './card-host';
import { installMarkStyle } from './mark-style';

type Loaded = Window & { __remitLensLoaded?: boolean };

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
  private removeStyle: (() => void) | null = null;
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
    this.removeStyle = installMarkStyle(this.doc);
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
    this.removeStyle?.();
    this.removeStyle = null;
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
    marks.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    if (marks.length === 0) return { found: false, index: -1, total: 0 };
    const index = ((this.revealIndex.get(code) ?? -1) + 1) % marks.length;
    this.revealIndex.set(code, index);
    const mark = marks[index];
    if (!mark) return { found: false, index: -1, total: marks.length };
    for (const old of Array.from(this.doc.querySelectorAll('remit-mark[data-remit-flash]'))) old.removeAttribute('data-remit-flash');
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

  private entryOf(target: EventTarget | null): MarkEntry | undefined {
    const el = target instanceof Element ? target.closest(MARK_TAG) : null;
    return el ? this.scanner.entry(el) : undefined;
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
    const entry = this.entryOf(event.target);
    if (entry) void this.open(entry);
    else if (this.card.contains(event.target as Node)) clearTimeout(this.closeTimer);
  };

  private readonly onPointerOut = (event: Event) => {
    const to = (event as PointerEvent).relatedTarget as Node | null;
    if (!this.card.openFor) return;
    if (to && (this.card.contains(to) || this.card.openFor.contains(to))) return;
    clearTimeout(this.closeTimer);
    // A short grace period lets the pointer travel from the mark into the card.
    this.closeTimer = setTimeout(() => {
      if (this.doc.activeElement !== this.card.openFor && !this.card.contains(this.doc.activeElement)) this.close(false);
    }, 400);
  };

  private readonly onFocusIn = (event: Event) => {
    const entry = this.entryOf(event.target);
    if (entry) void this.open(entry);
    else if (this.card.openFor && !this.card.contains(event.target as Node)) this.close(false);
  };

  private readonly onKeyDown = (event: KeyboardEvent) => {
    const anchor = this.card.openFor;
    const entry = event.key === 'Enter' || event.key === ' ' ? this.entryOf(event.target) : undefined;
    if (entry && entry.mark === event.target) {
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
