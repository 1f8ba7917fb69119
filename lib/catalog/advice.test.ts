// The advice table: how a step is resolved, that every code under every group gets exactly one,
// and the rules the shipped table must keep (sequestration, groups that decide, never-appeal codes).
import { describe, expect, it } from 'vitest';
import { GROUP_CODES, type GroupCode } from '../detect/types';
import { type AdviceRow, parseAdvice, specificity } from './advice';
import { shippedCatalog, shippedSources } from './data';
import { explain } from './explain';
import { TsvError } from './tsv';

const catalog = shippedCatalog();
const HEAD = 'kind\tcode\tgroup\tstep\towe\treason\tpatient_reason\n';
const table = (rows: string[]) => parseAdvice(HEAD + rows.join('\n'), shippedSources.steps);
const GROUPS: (GroupCode | undefined)[] = [...GROUP_CODES, undefined];
const carcs = catalog.records.filter((r) => r.kind === 'carc');

/** Every row that matches a code under a group (the winner is the most specific). */
function candidates(kind: 'carc' | 'rarc', code: string, group: GroupCode | undefined): AdviceRow[] {
  const record = catalog.get(kind, code);
  return catalog.advice.rows.filter((row) => {
    if (row.kind !== kind) return false;
    if (row.group === '-' ? group !== undefined : row.group !== '*' && row.group !== group) return false;
    if (row.match.by === 'code') return row.match.code === code;
    if (row.match.by === 'category') return row.match.category === record?.category;
    if (row.match.by === 'alert') return record?.rarcType === 'alert';
    return true;
  });
}

describe('resolving a step', () => {
  const t = table([
    'carc\t*\t*\task-payer\t\tanything',
    'carc\t*\tPR\tbill-patient\t\tgroup alone',
    'carc\tcategory:contractual\t*\twrite-off\t\tcategory',
    'carc\tcategory:contractual\tOA\tbill-other-payer\t\tcategory and group',
    'carc\t45\t*\twrite-off\t\tcode',
    'carc\t45\tCO\twrite-off\t\tcode and group',
    'carc\t*\t-\task-payer\t\twritten without a group',
  ]);
  const reason = (code: string, category: 'contractual' | 'bundled', group?: GroupCode) =>
    t.resolve({ kind: 'carc', code, category }, group)?.reason;

  it('lets the most specific row win: code and group, code, category and group, group, category, anything', () => {
    expect(reason('45', 'contractual', 'CO')).toBe('code and group');
    expect(reason('45', 'contractual', 'PR')).toBe('code');
    expect(reason('42', 'contractual', 'OA')).toBe('category and group');
    expect(reason('42', 'contractual', 'PR')).toBe('group alone');
    expect(reason('42', 'contractual', 'PI')).toBe('category');
    expect(reason('97', 'bundled', 'PI')).toBe('anything');
    expect(reason('97', 'bundled')).toBe('written without a group');
    expect(reason('45', 'contractual')).toBe('code');
  });

  it('ranks rows in that order', () => {
    const rank = (code: string, group: string) =>
      specificity(
        t.rows.find(
          (r) => r.reason && `${r.match.by === 'code' ? r.match.code : r.match.by}|${r.group}` === `${code}|${group}`,
        ) as AdviceRow,
      );
    expect([rank('45', 'CO'), rank('45', '*'), rank('category', 'OA'), rank('any', 'PR'), rank('category', '*'), rank('any', '*')]).toEqual(
      [6, 4, 3, 2, 1, 0],
    );
  });

  it('refuses a table a code could fall through, a repeated key, an unknown step or a remark under a group', () => {
    expect(() => table(['carc\t*\tPR\tbill-patient\t\tx'])).toThrow(/carc \* \*/);
    expect(() => table(['carc\t*\t*\task-payer\t\tx', 'carc\t*\t*\tnone\t\ty'])).toThrow(TsvError);
    expect(() => table(['carc\t*\t*\tpost\t\tx'])).toThrow(/unknown step "post"/);
    expect(() => table(['carc\t*\t*\task-payer\t\tx', 'rarc\tN130\tCO\tnone\t\ty'])).toThrow(/use \*/);
    expect(() => table(['carc\t*\t*\task-payer\t\t'])).toThrow(/reason/);
  });
});

