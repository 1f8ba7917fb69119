/**
 * What a remittance printed or shown raw on a page says beyond its codes: every claim and service line
 * with its figures (also those with no code at all), the check or EFT amount, and the provider-level
 * adjustments (835 PLB, an SPR's PROVIDER ADJ DETAILS: their own code list, never CARCs). The content
 * script reads these from the blocks its detector read as a raw 835 or a printout, with the same keys
 * the detector gave the codes (`<block>.c3`, `<block>.c3.l1`, `<block>.l7`), so the popup joins them
 * into one model (from-page.ts). Codes, amounts, dates and keys only: no names, no claim or account
 * numbers, no PLB references (readIdentifiers gives those, and only for an export the user asked for).
 */
import { normalizeX12Amount } from '../amount';
import type { Figures } from '../detect/types';
import { printoutLayout } from '../page/printout';
import { elementsOf, findEnvelope, looksLikeX12, segmentsOf } from '../x12/tokenize';

export interface FactLine {
  key: string;
  figures: Figures;
  /** ISO date of service (the end of a period). */
  serviceDate?: string;
}

export interface FactClaim {
  key: string;
  figures: Figures;
  /** What the claim adds to the payment when the source shows it apart from paid (an SPR's NET). */
  net?: string;
  /** 835 CLP02. */
  status?: string;
  statementFrom?: string;
  statementTo?: string;
  lines: FactLine[];
}

/** One payment's facts: one per 835 transaction (ST/SE), one per printout. */
export interface PageRemitFacts {
  /** The block's key (the prefix of its claims' keys). */
  key: string;
  source: 'x12' | 'printout';
  /** The check or EFT amount (835 BPR02, an SPR's CHECK AMT). */
  payment?: string;
  providerAdjustments: { reason: string; amount: string }[];
  claims: FactClaim[];
}

/** The claim and account numbers a source gives, by claim key: read only for an export the user asked for. */
export interface ClaimIdentifiers {
  key: string;
  /** The provider's account or patient control number (835 CLP01, an SPR's ACNT). */
  account?: string;
  /** The payer's claim number (835 CLP07, an SPR's ICN). */
  payerClaimNumber?: string;
}

const keyIn = (prefix: string, local: string) => (prefix ? `${prefix}.${local}` : local);

/** Facts of a raw 835 or a printout; [] for text that is neither. */
export function readRemitFacts(text: string, prefix: string): PageRemitFacts[] {
  if (looksLikeX12(text)) return readX12Facts(text, prefix);
  const layout = printoutLayout(text);
  if (layout.claims.length === 0 && layout.providerAdjustments.length === 0 && layout.payment === undefined) return [];
  return [
    {
      key: prefix,
      source: 'printout',
      ...(layout.payment !== undefined ? { payment: layout.payment } : {}),
      providerAdjustments: layout.providerAdjustments,
      claims: layout.claims.map((c) => ({
        key: keyIn(prefix, `c${c.index}`),
        figures: c.figures,
        ...(c.net !== undefined ? { net: c.net } : {}),
        lines: c.lines.map((l) => ({
          key: keyIn(prefix, `l${l.index}`),
          figures: l.figures,
          ...(l.serviceDate ? { serviceDate: l.serviceDate } : {}),
        })),
      })),
    },
  ];
}

/** CCYYMMDD → YYYY-MM-DD. */
function isoDate(raw: string | undefined): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(raw ?? '');
  if (!m) return undefined;
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

const PLB_PAIRS = 6;

/**
 * Claims and lines numbered as the detector numbers them (lib/detect/x12.ts: `c<n>` per CLP over the
 * whole text, `c<n>.l<m>` per SVC of a claim), payments and PLB per ST/SE transaction.
 */
