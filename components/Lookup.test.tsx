// The lookup's provider-level (PLB) results: labelled as PLB, their meaning and sign shown in place,
// never opened as a CARC card.
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { shippedCatalog } from '@/lib/catalog/data';
import { CodeSearch } from '@/lib/catalog/search';
import { click, mount, settle } from '@/test/mount';
import { Lookup } from './Lookup';
import type { PopupApi } from './popup-api';

const search = new CodeSearch(shippedCatalog());
const api = { search: async (q: string) => search.search(q) } as Pick<PopupApi, 'search'> as PopupApi;

async function type(root: HTMLElement, value: string): Promise<HTMLInputElement> {
  const input = root.querySelector<HTMLInputElement>('#lookup-input');
  if (!input) throw new Error('no lookup input');
  await act(async () => {
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await settle();
  return input;
}

describe('lookup: PLB codes', () => {
  it('"WO" finds the provider-level code, labelled as such; a click shows its meaning and sign instead of a card', async () => {
    const opened: string[] = [];
    const root = await mount(<Lookup api={api} onOpen={(code) => opened.push(code)} />);
    await type(root, 'WO');
    const first = root.querySelector<HTMLButtonElement>('#lookup-results button.result');
    expect(first?.dataset.kind).toBe('plb');
    expect(first?.querySelector('.result-kind')?.textContent).toBe('Provider-level (PLB)');
    expect(first?.getAttribute('aria-expanded')).toBe('false');
    await click(first);
    expect(opened).toEqual([]);
    expect(first?.getAttribute('aria-expanded')).toBe('true');
    const meaning = root.querySelector('.plb-meaning[data-code="WO"]');
    expect(meaning?.textContent).toContain('not a claim adjustment reason code');
    expect(meaning?.textContent).toContain('Positive: the recovered amount is taken out of this payment');
  });

  it('Enter on a PLB code shows its meaning; Enter on a CARC still opens the card', async () => {
    const opened: string[] = [];
    const root = await mount(<Lookup api={api} onOpen={(code) => opened.push(code)} />);
    const input = await type(root, 'L6');
    await act(async () => {
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    });
    expect(root.querySelector('.plb-meaning[data-code="L6"]')?.textContent).toContain('Negative: the interest is added');
    expect(opened).toEqual([]);
    await type(root, 'CO-45');
    await act(async () => {
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    });
    expect(opened).toEqual(['CO-45']);
  });
});
