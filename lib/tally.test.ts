import { describe, expect, it } from 'vitest';
import { shippedCatalog } from './catalog/data';
import { type Explanation, explain } from './catalog/explain';
import { shippedPlb } from './catalog/plb-data';
import { shippedSequestration } from './catalog/sequestration-data';
import type { PageMention } from './messages';
import { remittancesFromPage } from './remit/from-page';
import type { PageRemitFacts } from './remit/page-facts';
import { anyBalanceChecked, groupSections, sequestrationNote, type Tally, tallyRemittances, tallyToTsv } from './tally';

const catalog = shippedCatalog();

/** An adjustment of a line (`line`) of a claim (`claim`), with the line's figures. */
function adj(code: string, amount: string | undefined, line: string, extra: Partial<PageMention> = {}): PageMention {
  const [group, reason] = code.split('-') as [PageMention['group'], string];
  return {
    code,
    kind: 'carc',
    reason,
    group,
    role: 'adjustment',
    lineKey: line,
    claimKey: extra.claimKey ?? 'c1',
    ...(amount ? { amount } : {}),
    ...extra,
  };
}
const remark = (code: string, line: string, claim = 'c1'): PageMention => ({
  code,
  kind: 'rarc',
  reason: code,
  role: 'remark',
  lineKey: line,
  claimKey: claim,
});
const named = (code: string): PageMention => {
  const [group, reason] = code.includes('-') ? (code.split('-') as [PageMention['group'], string]) : [undefined, code];
  return { code, kind: /^[MN]/.test(code) ? 'rarc' : 'carc', reason, ...(group ? { group } : {}), role: 'named', lineKey: 'p1' };
};

function tallyOf(mentions: PageMention[], remits: PageRemitFacts[] = []): Tally {
  const explanations = new Map<string, Explanation>(mentions.map((m) => [m.code, explain(catalog, { code: m.code })]));
  return tallyRemittances(remittancesFromPage({ mentions, remits }), {
    explanations,
    sequestration: shippedSequestration(),
    plb: shippedPlb(),
  });
}

const line1 = { billed: '180.00', allowed: '125.00', paid: '98.00' };
const line2 = { billed: '60.00', paid: '0.00' };
const page: PageMention[] = [
  adj('CO-45', '55.00', 'l1', { figures: line1, paid: '98.00', serviceDate: '2024-03-01' }),
  adj('PR-2', '25.00', 'l1', { figures: line1 }),
  adj('CO-253', '2.00', 'l1', { figures: line1, paid: '98.00', serviceDate: '2024-03-01' }),
  remark('N130', 'l1'),
  adj('CO-50', '60.00', 'l2', { figures: line2 }),
  adj('CO-16', undefined, 'l3', { claimKey: 'c2' }),
  remark('MA130', 'c2', 'c2'),
  named('CO-45'),
  named('CO-45'),
  named('N130'),
];