export function readX12Facts(text: string, prefix: string): PageRemitFacts[] {
  const env = findEnvelope(text);
  if (!env) return [];
  const sep = env.separators.element;
  const component = env.separators.component;
  const out: PageRemitFacts[] = [];
  let txn: PageRemitFacts | undefined;
  let claim: FactClaim | undefined;
  let line: FactLine | undefined;
  let claims = 0;
  let lines = 0;
  const transaction = (): PageRemitFacts => {
    if (!txn) {
      txn = { key: prefix, source: 'x12', providerAdjustments: [], claims: [] };
      out.push(txn);
    }
    return txn;
  };
  const put = (figures: Figures, key: keyof Figures, raw: string | undefined) => {
    const amount = normalizeX12Amount(raw);
    if (amount !== undefined && raw !== '') figures[key] = amount;
  };
  for (const seg of segmentsOf(text, env.begin, env.separators)) {
    const id = seg.id;
    if (id === 'ST') {
      txn = undefined;
      claim = undefined;
      line = undefined;
      transaction();
      continue;
    }
    if (id !== 'BPR' && id !== 'CLP' && id !== 'SVC' && id !== 'AMT' && id !== 'DTM' && id !== 'PLB' && id !== 'SE') continue;
    const el = elementsOf(seg, sep).map((e) => e.value);
    switch (id) {
      case 'SE':
        claim = undefined;
        line = undefined;
        break;
      case 'BPR': {
        const amount = normalizeX12Amount(el[2]);
        if (amount !== undefined && el[2] !== '') transaction().payment = amount;
        break;
      }
      case 'CLP': {
        claims++;
        lines = 0;
        line = undefined;
        claim = { key: keyIn(prefix, `c${claims}`), figures: {}, lines: [] };
        put(claim.figures, 'billed', el[3]);
        put(claim.figures, 'paid', el[4]);
        put(claim.figures, 'patient', el[5]);
        if (el[2]) claim.status = el[2];
        transaction().claims.push(claim);
        break;
      }
      case 'SVC': {
        if (!claim) break;
        lines++;
        line = { key: `${claim.key}.l${lines}`, figures: {} };
        put(line.figures, 'billed', el[2]);
        put(line.figures, 'paid', el[3]);
        claim.lines.push(line);
        break;
      }
      case 'AMT':
        // B6: the allowed amount of a line (the claim's AU is coverage, not an allowed amount).
        if (line && el[1] === 'B6') put(line.figures, 'allowed', el[2]);
        break;
      case 'DTM': {
        const q = el[1];
        const rd8 = el.findIndex((v, i) => i > 1 && v === 'RD8');
        const raw = (rd8 > 0 ? el[rd8 + 1] : '') || el[2] || '';
        const date = isoDate(raw.split('-').pop());
        if (!date) break;
        if (line && (q === '472' || q === '151')) line.serviceDate = date;
        else if (line && q === '150' && !line.serviceDate) line.serviceDate = date;
        else if (claim && !line && q === '232') claim.statementFrom = date;
        else if (claim && !line && q === '233') claim.statementTo = date;
        break;
      }
      case 'PLB': {
        claim = undefined;
        line = undefined;
        for (let p = 0; p < PLB_PAIRS; p++) {
          const reason = (el[3 + 2 * p] ?? '').split(component)[0]?.trim().toUpperCase() ?? '';
          const amount = normalizeX12Amount(el[4 + 2 * p]);
          if (reason === '' || amount === undefined || el[4 + 2 * p] === '') continue;
          transaction().providerAdjustments.push({ reason, amount });
        }
        break;
      }
    }
  }
  return out;
}

/** The claim and account numbers of a raw 835 or a printout, by the same keys as readRemitFacts. */
export function readIdentifiers(text: string, prefix: string): ClaimIdentifiers[] {
  if (looksLikeX12(text)) {
    const env = findEnvelope(text);
    if (!env) return [];
    const out: ClaimIdentifiers[] = [];
    let claims = 0;
    for (const seg of segmentsOf(text, env.begin, env.separators)) {
      if (seg.id !== 'CLP') continue;
      const el = elementsOf(seg, env.separators.element).map((e) => e.value);
      claims++;
      out.push({ key: keyIn(prefix, `c${claims}`), ...(el[1] ? { account: el[1] } : {}), ...(el[7] ? { payerClaimNumber: el[7] } : {}) });
    }
    return out;
  }
  const layout = printoutLayout(text);
  const rows = text.split('\n');
  const out: ClaimIdentifiers[] = [];
  layout.kinds.forEach((kind, i) => {
    if (kind !== 'claim') return;
    const row = rows[i] ?? '';
    const account = /\b(?:ACNT|PATIENT\s+CNTRL(?:\s+NUMBER)?|PCN)\s*:?\s*([A-Z0-9][\w-]*)/i.exec(row)?.[1];
    const icn = /\bICN\s*:?\s*([A-Z0-9][\w-]*)/i.exec(row)?.[1];
    out.push({ key: keyIn(prefix, `c${out.length + 1}`), ...(account ? { account } : {}), ...(icn ? { payerClaimNumber: icn } : {}) });
  });
  return out;
}

const CLAIM_NUMBER = /\b(?:claim\s*(?:#|no\.?|number|id)?|ICN|DCN|TCN)\s*[:#]?\s*((?=[A-Z-]*\d)[A-Z0-9][A-Z0-9-]{5,})\b/i;
const ACCOUNT_NUMBER =
  /\b(?:patient\s+)?(?:acct|account|pcn|patient\s+control)\.?\s*(?:#|no\.?|number)?\s*[:#]?\s*((?=[A-Z-]*\d)[A-Z0-9][A-Z0-9-]{3,})\b/i;

/** A claim's labelled numbers in the text around it ("Claim 90431187", "Patient account # A-2231"); for an export only. */
export function identifiersInText(key: string, text: string): ClaimIdentifiers {
  const claim = CLAIM_NUMBER.exec(text)?.[1];
  const account = ACCOUNT_NUMBER.exec(text)?.[1];
  return { key, ...(account ? { account } : {}), ...(claim ? { payerClaimNumber: claim } : {}) };
}
