import { describe, expect, it } from 'vitest';
import { shippedCatalog } from './catalog/data';
import { type Explanation, explain } from './catalog/explain';
import type { PageMention } from './messages';
import { groupSections, sequestrationNote, type Tally, tally, tallyToCsv, tallyToTsv } from './tally';

const catalog = shippedCatalog();

function carc(code: string, amount?: string): PageMention {
  const [group, reason] = code.split('-') as [PageMention['group'], string];
  return { code, kind: 'carc', reason, group, ...(amount ? { amount } : {}) };
}
const rarc = (code: string): PageMention => ({ code, kind: 'rarc', reason: code });

function tallyOf(mentions: PageMention[], matches: boolean[] = []): Tally {
  const explanations = new Map<string, Explanation>(mentions.map((m) => [m.code, explain(catalog, { code: m.code })]));
  return tally(mentions, explanations, matches);
}

const page = [
  carc('CO-253', '2.00'),
  carc('CO-45', '30.00'),
  carc('PR-2', '20.00'),
  carc('CO-253', '1.00'),
  carc('CO-45', '12.50'),
  carc('PR-1', '75.00'),
  carc('CO-50', '180.00'),
  carc('CO-253', '1.50'),
  carc('CO-16', '45.00'),
  carc('OA-23', '10.00'),
  carc('PR-3', '25.00'),
  carc('CO-45'),
  rarc('N130'),
  rarc('M15'),
  rarc('MA130'),
];

describe('tally', () => {
  const t = tallyOf(page, [true, true, false]);

  it('gives one row per code, by group, most frequent first', () => {
    expect(t.adjustments.map((r) => [r.code, r.count, r.cents, r.withAmount, r.bucket])).toEqual([
      ['CO-45', 3, 4250, 2, 'contractual'],
      ['CO-253', 3, 450, 3, 'sequestration'],
      ['CO-16', 1, 4500, 1, 'denial'],
      ['CO-50', 1, 18000, 1, 'denial'],
      ['PR-1', 1, 7500, 1, 'patient'],
      ['PR-2', 1, 2000, 1, 'patient'],
      ['PR-3', 1, 2500, 1, 'patient'],
      ['OA-23', 1, 1000, 1, 'other'],
    ]);
    expect(t.remarks.map((r) => [r.code, r.count])).toEqual([
      ['M15', 1],
      ['MA130', 1],
      ['N130', 1],
    ]);
    expect(groupSections(t).map((s) => [s.group, s.rows.length, s.count, s.cents])).toEqual([
      ['CO', 4, 8, 27200],
      ['PR', 3, 3, 12000],
      ['OA', 1, 1, 1000],
    ]);
    expect(t.total).toBe(15);
  });

  it('totals the buckets, keeping denials apart from routine adjustments', () => {
    expect(t.buckets).toEqual({
      patient: { count: 3, cents: 12000 },
      contractual: { count: 3, cents: 4250 },
      sequestration: { count: 3, cents: 450 },
      denial: { count: 2, cents: 22500 },
      other: { count: 1, cents: 1000 },
    });
    expect(t.sequestration).toEqual({ lines: 3, checked: 3, matched: 2 });
    expect(sequestrationNote(t)).toBe('2 of 3 checked CO-253 lines match the sequestration rate');
    expect(sequestrationNote(tallyOf(page, [true]))).toBe(
      '1 of 1 checked CO-253 line match the sequestration rate (2 without a paid amount to check)',
    );
  });

  it('sums negative amounts (reversals) and keeps the sign', () => {
    const r = tallyOf([carc('CO-45', '-13.65'), carc('CO-45', '20.00')]);
    expect(r.adjustments[0]).toMatchObject({ count: 2, cents: 635 });
    expect(tallyToCsv(r)).toContain('CO-45,Adjustment,CO,2,6.35,');
    expect(tallyToTsv(tallyOf([carc('CO-45', '-13.65')]))).toContain('CO-45\tAdjustment\tCO\t1\t-13.65\t');
  });
});

describe('exports', () => {
  const t = tallyOf(page, [true, true, false]);

  it('TSV: a header, one line per code, then the totals, tabs only between cells', () => {
    const lines = tallyToTsv(t).split('\n');
    expect(lines[0]).toBe('Code\tKind\tGroup\tCount\tAmount\tCategory\tMeaning');
    expect(lines[1]).toBe(`CO-45\tAdjustment\tCO\t3\t42.50\tContractual write-offs\t${explain(catalog, { code: 'CO-45' }).summary}`);
    expect(lines).toContain(`MA130\tRemark\t\t1\t\t\t${explain(catalog, { code: 'MA130' }).summary}`);
    expect(lines.slice(-5)).toEqual([
      '\tTotal\t\t3\t120.00\tPatient responsibility\t',
      '\tTotal\t\t3\t42.50\tContractual write-offs\t',
      '\tTotal\t\t3\t4.50\tSequestration (CO-253)\t2 of 3 checked CO-253 lines match the sequestration rate',
      '\tTotal\t\t2\t225.00\tDenials needing action\t',
      '\tTotal\t\t1\t10.00\tOther adjustments\t',
    ]);
    expect(lines).toHaveLength(1 + 11 + 5);
    for (const line of lines) expect(line.split('\t')).toHaveLength(7);
  });

  it('CSV: quoted where needed, CRLF, and formula-looking cells defused', () => {
    const csv = tallyToCsv(t);
    expect(csv.endsWith('\r\n')).toBe(true);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('Code,Kind,Group,Count,Amount,Category,Meaning');
    const summary = explain(catalog, { code: 'CO-45' }).summary;
    expect(lines[1]).toBe(`CO-45,Adjustment,CO,3,42.50,Contractual write-offs,"${summary.replace(/"/g, '""')}"`);
    const hostile = tally(
      [carc('CO-45', '1.00')],
      new Map([['CO-45', { ...explain(catalog, { code: 'CO-45' }), summary: '=HYPERLINK("x")' }]]),
    );
    expect(tallyToCsv(hostile)).toContain(`,"'=HYPERLINK(""x"")"`);
    // The copied table is pasted into the same spreadsheets: guarded the same way.
    expect(tallyToTsv(hostile)).toContain(`\t'=HYPERLINK("x")`);
    expect(tallyToTsv(hostile)).toContain('\t1.00\t');
  });
});
