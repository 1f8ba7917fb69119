import { useEffect, useState } from 'preact/hooks';
import type { Explanation } from '@/lib/catalog/explain';
import { explainInput, type PageMention } from '@/lib/messages';
import { type Tally, tally } from '@/lib/tally';
import type { PopupApi } from './popup-api';

/**
 * Explains the distinct codes (one round trip), then checks the sequestration lines against the
 * 2% rate (a second one, only when the page has such lines: which codes are sequestration is the
 * catalog's to say), then tallies.
 */
export async function buildTally(api: Pick<PopupApi, 'explain'>, mentions: readonly PageMention[]): Promise<Tally> {
  const codes = [...new Set(mentions.map((m) => m.code))];
  const answers = await api.explain(codes.map((code) => ({ code })));
  const explanations = new Map<string, Explanation>();
  codes.forEach((code, i) => {
    const e = answers[i];
    if (e) explanations.set(code, e);
  });
  const checks = mentions.filter((m) => m.kind === 'carc' && m.amount && m.paid && explanations.get(m.code)?.bucket === 'sequestration');
  const checked = checks.length > 0 ? await api.explain(checks.map(explainInput)) : [];
  return tally(
    mentions,
    explanations,
    checked.map((e) => e.sequestration?.matches === true),
  );
}

export function useTally(api: PopupApi, mentions: readonly PageMention[] | null): Tally | null {
  const [result, setResult] = useState<Tally | null>(null);
  useEffect(() => {
    if (!mentions) {
      setResult(null);
      return;
    }
    let live = true;
    void buildTally(api, mentions).then((t) => {
      if (live) setResult(t);
    });
    return () => {
      live = false;
    };
  }, [api, mentions]);
  return result;
}
