import type { ExplainInput, Explanation } from '@/lib/catalog/explain';
import type { KnownCodes } from '@/lib/detect/types';
import type { ContentResponses, PageReport } from '@/lib/messages';
import type { ReadingMode } from '@/lib/settings';
import type { PdfEngine } from './pdf-engine';

/** What the reader tells the popup opened on its tab (the popup asks it as it asks a page's content script). */
export interface PageServer {
  report(): PageReport;
  reveal(code: string): Promise<ContentResponses['page:reveal']>;
  marks(on: boolean): PageReport;
}

/** The popup's link to this tab: tell it when the report changed; stop answering. */
export interface PopupLink {
  changed(): void;
  stop(): void;
}

/** Everything the reader page needs from the browser, so the UI itself stays testable. */
export interface ReaderApi {
  explain(items: ExplainInput[]): Promise<Explanation[]>;
  /** The codes the catalog knows (detection in a PDF marks no other). */
  known(): Promise<KnownCodes>;
  /** The raw X12 a browser tab shows ("Open in reader" from the popup): read from the tab, never stored. */
  readTab(tabId: number): Promise<string>;
  /**
   * The PDF a tab shows in the browser's viewer ("Open in Remit Lens"), read by the tab itself (the copy it
   * has, or the same address asked again from that tab); fails where the tab cannot be read (Firefox's viewer).
   */
  readTabDocument(tabId: number, url: string): Promise<Uint8Array>;
  /** The document at `url` (`reader.html?file=`): the only request the reader makes. */
  fetchBytes(url: string, onProgress: (loaded: number, total: number | undefined) => void, signal: AbortSignal): Promise<Uint8Array>;
  /** Whether the reader may read files from `url`'s site; `ask` asks the user (on their click) when not. */
  access(url: string, ask: boolean): Promise<boolean>;
  /** pdf.js, loaded on the first PDF. */
  pdf(): Promise<PdfEngine>;
  /** Saves text as a file the user downloads (made in the page; nothing is uploaded). */
  download(filename: string, text: string, type: string): void;
  copy(text: string): Promise<void>;
  /** The reading mode from settings (auto reads as biller here). */
  mode(): Promise<ReadingMode>;
  /** Answers the popup on this tab (its tally, find on the page, marks on or off). */
  servePopup(server: PageServer): PopupLink;
}

/** What the page was opened with. `tabId` with a URL: the tab that shows that document (a PDF in the browser's viewer). */
export type ReaderStart = { kind: 'none' } | { kind: 'url'; url: string; tabId?: number } | { kind: 'tab'; tabId: number };

export function startOf(search: string): ReaderStart {
  const params = new URLSearchParams(search);
  const file = params.get('file');
  const tab = Number(params.get('tab'));
  const tabId = params.has('tab') && Number.isInteger(tab) && tab >= 0 ? tab : undefined;
  if (file) return { kind: 'url', url: file, ...(tabId !== undefined ? { tabId } : {}) };
  if (tabId !== undefined) return { kind: 'tab', tabId };
  return { kind: 'none' };
}
