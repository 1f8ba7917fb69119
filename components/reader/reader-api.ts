import type { ExplainInput, Explanation } from '@/lib/catalog/explain';
import type { ReadingMode } from '@/lib/settings';

/** Everything the reader page needs from the browser, so the UI itself stays testable. */
export interface ReaderApi {
  explain(items: ExplainInput[]): Promise<Explanation[]>;
  /** The raw X12 a browser tab shows ("Open in reader" from the popup): read from the tab, never stored. */
  readTab(tabId: number): Promise<string>;
  /** The document at `url` (`reader.html?file=`): the only request the reader makes. */
  fetchText(url: string, onProgress: (loaded: number, total: number | undefined) => void, signal: AbortSignal): Promise<string>;
  /** Saves text as a file the user downloads (made in the page; nothing is uploaded). */
  download(filename: string, text: string, type: string): void;
  copy(text: string): Promise<void>;
  /** The reading mode from settings (auto reads as biller here). */
  mode(): Promise<ReadingMode>;
}

/** What the page was opened with. */
export type ReaderStart = { kind: 'none' } | { kind: 'url'; url: string } | { kind: 'tab'; tabId: number };

export function startOf(search: string): ReaderStart {
  const params = new URLSearchParams(search);
  const file = params.get('file');
  if (file) return { kind: 'url', url: file };
  const tab = Number(params.get('tab'));
  if (params.has('tab') && Number.isInteger(tab) && tab >= 0) return { kind: 'tab', tabId: tab };
  return { kind: 'none' };
}
