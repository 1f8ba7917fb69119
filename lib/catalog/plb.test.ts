import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shippedCatalog } from './data';
import { PLB_SIGN_RULE, parsePlbTable, plbMeaning } from './plb';
import { shippedPlb } from './plb-data';
import { CodeSearch } from './search';

/** PLB03-1 reason codes of the 5010 835. */
const X12_PLB_CODES = [
  '50',
  '51',
  '72',
  '90',
  'AH',
  'AM',
  'AP',
  'B2',
  'B3',
  'BD',
  'BN',
  'C5',
  'CR',
  'CS',
  'CT',
  'CV',
  'CW',
  'DM',
  'E3',
  'FB',
  'FC',
  'GO',
  'HM',
  'IP',
  'IR',
  'IS',
  'J1',
  'L3',
  'L6',
  'LE',
  'LS',
  'OA',
  'OB',
  'PI',
  'PL',
  'RA',
  'RE',
  'SL',
  'TL',
  'WO',
  'WU',
];

describe('the PLB reason list in our own words', () => {
  const records = parsePlbTable(readFileSync(join(process.cwd(), 'data/wording/plb.tsv'), 'utf8'));

  it('covers every PLB03-1 code once, each with a name, a summary and what its sign means', () => {
    expect(records.map((r) => r.code).sort()).toEqual([...X12_PLB_CODES].sort());
    for (const r of records) {
      expect(r.name.length, r.code).toBeGreaterThan(2);
      expect(r.summary.length, r.code).toBeGreaterThan(20);
      expect(r.sign, r.code).toMatch(/positive|negative|either sign/i);
    }
  });

  it('says the sign the way the 835 adds it up: positive reduces the payment', () => {
    expect(PLB_SIGN_RULE).toBe('A positive amount reduces this payment; a negative amount adds to it.');
    expect(shippedPlb().get('L6')?.sign).toMatch(/^Negative: the interest is added/);
    expect(shippedPlb().get('WO')?.sign).toMatch(/^Positive: the recovered amount is taken out/);
    expect(shippedPlb().get('WO')?.summary).toContain('not a write-off');
  });

  it('an unknown code gets a plain "ask the payer", never a guess', () => {
    expect(plbMeaning(shippedPlb(), 'ZZ')).toMatchObject({ code: 'ZZ', sign: PLB_SIGN_RULE });
    expect(plbMeaning(shippedPlb(), 'zz').summary).toMatch(/Ask the payer/);
  });

  it('rejects a malformed file with the line', () => {
    expect(() => parsePlbTable('code\tname\tsummary\tsign\nWOW\tx\ty\tz\n')).toThrow(/line 2/);
    expect(() => parsePlbTable('code\tname\tsummary\tsign\nWO\tx\ty\tz\nWO\tx\ty\tz\n')).toThrow(/twice/);
  });
});

describe('the lookup finds PLB codes, as provider-level adjustments, never as CARCs', () => {
  const search = new CodeSearch(shippedCatalog());
  const top = (q: string) => search.search(q, 5).map((h) => `${h.kind}:${h.code}`);

  it('by code', () => {
    expect(top('WO')[0]).toBe('plb:WO');
    expect(top('l6')[0]).toBe('plb:L6');
    expect(top('FB')[0]).toBe('plb:FB');
    // 50 and 72 are CARCs too: the CARC first, the PLB code right after; "PLB 50" asks for the PLB one.
    expect(top('50').slice(0, 2)).toEqual(['carc:50', 'plb:50']);
    expect(top('PLB 50')).toEqual(['plb:50']);
    expect(top('provider-level 72')).toEqual(['plb:72']);
  });

  it('by words', () => {
    expect(top('forwarding balance')[0]).toBe('plb:FB');
    expect(top('interest owed')[0]).toBe('plb:L6');
    expect(top('overpayment recovery')[0]).toBe('plb:WO');
    expect(top('levy')).toContain('plb:LE');
  });

  it('a PLB hit says what it is and what its sign means', () => {
    const [wo] = search.search('WO', 1);
    expect(wo).toMatchObject({ kind: 'plb', code: 'WO', summary: expect.stringMatching(/^Overpayment recovery: /) });
    expect(wo?.sign).toMatch(/Positive/);
  });
});
