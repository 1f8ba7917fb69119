// What the PDF reader tests read from the reader page and what they compare it with, for Chromium
// (Playwright) and Firefox (puppeteer): plain functions that run in the page, and the labels of the PDF
// fixtures test/pdf/make-fixtures.mjs makes (the same ones the unit run scores with pdf.js in Node).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { memberEob } from '../pdf/member-eob.mjs';
import { projectRoot } from './static-server.mjs';

/** A label or a mark: `CODE` or `CODE AMOUNT`. */
export type Key = string;

const readJson = (file: string) => JSON.parse(readFileSync(path.join(projectRoot, file), 'utf8')) as { code: string; amount?: string }[];
const keys = (marks: { code: string; amount?: string }[]): Key[] => marks.map((m) => (m.amount ? `${m.code} ${m.amount}` : m.code)).sort();

/** The generated PDFs' labels (make-fixtures.mjs), as sorted keys. */
export const PDF_LABELS = {
  'spr-courier.pdf': keys(readJson('test/pdf/fixtures/spr-courier.expected.json')),
  'msn.pdf': keys(readJson('test/pdf/fixtures/msn.expected.json')),
  'member-eob.pdf': keys(memberEob(72, { repeatHeader: true }).marks),
  'member-eob-continued.pdf': keys(memberEob(72, { repeatHeader: false }).marks),
  'x12-printout.pdf': keys(readJson('test/fixtures/pages/era-synthetic-medicare-b-co253.expected.json')),
  /** A labelled corpus page printed by Chromium (a member EOB in a proportional table). */
  'pages--eob-patient.pdf': keys(readJson('test/fixtures/pages/eob-patient.expected.json')),
} as const;

export const pdfBytes = (name: string) => readFileSync(path.join(projectRoot, 'test/pdf/.generated', name));

export interface PdfView {
  pages: number;
  painted: number;
  /** One key per mention (a code split over two text items has two marks of one id), sorted. */
  marks: Key[];
  /** Every mark's own text, joined without spaces, per mention id (what the text layer shows under it). */
  texts: string[];
  tabStops: number;
  status: string;
  scanned: string | undefined;
  failed: string | undefined;
  codeCount: string;
  tally: string;
}

/** In the page: what the PDF view shows. */
export function readPdfView(): PdfView {
  const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const byId = new Map<string, { key: string; text: string }>();
  for (const m of Array.from(document.querySelectorAll('remit-mark'))) {
    const id = m.getAttribute('data-mark') ?? '';
    const code = m.getAttribute('data-remit-code') ?? '';
    const amount = m.getAttribute('data-remit-amount');
    const had = byId.get(id);
    if (had) had.text += m.textContent ?? '';
    else byId.set(id, { key: amount ? `${code} ${amount}` : code, text: m.textContent ?? '' });
  }
  return {
    pages: document.querySelectorAll('.pdf-page').length,
    painted: document.querySelectorAll('.pdf-page[data-painted]').length,
    marks: [...byId.values()].map((v) => v.key).sort(),
    texts: [...byId.values()].map((v) => v.text.replace(/\s+/g, '')),
    tabStops: document.querySelectorAll('remit-mark[tabindex="0"]').length,
    status: text(document.querySelector('[data-testid="pdf-status"]')),
    scanned: document.querySelector('[data-testid="pdf-scanned"]')?.textContent ?? undefined,
    failed: document.querySelector('[data-testid="failed"]')?.textContent ?? undefined,
    codeCount: text(document.querySelector('[data-testid="pdf-code-count"]')),
    tally: text(document.querySelector('.pdf-tally')),
  };
}

/** In the page: brings every page near the viewport in turn until it is painted and marked, then goes back to the top. */
export async function paintEveryPage(): Promise<number> {
  const frames = Array.from(document.querySelectorAll<HTMLElement>('.pdf-page'));
  for (const frame of frames) {
    frame.scrollIntoView({ block: 'start' });
    const until = performance.now() + 15_000;
    while (!frame.hasAttribute('data-painted')) {
      if (performance.now() > until) throw new Error(`page ${frame.dataset.pageNumber} was not painted`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  window.scrollTo(0, 0);
  return frames.length;
}

/** In the page: drops a file of bytes (base64) on the reader, as a user dragging it from the desktop does. */
export function dropBytes(arg: { name: string; base64: string; type: string }): void {
  const raw = atob(arg.base64);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  const dt = new DataTransfer();
  dt.items.add(new File([bytes], arg.name, { type: arg.type }));
  const target = document.querySelector('main') ?? document.body;
  target.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true, cancelable: true }));
  target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
  target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
}