describe('tally of the model', () => {
  const t = tallyOf(page);

  it('counts claims, lines and adjustments, not mentions; named codes apart', () => {
    expect([t.claims.length, t.lines, t.adjustments, t.missing, t.total]).toEqual([2, 3, 5, 1, 10]);
    expect(t.adjustmentRows.map((r) => [r.code, r.count, r.lines, r.cents, r.withAmount, r.missing, r.bucket])).toEqual([
      ['CO-16', 1, 1, 0, 0, 1, 'denial'],
      ['CO-45', 1, 1, 5500, 1, 0, 'contractual'],
      ['CO-50', 1, 1, 6000, 1, 0, 'denial'],
      ['CO-253', 1, 1, 200, 1, 0, 'sequestration'],
      ['PR-2', 1, 1, 2500, 1, 0, 'patient'],
    ]);
    expect(t.remarks.map((r) => [r.code, r.count])).toEqual([
      ['MA130', 1],
      ['N130', 1],
    ]);
    expect(t.named.map((n) => [n.code, n.count])).toEqual([
      ['CO-45', 2],
      ['N130', 1],
    ]);
    expect(groupSections(t).map((s) => [s.group, s.count, s.cents, s.missing])).toEqual([
      ['CO', 4, 11700, 1],
      ['PR', 1, 2500, 0],
    ]);
  });

  it('buckets count lines, and an adjustment with no amount is "not shown", never $0.00', () => {
    expect(t.buckets.denial).toEqual({ count: 2, adjustments: 2, cents: 6000, missing: 1 });
    expect(t.buckets.patient).toEqual({ count: 1, adjustments: 1, cents: 2500, missing: 0 });
    const co16 = tallyOf([adj('CO-16', undefined, 'l1'), adj('CO-16', undefined, 'l2')]);
    expect(co16.buckets.denial).toEqual({ count: 2, adjustments: 2, cents: 0, missing: 2 });
    expect(tallyToTsv(co16).split('\n')[1]).toBe(
      `CO-16\tAdjustment\tCO\t2\t\t2\tDenials needing action\t${explain(catalog, { code: 'CO-16' }).summary}`,
    );
  });

  it('totals the figures the page shows, saying how many claims show them', () => {
    expect(t.figures).toEqual({ billed: { cents: 24000, shown: 1, of: 2 }, paid: { cents: 9800, shown: 1, of: 2 } });
  });

  it('balances lines in cents; a line without a billed or paid amount, or with an amount not shown, is not checked', () => {
    expect(t.balance.lines).toEqual({ ok: 2, off: 0, unknown: 1 });
    const off = tallyOf([adj('CO-45', '55.00', 'l1', { figures: { billed: '180.00', paid: '99.50' } })]);
    // 180.00 − 55.00 = 125.00, but the page says 99.50: what it says minus what its figures add up to.
    expect(off.balance.failures).toEqual([{ key: 'l1', claim: 1, line: 1, difference: -2550, actual: 9950, expected: 12500 }]);
    expect(off.claims[0]?.balance).toMatchObject({ state: 'off', difference: -2550 });
    const none = tallyOf([adj('CO-45', '55.00', 'l1')]);
    expect(anyBalanceChecked(none)).toBe(false);
  });

  it('a deductible, coinsurance or copay the page shows in its own column counts as the adjustment it is', () => {
    // 195.00 − CO-45 76.80 − coinsurance 23.64 (no PR-2 given) = 94.56.
    const t2 = tallyOf([
      adj('CO-45', '76.80', 'l1', { figures: { billed: '195.00', paid: '94.56', deductible: '0.00', coinsurance: '23.64' } }),
    ]);
    expect(t2.balance.lines).toEqual({ ok: 1, off: 0, unknown: 0 });
    // With the PR-2 given, the column only repeats it.
    const t3 = tallyOf([
      adj('CO-45', '76.80', 'l1', { figures: { billed: '195.00', paid: '94.56', coinsurance: '23.64' } }),
      adj('PR-2', '23.64', 'l1', { figures: { billed: '195.00', paid: '94.56', coinsurance: '23.64' } }),
    ]);
    expect(t3.balance.lines).toEqual({ ok: 1, off: 0, unknown: 0 });
  });

  it('names each CO-253 that is not the rate and where it is', () => {
    const seq = tallyOf([
      adj('CO-253', '2.00', 'l1', { figures: { paid: '98.00' }, paid: '98.00', serviceDate: '2024-03-01' }),
      adj('CO-253', '1.50', 'l2', { figures: { paid: '60.00' }, paid: '60.00', serviceDate: '2024-03-01', claimKey: 'c2' }),
      adj('CO-253', '0.40', 'l3', { claimKey: 'c2', figures: { billed: '20.00' } }),
    ]);
    expect(seq.sequestration).toEqual({
      lines: 3,
      checked: 2,
      matched: 1,
      failures: [{ key: 'l2', claim: 2, line: 1, code: 'CO-253', amount: '1.50', expected: '1.23', difference: '0.27', rate: '2%' }],
    });
    expect(sequestrationNote(seq)).toBe('1 of 2 checked CO-253 lines match the sequestration rate (1 without a paid amount to check)');
  });

  it('checks the payment: paid total − provider-level adjustments = the check, and lists the PLB with its own words', () => {
    const facts: PageRemitFacts[] = [
      {
        key: 'k1',
        source: 'printout',
        payment: '106.01',
        providerAdjustments: [
          { reason: 'L6', amount: '-0.37' },
          { reason: 'WO', amount: '30.00' },
          { reason: 'FB', amount: '-12.08' },
        ],
        claims: [
          { key: 'k1.c1', figures: { billed: '170.00', paid: '74.62' }, lines: [] },
          { key: 'k1.c2', figures: { billed: '260.00', paid: '48.94' }, lines: [] },
        ],
      },
    ];
    const t4 = tallyOf([], facts);
    expect(t4.balance.payments).toEqual([{ paid: 12356, plb: 1755, payment: 10601, balance: { state: 'ok', expected: 10601 } }]);
    expect(t4.plb.map((p) => [p.reason, p.amount, p.name])).toEqual([
      ['L6', -37, shippedPlb().get('L6')?.name],
      ['WO', 3000, shippedPlb().get('WO')?.name],
      ['FB', -1208, shippedPlb().get('FB')?.name],
    ]);
    const facts2 = structuredClone(facts);
    if (facts2[0]) facts2[0].payment = '107.51';
    expect(tallyOf([], facts2).balance.payments[0]?.balance).toMatchObject({ state: 'off', difference: 150 });
  });

  it('sums negative amounts (reversals) and keeps the sign', () => {
    const r = tallyOf([adj('CO-45', '-13.65', 'l1'), adj('CO-45', '20.00', 'l2')]);
    expect(r.adjustmentRows[0]).toMatchObject({ count: 2, cents: 635 });
    expect(tallyToTsv(r)).toContain('CO-45\tAdjustment\tCO\t2\t6.35\t\t');
  });
});

