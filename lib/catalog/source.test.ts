// Issue 15: the data files are the source of every sentence. Each text cell of the shipped TSVs is
// replaced by a marker naming the cell; every explanation of every code under every group must then
// say markers only, and the right ones. Code that wrote or overrode a sentence would show through.
import { describe, expect, it } from 'vitest';
import { GROUP_CODES, type GroupCode } from '../detect/types';
import { buildCatalog, type CatalogSources } from './catalog';
import { shippedSources } from './data';
import { type Explanation, explain } from './explain';
import { parseTsv } from './tsv';

/** The text columns of each source, and the column that names a row. */
const TEXT_COLUMNS: Partial<Record<keyof CatalogSources, { key: string; columns: string[] }>> = {
  carcWording: { key: 'code', columns: ['summary'] },
  rarcWording: { key: 'code', columns: ['summary'] },
  headlines: { key: 'code', columns: ['headline'] },
  patientWording: { key: 'code', columns: ['patient_summary'] },
  groups: { key: 'code', columns: ['name', 'patient_name', 'summary', 'patient_summary'] },
  ui: { key: 'key', columns: ['biller', 'patient'] },
  carcGuidance: { key: 'code', columns: ['guidance', 'patient_summary'] },
  rarcGuidance: { key: 'code', columns: ['guidance', 'patient_summary'] },
  advice: { key: '', columns: ['reason', 'patient_reason'] },
  steps: { key: 'step', columns: ['label', 'guidance', 'patient_summary'] },
};

const marker = (file: string, row: string, column: string) => `⟦${file}:${row}:${column}⟧`;

/** `text` with every non-empty text cell replaced by its marker (advice rows are named by line). */
function markCells(file: string, text: string, spec: { key: string; columns: string[] }): string {
  const { columns, rows } = parseTsv(text);
  const lines = [columns.join('\t')];
  for (const { cells, line } of rows) {
    const name = spec.key ? (cells[spec.key] ?? '') : String(line);
    lines.push(columns.map((c) => (spec.columns.includes(c) && cells[c] ? marker(file, name, c) : (cells[c] ?? ''))).join('\t'));
  }
  return lines.join('\n');
}

const marked: CatalogSources = { ...shippedSources };
for (const [file, spec] of Object.entries(TEXT_COLUMNS) as [keyof CatalogSources, { key: string; columns: string[] }][]) {
  marked[file] = markCells(file, shippedSources[file], spec);
}
const catalog = buildCatalog(marked);
const WHOLE_MARKER = /^⟦[^⟧]+⟧$/;
const GROUPS: (GroupCode | undefined)[] = [...GROUP_CODES, undefined];

/** Every sentence an explanation carries. */
function sentences(e: Explanation): string[] {
  return [
    e.summary,
    ...(e.headline ? [e.headline] : []),
    ...(e.nextStep ? [e.nextStep.label, e.nextStep.reason] : []),
    ...e.biller,
    ...e.patient,
    e.status.text,
    ...(e.group ? [e.group.name, e.group.patientName, e.group.summary, e.group.patient] : []),
  ];
}

/** The line of the advice row for `code` (a code, `category:…`, `*`) under `group`. */
const adviceRow = (code: string, group: string) => {
  const row = parseTsv(shippedSources.advice).rows.find((r) => r.cells.kind === 'carc' && r.cells.code === code && r.cells.group === group);
  if (!row) throw new Error(`no advice row for ${code} under ${group}`);
  return String(row.line);
};

