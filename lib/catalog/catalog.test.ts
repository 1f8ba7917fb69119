import { describe, expect, it } from 'vitest';
import { toCents } from '../amount';
import { GROUP_CODES } from '../detect/types';
import { CATEGORY_IDS } from './categories';
import { parseCodeRef } from './code-ref';
import { COMMON_CARCS, COMMON_RARCS } from './common-codes';
import { shippedCatalog } from './data';
import { type ExplainInput, explain } from './explain';
import { CodeSearch } from './search';
import { checkSequestration, periodOn, roundedShare } from './sequestration';

const catalog = shippedCatalog();
const UNKNOWN_TEXT = catalog.wording.text('unknown.summary');
const ISO = /^\d{4}-\d{2}-\d{2}$/;
const ex = (code: string, more: Omit<ExplainInput, 'code'> = {}) => explain(catalog, { code, ...more });

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
    // X12's own counts: 110 CARC and 79 RARC deactivated (a note naming *another* deactivated code does not count).
    expect(catalog.records.filter((r) => r.kind === 'carc' && r.status === 'deactivated')).toHaveLength(110);
    expect(catalog.records.filter((r) => r.kind === 'rarc' && r.status === 'deactivated')).toHaveLength(79);
    expect(catalog.get('carc', 'P1')?.status).toBe('active');
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

describe('categories', () => {
  it('leaves no CARC uncategorised, and every explained CARC shows its category', () => {
    const carcs = catalog.records.filter((r) => r.kind === 'carc');
    expect(carcs.filter((r) => !r.category).map((r) => r.code)).toEqual([]);
    for (const r of carcs) expect(ex(r.code).category?.id, r.code).toBe(r.category);
  });

  it.each([
    ['253', 'sequestration'],
    ['45', 'contractual'],
    ['1', 'patient-share'],
    ['2', 'patient-share'],
    ['3', 'patient-share'],
    ['66', 'patient-share'],
    ['29', 'timely-filing'],
    ['18', 'duplicate'],
    ['97', 'bundled'],
    ['234', 'bundled'],
    ['B15', 'bundled'],
    ['16', 'missing-info'],
    ['50', 'medical-necessity'],
    ['22', 'other-payer'],
    ['23', 'other-payer'],
    ['197', 'authorization'],
    ['27', 'eligibility'],
    ['96', 'not-covered'],
    ['24', 'contractual'],
    ['B7', 'provider'],
  ])('CARC %s is %s', (code, category) => {
    expect(catalog.get('carc', code)?.category).toBe(category);
  });

  it('only CARC 253 is sequestration', () => {
    expect(catalog.records.filter((r) => r.category === 'sequestration').map((r) => r.code)).toEqual(['253']);
  });

  it('types every RARC as an alert or a supplemental code', () => {
    for (const r of catalog.records.filter((x) => x.kind === 'rarc')) expect(['alert', 'supplemental'], r.code).toContain(r.rarcType);
    expect(catalog.get('rarc', 'MA01')?.rarcType).toBe('alert');
    expect(catalog.get('rarc', 'N130')?.rarcType).toBe('supplemental');
  });
});