describe('the TSV of the tally', () => {
  it('a header, one line per code, then the totals, tabs only between cells', () => {
    const lines = tallyToTsv(tallyOf(page)).split('\n');
    expect(lines[0]).toBe('Code\tKind\tGroup\tCount\tAmount\tAmount not shown\tCategory\tMeaning');
    expect(lines).toContain(`MA130\tRemark\t\t1\t\t\t\t${explain(catalog, { code: 'MA130' }).summary}`);
    expect(lines.slice(-4)).toEqual([
      '\tTotal\t\t1\t25.00\t\tPatient responsibility\t',
      '\tTotal\t\t1\t55.00\t\tContractual write-offs\t',
      '\tTotal\t\t1\t2.00\t\tSequestration (CO-253)\t1 of 1 checked CO-253 line match the sequestration rate',
      '\tTotal\t\t2\t60.00\t1\tDenials needing action\t',
    ]);
    for (const line of lines) expect(line.split('\t')).toHaveLength(8);
  });

  it('formula-looking cells defused, as in the CSV; amounts (negative too) stay numbers', () => {
    const mentions = [adj('CO-45', '1.00', 'l1'), adj('CO-97', '-2.50', 'l2')];
    const explanations = new Map<string, Explanation>([
      ['CO-45', { ...explain(catalog, { code: 'CO-45' }), summary: '=HYPERLINK("x")' }],
      ['CO-97', explain(catalog, { code: 'CO-97' })],
    ]);
    const hostile = tallyRemittances(remittancesFromPage({ mentions, remits: [] }), {
      explanations,
      sequestration: shippedSequestration(),
      plb: shippedPlb(),
    });
    // The copied table is pasted into the same spreadsheets: guarded the same way.
    const tsv = tallyToTsv(hostile);
    expect(tsv).toContain(`\t'=HYPERLINK("x")`);
    expect(tsv).toContain('\t1.00\t');
    expect(tsv).toContain('\t-2.50\t');
    expect(tsv).not.toContain("'-2.50");
  });
});
