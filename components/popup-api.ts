import type { ExplainInput, Explanation } from '@/lib/catalog/explain';
import type { SearchHit } from '@/lib/catalog/search';
import type { DecodeResult, PageReport } from '@/lib/messages';
import type { ClaimIdentifiers } from '@/lib/remit/page-facts';
import type { LoadedSettings, Settings } from '@/lib/settings';

/** Why a page cannot be read at all, and so what the popup suggests instead. */
export type CannotScanReason =
  | 'browser-page'
  | 'pdf'
  | 'store'
  | 'error-page'
  | 'no-tab'
  /** The reader tab: its PDF is a scan, its document could not be read, no document is open. */
  | 'scanned-pdf'
  | 'unreadable-pdf'
  | 'reader-empty';

/** Why the popup has no tally for this tab. */
export type PageState =
  | { kind: 'ready' }
  /** A web page the content script does not run on; `origin` is unknown without access to the tab's URL. */
  | { kind: 'not-enabled'; origin?: string }
  | { kind: 'cannot-scan'; reason: CannotScanReason }
  | { kind: 'file-access' };

export interface RevealResult {
  found: boolean;
  index: number;
  total: number;
}

/** Everything the popup needs from the browser, so the UI itself stays testable. */
export interface PopupApi {
  explain(items: ExplainInput[]): Promise<Explanation[]>;
  search(query: string): Promise<SearchHit[]>;
  decode(text: string): Promise<DecodeResult>;
  /** `waitMs`: keep asking the content script that long first (it was just injected, or the page reloaded). */
  pageState(options?: { waitMs?: number }): Promise<PageState>;
  /**
   * Follows the page's report; `onGone` runs when the page goes away (navigation, reload).
   * Returns a function that stops following.
   */
  follow(onReport: (report: PageReport) => void, onGone: () => void): () => void;
  /** The next mention of `code` on the page; with `key`, of that claim or line (`code` '' for any of its codes). */
  reveal(code: string, key?: string): Promise<RevealResult>;
  /** The claim and account numbers the page shows, by claim key: only for an export the user asked to have them in. */
  identifiers(): Promise<ClaimIdentifiers[]>;
  /** Focuses the next or previous code on the page (or the next denial) and opens its card there. */
  step(step: 'next' | 'previous' | 'next-denial'): Promise<RevealResult & { code?: string }>;
  setMarks(on: boolean): Promise<void>;
  annotateOnce(): Promise<boolean>;
  alwaysAnnotate(): Promise<boolean>;
  loadSettings(): Promise<LoadedSettings>;
  saveSettings(change: Partial<Settings>): Promise<LoadedSettings>;
  /** The tab's host name when the popup may see it, else ''. */
  hostname: string;
  /** Opened from the toolbar button (not as a page with ?tabId=): the click granted activeTab. */
  fromToolbar: boolean;
  copy(text: string): Promise<void>;
  download(filename: string, text: string, type: string): void;
  /** Does the tab show raw X12 (an 835 as text)? False where the popup may not look. */
  rawX12(): Promise<boolean>;
  /** Opens the 835 reader: on this tab's text when `withTab`, else empty. The text is read by the reader itself, never stored. */
  openReader(withTab: boolean): Promise<void>;
  /** "Open in Remit Lens" on a PDF in the browser's viewer: the reader reads the same document (from the tab, else its address). */
  openPdfInReader?(): Promise<void>;
  /** The tab's site, when its PDFs may open in the reader by themselves: `on` when they already do. */
  pdfSite?(): Promise<{ origin: string; on: boolean } | undefined>;
  /** Opens this site's PDFs in the reader from now on (asks for the site's permission on this click). */
  alwaysOpenPdfs?(): Promise<boolean>;
}
