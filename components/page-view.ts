/**
 * What the popup's "This page" section shows, decided once from what the popup knows: the tab's
 * state (can the content script run there?) and the page's report. Each kind has one component
 * (PageSection.tsx); nothing else works these states out again.
 */
import type { PageReport } from '@/lib/messages';
import type { CannotScanReason, PageState } from './popup-api';

export type PageView =
  /** Still asking the tab. */
  | { kind: 'checking' }
  | { kind: 'cannot-scan'; reason: CannotScanReason }
  /** A saved file, and the browser does not let extensions read files. */
  | { kind: 'file-access' }
  /** A site Remit Lens does not run on unless asked. */
  | { kind: 'not-enabled'; origin?: string }
  /** The content script answers; its first report is on its way. */
  | { kind: 'reading' }
  /** The user switched this built-in site off. */
  | { kind: 'site-off' }
  | { kind: 'marks-off'; report: PageReport }
  /** Scanning, nothing found yet. */
  | { kind: 'scanning'; report: PageReport }
  /** Scanned, nothing found. */
  | { kind: 'empty'; report: PageReport }
  | { kind: 'tally'; report: PageReport };

export type PageViewKind = PageView['kind'];

export function pageView(state: PageState | null, report: PageReport | null): PageView {
  if (!state) return { kind: 'checking' };
  if (state.kind === 'cannot-scan') return { kind: 'cannot-scan', reason: state.reason };
  if (state.kind === 'file-access') return { kind: 'file-access' };
  if (state.kind === 'not-enabled') return { kind: 'not-enabled', ...(state.origin ? { origin: state.origin } : {}) };
  if (!report) return { kind: 'reading' };
  // The browser's PDF viewer: a content script runs there but has no text to read.
  if (report.unscanned === 'pdf') return { kind: 'cannot-scan', reason: 'pdf' };
  if (report.unscanned === 'site-off') return { kind: 'site-off' };
  // The reader tab: a scanned or unreadable PDF, or nothing open yet.
  if (report.unscanned === 'scanned-pdf' || report.unscanned === 'unreadable-pdf' || report.unscanned === 'reader-empty') {
    return { kind: 'cannot-scan', reason: report.unscanned };
  }
  if (!report.marksOn) return { kind: 'marks-off', report };
  if (report.mentions.length === 0) return report.scanning ? { kind: 'scanning', report } : { kind: 'empty', report };
  return { kind: 'tally', report };
}

/** The name the section carries (data-state): `cannot-scan-pdf`, `tally`… for styling and tests. */
export function viewName(view: PageView): string {
  return view.kind === 'cannot-scan' ? `cannot-scan-${view.reason}` : view.kind;
}

/** Where the page itself cannot be read, the paste box opens by itself (not for a missing tab). */
export function opensPasteBox(view: PageView): boolean {
  return view.kind === 'cannot-scan' && view.reason !== 'no-tab';
}
