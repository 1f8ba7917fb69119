import { useEffect, useState } from 'preact/hooks';
import type { Explanation } from '@/lib/catalog/explain';
import { explainInput, type PageMention } from '@/lib/messages';
import { type Tally, tally } from '@/lib/tally';
import type { PopupApi } from './popup-api';

/** Explains the distinct codes (one round trip) and the CO-253 lines' 2% checks, then tallies. */
export async function buildTally(api: PopupApi, mentions: readonly PageMention[]): Promise<Tally> {
  const codes = [...new Set(mentions.map((m) => m.code))];
  const checks = mentions.filter((m) => m.reason === '253' && m.kind === 'carc' && m.amount && m.paid);
  const answers = await api.explain([...codes.map((code) => ({ code })), ...checks.map(explainInput)]);
  const explanations = new Map<string, Explanation>();
  codes.forEach((code, i) => {
    const e = answers[i];
    if (e) explanations.set(code, e);
  });
  const matches = answers.slice(codes.length).map((e) => e.sequestration?.matches === true);
  return tally(mentions, explanations, matches);
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
