/**
 * Where a page's mention sits in its remittance (from-page.ts keeps each adjustment's and remark's
 * mention index): what its card lists beside it — the codes of the same line, then the codes given for
 * the whole claim, labelled as such, never another claim's — the claim's figures and balance in one
 * line, and the balance its mark carries (`data-remit-balance`).
 */
import type { Balance } from './balance';
import { balanceAttr, claimCheck, claimFigures, lineVerdict } from './checks';
import type { Cents, Claim, Remittance, ServiceLine } from './model';

export interface MentionPlace {
  claim: Claim;
  /** Undefined for a code given for the whole claim. */
  line?: ServiceLine;
}

/** Each counted mention's claim and line, by mention index. */
export function placesOf(remits: readonly Remittance[]): Map<number, MentionPlace> {
  const places = new Map<number, MentionPlace>();
  for (const remit of remits) {
    for (const claim of remit.claims) {
      for (const item of [...claim.adjustments, ...claim.remarks]) {
        if (item.source?.mention !== undefined) places.set(item.source.mention, { claim });
      }
      for (const line of claim.lines) {
        for (const item of [...line.adjustments, ...line.remarks]) {
          if (item.source?.mention !== undefined) places.set(item.source.mention, { claim, line });
        }
      }
    }
  }
  return places;
}

/** A claim's figures and balance, for the card's one line. */
export interface ClaimSummary {
  billed?: Cents;
  paid?: Cents;
  patient?: Cents;
  balance: Balance;
}

export interface Scope {
  /** Mention indexes of the other codes on the same line (each code once). */
  line: number[];
  /** Mention indexes of the codes given for the whole claim (for a claim-level code: every code of the claim). */
  claim: number[];
  /** The claim's figures and balance; undefined for lines no claim was found around. */
  summary?: ClaimSummary;
}

const indexes = (items: readonly { code: string; source?: { mention?: number } }[], skip: number, code: string): number[] => {
  const seen = new Set<string>([code]);
  const out: number[] = [];
  for (const item of items) {
    const i = item.source?.mention;
    if (i === undefined || i === skip || seen.has(item.code)) continue;
    seen.add(item.code);
    out.push(i);
  }
  return out;
};

/** What a mention's card lists beside it; nothing for a code only named. */
export function scopeOf(places: ReadonlyMap<number, MentionPlace>, index: number, code: string): Scope {
  const place = places.get(index);
  if (!place) return { line: [], claim: [] };
  const { claim, line } = place;
  const claimLevel = [...claim.adjustments, ...claim.remarks];
  const summary = claim.unplaced ? undefined : summaryOf(claim);
  if (line) {
    const onLine = indexes([...line.adjustments, ...line.remarks], index, code);
    const lineCodes = new Set([code, ...[...line.adjustments, ...line.remarks].map((i) => i.code)]);
    return {
      line: onLine,
      claim: indexes(claimLevel, index, code).filter((i) => !lineCodes.has(codeAt(claimLevel, i))),
      ...(summary ? { summary } : {}),
    };
  }
  // A claim of no service lines (a table row that is its own claim) is its own one line.
  if (claim.lines.length === 0) return { line: indexes(claimLevel, index, code), claim: [], ...(summary ? { summary } : {}) };
  const every = [...claimLevel, ...claim.lines.flatMap((l) => [...l.adjustments, ...l.remarks])];
  return { line: [], claim: indexes(every, index, code), ...(summary ? { summary } : {}) };
}

function codeAt(items: readonly { code: string; source?: { mention?: number } }[], index: number): string {
  return items.find((i) => i.source?.mention === index)?.code ?? '';
}

export function summaryOf(claim: Claim): ClaimSummary {
  const f = claimFigures(claim);
  return {
    ...(f.billed !== undefined ? { billed: f.billed } : {}),
    ...(f.paid !== undefined ? { paid: f.paid } : {}),
    ...(f.patientResponsibility !== undefined ? { patient: f.patientResponsibility } : {}),
    balance: claimCheck(claim),
  };
}

/**
 * The page contract's `data-remit-balance` for each counted mention: its line's balance (billed − its
 * adjustments = paid), or its claim's for a code given for the whole claim: `ok`, the signed difference
 * in cents, or `unknown`.
 */
export function balanceAttrs(remits: readonly Remittance[]): Map<number, string> {
  const out = new Map<number, string>();
  for (const remit of remits) {
    for (const claim of remit.claims) {
      const claimAttr = balanceAttr(claim.unplaced ? { state: 'unknown', why: 'no claim' } : claimCheck(claim));
      for (const item of [...claim.adjustments, ...claim.remarks]) {
        if (item.source?.mention !== undefined) out.set(item.source.mention, claimAttr);
      }
      for (const line of claim.lines) {
        const attr = balanceAttr(lineVerdict(line));
        for (const item of [...line.adjustments, ...line.remarks]) {
          if (item.source?.mention !== undefined) out.set(item.source.mention, attr);
        }
      }
    }
  }
  return out;
}
