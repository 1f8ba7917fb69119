import { describe, expect, it } from 'vitest';
import { TsvError } from './tsv';
import { parseWording, TEXT_KEYS } from './wording';
import { shippedWording, shippedWordingSources } from './wording-data';

const { ui, groups } = shippedWordingSources;

describe('wording', () => {
  it('has every key the code asks for, once, with text', () => {
    const w = shippedWording();
    for (const key of TEXT_KEYS) {
      expect(w.text(key, 'biller'), key).not.toBe(key);
      expect(w.text(key, 'patient'), key).not.toBe(key);
    }
  });

  it('speaks in the reader’s mode, falling back to the other column, and fills placeholders', () => {
    const w = shippedWording();
    expect(w.text('bucket.denial', 'biller')).toBe('Denials needing action');
    expect(w.text('bucket.denial', 'patient')).toBe('Your plan did not pay');
    expect(w.text('owe.no', 'biller')).toBe("You don't owe this amount.");
    expect(w.text('tally.lines-many', 'biller', { n: 3 })).toBe('3 lines');
    expect(w.groupLabel('CO', 'biller')).toBe('CO · Contractual obligation');
    expect(w.groupLabel('PR', 'patient')).toBe('Your share (PR)');
    expect(w.groupLabel('none', 'patient')).toBe('No group code');
  });

  it('refuses an unknown, repeated, missing or empty key, and a group without its words', () => {
    expect(() => parseWording(`${ui}\nno.such.key\tx\t`, groups)).toThrow(/unknown wording key "no.such.key"/);
    expect(() => parseWording(`${ui}\nowe.no\tx\t`, groups)).toThrow(/listed twice/);
    expect(() => parseWording(ui.replace(/\nowe\.may\t[^\n]*/, ''), groups)).toThrow(/missing wording keys: owe.may/);
    expect(() => parseWording(ui.replace(/\nowe\.may\t[^\n]*/, '\nowe.may\t\t'), groups)).toThrow(TsvError);
    expect(() => parseWording(ui, groups.replace('\tCorrections\t', '\t\t'))).toThrow(/group CR has an empty cell/);
  });
});
