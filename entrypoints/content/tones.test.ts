import { describe, expect, it, vi } from 'vitest';
import { shippedCatalog } from '@/lib/catalog/data';
import { explain } from '@/lib/catalog/explain';
import { MarkTones } from './tones';

const catalog = shippedCatalog();
const explainCodes = vi.fn(async (codes: string[]) => codes.map((code) => explain(catalog, { code })));
const mark = (code: string) => {
  const el = document.createElement('remit-mark');
  el.setAttribute('data-remit-code', code);
  document.body.append(el);
  return el;
};

describe('MarkTones', () => {
  it('tones a mark at once when its code is known, else on refresh, asking once per code', async () => {
    explainCodes.mockClear();
    const tones = new MarkTones(explainCodes, { mode: 'biller', categories: ['sequestration', 'patient-share'] });
    await tones.fetch(['CO-253', 'CO-253']);
    expect(explainCodes).toHaveBeenCalledWith(['CO-253']);
    const seq = mark('CO-253');
    tones.decorate(seq, 'CO-253');
    expect(seq.getAttribute('data-remit-tone')).toBe('muted');
    expect(seq.getAttribute('aria-description')).toMatch(/^CO-253: /);
    const pr = mark('PR-2');
    tones.decorate(pr, 'PR-2');
    expect(pr.hasAttribute('data-remit-tone')).toBe(false);
    await tones.refresh();
    expect(pr.getAttribute('data-remit-tone')).toBe('patient');
    expect(explainCodes).toHaveBeenCalledTimes(2);
  });

  it('lists the codes of categories the user uncoloured for the stylesheet, never on the mark, and speaks the reading mode', async () => {
    const tones = new MarkTones(explainCodes, { mode: 'biller', categories: [] });
    await tones.fetch(['PR-2']);
    const pr = mark('PR-2');
    tones.decorate(pr, 'PR-2');
    // The mark says what the code is; the setting lives in our stylesheet only.
    expect(pr.getAttribute('data-remit-tone')).toBe('patient');
    expect(tones.plainCodes()).toEqual(['PR-2']);
    expect(tones.highlightOf('PR-2')).toBe('remit-lens-plain');
    const biller = pr.getAttribute('aria-description');
    tones.retone({ mode: 'patient', categories: ['patient-share'] }, [{ mark: pr, code: 'PR-2' }]);
    expect(pr.getAttribute('data-remit-tone')).toBe('patient');
    expect(tones.plainCodes()).toEqual([]);
    expect(pr.getAttribute('aria-description')).not.toBe(biller);
  });

  it('leaves marks untoned when the background does not answer', async () => {
    const tones = new MarkTones(() => Promise.reject(new Error('gone')), { mode: 'biller', categories: [] });
    const m = mark('CO-45');
    tones.decorate(m, 'CO-45');
    await tones.refresh();
    expect(m.hasAttribute('data-remit-tone')).toBe(false);
  });
});
