import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { leadingText, readsAsMemberStatement } from './statement';

const page = (name: string) => new DOMParser().parseFromString(readFileSync(`test/fixtures/pages/${name}`, 'utf8'), 'text/html');

describe('readsAsMemberStatement', () => {
  it('reads member EOBs and Medicare Summary Notices as written to the patient', () => {
    for (const name of [
      'eob-patient.html',
      'medicare-statement.html',
      't-ma-member-eob.html',
      't-member-eob-footnotes.html',
      'v-member-eob-columns.html',
    ])
      expect({ name, statement: readsAsMemberStatement(leadingText(page(name))) }).toEqual({ name, statement: true });
  });

  it('keeps remittances, portals and ERA viewers in biller words', () => {
    for (const name of [
      'era-table.html',
      'portal-grid.html',
      'era-synthetic-medicare-b-co253.html',
      'grid.html',
      't-clearinghouse-era-viewer.html',
      'labels.html',
    ])
      expect({ name, statement: readsAsMemberStatement(leadingText(page(name))) }).toEqual({ name, statement: false });
  });

  it('needs more than one phrase, and a provider page quoting a member notice stays a provider page', () => {
    expect(readsAsMemberStatement('This is not a bill.')).toBe(false);
    expect(readsAsMemberStatement('This is not a bill. What you owe: $20.00. Your plan paid $80.00.')).toBe(true);
    expect(
      readsAsMemberStatement(
        'Remittance advice · Payee: Clinic · NPI 1234567890 · Check number 0042 · The member EOB says “This is not a bill” and “What you owe”.',
      ),
    ).toBe(false);
  });

  it('reads the title and the page text, not scripts or styles', () => {
    const doc = new DOMParser().parseFromString(
      '<title>Your claims</title><script>var s = "This is not a bill. What you owe";</script><p>Claim list</p>',
      'text/html',
    );
    expect(leadingText(doc)).not.toContain('not a bill');
    expect(readsAsMemberStatement(leadingText(doc))).toBe(false);
  });
});
