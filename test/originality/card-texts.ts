// Every text a card can show for each code (alone and under each group, both modes) as one TSV row
// of code and summary, for the originality check over all the wording at once:
//   npx jiti test/originality/card-texts.ts > /tmp/card-texts.tsv
//   node ../shared/tools/originality-check.mjs /tmp/card-texts.tsv
// The check reads code, summary, patient_summary and guidance columns; this covers the advice
// table's reasons, headlines and step texts too, as the card shows them.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildCatalog } from '../../lib/catalog/catalog';
import { explain } from '../../lib/catalog/explain';

const data = (path: string) => readFileSync(fileURLToPath(new URL(`../../data/${path}`, import.meta.url)), 'utf8');
const catalog = buildCatalog({
  carcFacts: data('x12/carc.tsv'),
  rarcFacts: data('x12/rarc.tsv'),
  carcWording: data('wording/carc.tsv'),
  rarcWording: data('wording/rarc.tsv'),
  headlines: data('wording/headlines.tsv'),
  patientWording: data('wording/patient.tsv'),
  groups: data('wording/groups.tsv'),
  ui: data('wording/ui.tsv'),
  carcGuidance: data('guidance/carc.tsv'),
  rarcGuidance: data('guidance/rarc.tsv'),
  advice: data('advice/steps.tsv'),
  steps: data('advice/step-text.tsv'),
  sequestration: data('sequestration.tsv'),
  plb: data('wording/plb.tsv'),
});
const rows = ['code\tsummary'];
for (const r of catalog.records) {
  const texts = new Set<string>();
  for (const group of r.kind === 'carc' ? ['', 'CO-', 'PR-', 'OA-', 'PI-', 'CR-'] : ['']) {
    const e = explain(catalog, { code: `${group}${r.code}` });
    for (const t of [
      e.summary,
      e.headline,
      e.nextStep?.label,
      e.nextStep?.reason,
      ...e.biller,
      ...e.patient,
      e.group?.summary,
      e.group?.patient,
    ]) {
      if (t) texts.add(t);
    }
  }
  rows.push(`${r.code}\t${[...texts].join(' | ').replace(/\t/g, ' ')}`);
}
process.stdout.write(`${rows.join('\n')}\n`);
