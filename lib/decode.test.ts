import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toKnownCodes } from './catalog/catalog';
import { shippedCatalog } from './catalog/data';
import { decodeText } from './decode';

const known = toKnownCodes(shippedCatalog().knownCodes());
const codes = (text: string) => decodeText(text, known).mentions.map((m) => (m.amount ? `${m.code} ${m.amount}` : m.code));

describe('paste to decode', () => {
  it('reads a raw 835 with amounts, paid amounts and dates of service', () => {
    const text = readFileSync('test/fixtures/835/synthetic-medicare-b-co253.835', 'utf8');
    const result = decodeText(text, known);
    expect(result.format).toBe('x12');
    expect(result.mentions).toHaveLength(28);
    expect(result.mentions.filter((m) => m.code === 'CO-253')).toContainEqual(
      expect.objectContaining({ amount: '2.05', paid: '100.67', serviceDate: '2024-03-08' }),
    );
    // Only what the popup needs crosses over: no offsets, no claim keys.
    expect(Object.keys(result.mentions[0] ?? {})).not.toContain('start');
  });

  it('reads a typed list: any spelling, amounts after adjustments, bare reasons', () => {
    expect(codes('CO-45 12.00, PR-2 $5.00, N130, 253\nco 97 / ma 130; OA*23 -3.50')).toEqual([
      'CO-45 12.00',
      'PR-2 5.00',
      'N130',
      '253',
      'CO-97',
      'MA130',
      'OA-23 -3.50',
    ]);
  });

  it('reports unknown codes in a list instead of guessing', () => {
    const result = decodeText('CO-45, CO-999, N999', known);
    expect(result.mentions.map((m) => m.code)).toEqual(['CO-45']);
    expect(result.problems).toEqual([
      'CO-999 is not in the X12 lists — may be a payer-specific code.',
      'N999 is not in the X12 lists — may be a payer-specific code.',
    ]);
  });

  it('reads text copied from a PDF like page text: dates, amounts and IDs are not codes', () => {
    expect(
      codes(
        [
          'Claim 0024100000101 Patient ALPHA DOS 03/01/2024 Billed 150.00 Paid 98.00',
          'Adj: CO-45 30.00 CO-253 2.00 Remark codes: N130, M15',
          'Total 1,234.00 Phone 253-555-0100',
        ].join('\n'),
      ),
    ).toEqual(['CO-45 30.00', 'CO-253 2.00', 'N130', 'M15']);
  });

  it('finds nothing in text without codes', () => {
    expect(decodeText('Balance due 120.00 by 04/01/2024', known)).toEqual({ format: 'none', mentions: [], problems: [] });
  });
});
