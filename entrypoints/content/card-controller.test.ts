import { describe, expect, it, vi } from 'vitest';
import { shippedCatalog } from '@/lib/catalog/data';
import { type ExplainInput, explain } from '@/lib/catalog/explain';
import type { Mention } from '@/lib/detect/types';
import { CardController } from './card-controller';
import { MarkedRoots } from './shadow-roots';

const catalog = shippedCatalog();

function setup(trusted: (event: Event) => boolean = () => true) {
  document.body.innerHTML = '<p>Adjusted <remit-mark tabindex="0">CO-253</remit-mark> today.</p>';
  const mark = document.querySelector('remit-mark') as HTMLElement;
  const mention: Mention = { start: 0, end: 6, kind: 'carc', code: 'CO-253', reason: '253', group: 'CO' };
  const run = new AbortController();
  const explainItems = vi.fn(async (items: ExplainInput[]) => items.map((i) => explain(catalog, i)));
  const card: CardController = new CardController({
    doc: document,
    signal: run.signal,
    entry: (el) => (el === mark ? { mark, mention } : undefined),
    scope: () => ({ line: [], claim: [] }),
    explain: explainItems,
    mode: () => 'biller',
    roots: () => roots,
    // happy-dom's events are all synthetic; the browser's own are trusted.
    trusted,
  });
  const roots = new MarkedRoots(run.signal, { configure: vi.fn(), adopt: vi.fn(), unadopt: vi.fn(), remove: vi.fn() }, card);
  return { mark, run, card, explainItems };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('CardController', () => {
  it('opens the card when a mark gets the pointer or focus, and Escape closes it and returns focus', async () => {
    const { mark, card, run } = setup();
    mark.dispatchEvent(new Event('pointerover', { bubbles: true, composed: true }));
    await settle();
    expect(card.card.openFor).toBe(mark);
    expect(mark.getAttribute('aria-expanded')).toBe('true');
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    expect(card.card.openFor).toBe(null);
    expect(document.activeElement).toBe(mark);
    run.abort();
  });

  it('hears nothing and leaves no card host once the run ends', async () => {
    const { mark, run, card, explainItems } = setup();
    mark.dispatchEvent(new Event('pointerover', { bubbles: true, composed: true }));
    await settle();
    expect(document.querySelector('remit-lens-card')).not.toBe(null);
    run.abort();
    expect(document.querySelector('remit-lens-card')).toBe(null);
    explainItems.mockClear();
    mark.dispatchEvent(new Event('focusin', { bubbles: true, composed: true }));
    await settle();
    expect(explainItems).not.toHaveBeenCalled();
    expect(card.card.openFor).toBe(null);
  });

  it("ignores a page's synthetic pointer, focus and key events: they open no card", async () => {
    const { mark, card, run, explainItems } = setup((event) => event.isTrusted);
    mark.dispatchEvent(new Event('pointerover', { bubbles: true, composed: true }));
    mark.dispatchEvent(new Event('focusin', { bubbles: true, composed: true }));
    mark.focus();
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await settle();
    expect(explainItems).not.toHaveBeenCalled();
    expect(card.card.openFor).toBe(null);
    run.abort();
  });
});
