import { describe, expect, it } from 'vitest';
import { shippedCatalog } from '@/lib/catalog/data';
import { explain } from '@/lib/catalog/explain';
import type { MarkEntry } from '@/lib/page/scanner';
import { PageScanner } from '@/lib/page/scanner';
import { known } from '@/test/known-codes';
import { MarkKeys } from './mark-keys';

const catalog = shippedCatalog();

const PAGE = `
  <label>Search <input id="search"></label>
  <table>
    <tr><th>Service</th><th>Group/Reason</th><th>Amount</th><th>Remark</th></tr>
    <tr><td>99213</td><td>CO-45</td><td>$40.00</td><td>N130</td></tr>
    <tr><td>99214</td><td>CO-50</td><td>$120.00</td><td></td></tr>
    <tr><td>80053</td><td>PR-2</td><td>$12.00</td><td></td></tr>
    <tr><td>36415</td><td>CO-16</td><td>$3.00</td><td>MA130</td></tr>
  </table>`;

async function setup() {
  document.body.innerHTML = PAGE;
  const run = new AbortController();
  const opened: string[] = [];
  let keys: MarkKeys | undefined;
  const scanner = new PageScanner(document, {
    known,
    yieldToPage: () => Promise.resolve(),
    placement: 'all',
    decorate: (mark) => keys?.decorate(mark),
  });
  keys = new MarkKeys({
    doc: document,
    signal: run.signal,
    source: scanner,
    entry: (mark) => scanner.entry(mark),
    isDenial: async () => (code) => explain(catalog, { code }).bucket === 'denial',
    open: (entry: MarkEntry) => opened.push(entry.mention.code),
    activeElement: () => document.activeElement,
    inCard: () => false,
    // happy-dom's events are all synthetic; the browser's own are trusted.
    trusted: () => true,
  });
  run.signal.addEventListener('abort', () => scanner.stop());
  await scanner.start();
  const marks = [...document.querySelectorAll<HTMLElement>('remit-mark')];
  return { run, opened, keys, scanner, marks };
}

const codes = (marks: HTMLElement[]) => marks.map((m) => m.getAttribute('data-remit-code'));
const focused = () => document.activeElement?.getAttribute('data-remit-code') ?? document.activeElement?.id;
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('MarkKeys', () => {
  it('adds one tab stop for all marks, and it follows the mark last visited', async () => {
    const { marks, run } = await setup();
    expect(codes(marks)).toEqual(['CO-45', 'N130', 'CO-50', 'PR-2', 'CO-16', 'MA130']);
    expect(marks.filter((m) => m.tabIndex === 0)).toHaveLength(1);
    marks[3]?.focus();
    expect(marks.filter((m) => m.tabIndex === 0)).toEqual([marks[3]]);
    run.abort();
  });

  it('walks marks with the arrow keys in page order, wrapping at the ends', async () => {
    const { marks, run, opened } = await setup();
    marks[0]?.focus();
    const press = async (key: string) => {
      document.activeElement?.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
      await settle();
    };
    await press('ArrowRight');
    expect(focused()).toBe('N130');
    await press('ArrowDown');
    expect(focused()).toBe('CO-50');
    await press('ArrowLeft');
    await press('ArrowUp');
    await press('ArrowUp');
    expect(focused()).toBe('MA130');
    expect(opened).toEqual(['N130', 'CO-50', 'N130', 'CO-45', 'MA130']);
    expect(marks.filter((m) => m.tabIndex === 0).map((m) => m.getAttribute('data-remit-code'))).toEqual(['MA130']);
    run.abort();
  });

  it('goes to the next denial from wherever focus is, and gives focus back to where it was', async () => {
    const { keys, run } = await setup();
    const search = document.getElementById('search') as HTMLInputElement;
    search.focus();
    const first = await keys.step('next-denial');
    expect(first).toEqual({ found: true, index: 1, total: 2, code: 'CO-50' });
    expect(focused()).toBe('CO-50');
    expect(await keys.step('next-denial')).toMatchObject({ index: 2, code: 'CO-16' });
    // Escape (the card's) asks where focus goes: the field the reader was in before the jumps.
    expect(keys.returnFocus()).toBe(search);
    expect(keys.returnFocus()).toBe(null);
    run.abort();
  });

  it('listens to nothing once the run ends', async () => {
    const { marks, run, opened } = await setup();
    marks[0]?.focus();
    run.abort();
    marks[0]?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, cancelable: true }));
    await settle();
    expect(opened).toEqual([]);
    // The run's end took its marks off, with their tab stop.
    expect(document.querySelector('remit-mark, [tabindex]')).toBeNull();
  });
});