describe('every sentence comes from one data cell', () => {
  it('for every code under every group, in both modes: no sentence is written or overridden by code', () => {
    const notData: string[] = [];
    for (const r of catalog.records) {
      for (const group of r.kind === 'carc' ? GROUPS : [undefined]) {
        const e = explain(catalog, { code: group ? `${group}-${r.code}` : r.code });
        for (const s of sentences(e)) if (!WHOLE_MARKER.test(s)) notData.push(`${e.code}: ${s}`);
      }
    }
    expect(notData).toEqual([]);
  });

  it('and from the right cell: CO-253', () => {
    const e = explain(catalog, { code: 'CO-253', amount: '2.00', paid: '98.00', serviceDate: '2024-03-01' });
    const row = adviceRow('category:sequestration', 'CO');
    expect(e.headline).toBe(marker('headlines', '253', 'headline'));
    expect(e.summary).toBe(marker('carcWording', '253', 'summary'));
    expect(e.nextStep).toEqual({ id: 'write-off', label: marker('steps', 'write-off', 'label'), reason: marker('advice', row, 'reason') });
    expect(e.biller).toEqual([marker('carcGuidance', '253', 'guidance')]);
    expect(e.patient).toEqual([
      marker('ui', 'owe.no', 'patient'),
      marker('advice', row, 'patient_reason'),
      marker('steps', 'write-off', 'patient_summary'),
    ]);
    expect(e.sequestration?.text).toBe(marker('ui', 'check.match', 'biller'));
    expect(e.sequestration?.patientText).toBe(marker('ui', 'check.match', 'patient'));
    expect(e.group?.summary).toBe(marker('groups', 'CO', 'summary'));
  });

  it('and from the right cell: a group deciding who owes, guidance for its own step only, a remark in patient words', () => {
    const pr2 = explain(catalog, { code: 'PR-2' });
    expect(pr2.biller).toEqual([marker('carcGuidance', '2', 'guidance')]);
    expect(pr2.patient.slice(0, 2)).toEqual([marker('groups', 'PR', 'patient_summary'), marker('carcGuidance', '2', 'patient_summary')]);
    // Under CO the guidance (written for billing the patient) would contradict the step: the step's own text shows.
    const co2 = explain(catalog, { code: 'CO-2' });
    expect(co2.biller).toEqual([marker('steps', 'write-off', 'guidance')]);
    expect(co2.patient[1]).toMatch(/^⟦advice:\d+:patient_reason⟧$/);
    expect(explain(catalog, { code: 'MA13' }).patient[1]).toBe(marker('patientWording', 'MA13', 'patient_summary'));
    expect(explain(catalog, { code: 'N130' }).patient).toEqual([
      marker('ui', 'owe.remark', 'patient'),
      marker('rarcGuidance', 'N130', 'patient_summary'),
      marker('ui', 'todo.remark', 'patient'),
    ]);
    expect(explain(catalog, { code: 'CO-Z99' }).summary).toBe(marker('ui', 'unknown.summary', 'biller'));
  });
});

describe('one changed cell changes the explanation', () => {
  const change = (file: keyof CatalogSources, from: string, to: string) => {
    expect(shippedSources[file]).toContain(from);
    return buildCatalog({ ...shippedSources, [file]: shippedSources[file].replace(from, to) });
  };

  it('CO-253: headline, reason, patient sentence, step label', () => {
    const headline = change('headlines', 'Medicare sequestration (2% federal cut) — not a denial.', 'Sequestration, said differently.');
    expect(explain(headline, { code: 'CO-253' }).headline).toBe('Sequestration, said differently.');
    const row = 'carc\tcategory:sequestration\tCO\twrite-off\tno\t';
    const reason = change('advice', `${row}Federal law sets this cut`, `${row}A changed reason. Federal law sets this cut`);
    expect(explain(reason, { code: 'CO-253' }).nextStep?.reason).toMatch(/^A changed reason\./);
    // The first sequestration row is the one for a 253 written without a group; the others keep their words.
    const patient = change('advice', 'is not billable to the patient.\tMedicare', 'is not billable to the patient.\tChanged. Medicare');
    expect(explain(patient, { code: '253' }).patient[1]).toMatch(/^Changed\. Medicare/);
    expect(explain(patient, { code: 'CO-253' }).patient[1]).toBe(
      "Medicare's payment to your provider was cut by a federal budget law (sequestration); it is not a denial.",
    );
    const label = change('steps', 'Write off as a contractual adjustment', 'Adjust it off');
    expect(explain(label, { code: 'CO-253' }).nextStep?.label).toBe('Adjust it off');
  });

  it('the step itself: one cell of the table moves CO-45 to another step and bucket', () => {
    const moved = change('advice', 'carc\t45\tCO\twrite-off', 'carc\t45\tCO\task-payer');
    const e = explain(moved, { code: 'CO-45' });
    expect(e.nextStep?.id).toBe('ask-payer');
    expect(e.bucket).toBe('denial');
  });
});
