import { describe, expect, it } from 'vitest';
import { UnitText } from './unit-text';

describe('UnitText', () => {
  const page = 'Remark codes: N130,\nM15 and more\n  CO-\n45';

  it('maps offsets in a unit joined from pieces back to the page', () => {
    const unit = new UnitText(page).add(0, 19).join(' ').add(20, 32);
    expect(unit.text).toBe('Remark codes: N130, M15 and more');
    const m15 = unit.text.indexOf('M15');
    expect(unit.toPage(m15, m15 + 3)).toEqual({ start: page.indexOf('M15'), end: page.indexOf('M15') + 3 });
    expect(unit.hasPage(page.indexOf('N130'))).toBe(true);
    expect(unit.hasPage(19)).toBe(false);
  });

  it('maps a code broken over two lines to the page range that covers both parts', () => {
    const unit = new UnitText(page).add(35, 38).join('').add(39, 41);
    expect(unit.text).toBe('CO-45');
    expect(unit.toPage(0, 5)).toEqual({ start: 35, end: 41 });
  });
});
