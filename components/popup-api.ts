import type { ExplainInput, Explanation } from '@/lib/catalog/explain';
import type { SearchHit } from '@/lib/catalog/search';
import type { DecodeResult, PageReport } from '@/lib/messages';
import type { LoadedSettings, Settings } from '@/lib/settings';

/** Why the popup has no tally for this tab. */
export type PageState =
  | { kind: 'ready' }
  | { kind: 'not-enabled'; origin: string }
  | { kind: 'cannot-scan'; reason: 'browser-page' | 'pdf' | 'store' | 'no-tab' }
  | { kind: 'file-access' };

/** Everything the popup needs from the browser, so the UI itself stays testable. */
export interface PopupApi {
  explain(items: ExplainInput[]): Promise<Explanation[]>;
  search(query: string): Promise<SearchHit[]>;
  decode(text: string): Promise<DecodeResult>;
  pageState(): Promise<PageState>;
  /** Follows the page's report; returns a function that stops following. */
  follow(onReport: (report: PageReport) => void): () => void;
  reveal(code: string): Promise<{ found: boolean; index: number; total: number }>;
  setMarks(on: boolean): Promise<void>;
  annotateOnce(): Promise<boolean>;
  alwaysAnnotate(): Promise<boolean>;
  loadSettings(): Promise<LoadedSettings>;
  saveSettings(change: Partial<Settings>): Promise<LoadedSettings>;
  hostname: string;
  copy(text: string): Promise<void>;
  download(filename: string, text: string, type: string): void;
}
