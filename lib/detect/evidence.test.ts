// One test per kind of evidence: each shows the decision it makes, and that the decision changes when
// that kind's weight is taken away (the evidence is what decides, not some other rule beside it).
import { describe, expect, it } from 'vitest';
import { known } from '../../test/known-codes';
import { type EvidenceKind, THRESHOLD, WEIGHTS } from './evidence';
import { type DetectContext, detectInText } from './text';

const find = (text: string, ctx: DetectContext = {}, without?: EvidenceKind) =>
  detectInText(text, known, ctx, without ? { ...WEIGHTS, [without]: 0 } : WEIGHTS).map((m) =>
    m.amount ? `${m.code} ${m.amount}` : m.code,
  );

/** [kind, text, context, codes found with the evidence, codes found without it] */
const CASES: [EvidenceKind, string, DetectContext, string[], string[]][] = [
  ['form:grouped', 'Adjusted CO-45 today.', {}, ['CO-45'], []],
  ['form:grouped-loose', 'Line 2: CO 45 applied.', {}, ['CO-45'], []],
  ['form:lowercase', 'Rep said co 45 applied.', {}, [], ['CO-45']],
  ['form:ma', 'The claim came back with MA130.', {}, ['MA130'], []],
  ['label:own', 'The payer sent reason code 45 for the visit.', {}, ['45'], []],
  ['label:sentence', 'We will add RARC N19 when the claim lacks it and M15 when services were bundled.', {}, ['N19', 'M15'], ['N19']],
  ['label:foreign', 'Claim status code CO-45 came back.', {}, [], ['CO-45']],
  ['list:member', 'Denied lines: CO-16, 97 and 252.', {}, ['CO-16', 'CO-97', 'CO-252'], ['CO-16']],
  ['column:own', '45', { column: 'reason' }, ['45'], []],
  ['column:codes', 'N130', { column: 'codes' }, ['N130'], []],
  ['column:not-codes', 'CO-45', { column: 'ignore' }, [], ['CO-45']],
  ['column:foreign', 'CO-45', { column: 'foreign' }, [], ['CO-45']],
  ['row:type-own', '45', { rowType: 'carc' }, ['45'], []],
  ['row:type-other', 'CO-45', { rowType: 'foreign' }, [], ['CO-45']],
  ['section:own', '45: The charge is above the fee schedule.', { section: 'carc' }, ['45'], []],
  ['section:foreign', '72', { column: 'reason', section: 'foreign' }, [], ['72']],
  ['near:other-field', 'Take Highway CO-45 north to the clinic.', {}, [], ['CO-45']],
  ['near:quantity', 'Reason code 45 days after the visit.', {}, [], ['45']],
  ['near:amount', 'Noted co 45 $12.00 today.', {}, ['CO-45 12.00'], []],
  ['page:remittance', 'Line 2: CO 45 applied.', {}, ['CO-45'], []],
  ['page:elsewhere', 'Adjusted CO-45 today.', { remittance: false }, [], ['CO-45']],
];

describe('evidence', () => {
  it.each(CASES)('%s decides: %s', (kind, text, ctx, withIt, withoutIt) => {
    expect(find(text, ctx)).toEqual(withIt);
    expect(find(text, ctx, kind)).toEqual(withoutIt);
  });

  it('every kind has its case above', () => {
    expect(new Set(CASES.map((c) => c[0]))).toEqual(new Set(Object.keys(WEIGHTS)));
  });

  it('a code needs more than its shape: no single weak kind reaches the threshold alone', () => {
    for (const kind of ['form:grouped-loose', 'form:ma', 'page:remittance', 'near:amount'] as const) {
      expect(WEIGHTS[kind]).toBeLessThan(THRESHOLD);
    }
  });
});