describe('deep guidance for the codes people meet most', () => {
  it('lists at least 60 CARCs and 40 RARCs, all active, none twice', () => {
    expect(COMMON_CARCS.length).toBeGreaterThanOrEqual(60);
    expect(COMMON_RARCS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(COMMON_CARCS).size).toBe(COMMON_CARCS.length);
    expect(new Set(COMMON_RARCS).size).toBe(COMMON_RARCS.length);
    // No stop date: still in use (data/x12 status is checked separately, against X12's counts).
    for (const code of COMMON_CARCS) expect(catalog.get('carc', code)?.stop, code).toBeUndefined();
    for (const code of COMMON_RARCS) expect(catalog.get('rarc', code)?.status, code).toBe('active');
  });

  it('gives each one biller advice for its step and a patient sentence', () => {
    const common = [...COMMON_CARCS.map((c) => catalog.get('carc', c)), ...COMMON_RARCS.map((c) => catalog.get('rarc', c))];
    for (const r of common) {
      const g = r?.guidance;
      expect(g, r?.code).toBeDefined();
      expect(g?.biller.length, r?.code).toBeGreaterThan(30);
      // The "Why?" a patient reads: the guidance's, or (sequestration) the advice table's for every group.
      const why = explain(catalog, { code: r?.kind === 'carc' ? `CO-${r.code}` : (r?.code ?? '') }).patient[1] ?? '';
      expect(why.length, r?.code).toBeGreaterThan(20);
    }
  });

  it('names accompanying RARCs that exist, for most common CARCs', () => {
    const withRarcs = COMMON_CARCS.filter((c) => (catalog.get('carc', c)?.guidance?.rarcs.length ?? 0) > 0);
    expect(withRarcs.length).toBeGreaterThanOrEqual(45);
    for (const r of catalog.records) {
      for (const rarc of r.guidance?.rarcs ?? []) expect(catalog.get('rarc', rarc), `${r.code} → ${rarc}`).toBeDefined();
    }
  });

  it('never tells a patient they owe a CO amount: the group (or the table) answers "Do I owe this?"', () => {
    for (const code of ['50', '97', '16', '29', '197', '45', '2']) {
      expect(explain(catalog, { code: `CO-${code}` }).patient[0], code).toMatch(/^You don't owe this amount/);
    }
    // Coverage that had ended or not begun: the code alone cannot settle it, so the card does not.
    for (const code of ['26', '27', '200'])
      expect(explain(catalog, { code: `CO-${code}` }).patient[0], code).toMatch(/does not say whether you owe/);
  });
});

describe('hard rules: never "appeal"', () => {
  const cases = ['CO-253', 'CO-45', 'PR-1', 'PR-2', 'PR-3', 'MA130', 'N211'];
  it.each(cases)('%s has no appeal step', (code) => {
    const e = ex(code);
    expect(e.known).toBe(true);
    expect(e.nextStep?.id).not.toBe('appeal');
  });

  it('holds under every group, with or without amounts and dates', () => {
    for (const reason of ['253', '45', '1', '2', '3']) {
      for (const group of [...GROUP_CODES, '']) {
        const e = ex(group ? `${group}-${reason}` : reason, { amount: '2.00', paid: '98.00', serviceDate: '2024-01-10' });
        expect(e.nextStep?.id, `${group}-${reason}`).not.toBe('appeal');
      }
    }
  });

  it('no guidance row anywhere elaborates an appeal for one of these codes', () => {
    for (const [kind, code] of [
      ['carc', '253'],
      ['carc', '45'],
      ['carc', '1'],
      ['carc', '2'],
      ['carc', '3'],
      ['rarc', 'MA130'],
      ['rarc', 'N211'],
    ] as const) {
      expect(catalog.get(kind, code)?.guidance?.step, code).not.toBe('appeal');
    }
  });
});

describe('CO-253 sequestration', () => {
  const e = ex('CO-253');
  it('says what it is in the headline, and the step once: write off, do not appeal, not billable to the patient', () => {
    expect(e.headline).toMatch(/sequestration/i);
    expect(e.headline).toMatch(/not a denial/i);
    expect(e.nextStep?.label).toBe('Write off as a contractual adjustment');
    expect(e.nextStep?.reason).toMatch(/do not appeal/i);
    expect(e.nextStep?.reason).toMatch(/not billable to the patient/i);
    expect(e.biller.join(' ')).not.toMatch(/appeal|contractual/i);
    expect(e.patient[0]).toBe("You don't owe this amount.");
    expect(e.patient[1]).toMatch(/sequestration/i);
    expect(e.patient[1]).toMatch(/not a denial/i);
    expect(e.summary).toMatch(/sequestration/i);
  });

  it('is tallied as sequestration, written off, and shows its group', () => {
    expect(e.bucket).toBe('sequestration');
    expect(e.nextStep?.id).toBe('write-off');
    expect(e.group?.code).toBe('CO');
    expect(e.category?.id).toBe('sequestration');
    expect(e.tone).toBe('muted');
  });

  it('stays sequestration, not billable, under a wrong group', () => {
    const pr = ex('PR-253');
    expect(pr.bucket).toBe('sequestration');
    expect(pr.nextStep?.id).toBe('write-off');
    expect(pr.nextStep?.reason).toMatch(/whatever group the payer reported it under.*not billable to the patient/);
    expect(pr.patient[0]).toBe("You don't owe this amount.");
    expect(ex('253').bucket).toBe('sequestration');
  });
});

describe('group-dependent advice', () => {
  it('writes CO-45 off and never bills the patient; PR-45 may be billed', () => {
    const co = ex('CO-45');
    expect(co.nextStep?.id).toBe('write-off');
    expect(co.bucket).toBe('contractual');
    expect(co.patient[0]).toMatch(/don't owe/);
    expect(co.group?.summary).toMatch(/the patient does not owe it/);
    const pr = ex('PR-45');
    expect(pr.nextStep?.id).toBe('bill-patient');
    expect(pr.bucket).toBe('patient');
    expect(pr.patient.join(' ')).toMatch(/your share/i);
  });

  it('always shows the group meaning, for every group and a range of reasons', () => {
    for (const group of GROUP_CODES) {
      for (const reason of ['1', '45', '97', '16', '253', 'B15', '999']) {
        const e = ex(`${group}-${reason}`);
        expect(e.group?.code, `${group}-${reason}`).toBe(group);
        expect(e.group?.summary.length, `${group}-${reason}`).toBeGreaterThan(20);
        expect(e.group?.patient.length, `${group}-${reason}`).toBeGreaterThan(10);
      }
    }
  });

  it('never bills the patient for a CO or PI amount', () => {
    for (const r of catalog.records.filter((x) => x.kind === 'carc')) {
      for (const group of ['CO', 'PI']) {
        const e = ex(`${group}-${r.code}`);
        expect(e.nextStep?.id, `${group}-${r.code}`).not.toBe('bill-patient');
        expect(e.bucket, `${group}-${r.code}`).not.toBe('patient');
      }
    }
  });

  it('bills PR amounts to the patient and tallies them as patient share', () => {
    for (const reason of ['1', '2', '3', '45', '96', '204']) {
      const e = ex(`PR-${reason}`);
      expect(e.nextStep?.id, reason).toBe('bill-patient');
      expect(e.bucket, reason).toBe('patient');
    }
  });

  it('does not tell a patient "this is your coinsurance" under CO', () => {
    const e = ex('CO-2');
    expect(e.patient.join(' ')).not.toMatch(/This is your coinsurance/);
    expect(e.patient[0]).toMatch(/don't owe/);
    expect(e.nextStep?.id).toBe('write-off');
    expect(e.nextStep?.reason).toMatch(/the patient does not owe it/);
    expect(ex('PR-2').patient.join(' ')).toMatch(/This is your coinsurance/);
  });

  it('routes denials needing work to the denial bucket and informational OA-23 elsewhere', () => {
    expect(ex('CO-16').bucket).toBe('denial');
    expect(ex('CO-50').bucket).toBe('denial');
    expect(ex('CO-29').bucket).toBe('denial');
    expect(ex('OA-23').bucket).toBe('other');
  });
});

describe('sequestration rates by date of service', () => {
  const table = catalog.sequestration;
  it.each([
    ['2013-04-01', '2%'],
    ['2020-04-30', '2%'],
    ['2020-05-01', '0%'],
    ['2021-06-15', '0%'],
    ['2022-03-31', '0%'],
    ['2022-04-01', '1%'],
    ['2022-06-30', '1%'],
    ['2022-07-01', '2%'],
    ['2026-01-15', '2%'],
  ])('%s → %s', (serviceDate, rate) => {
    const check = checkSequestration(table, { amount: '0.00', paid: '100.00', serviceDate });
    expect(check?.rate).toBe(rate);
    expect(check?.basis).toBe('date');
    expect(check?.rateFromDate).toBe(true);
  });

  it('has no rate before 2013-04-01: there was no sequestration then, and it says so', () => {
    expect(periodOn(table, '2013-03-31')).toBeUndefined();
    const none = checkSequestration(table, { amount: '2.00', paid: '98.00', serviceDate: '2013-03-31' });
    expect(none).toMatchObject({ basis: 'before-sequestration', rate: '0%', expected: '0.00', matches: false, startedOn: '2013-04-01' });
    const e = ex('CO-253', { amount: '2.00', paid: '98.00', serviceDate: '2013-03-31' });
    expect(e.sequestration?.text).toMatch(/began with services on 2013-04-01/);
    expect(e.sequestration?.text).not.toMatch(/Matches 2%/);
    const zero = ex('CO-253', { amount: '0.00', paid: '98.00', serviceDate: '2013-03-31' });
    expect(zero.sequestration?.matches).toBe(true);
    expect(zero.sequestration?.text).toMatch(/No sequestration applied/);
  });
});

describe('the 2% check', () => {
  const table = catalog.sequestration;
  const date = '2024-03-01';

  it('matches an exact 2% reduction', () => {
    const e = ex('CO-253', { amount: '2.00', paid: '98.00', serviceDate: date });
    expect(e.sequestration).toMatchObject({ expected: '2.00', difference: '0.00', matches: true, rate: '2%' });
    expect(e.sequestration?.text).toBe('Matches 2% for a 2024-03-01 service of the Medicare payment (expected 2.00).');
  });

  it('still matches when off by one cent', () => {
    const check = checkSequestration(table, { amount: '2.01', paid: '97.99', serviceDate: date });
    expect(check).toMatchObject({ expected: '2.00', difference: '0.01', matches: true });
    expect(ex('CO-253', { amount: '1.99', paid: '98.01', serviceDate: date }).sequestration?.text).toMatch(/Matches 2%.*within a cent/);
  });

  it('reports the difference when off by more than a cent', () => {
    const e = ex('CO-253', { amount: '2.05', paid: '97.95', serviceDate: date });
    expect(e.sequestration).toMatchObject({ expected: '2.00', difference: '0.05', matches: false });
    expect(e.sequestration?.text).toMatch(/Does not match 2%.*expected 2\.00, off by 0\.05/);
  });

  it('rounds exact half cents up, and handles the 1% period', () => {
    // 2% of 12.25 is 0.245 → 0.25; of 12.24 is 0.2448 → 0.24.
    expect(roundedShare(1225, 200)).toBe(25);
    expect(roundedShare(1224, 200)).toBe(24);
    expect(roundedShare(1226, 200)).toBe(25);
    expect(roundedShare(50, 100)).toBe(1);
    expect(roundedShare(-1225, 200)).toBe(-25);
    expect(checkSequestration(table, { amount: '0.25', paid: '12.00', serviceDate: date })).toMatchObject({
      expected: '0.25',
      matches: true,
    });
    expect(checkSequestration(table, { amount: '1.00', paid: '99.00', serviceDate: '2022-05-01' })).toMatchObject({
      expected: '1.00',
      rate: '1%',
      matches: true,
    });
  });

  it('handles negative reversal amounts symmetrically', () => {
    const back = checkSequestration(table, { amount: '-2.00', paid: '-98.00', serviceDate: date });
    expect(back).toMatchObject({ expected: '-2.00', difference: '0.00', matches: true });
    const off = checkSequestration(table, { amount: '-2.50', paid: '-98.00', serviceDate: date });
    expect(off).toMatchObject({ expected: '-2.01', difference: '-0.49', matches: false });
    expect(checkSequestration(table, { amount: '(2.00)', paid: '-98.00', serviceDate: date })?.matches).toBe(true);
  });

  it('assumes the current rate when the date of service is unknown, and says so', () => {
    const e = ex('CO-253', { amount: '2.00', paid: '98.00' });
    expect(e.sequestration).toMatchObject({ basis: 'assumed', rateFromDate: false, rate: '2%', matches: true });
    expect(e.sequestration?.text).toMatch(/assumed/);
    expect(e.sequestration?.text).toMatch(/date of service is unknown/);
    // A date that is not a real ISO date counts as unknown.
    expect(checkSequestration(table, { amount: '2.00', paid: '98.00', serviceDate: '03/01/2024' })?.basis).toBe('assumed');
  });

  it('expects nothing in the 0% period', () => {
    expect(checkSequestration(table, { amount: '2.00', paid: '98.00', serviceDate: '2021-01-04' })).toMatchObject({
      expected: '0.00',
      matches: false,
    });
  });

  it('needs both amounts; parses money text exactly', () => {
    expect(ex('CO-253', { amount: '2.00' }).sequestration).toBeUndefined();
    expect(checkSequestration(table, { amount: 'abc', paid: '98.00' })).toBeUndefined();
    expect(toCents('$1,234.50')).toBe(123450);
    expect(toCents('1.005')).toBe(101);
    expect(toCents('-0.29')).toBe(-29);
    expect(toCents('(13.65)')).toBe(-1365);
    expect(toCents('.5')).toBe(50);
    expect(toCents('-')).toBeUndefined();
  });
});

describe('status by date', () => {
  it('flags a code used after its stop date', () => {
    const e = ex('CO-15', { serviceDate: '2019-02-01' });
    expect(e.status).toEqual({ state: 'deactivated', text: 'Deactivated since 2018-05-01: not valid for a 2019-02-01 service.' });
    expect(ex('N29', { serviceDate: '2016-03-01' }).status.state).toBe('deactivated');
    expect(ex('15').status.text).toBe('Deactivated since 2018-05-01.');
  });

  it('notes the stop date for a service before it', () => {
    const e = ex('CO-15', { serviceDate: '2018-04-30' });
    expect(e.status.state).toBe('active');
    expect(e.status.text).toMatch(/Deactivated since 2018-05-01; the 2018-04-30 service came before that/);
  });

  it('flags a code used before its start date', () => {
    const e = ex('CO-253', { serviceDate: '2013-06-01' });
    expect(e.status.state).toBe('not-yet-valid');
    expect(e.status.text).toMatch(/starts 2013-06-02/);
    expect(ex('CO-253', { serviceDate: '2013-06-02' }).status.state).toBe('active');
  });

  it('keeps N793 deactivated though X12 published no stop date', () => {
    expect(ex('N793').status).toEqual({ state: 'deactivated', text: 'Deactivated (stop date not published).' });
    expect(ex('N793', { serviceDate: '2018-01-01' }).status.text).toMatch(/stop date not published.*unknown/);
  });

  it('reports active codes as active', () => {
    expect(ex('CO-45', { serviceDate: '2024-01-01' }).status).toEqual({ state: 'active', text: 'Active since 1995-01-01.' });
  });
});

describe('unknown codes', () => {
  it.each(['CO-999', '999', 'N999', 'MA999', 'X99', 'PR-Z9'])('%s is not guessed', (code) => {
    const e = ex(code);
    expect(e.known).toBe(false);
    expect(e.kind).toBe('unknown');
    expect(e.summary).toBe(UNKNOWN_TEXT);
    expect(e.summary).toMatch(/not in the X12 lists — may be a payer-specific code/i);
    expect(e.category).toBeUndefined();
    expect(e.nextStep).toBeUndefined();
    expect(e.usualRarcs).toEqual([]);
    expect(e.status.state).toBe('unknown');
  });

  it('keeps the group meaning of an unknown reason', () => {
    const e = ex('PR-999');
    expect(e.group?.code).toBe('PR');
    expect(e.patient[0]).toBe(e.group?.patient);
    expect(e.nextStep).toBeUndefined();
  });

  it('shows text that is not a code as unknown, unchanged', () => {
    expect(ex('hello').code).toBe('hello');
    expect(ex('hello').known).toBe(false);
  });
});

describe('code spellings', () => {
  it.each([
    ['253', 'carc', '253', undefined],
    ['co253', 'carc', '253', 'CO'],
    ['CO-253', 'carc', '253', 'CO'],
    ['co 253', 'carc', '253', 'CO'],
    ['CO*253', 'carc', '253', 'CO'],
    ['CO:253', 'carc', '253', 'CO'],
    ['pr-02', 'carc', '2', 'PR'],
    ['045', 'carc', '45', undefined],
    ['n130', 'rarc', 'N130', undefined],
    ['ma 130', 'rarc', 'MA130', undefined],
    ['MA1', 'rarc', 'MA01', undefined],
    ['ma-01', 'rarc', 'MA01', undefined],
    ['M1', 'rarc', 'M1', undefined],
    ['A1', 'carc', 'A1', undefined],
    ['B15', 'carc', 'B15', undefined],
    ['oa b15', 'carc', 'B15', 'OA'],
    ['PI-A1', 'carc', 'A1', 'PI'],
  ])('%s', (input, kind, reason, group) => {
    const ref = parseCodeRef(input);
    expect(ref?.kind).toBe(kind);
    expect(ref && 'reason' in ref ? ref.reason : undefined).toBe(reason);
    expect(ref && 'group' in ref ? ref.group : undefined).toBe(group);
  });

  it('formats codes the way cards show them', () => {
    expect(parseCodeRef('co 253')?.code).toBe('CO-253');
    expect(parseCodeRef('CO')).toEqual({ kind: 'group', code: 'CO', group: 'CO' });
    expect(ex('ma1').code).toBe('MA01');
  });

  it('rejects text that is not shaped like a code', () => {
    for (const input of ['', '   ', 'hello', '1234', 'CO-N', 'N', 'timely filing']) expect(parseCodeRef(input), input).toBeUndefined();
  });
});

describe('search', () => {
  const search = new CodeSearch(catalog);
  const codes = (q: string, n = 10) => search.search(q, n).map((h) => h.code);

  it('puts the exact code first, in any spelling', () => {
    expect(codes('253')[0]).toBe('253');
    expect(codes('co253')[0]).toBe('CO-253');
    expect(codes('CO 45')[0]).toBe('CO-45');
    expect(codes('ma 130')[0]).toBe('MA130');
    expect(codes('n13')[0]).toBe('N13');
    expect(codes('n13')).toContain('N130');
    expect(codes('b15')[0]).toBe('B15');
  });

  it('finds codes by words', () => {
    expect(codes('timely filing')[0]).toBe('29');
    const bundled = codes('bundled');
    for (const code of ['97', 'B15', '234']) expect(bundled).toContain(code);
    expect(codes('sequestration')[0]).toBe('253');
    expect(codes('deductible')[0]).toBe('1');
    expect(codes('duplicate')[0]).toBe('18');
    expect(codes('medical necessity')[0]).toBe('50');
    expect(codes('prior authorization', 5)).toContain('197');
    expect(codes('code 45 denial')[0]).toBe('45');
  });

  it('ranks deactivated codes below active ones for the same words', () => {
    const hits = search.search('authorization', 40);
    const firstDeactivated = hits.findIndex((h) => h.deactivated);
    const lastActiveCommon = hits.findIndex((h) => h.code === '197');
    expect(lastActiveCommon).toBeGreaterThanOrEqual(0);
    if (firstDeactivated >= 0) expect(lastActiveCommon).toBeLessThan(firstDeactivated);
  });

  it('returns nothing for an empty query and caps the results', () => {
    expect(search.search('   ')).toEqual([]);
    expect(search.search('the', 5).length).toBeLessThanOrEqual(5);
  });
});

describe('official wording beside ours', () => {
  it('adds the imported official text to the explanation, and nothing when absent', () => {
    const official = new Map([
      ['carc:45', 'Official text for 45'],
      ['rarc:N130', 'Official text for N130'],
      ['carc:999', 'A newer official code'],
    ]);
    expect(explain(catalog, { code: 'CO-45' }, official).official).toBe('Official text for 45');
    expect(explain(catalog, { code: 'N130' }, official).official).toBe('Official text for N130');
    expect(explain(catalog, { code: 'CO-2' }, official).official).toBeUndefined();
    expect(ex('CO-45').official).toBeUndefined();
    // A code newer than this release: still unknown to us (never guessed), but the user's list describes it.
    const newer = explain(catalog, { code: 'CO-999' }, official);
    expect(newer.known).toBe(false);
    expect(newer.summary).toBe(UNKNOWN_TEXT);
    expect(newer.official).toBe('A newer official code');
  });
});

describe('search for a code that does not exist', () => {
  it('finds nothing rather than words that look like the group', async () => {
    const { CodeSearch } = await import('./search');
    const search = new CodeSearch(shippedCatalog());
    expect(search.search('CO-999')).toEqual([]);
    expect(search.search('co 253')[0]?.code).toBe('CO-253');
  });
});
