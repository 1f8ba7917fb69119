// Issue 16's advice test: every card the catalog can show (1,623 codes, each CARC alone and under
// each of the five groups, both reading modes) is read as text and fails on a sentence proposing a
// step other than the card's one, on a patient card giving the reader a biller's job, and on a
// sentence said twice. The checks are shown to catch what the issue found, put back through the data.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCatalog, type CatalogSources } from '@/lib/catalog/catalog';
import { shippedCatalog, shippedSources } from '@/lib/catalog/data';
import { explain } from '@/lib/catalog/explain';
import { cardProblems, clauses, conflicts, everyCard, patientProblems, repeated, stepsIn } from '@/test/advice-check';
import { mount } from '@/test/mount';
import { CodeCard, cardText } from './CodeCard';

const catalog = shippedCatalog();

function problemsOf(sources: CatalogSources, codes: readonly string[]): string[] {
  const c = buildCatalog(sources);
  return codes.flatMap((code) =>
    (['biller', 'patient'] as const).flatMap((mode) =>
      cardProblems({ label: `${code} (${mode})`, e: explain(c, { code }), mode }, c.wording),
    ),
  );
}

/** The shipped sources with one text replaced. */
function withText(file: keyof CatalogSources, from: string, to: string): CatalogSources {
  const text = shippedSources[file];
  expect(text, `${file} holds "${from}"`).toContain(from);
  return { ...shippedSources, [file]: text.replace(from, to) };
}

describe('the phrase classifier', () => {
  it('hears the step a sentence proposes, and not a negated or possible one', () => {
    expect([...stepsIn('Appeal with supporting documentation')]).toEqual(['appeal']);
    expect([...stepsIn('Write it off as a contractual adjustment unless the reason says something must be fixed')]).toEqual(['write-off']);
    expect([...stepsIn('Post the difference between billed and allowed as a contractual write-off')]).toEqual(['write-off']);
    expect([...stepsIn('Bill the patient (or the patient’s secondary coverage)')]).toEqual(['bill-patient']);
    expect([...stepsIn('send a new claim')]).toEqual(['correct-resubmit']);
    expect([...stepsIn('A true duplicate needs no action')]).toEqual(['none']);
    expect([...stepsIn('do not appeal')]).toEqual([]);
    expect([...stepsIn('Never bill the patient for a CO amount')]).toEqual([]);
    expect([...stepsIn('it is not billable to the patient')]).toEqual([]);
    expect([...stepsIn('If you disagree, you can appeal this decision')]).toEqual([]);
    expect([...stepsIn('This decision comes from the appeal you filed')]).toEqual([]);
  });

  it('splits "X, or Y" alternatives into clauses', () => {
    expect(clauses('Correct the claim and resubmit, or appeal with records if the coding was right.')).toEqual([
      'Correct the claim and resubmit',
      'or appeal with records if the coding was right.',
    ]);
  });

  it('flags what the issue found on CO-50, PR-45 and a patient card', () => {
    expect(
      conflicts(
        [
          'Next step: Appeal with supporting documentation',
          'Write it off as a contractual adjustment unless the reason says something must be fixed.',
        ],
        'appeal',
      ),
    ).toHaveLength(1);
    expect(conflicts(['Next step: Bill the patient', 'Post the difference … as a contractual write-off.'], 'bill-patient')).toHaveLength(1);
    expect(patientProblems(['Send a new claim with complete and correct information.'])).toHaveLength(1);
    expect(patientProblems(['Next step: Bill the patient (or the patient’s secondary coverage)'])).toHaveLength(1);
    expect(patientProblems(['Write it off as a contractual adjustment.'])).toHaveLength(1);
    expect(patientProblems(['If you disagree, you can appeal as a member; the notice says how.'])).toEqual([]);
    // CO-253 before: the headline and the appeal line both said "do not appeal".
    const before = [
      'Medicare sequestration (2% federal cut) — not a denial; do not appeal; post as a contractual adjustment; not billable to the patient.',
      'Do not appeal. Sequestration is required by federal law; there is nothing to dispute.',
    ];
    expect(repeated(before)).toEqual(['Do not appeal.', 'do not appeal']);
    expect(repeated(['The plan paid less.', 'The plan paid less.'])).toEqual(['The plan paid less.']);
  });
});

