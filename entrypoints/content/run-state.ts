/**
 * What a run needs from its lens, what it tells the popup (its report's part from this frame), and the
 * page contract's state attribute, which only the e2e build writes: a store build tells a page nothing.
 */
import type { KnownCodes } from '@/lib/detect/types';
import { type Ask, type PageMention, toPageMention } from '@/lib/messages';
import type { PageScanner } from '@/lib/page/scanner';
import type { ToneView } from './tones';

/** The e2e build: the page contract's state attribute, open layers for tests to read. */
export const E2E_BUILD = import.meta.env.MODE === 'e2e';

export interface RunEnv {
  doc: Document;
  known: KnownCodes;
  ask: Ask;
  /** The reading mode and coloured categories now. */
  view(): ToneView;
  underline(): boolean;
  /** Called when marks were added or removed. */
  changed(): void;
  /** Where marks go: near the reader (the browser) or everywhere at once (tests without layout). */
  placement?: 'viewport' | 'all';
}

export interface RunState {
  mentions: PageMention[];
  /** Codes in sections the reader has not opened (a closed <details>, a folded panel, a tab not shown). */
  collapsed: number;
  scanning: boolean;
  /** How far the first scan has read the page (0–1), while it runs. */
  progress?: number;
  capped: boolean;
}

/** Every code the scan found (marked or not yet: marks follow the reader), and how many sit in folded sections. */
export function runState(scanner: PageScanner): RunState {
  const detections = scanner.detections();
  return {
    mentions: detections.map((d) => toPageMention(d.mention)),
    collapsed: detections.filter((d) => d.collapsed).length,
    scanning: scanner.scanning,
    ...(scanner.progress !== undefined ? { progress: scanner.progress } : {}),
    capped: scanner.capped,
  };
}

/** `data-remit-lens-state` (scanning, idle) on the document element, in the e2e build only. */
export function showState(root: Element, state: 'scanning' | 'idle' | null): void {
  if (!E2E_BUILD) return;
  if (state) root.setAttribute('data-remit-lens-state', state);
  else root.removeAttribute('data-remit-lens-state');
}
