import { describe, expect, it, vi } from 'vitest';
import type { MarkSheet } from './mark-style';
import { MarkedRoots, type RootHandlers } from './shadow-roots';

function setup() {
  const host = document.createElement('x-grid');
  document.body.append(host);
  const root = host.attachShadow({ mode: 'closed' });
  root.innerHTML = '<span><remit-mark tabindex="0">CO-45</remit-mark></span>';
  const sheet: MarkSheet = { configure: vi.fn(), adopt: vi.fn(), unadopt: vi.fn(), remove: vi.fn() };
  const handlers: RootHandlers = { pointerover: vi.fn(), pointerout: vi.fn(), focusin: vi.fn(), scroll: vi.fn() };
  return { host, root, sheet, handlers, mark: root.querySelector('remit-mark') as HTMLElement };
}

describe('MarkedRoots', () => {
  it('styles a marked root once and hears pointer and focus events inside it until the run ends', () => {
    const { root, sheet, handlers, mark } = setup();
    const run = new AbortController();
    const roots = new MarkedRoots(run.signal, sheet, handlers);
    roots.add(root);
    roots.add(root);
    expect(sheet.adopt).toHaveBeenCalledTimes(1);
    mark.dispatchEvent(new Event('pointerover', { bubbles: true, composed: true }));
    expect(handlers.pointerover).toHaveBeenCalledTimes(1);
    run.abort();
    expect(sheet.unadopt).toHaveBeenCalledWith(root);
    mark.dispatchEvent(new Event('pointerover', { bubbles: true, composed: true }));
    expect(handlers.pointerover).toHaveBeenCalledTimes(1);
  });

  it('finds the focused element inside a closed root, which the document only knows as its host', () => {
    const { host, root, sheet, handlers, mark } = setup();
    const roots = new MarkedRoots(new AbortController().signal, sheet, handlers);
    roots.add(root);
    mark.focus();
    expect(document.activeElement).toBe(host);
    expect(roots.activeElement(document)).toBe(mark);
  });
});
