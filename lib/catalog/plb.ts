/**
 * Provider-level adjustment reasons (835 PLB03-1): their own code list, not claim adjustment reason
 * codes. A PLB changes the whole payment to the provider (interest added, an overpayment taken back,
 * a balance carried forward), not one claim. Our own wording ships in data/wording/plb.tsv.
 */
import { parseTsv, TsvError } from './tsv';

export interface PlbRecord {
  code: string;
  /** A short name ("Overpayment recovery"). */
  name: string;
  /** What the adjustment is, in our words. */
  summary: string;
  /** What its sign means for this payment. */
  sign: string;
}

/** The sign rule every PLB follows (835: BPR02 = Σ claim payments − Σ PLB amounts). */
export const PLB_SIGN_RULE = 'A positive amount reduces this payment; a negative amount adds to it.';

/** Said wherever a PLB code is shown, so it is never taken for a CARC. */
export const PLB_NOT_CARC =
  'A provider-level adjustment (PLB), not a claim adjustment reason code: it changes the whole payment to the provider, not one claim.';

export function parsePlbTable(text: string): PlbRecord[] {
  const seen = new Set<string>();
  return parseTsv(text, ['code', 'name', 'summary', 'sign']).rows.map(({ cells, line }) => {
    const code = cells.code ?? '';
    if (!/^[A-Z0-9]{2}$/.test(code)) throw new TsvError(line, `"${code}" is not a PLB reason code (two letters or digits)`);
    if (seen.has(code)) throw new TsvError(line, `${code} is listed twice`);
    seen.add(code);
    if (!cells.name || !cells.summary || !cells.sign) throw new TsvError(line, `${code} needs a name, a summary and a sign`);
    return { code, name: cells.name, summary: cells.summary, sign: cells.sign };
  });
}

/** What a reader shows for a PLB code it meets, known or not. */
export function plbMeaning(records: ReadonlyMap<string, PlbRecord>, code: string): PlbRecord {
  return (
    records.get(code.toUpperCase()) ?? {
      code,
      name: 'Unknown provider-level code',
      summary: 'Not in the provider-level adjustment list: it may be the payer’s own code. Ask the payer what it means.',
      sign: PLB_SIGN_RULE,
    }
  );
}
