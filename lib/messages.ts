/**
 * The typed message protocol between the popup, content scripts and the background worker.
 * Only codes, amounts, dates of service, roles and opaque keys cross it: never names, IDs or other page
 * text. The one exception is asked for by the user: `page:identifiers`, the claim and account numbers for
 * a CSV export with them ticked, read from the page at that moment and never kept.
 */
import type { ExplainInput, Explanation } from './catalog/explain';
import type { SearchHit } from './catalog/search';
import type { Mention } from './detect/types';
import type { ClaimIdentifiers, PageRemitFacts } from './remit/page-facts';
import type { ReadingMode } from './settings';

/** Requests the background answers (runtime.sendMessage). */
export type BackgroundRequest =
  | { type: 'catalog:known' }
  | { type: 'catalog:explain'; items: ExplainInput[] }
  | { type: 'catalog:search'; query: string; limit?: number }
  | { type: 'decode'; text: string }
  /** A frame's content script hands its codes to the tab's top frame (the background only relays). */
  | { type: 'frame:report'; report: FrameReport }
  /** A PDF on a site whose PDFs open in the reader (lib/sites/pdf-sites): the background opens it there. */
  | { type: 'pdf:open' };

export interface DecodeResult {
  format: 'x12' | 'codes' | 'none';
  mentions: PageMention[];
  problems: string[];
  /** A pasted 835's payments, PLB, claims and lines (codes, amounts and keys only). */
  remits?: PageRemitFacts[];
}

export interface BackgroundResponses {
  'catalog:known': { carc: string[]; rarc: string[] };
  'catalog:explain': Explanation[];
  'catalog:search': SearchHit[];
  decode: DecodeResult;
  'frame:report': undefined;
  'pdf:open': undefined;
}

/** What a frame tells its top frame: its codes, nothing else. */
export interface FrameReport {
  mentions: PageMention[];
  collapsed?: number;
  scanning: boolean;
  remits?: PageRemitFacts[];
}

/**
 * A mention as the popup sees it: enough to tally, balance and explain, nothing identifying: its code,
 * amount, role (adjustment, remark or only named), its line's and claim's keys and its line's figures.
 */
export type PageMention = Pick<
  Mention,
  'code' | 'kind' | 'reason' | 'group' | 'amount' | 'paid' | 'serviceDate' | 'lineKey' | 'claimKey' | 'role' | 'figures'
>;

export interface PageReport {
  mentions: PageMention[];
  marksOn: boolean;
  /** True while the first scan is still running (large pages scan in chunks). */
  scanning: boolean;
  /** How far the first scan has read the page (0–1), while it runs: the popup's progress bar. */
  progress?: number;
  /** True when the page holds more codes than the scanner marks (a safety bound): the tally is partial. */
  capped?: boolean;
  /** How many of the codes sit in sections the reader has not opened (counted, marked once opened). */
  collapsed?: number;
  /** The reading mode the page uses (auto mode depends on the site, which the popup may not see). */
  mode?: ReadingMode;
  /**
   * Why nothing is scanned: the browser's PDF viewer, or the user switched this built-in site off; from the
   * reader page: its PDF is a scan, its document could not be read, or it has no document open.
   */
  unscanned?: 'pdf' | 'site-off' | 'scanned-pdf' | 'unreadable-pdf' | 'reader-empty';
  /**
   * What raw 835s and printouts on the page say beyond their codes (lib/remit/page-facts.ts): every
   * claim and line with its figures, the check amount, provider-level adjustments. Keys, codes and amounts only.
   */
  remits?: PageRemitFacts[];
}

/** What may cross to the popup from a mention: codes, amounts, dates of service, roles, line and claim grouping, line figures. */
export function toPageMention(m: PageMention | Mention): PageMention {
  const { code, kind, reason, group, amount, paid, serviceDate, lineKey, claimKey, role, figures } = m;
  return {
    code,
    kind,
    reason,
    ...(group ? { group } : {}),
    ...(amount ? { amount } : {}),
    ...(paid ? { paid } : {}),
    ...(serviceDate ? { serviceDate } : {}),
    ...(lineKey ? { lineKey } : {}),
    ...(claimKey ? { claimKey } : {}),
    ...(role ? { role } : {}),
    ...(figures ? { figures: { ...figures } } : {}),
  };
}

/** What the background needs to explain a mention: its code, and for the 2% check its money and date. */
export function explainInput(m: PageMention): ExplainInput {
  return {
    code: m.code,
    ...(m.amount ? { amount: m.amount } : {}),
    ...(m.paid ? { paid: m.paid } : {}),
    ...(m.serviceDate ? { serviceDate: m.serviceDate } : {}),
  };
}

/** Requests a content script answers (tabs.sendMessage). */
export type ContentRequest =
  | { type: 'page:report' }
  /** The next mention of a code on the page; with `key`, only those of that claim or line (`code` '' for any code there). */
  | { type: 'page:reveal'; code: string; key?: string }
  /** The claim and account numbers the page shows, by claim key: asked only when the user exports with them. */
  | { type: 'page:identifiers' }
  /** The keyboard command's or the popup's next/previous code, or next denial: focus and open its card. */
  | { type: 'page:step'; step: 'next' | 'previous' | 'next-denial' }
  | { type: 'page:marks'; on: boolean }
  /** The background passes a frame's report on to the top frame (frameId: the sending frame). */
  | { type: 'page:frame-report'; frameId: number; report: FrameReport };

export interface ContentResponses {
  'page:report': PageReport;
  'page:reveal': { found: boolean; index: number; total: number };
  'page:step': { found: boolean; index: number; total: number; code?: string };
  'page:identifiers': ClaimIdentifiers[];
  'page:marks': PageReport;
  'page:frame-report': undefined;
}

/** Sends one message and resolves with the answer: runtime.sendMessage, or tabs.sendMessage to one tab. */
export type Send = (message: unknown) => Promise<unknown>;

/** Asks the background worker, typed by request. */
export type Ask = <T extends BackgroundRequest>(request: T) => Promise<BackgroundResponses[T['type']]>;
/** Tells a page's content script, typed by request. */
export type Tell = <T extends ContentRequest>(request: T) => Promise<ContentResponses[T['type']]>;

/** The one typed wrapper over the browser's untyped messaging (the answer's type follows the request's). */
export const asker =
  (send: Send): Ask =>
  (request) =>
    send(request) as Promise<BackgroundResponses[(typeof request)['type']]>;

export const teller =
  (send: Send): Tell =>
  (request) =>
    send(request) as Promise<ContentResponses[(typeof request)['type']]>;

/** Port name a popup uses to follow a page's report as it changes. */
export const REPORT_PORT = 'remit-lens:report';

export function isBackgroundRequest(value: unknown): value is BackgroundRequest {
  const type = (value as { type?: unknown } | null)?.type;
  return (
    type === 'catalog:known' ||
    type === 'catalog:explain' ||
    type === 'catalog:search' ||
    type === 'decode' ||
    type === 'frame:report' ||
    type === 'pdf:open'
  );
}

export function isContentRequest(value: unknown): value is ContentRequest {
  const type = (value as { type?: unknown } | null)?.type;
  return (
    type === 'page:report' ||
    type === 'page:reveal' ||
    type === 'page:step' ||
    type === 'page:identifiers' ||
    type === 'page:marks' ||
    type === 'page:frame-report'
  );
}