describe('every card', () => {
  let cards: ReturnType<typeof everyCard> = [];
  beforeAll(() => {
    cards = everyCard(catalog);
  }, 60_000);

  it('covers 1,623 codes: 407 CARCs alone and under five groups, 1,216 RARCs, in both modes (and group codes, unknown codes)', () => {
    expect(cards).toHaveLength((407 * 6 + 1216 + 5 + 4) * 2);
  });

  // About 7,300 cards: seconds, not milliseconds, on a busy CI machine.
  it('proposes one step, gives patients no biller work, and says nothing twice', { timeout: 60_000 }, () => {
    expect(cards.flatMap((card) => cardProblems(card, catalog.wording))).toEqual([]);
  });

  it('never shows a patient a summary written to the provider as "you": those codes have patient words of their own', () => {
    const toProvider = catalog.records.flatMap((r) => {
      const e = explain(catalog, { code: r.code });
      return e.patient[1] === e.summary && /\byou(r)?\b/i.test(e.summary) ? [r.code] : [];
    });
    expect(toProvider).toEqual([]);
  });

  it('also with a 2% check on CO-253, right, wrong and before sequestration began', () => {
    for (const more of [
      { amount: '2.00', paid: '98.00', serviceDate: '2024-03-01' },
      { amount: '3.50', paid: '98.00', serviceDate: '2024-03-01' },
      { amount: '2.00', paid: '98.00', serviceDate: '2013-03-01' },
      { amount: '2.00', paid: '98.00' },
    ]) {
      const e = explain(catalog, { code: 'CO-253', ...more });
      for (const mode of ['biller', 'patient'] as const)
        expect(cardProblems({ label: `CO-253 ${mode}`, e, mode }, catalog.wording)).toEqual([]);
    }
  });

  it('reads the same rendered as in its text: what the card shows is what was checked', async () => {
    for (const code of ['CO-253', 'CO-50', 'PR-45', 'OA-18', 'PR-204', 'MA130', 'N130', '45']) {
      for (const mode of ['biller', 'patient'] as const) {
        const e = explain(catalog, { code });
        const root = await mount(<CodeCard explanation={e} mode={mode} />);
        const shown = (root.textContent ?? '').replace(/\s+/g, ' ');
        const said = cardText(e, mode).split('\n');
        for (const line of said.slice(1)) {
          // cardText labels a few facts ("Category: …", "Status: …"); the card shows the fact itself.
          const fact = line.replace(/^(Category|Status|Amount|2% check): /, '');
          expect(shown, `${code} ${mode}`).toContain(fact);
        }
      }
    }
  });
});

describe('the advice test fails when a conflicting sentence is put back', () => {
  it('a group text that proposes a step again (the CO-50 contradiction)', () => {
    const sources = withText(
      'groups',
      "The provider's contract with the payer, or a rule or law, sets this reduction: the provider bears it, and the patient does not owe it.",
      'Write it off as a contractual adjustment unless the reason says something must be fixed. Never bill the patient for a CO amount.',
    );
    const problems = problemsOf(sources, ['CO-50', 'CO-197']);
    expect(problems.some((p) => p.startsWith('CO-50 (biller) proposes another step: write-off'))).toBe(true);
    expect(problems.some((p) => p.startsWith('CO-197 (biller) proposes another step: write-off'))).toBe(true);
  });

  it('guidance that posts a PR amount as a contractual write-off (the PR-45 contradiction)', () => {
    const sources = withText(
      'steps',
      "Move the amount to the patient's balance and include it on the next statement.",
      'Post the difference between billed and allowed as a contractual write-off.',
    );
    expect(problemsOf(sources, ['PR-45'])).toEqual([
      'PR-45 (biller) proposes another step: write-off: Post the difference between billed and allowed as a contractual write-off.',
    ]);
  });

  it('a patient sentence that tells the reader to send a claim', () => {
    const sources = withText(
      'patientWording',
      'Amounts not listed as your responsibility (PR) are not yours to pay.',
      'Send a new claim with complete and correct information.',
    );
    expect(problemsOf(sources, ['MA13']).some((p) => p.startsWith("MA13 (patient) gives a patient a biller's job"))).toBe(true);
  });

  it('a sentence said twice (CO-253 saying "do not appeal" in two places)', () => {
    const sources = withText(
      'headlines',
      'Medicare sequestration (2% federal cut) — not a denial.',
      'Medicare sequestration (2% federal cut) — not a denial; do not appeal, and it is not billable to the patient.',
    );
    expect(
      problemsOf(sources, ['CO-253']).some((p) => p.includes('says twice: do not appeal, and it is not billable to the patient')),
    ).toBe(true);
  });
});
