import { describe, expect, it } from 'vitest';
import { CATEGORY_IDS } from './categories';
import { shippedCatalog } from './data';

const catalog = shippedCatalog();
const ISO = /^\d{4}-\d{2}-\d{2}$/;

describe('shipped catalog', () => {
  it('holds every X12 code once: 407 CARC and 1,216 RARC', () => {
    const keys = catalog.records.map((r) => `${r.kind}:${r.code}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(catalog.records.filter((r) => r.kind === 'carc')).toHaveLength(407);
    expect(catalog.records.filter((r) => r.kind === 'rarc')).toHaveLength(1216);
  });

  it('has valid dates, stops after starts, and status that agrees with the stop date', () => {
    for (const r of catalog.records) {
      for (const d of [r.start, r.lastModified, r.stop]) if (d) expect(d, r.code).toMatch(ISO);
      if (r.start && r.stop) expect(r.stop > r.start, r.code).toBe(true);
      if (r.stop) expect(r.status, r.code).toBe('deactivated');
    }
    expect(catalog.get('rarc', 'N793')?.status).toBe('deactivated');
  });

  it('words every code in our own words, and categorizes every CARC', () => {
    const unworded = catalog.records.filter((r) => !r.summary);
    expect(unworded.map((r) => r.code)).toEqual([]);
    for (const r of catalog.records.filter((x) => x.kind === 'carc')) expect(CATEGORY_IDS, r.code).toContain(r.category);
  });

  it('has the five group codes', () => {
    expect(catalog.groups.map((g) => g.code)).toEqual(['CO', 'PR', 'OA', 'PI', 'CR']);
  });
});
