/**
 * The content script: marks codes on the page, explains them in a card, and reports the page's
 * codes (codes and amounts only) to the popup. Nothing about the page is stored or sent away;
 * the background worker is asked only for the catalog. Its parts (entrypoints/content/*) each take
 * an AbortSignal: a run of marks ends with one abort(), the whole script with WXT's context.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { toKnownCodes } from '@/lib/catalog/catalog';
import { asker } from '@/lib/messages';
import { loadSettings, SETTINGS_KEY } from '@/lib/settings';
import { contentMatches, isSwitchedOff } from '@/lib/sites/builtin';
import { PageLens } from './lens';
import { answerPopup } from './messaging';

type Loaded = Window & { __remitLensLoaded?: boolean };

const ask = asker((message) => browser.runtime.sendMessage(message));

export default defineContentScript({
  matches: [...contentMatches.production],
  allFrames: true,
  // Portals build some frames from script (about:blank, srcdoc): they belong to the page that made them.
  matchAboutBlank: true,
  runAt: 'document_idle',
  // No window.postMessage to the page at start-up (WXT's old way to stop an earlier copy of the script).
  noScriptStartedPostMessage: true,
  main: (ctx) => start(ctx),
});

async function start(ctx: ContentScriptContext): Promise<void> {
  // "Annotate this page" may inject us into a tab where we already run.
  const w = window as Loaded;
  if (w.__remitLensLoaded) return;
  w.__remitLensLoaded = true;
  const { settings } = await loadSettings(browser.storage.sync, browser.storage.managed);
  if (document.contentType === 'application/pdf') {
    // The browser's PDF viewer: there is no page text to read; the popup offers paste-to-decode.
    answerPopup(ctx.signal, null, 'pdf');
    return;
  }
  const hostname = location.hostname;
  if (isSwitchedOff(hostname, settings.disabledBuiltins)) {
    // Switched off by the user: answer the popup, mark nothing.
    answerPopup(ctx.signal, null, 'site-off');
    return;
  }
  const known = toKnownCodes(await ask({ type: 'catalog:known' }));
  const lens = new PageLens({ doc: document, hostname, known, ask, signal: ctx.signal }, settings);
  answerPopup(ctx.signal, lens);
  followSettings(ctx, lens, hostname);
  // A frame's codes belong to its tab's report, which the top frame gives the popup.
  if (window !== window.top) tellTopFrame(ctx, lens);
  await lens.setMarks(true);
}

/** Sends this frame's codes to the top frame (through the background) whenever they change, and none when it goes. */
function tellTopFrame(ctx: ContentScriptContext, lens: PageLens): void {
  const send = () => void ask({ type: 'frame:report', report: lens.ownReport() }).catch(() => undefined);
  const stop = lens.subscribe(() => send());
  ctx.onInvalidated(() => {
    stop();
    void ask({ type: 'frame:report', report: { mentions: [], scanning: false } }).catch(() => undefined);
  });
  ctx.addEventListener(
    window,
    'pagehide',
    () => void ask({ type: 'frame:report', report: { mentions: [], scanning: false } }).catch(() => undefined),
  );
}

/** Mode, mark style, categories and this site's switch follow the popup and options page without a reload. */
function followSettings(ctx: ContentScriptContext, lens: PageLens, hostname: string): void {
  let switchedOff = false;
  const onChanged = (changes: Record<string, unknown>, area: string) => {
    if (area !== 'managed' && !(area === 'sync' && SETTINGS_KEY in changes)) return;
    void loadSettings(browser.storage.sync, browser.storage.managed).then(({ settings }) => {
      if (ctx.isInvalid) return;
      lens.applySettings(settings);
      // Switching this site off (or on again) in the options page takes effect at once; other
      // changes leave marks as the popup's switch set them.
      const off = isSwitchedOff(hostname, settings.disabledBuiltins);
      if (off === switchedOff) return;
      switchedOff = off;
      void lens.setMarks(!off);
    });
  };
  browser.storage.onChanged.addListener(onChanged);
  ctx.onInvalidated(() => browser.storage.onChanged.removeListener(onChanged));
}
