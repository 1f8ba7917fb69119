/**
 * A frame's part of its tab's report: the top frame gathers every frame's codes and facts, and the
 * claim and line keys of each frame are made its own so two frames' claims never merge.
 */
import type { PageMention } from '@/lib/messages';
import type { PageRemitFacts } from '@/lib/remit/page-facts';

/** A frame's mention in its tab's report: its claim and line keys made the frame's own. */
export function framedMention(frameId: number, m: PageMention): PageMention {
  const prefix = `f${frameId}:`;
  return {
    ...m,
    ...(m.lineKey ? { lineKey: prefix + m.lineKey } : {}),
    ...(m.claimKey ? { claimKey: prefix + m.claimKey } : {}),
  };
}

/** A frame's facts in its tab's report, keyed like its mentions. */
export function framedFacts(frameId: number, f: PageRemitFacts): PageRemitFacts {
  const prefix = `f${frameId}:`;
  return {
    ...f,
    key: prefix + f.key,
    claims: f.claims.map((c) => ({ ...c, key: prefix + c.key, lines: c.lines.map((l) => ({ ...l, key: prefix + l.key })) })),
  };
}