describe('the shipped table', () => {
  it('gives every CARC, under each of the five groups and with none, exactly one step', () => {
    for (const r of carcs) {
      for (const group of GROUPS) {
        const rows = candidates('carc', r.code, group);
        const best = Math.max(...rows.map(specificity));
        expect(
          rows.filter((row) => specificity(row) === best),
          `${group ?? ''}-${r.code}`,
        ).toHaveLength(1);
        expect(explain(catalog, { code: group ? `${group}-${r.code}` : r.code }).nextStep, `${group}-${r.code}`).toBeDefined();
      }
    }
  });

  it('has no dead row: each one decides some code under some group (the "carc * *" backstop aside)', () => {
    const used = new Set<AdviceRow>();
    for (const r of catalog.records) {
      for (const group of r.kind === 'carc' ? GROUPS : [undefined]) {
        const row = catalog.advice.resolve(
          { kind: r.kind, code: r.code, ...(r.category ? { category: r.category } : {}), alert: r.rarcType === 'alert' },
          group,
        );
        if (row) used.add(row);
      }
    }
    const backstop = (row: AdviceRow) => row.kind === 'carc' && row.match.by === 'any' && row.group === '*';
    expect(catalog.advice.rows.filter((row) => !used.has(row) && !backstop(row)).map((row) => row.line)).toEqual([]);
  });

  it('always writes Medicare sequestration off, never appeals it and never bills the patient for it, whatever the group', () => {
    const sequestration = carcs.filter((r) => r.category === 'sequestration');
    expect(sequestration.map((r) => r.code)).toEqual(['253']);
    for (const group of GROUPS) {
      const e = explain(catalog, { code: group ? `${group}-253` : '253', amount: '2.00', paid: '98.00' });
      expect(e.nextStep?.id, group).toBe('write-off');
      expect(e.bucket, group).toBe('sequestration');
      expect(e.nextStep?.reason, group).toMatch(/do not appeal.*not billable to the patient/);
      expect(e.patient[0], group).toBe("You don't owe this amount.");
    }
  });

  it('lets the group change the step: CO-45 written off, PR-45 billed to the patient, OA-45 to the other payer', () => {
    expect(explain(catalog, { code: 'CO-45' }).nextStep?.id).toBe('write-off');
    expect(explain(catalog, { code: 'PR-45' }).nextStep?.id).toBe('bill-patient');
    expect(explain(catalog, { code: 'OA-45' }).nextStep?.id).toBe('bill-other-payer');
    expect(explain(catalog, { code: 'PR-204' }).nextStep?.id).toBe('bill-patient');
    expect(explain(catalog, { code: 'CO-50' }).nextStep?.id).toBe('appeal');
  });

  it('never bills the patient for a CO or PI amount, nor tallies it as the patient’s', () => {
    for (const r of carcs) {
      for (const group of ['CO', 'PI']) {
        const e = explain(catalog, { code: `${group}-${r.code}` });
        expect(e.nextStep?.id, `${group}-${r.code}`).not.toBe('bill-patient');
        expect(e.bucket, `${group}-${r.code}`).not.toBe('patient');
      }
    }
  });

  it('never appeals a cost share, a contractual reduction, an unprocessable claim or a no-appeal notice', () => {
    for (const code of ['1', '2', '3', '45', '253']) {
      for (const group of GROUPS)
        expect(explain(catalog, { code: group ? `${group}-${code}` : code }).nextStep?.id, `${group}-${code}`).not.toBe('appeal');
    }
    for (const code of ['MA130', 'N211', 'MA44']) expect(explain(catalog, { code }).nextStep?.id, code).not.toBe('appeal');
  });

  it('never counts a code that needs no action as a denial needing action', () => {
    expect(explain(catalog, { code: 'OA-18' }).bucket).toBe('other');
    expect(explain(catalog, { code: 'OA-23' }).bucket).toBe('other');
    for (const r of carcs) {
      for (const group of GROUPS) {
        const e = explain(catalog, { code: group ? `${group}-${r.code}` : r.code });
        if (e.nextStep?.id === 'none') expect(e.bucket, e.code).toBe('other');
        if (e.bucket === 'denial')
          expect(['appeal', 'correct-resubmit', 'ask-payer', 'bill-other-payer'], e.code).toContain(e.nextStep?.id);
      }
    }
  });

  it('gives remark codes a step where they carry one: alerts inform, fixes are fixes', () => {
    expect(explain(catalog, { code: 'MA01' }).nextStep?.id).toBe('none');
    expect(explain(catalog, { code: 'MA130' }).nextStep?.id).toBe('correct-resubmit');
    expect(explain(catalog, { code: 'N130' }).nextStep).toBeUndefined();
  });

  it('shows every guidance text somewhere: each elaborates a step the table chooses for its code', () => {
    for (const r of catalog.records.filter((x) => x.guidance)) {
      const steps = new Set(
        (r.kind === 'carc' ? GROUPS : [undefined]).map((g) => explain(catalog, { code: g ? `${g}-${r.code}` : r.code }).nextStep?.id),
      );
      expect(steps, `${r.kind} ${r.code} elaborates ${r.guidance?.step ?? 'no step'}`).toContain(r.guidance?.step);
    }
  });
});
