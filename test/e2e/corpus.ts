// The labelled page corpus (test/fixtures/pages) as both browsers' tests read it: its pages, each page's
// expected marks, and what the single-page apps (spa.html, preact-spa.html) should show after each action.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Mark, PageSnapshot } from './harness';
import { projectRoot } from './static-server.mjs';

declare global {
  interface Window {
    /** The page's snapshot at DOMContentLoaded, before any content script ran (set by the tests' init script). */
    __original?: PageSnapshot;
    /** The single-page apps' interface (their own renderer, or Preact), which the tests drive and ask. */
    spa: {
      state(): Record<string, string>[];
      notes(): string[];
      freshHtml(): string;
      verify(): void;
    };
  }
}

export const pagesDir = path.join(projectRoot, 'test/fixtures/pages');

/**
 * The single-page apps: the same rows and actions, one with a keyed renderer of its own that checks its
 * nodes, one rendered by the real Preact. Each has a test of its own, driving its actions.
 */
export const SPA_PAGES = ['spa.html', 'preact-spa.html'] as const;

/** The corpus's pages (.html), the single-page apps aside; `frames`: with the *-child.html frame documents. */
export function corpusPages({ frames }: { frames: boolean }): string[] {
  return readdirSync(pagesDir)
    .filter((f) => f.endsWith('.html') && !(SPA_PAGES as readonly string[]).includes(f) && (frames || !f.endsWith('-child.html')))
    .sort();
}

export const keyOf = (m: Mark) => `${m.code}|${m.amount ?? ''}`;
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
/** The order marksOf uses: code, then amount. */
export const sortMarks = (marks: Mark[]) => [...marks].sort((a, b) => compare(a.code, b.code) || compare(a.amount ?? '', b.amount ?? ''));

/** The marks a page of the corpus must get (its .expected.json), sorted. */
export function expectedFor(file: string): Mark[] {
  const raw = JSON.parse(readFileSync(path.join(pagesDir, file.replace(/\.html$/, '.expected.json')), 'utf8')) as Mark[];
  return sortMarks(raw.map((m) => ({ code: m.code, amount: m.amount ?? undefined })));
}

/** The apps' buttons, in the order the tests press them: every kind of change their renderer makes. */
export const SPA_ACTIONS = ['edit', 'remove', 'insert', 'replace', 'reorder', 'note', 'blank', 'edit', 'note', 'reorder'] as const;

/** What an app shows now, as the marks a correct detector gives (from the app's own state). */
export function expectedSpa(state: Record<string, string>[], notes: string[]): Mark[] {
  const marks: Mark[] = [];
  for (const row of state) {
    if (row.reason) {
      const code = row.group ? `${row.group}-${row.reason}` : row.reason;
      marks.push({ code, amount: row.amount ? row.amount.replace('$', '') : undefined });
    }
    for (const remark of (row.remark ?? '').split(/\s+/).filter(Boolean)) marks.push({ code: remark, amount: undefined });
  }
  for (const note of notes) {
    const m = /(CO-\d+) \$(\d+\.\d{2})/.exec(note);
    if (m?.[1]) marks.push({ code: m[1], amount: m[2] });
  }
  return sortMarks(marks);
}

/** In the page: every mark as "code|amount", sorted (what settle loops compare to `keyOf` of the expected). */
export function markKeys(): string[] {
  return Array.from(
    document.querySelectorAll('remit-mark, tspan[data-remit-code]'),
    (el) => `${el.getAttribute('data-remit-code') ?? ''}|${el.getAttribute('data-remit-amount') ?? ''}`,
  ).sort();
}
