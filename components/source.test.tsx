// Issue 15: changing the data changes what people read — the card (CodeCard), the popup's tally
// (TallyView) and the exported tally label — and the popup in patient mode speaks to a patient.
import { describe, expect, it } from 'vitest';
import { buildCatalog, type CatalogSources } from '@/lib/catalog/catalog';
import { shippedCatalog, shippedSources } from '@/lib/catalog/data';
import { type Explanation, explain } from '@/lib/catalog/explain';
import { shippedPlb } from '@/lib/catalog/plb-data';
import { shippedSequestration } from '@/lib/catalog/sequestration-data';
import { parseWording, type Wording } from '@/lib/catalog/wording';
import { shippedWordingSources } from '@/lib/catalog/wording-data';
import type { PageMention } from '@/lib/messages';
import { remittancesFromPage } from '@/lib/remit/from-page';
import type { ReadingMode } from '@/lib/settings';
import { bucketLabel, type Tally, tallyRemittances, tallyToTsv } from '@/lib/tally';
import { mount } from '@/test/mount';
import { CodeCard } from './CodeCard';
import { ReadingContext } from './reading';
import { Legend, TallyView } from './TallyView';

const changed = (file: keyof CatalogSources, from: string, to: string) => {
  expect(shippedSources[file]).toContain(from);
  return buildCatalog({ ...shippedSources, [file]: shippedSources[file].replace(from, to) });
};

function tallyWith(catalog = shippedCatalog()): Tally {
  const line = { role: 'adjustment', lineKey: 'l1', claimKey: 'c1' } as const;
  const mentions: PageMention[] = [
    { code: 'CO-253', kind: 'carc', reason: '253', group: 'CO', amount: '2.00', ...line },
    { code: 'CO-45', kind: 'carc', reason: '45', group: 'CO', amount: '30.00', ...line },
    { code: 'PR-2', kind: 'carc', reason: '2', group: 'PR', amount: '20.00', ...line },
    { code: 'CO-50', kind: 'carc', reason: '50', group: 'CO', amount: '80.00', ...line, lineKey: 'l2' },
    { code: 'OA-18', kind: 'carc', reason: '18', group: 'OA', amount: '80.00', ...line, lineKey: 'l3' },
    { code: 'N130', kind: 'rarc', reason: 'N130', ...line, role: 'remark' },
  ];
  const explanations = new Map<string, Explanation>(mentions.map((m) => [m.code, explain(catalog, { code: m.code })]));
  return tallyRemittances(remittancesFromPage({ mentions }), { explanations, sequestration: shippedSequestration(), plb: shippedPlb() });
}

function popupTally(t: Tally, mode: ReadingMode, wording: Wording) {
  return mount(
    <ReadingContext.Provider value={{ mode, wording }}>
      <TallyView tally={t} onOpen={() => undefined} label="This page" />
      <Legend />
    </ReadingContext.Provider>,
  );
}

describe('the card follows the data', () => {
  it('shows a changed CO-253 headline, reason and patient sentence', async () => {
    const catalog = changed('headlines', 'Medicare sequestration (2% federal cut) — not a denial.', 'Sequestration: a changed headline.');
    const biller = await mount(<CodeCard explanation={explain(catalog, { code: 'CO-253' })} mode="biller" />);
    expect(biller.querySelector('.headline')?.textContent).toBe('Sequestration: a changed headline.');

    const words = changed('steps', 'Nothing. If your provider sends you a bill', 'Nothing at all. If your provider sends you a bill');
    const patient = await mount(<CodeCard explanation={explain(words, { code: 'CO-253' })} mode="patient" />);
    expect(patient.querySelector('.todo')?.textContent).toMatch(/^What can I do\? Nothing at all\./);
  });

  it('shows changed card labels from the wording', async () => {
    const wording = parseWording(
      shippedWordingSources.ui.replace('card.next-step\tNext step:', 'card.next-step\tDo this:'),
      shippedWordingSources.groups,
    );
    const root = await mount(
      <ReadingContext.Provider value={{ mode: 'biller', wording }}>
        <CodeCard explanation={explain(shippedCatalog(), { code: 'CO-45' })} mode="biller" />
      </ReadingContext.Provider>,
    );
    expect(root.querySelector('.next')?.textContent).toMatch(/^Do this: Write off as a contractual adjustment\./);
  });

  it('puts the essential answer first, at most three lines, and folds the rest', async () => {
    const e = explain(shippedCatalog(), { code: 'CO-50' });
    const biller = await mount(<CodeCard explanation={e} mode="biller" />);
    expect([...biller.querySelectorAll('article > p')].map((p) => p.className)).toEqual(['summary', 'group', 'next']);
    expect(biller.querySelector('details.more')?.textContent).toContain(e.biller[0]);
    const patient = await mount(<CodeCard explanation={e} mode="patient" />);
    expect([...patient.querySelectorAll('article > p')].map((p) => p.textContent?.split('?')[0])).toEqual([
      'Do I owe this',
      'Why',
      'What can I do',
    ]);
  });
});

describe('the popup and the tally follow the data', () => {
  it('shows a changed bucket label in the popup and in the exported table', async () => {
    const wording = parseWording(
      shippedWordingSources.ui.replace('bucket.sequestration\tSequestration (CO-253)', 'bucket.sequestration\tFederal cut'),
      shippedWordingSources.groups,
    );
    const t = tallyWith();
    const root = await popupTally(t, 'biller', wording);
    expect(root.querySelector('li.bucket[data-bucket="sequestration"] .bucket-label')?.textContent).toBe('Federal cut');
    expect(bucketLabel('sequestration', 'biller', wording)).toBe('Federal cut');
    expect(tallyToTsv(t, wording)).toContain('\tTotal\t\t1\t2.00\t\tFederal cut\t');
  });

  it('moves a code to another bucket when its row in the table changes', () => {
    const moved = changed('advice', 'carc\t45\tCO\twrite-off', 'carc\t45\tCO\task-payer');
    expect(tallyWith(moved).adjustmentRows.find((r) => r.code === 'CO-45')?.bucket).toBe('denial');
    expect(tallyWith().adjustmentRows.find((r) => r.code === 'CO-45')?.bucket).toBe('contractual');
  });

  it('speaks to a patient in patient mode: what you may owe, what your plan did not pay, no biller words', async () => {
    const t = tallyWith();
    const wording = parseWording(shippedWordingSources.ui, shippedWordingSources.groups);
    const root = await popupTally(t, 'patient', wording);
    const text = root.textContent ?? '';
    expect(text).toContain('You may owe');
    expect(text).toContain('Your plan did not pay');
    expect(text).not.toMatch(/write[- ]?off|written off|denials? needing action|contractual adjustment|resubmit|remittance/i);
    expect(root.querySelector('tbody[data-group="PR"] .group-head span')?.textContent).toBe('Your share (PR)');
    // A duplicate needs no action: it is never among the denials.
    expect(t.adjustmentRows.find((r) => r.code === 'OA-18')?.bucket).toBe('other');
    const biller = await popupTally(t, 'biller', wording);
    expect(biller.textContent).toContain('Denials needing action');
  });
});
