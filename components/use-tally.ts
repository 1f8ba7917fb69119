import { useEffect, useState } from 'preact/hooks';
import type { Explanation } from '@/lib/catalog/explain';
import { shippedPlb } from '@/lib/catalog/plb-data';
import { shippedSequestration } from '@/lib/catalog/sequestration-data';
import { type PageInput, remittancesFromPage } from '@/lib/remit/from-page';
import type { Remittance } from '@/lib/remit/model';
import { type Tally, tallyRemittances } from '@/lib/tally';
import type { PopupApi } from './popup-api';

/** The tally and what it was made from: the model (for the CSV) and the codes' explanations (for meanings). */
export interface TallyResult {
  tally: Tally;
  remits: Remittance[];
  explanations: ReadonlyMap<string, Explanation>;
}

/**
 * The one remittance model from a page's report or a paste (lib/remit/from-page.ts), the distinct codes
 * explained in one round trip (which bucket a code is in is the catalog's to say), then the tally: its
 * balances and the 2% check are worked out here, on the shipped sequestration rates.
 */
export async function buildTally(api: Pick<PopupApi, 'explain'>, input: PageInput): Promise<TallyResult> {
  const remits = remittancesFromPage(input);
  const codes = [...new Set(input.mentions.map((m) => m.code))];
  const answers = codes.length > 0 ? await api.explain(codes.map((code) => ({ code }))) : [];
  const explanations = new Map<string, Explanation>();
  codes.forEach((code, i) => {
    const e = answers[i];
    if (e) explanations.set(code, e);
  });
  const tally = tallyRemittances(remits, { explanations, sequestration: shippedSequestration(), plb: shippedPlb() });
  return { tally, remits, explanations };
}

export function useTally(api: PopupApi, input: PageInput | null): TallyResult | null {
  const [result, setResult] = useState<TallyResult | null>(null);
  useEffect(() => {
    if (!input) {
      setResult(null);
      return;
    }
    let live = true;
    void buildTally(api, input).then((t) => {
      if (live) setResult(t);
    });
    return () => {
      live = false;
    };
  }, [api, input]);
  return result;
}
