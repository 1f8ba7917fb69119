import { afterEach, describe, expect, it } from 'vitest';
import { shippedCatalog } from '@/lib/catalog/data';
import { explain } from '@/lib/catalog/explain';
import type { Ask, BackgroundRequest, PageReport } from '@/lib/messages';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import { known } from '@/test/known-codes';
import { PageLens } from './lens';

const catalog = shippedCatalog();
const ask = (async (request: BackgroundRequest) => {
  if (request.type !== 'catalog:explain') throw new Error(`unexpected ${request.type}`);
  return request.items.map((item) => explain(catalog, item));
}) as Ask;

const PAGE =
  '<h1>Remittance advice</h1><p>Claim adjustments for the patient, as the payer paid them.</p><p id="note">Line 1: CO-45 $12.00 and PR-2 $20.00.</p><table><tr><th>Line</th><th>Remark</th></tr><tr><td>1</td><td>N130</td></tr></table>';

const lives: AbortController[] = [];
afterEach(() => {
  for (const life of lives.splice(0)) life.abort();
  document.body.innerHTML = '';
});

/** The page as the parser keeps it (a <tbody> added), before any mark. */
let pristine = '';

function lens(life = new AbortController()) {
  lives.push(life);
  document.body.innerHTML = PAGE;
  pristine = document.body.innerHTML;
  return {
    life,
    lens: new PageLens({ doc: document, hostname: 'portal.example', known, ask, signal: life.signal, placement: 'all' }, DEFAULT_SETTINGS),
  };
}

describe('PageLens', () => {
  it('marks on starts a run that marks and reports; marks off ends it and restores the page exactly', async () => {
    const { lens: page } = lens();
    const reports: PageReport[] = [];
    page.subscribe((r) => reports.push(r));
    await page.setMarks(true);
    // Only the e2e build tells the page how the scan goes (these tests run in Vitest's 'test' mode).
    expect(document.documentElement.hasAttribute('data-remit-lens-state')).toBe(false);
    expect(page.report().mentions.map((m) => `${m.code} ${m.amount ?? ''}`)).toEqual(['CO-45 12.00', 'PR-2 20.00', 'N130 ']);
    expect(document.querySelector('remit-mark[data-remit-code="CO-45"]')?.getAttribute('data-remit-tone')).toBe('muted');
    expect(reports.at(-1)?.marksOn).toBe(true);
    await page.setMarks(false);
    expect(document.body.innerHTML).toBe(pristine);
    expect(document.documentElement.hasAttribute('data-remit-lens-state')).toBe(false);
    expect(reports.at(-1)).toMatchObject({ marksOn: false, mentions: [] });
    // On again: the same marks, not doubled.
    await page.setMarks(true);
    expect(document.querySelectorAll('remit-mark')).toHaveLength(3);
  });

  it('the content script’s end takes every mark and listener with it', async () => {
    const { life, lens: page } = lens();
    await page.setMarks(true);
    life.abort();
    expect(document.body.innerHTML).toBe(pristine);
    await page.setMarks(true);
    expect(document.querySelectorAll('remit-mark')).toHaveLength(0);
  });

  it('applies a reading mode change to the report', async () => {
    const { lens: page } = lens();
    await page.setMarks(true);
    page.applySettings({ ...DEFAULT_SETTINGS, mode: 'patient' });
    expect(page.report().mode).toBe('patient');
    const mark = document.querySelector('remit-mark[data-remit-code="PR-2"]');
    expect(mark?.getAttribute('aria-description')).toBe(`PR-2: ${explain(catalog, { code: 'PR-2' }).patient[0]}`);
  });
});
