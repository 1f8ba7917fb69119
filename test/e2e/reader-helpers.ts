// What the reader tests read from the reader page, for Chromium (Playwright) and Firefox (puppeteer):
// plain functions that run in the page, so both drivers share them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from './static-server.mjs';

/** The e2e build's stand-in download host (wxt.config.ts E2E_FILE_HOST), mapped to 127.0.0.1 by each browser. */
export const FILE_HOST = 'reader-files.test';

export const fixtureText = (file: string) => readFileSync(path.join(projectRoot, 'test/fixtures', file), 'utf8');

/** In the page: has the reader finished? (A function, not a string: extension pages allow no eval.) */
export const isIdle = () => document.documentElement.getAttribute('data-remit-lens-state') === 'idle';

export interface ReaderView {
  /** `CLP01=balance` per claim container, in order. */
  claims: string[];
  /** `code amount` per mark, in page order. */
  marks: string[];
  /** How many marks are in the tab order (one roving stop). */
  tabStops: number;
  totals: Record<string, string>;
  /** The summary's failing claims: `account=difference`. */
  offInSummary: string[];
  checks: string[];
  problems: string[];
  incomplete: boolean;
  failed: string | undefined;
  count: string;
}

/** In the page: what the reader shows. */
export function readView(): ReaderView {
  const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const totals: Record<string, string> = {};
  for (const div of Array.from(document.querySelectorAll('[data-testid="totals"] [data-total]'))) {
    totals[div.getAttribute('data-total') ?? ''] = text(div.querySelector('dd'));
  }
  return {
    claims: Array.from(
      document.querySelectorAll('article[data-remit-claim]'),
      (a) => `${a.getAttribute('data-remit-claim')}=${a.getAttribute('data-remit-balance')}`,
    ),
    marks: Array.from(
      document.querySelectorAll('remit-mark'),
      (m) => `${m.getAttribute('data-remit-code')}${m.hasAttribute('data-remit-amount') ? ` ${m.getAttribute('data-remit-amount')}` : ''}`,
    ),
    tabStops: document.querySelectorAll('remit-mark[tabindex="0"]').length,
    totals,
    offInSummary: Array.from(
      document.querySelectorAll('[data-off-claim]'),
      (li) => `${li.getAttribute('data-off-claim')}=${li.getAttribute('data-remit-balance')}`,
    ),
    checks: Array.from(document.querySelectorAll('ul.checks > li'), (li) => `${li.getAttribute('data-check')}:${li.className}`),
    problems: Array.from(document.querySelectorAll('.problems li'), (li) => text(li)),
    incomplete: document.querySelector('[data-testid="incomplete"]') !== null,
    failed: document.querySelector('[data-testid="failed"]')?.textContent ?? undefined,
    count: text(document.querySelector('[data-testid="claim-count"]')),
  };
}

/** In the page: drops a file on the reader, as a user dragging it from the desktop does. */
export function dropFile(arg: { name: string; text: string }): void {
  const dt = new DataTransfer();
  dt.items.add(new File([arg.text], arg.name));
  const target = document.querySelector('main') ?? document.body;
  target.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true, cancelable: true }));
  target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
  target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
}

/** In the page: pastes text outside any field, as Ctrl+V on the page does. */
export function pasteText(text: string): void {
  const dt = new DataTransfer();
  dt.setData('text/plain', text);
  document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
}

/** In the page: keeps every Blob the page turns into a download URL, so a test can read the CSV it saved. */
export function keepDownloads(): void {
  const w = window as unknown as { __downloads: Blob[] };
  w.__downloads = [];
  const original = URL.createObjectURL.bind(URL);
  URL.createObjectURL = (blob: Blob | MediaSource) => {
    if (blob instanceof Blob) w.__downloads.push(blob);
    return original(blob);
  };
}

/** The synthetic Medicare Part B sample as the reader must show it (worked out in lib/x12/parse835.test.ts and by hand). */
export const MEDICARE = {
  claims: ['SYN0001=ok', 'SYN0002=ok', 'SYN0003=ok', 'SYN0004=ok'],
  totals: {
    payments: '$214.52',
    claims: '4',
    lines: '7',
    billed: '$1,525.00',
    paid: '$214.52',
    patient: '$54.73',
    adjustments: '$1,310.48',
    plb: '$0.00',
  },
  marks: [
    'MA01',
    'CO-16 180.00',
    'MA130',
    'N130',
    'CO-97 95.00',
    'M15',
    'MA01',
    'MA18',
    'CO-45 121.60',
    'CO-253 2.05',
    'PR-2 25.68',
    'CO-45 62.75',
    'CO-253 0.28',
    'PR-2 3.45',
    'MA01',
    'MA18',
    'CO-45 334.90',
    'CO-253 1.04',
    'PR-2 13.02',
    'CO-45 334.90',
    'CO-253 0.52',
    'CO-59 32.55',
    'PR-2 6.51',
    'MA01',
    'MA18',
    'CO-45 89.64',
    'CO-253 0.52',
    'PR-2 6.07',
  ],
};

/** failing-balance.835: BAL0002 pays 1.50 less than its figures add up to. */
export const FAILING = {
  claims: ['BAL0001=ok', 'BAL0002=-150', 'BAL0003=ok'],
  totals: {
    payments: '$118.25',
    claims: '3',
    lines: '3',
    billed: '$380.00',
    paid: '$163.50',
    patient: '$45.00',
    adjustments: '$215.00',
    plb: '$45.25 (taken from the payments)',
  },
  marks: ['CO-45 70.00', 'PR-1 30.00', 'CO-45 20.00', 'PR-2 15.00', 'CO-50 80.00', 'N130'],
};
