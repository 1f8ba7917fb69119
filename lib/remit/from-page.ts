/**
 * The remittance model (model.ts) from what a page's report says: its mentions (codes with their role,
 * amount, line and claim keys and line figures, lib/messages.ts PageMention) and its facts (what a raw
 * 835 or a printout on the page says beyond its codes, page-facts.ts). The paste box gives the same two
 * things (lib/decode.ts), so a pasted 835 reads exactly like one on a page.
 *
 * - A mention's role decides what it is: an adjustment (a CARC of a line or a claim), a remark, or a code
 *   only named (prose, a legend, a glossary; also a mention with no role), listed apart and never counted.
 * - Claims and lines are the keys the detector gave; a raw 835's or a printout's claims and lines come
 *   from its facts, with their figures, also those that carry no code.
 * - A table line repeated over rows (each row one adjustment, the line's date and at least two of its
 *   figures repeated) is one line; a row with no figures and no date right under a line adds its
 *   adjustments to that line. A table whose rows are each a claim of one line joins a row that
 *   repeats the row above's figures and date into that claim.
 * - Money in cents; a figure or an amount the page does not show stays undefined, never 0.
 */
import { toCents } from '../amount';
import type { Figures as PageFigures } from '../detect/types';
import type { PageMention } from '../messages';
import { claimBalance, lineBalance } from './balance';
import { type Claim, emptyRemittance, type Figures, type Remittance, type ServiceLine } from './model';
import type { ClaimIdentifiers, PageRemitFacts } from './page-facts';

export interface PageInput {
  mentions: readonly PageMention[];
  remits?: readonly PageRemitFacts[];
}

/** The key of the claim that holds lines no claim was found around. */
export const UNPLACED_KEY = '(no claim)';

/** A page's figures (plain decimals) in cents; only those shown. */
export function figuresOf(page: PageFigures | undefined): Figures {
  const out: Figures = {};
  if (!page) return out;
  const put = (key: keyof Figures, value: string | undefined) => {
    const cents = toCents(value);
    if (cents !== undefined) out[key] = cents;
  };
  put('billed', page.billed);
  put('allowed', page.allowed);
  put('paid', page.paid);
  put('deductible', page.deductible);
  put('coinsurance', page.coinsurance);
  put('copay', page.copay);
  put('patientResponsibility', page.patient);
  return out;
}

const FIGURE_KEYS = ['billed', 'allowed', 'paid', 'deductible', 'coinsurance', 'copay', 'patientResponsibility'] as const;

function fill(target: Figures, from: Figures): void {
  for (const k of FIGURE_KEYS) if (target[k] === undefined && from[k] !== undefined) target[k] = from[k];
}

function hasFigures(f: Figures): boolean {
  return FIGURE_KEYS.some((k) => f[k] !== undefined);
}

function shownFigures(f: Figures): number {
  return FIGURE_KEYS.filter((k) => f[k] !== undefined).length;
}

const newLine = (key: string): ServiceLine => ({ key, adjustments: [], remarks: [] });
const newClaim = (key: string): Claim => ({ key, adjustments: [], remarks: [], lines: [] });

/** The remittances a page shows: one per raw 835 transaction or printout, and one for the rest of the page (tables, cards, prose). */
export function remittancesFromPage(input: PageInput): Remittance[] {
  const made: { remit: Remittance; first: number }[] = [];
  const claims = new Map<string, Claim>();
  const lines = new Map<string, ServiceLine>();
  /** Claims and lines read from facts keep their own line structure. */
  const fromFacts = new Set<Claim>();
  const byBlock = new Map<string, { remit: Remittance; first: number }>();

  for (const f of input.remits ?? []) {
    const remit = emptyRemittance();
    const payment = toCents(f.payment);
    if (payment !== undefined) remit.payment = { amount: payment };
    for (const p of f.providerAdjustments) {
      const amount = toCents(p.amount);
      if (amount !== undefined) remit.providerAdjustments.push({ reason: p.reason, amount });
    }
    for (const fc of f.claims) {
      const claim: Claim = { ...newClaim(fc.key), ...figuresOf(fc.figures) };
      const net = toCents(fc.net);
      if (net !== undefined) claim.net = net;
      if (fc.status) claim.status = fc.status;
      if (fc.statementFrom) claim.statementFrom = fc.statementFrom;
      if (fc.statementTo) claim.statementTo = fc.statementTo;
      for (const fl of fc.lines) {
        const line: ServiceLine = { ...newLine(fl.key), ...figuresOf(fl.figures) };
        if (fl.serviceDate) line.serviceDate = fl.serviceDate;
        claim.lines.push(line);
        lines.set(fl.key, line);
      }
      remit.claims.push(claim);
      claims.set(fc.key, claim);
      fromFacts.add(claim);
    }
    const entry = { remit, first: Number.POSITIVE_INFINITY };
    made.push(entry);
    if (!byBlock.has(f.key)) byBlock.set(f.key, entry);
  }
  const remitOfClaim = new Map<Claim, { remit: Remittance; first: number }>();
  for (const entry of made) for (const c of entry.remit.claims) remitOfClaim.set(c, entry);

  const page = { remit: emptyRemittance(), first: Number.POSITIVE_INFINITY };
  made.push(page);
  let unplaced: Claim | undefined;
  const claimFor = (key: string | undefined): Claim => {
    if (key === undefined) {
      if (!unplaced) {
        unplaced = { ...newClaim(UNPLACED_KEY), unplaced: true };
        page.remit.claims.push(unplaced);
        remitOfClaim.set(unplaced, page);
      }
      return unplaced;
    }
    let claim = claims.get(key);
    if (!claim) {
      claim = newClaim(key);
      claims.set(key, claim);
      page.remit.claims.push(claim);
      remitOfClaim.set(claim, page);
    }
    return claim;
  };

  input.mentions.forEach((m, i) => {
    const role = m.role ?? 'named';
    if (role === 'named') {
      // A glossary inside a printout belongs to that printout's remittance; anything else to the page's.
      const entry = (m.lineKey !== undefined ? byBlock.get(m.lineKey) : undefined) ?? page;
      entry.remit.named.push({ code: m.code, kind: m.kind, source: { mention: i } });
      entry.first = Math.min(entry.first, i);
      return;
    }
    const claim = claimFor(m.claimKey);
    const entry = remitOfClaim.get(claim);
    if (entry) entry.first = Math.min(entry.first, i);
    const figures = figuresOf(m.figures);
    const paid = toCents(m.paid);
    const lineLevel = m.lineKey !== undefined && m.lineKey !== m.claimKey;
    let holder: Claim | ServiceLine = claim;
    if (lineLevel && m.lineKey !== undefined) {
      let line = lines.get(m.lineKey);
      if (!line) {
        line = newLine(m.lineKey);
        lines.set(m.lineKey, line);
        claim.lines.push(line);
      }
      fill(line, figures);
      if (line.paid === undefined && paid !== undefined) line.paid = paid;
      if (!line.serviceDate && m.serviceDate) line.serviceDate = m.serviceDate;
      holder = line;
    } else if (!claim.unplaced) {
      // A claim-level code carries its claim's figures (a row that is its own claim, an 835's CLP).
      fill(claim, figures);
      if (!claim.statementTo && m.serviceDate) claim.statementTo = m.serviceDate;
    }
    if (m.kind === 'carc') {
      const amount = toCents(m.amount);
      holder.adjustments.push({
        ...(m.group ? { group: m.group } : {}),
        reason: m.reason,
        code: m.code,
        ...(amount !== undefined ? { amount } : {}),
        source: { mention: i },
      });
    } else {
      holder.remarks.push({ code: m.code, source: { mention: i } });
    }
  });

  for (const claim of claims.values()) if (!fromFacts.has(claim)) claim.lines = joinRepeatedRows(claim.lines);
  if (unplaced) unplaced.lines = joinRepeatedRows(unplaced.lines);
  page.remit.claims = joinRepeatedClaims(page.remit.claims);

  return made
    .filter((e) => e.remit.claims.length > 0 || e.remit.named.length > 0 || e.remit.providerAdjustments.length > 0 || e.remit.payment)
    .sort((a, b) => a.first - b.first)
    .map((e) => e.remit);
}

/**
 * Table rows that are each a claim of one line (a row per adjustment, the patient's name, date and paid
 * amount repeated): a row that repeats the row above's figures and date is the same claim. (Lines within
 * a claim need more, see `continues`: there the claim already groups them.)
 */
export function joinRepeatedClaims(claims: readonly Claim[]): Claim[] {
  const out: Claim[] = [];
  for (const claim of claims) {
    const prev = out[out.length - 1];
    const rowLike = (c: Claim) => c.lines.length === 0 && !c.unplaced && hasFigures(c) && c.statementTo !== undefined;
    if (
      prev &&
      rowLike(prev) &&
      rowLike(claim) &&
      sameFigures(prev, claim) &&
      prev.statementTo === claim.statementTo &&
      !(claimBalance(prev).state === 'ok' && claimBalance(claim).state === 'ok')
    ) {
      prev.adjustments.push(...claim.adjustments);
      prev.remarks.push(...claim.remarks);
      prev.rows = [...(prev.rows ?? []), claim.key];
    } else {
      out.push(claim);
    }
  }
  return out;
}

function sameFigures(a: Figures, b: Figures): boolean {
  return FIGURE_KEYS.every((k) => a[k] === b[k]);
}

/**
 * Rows of a table that are one service line: a row that repeats the line above's figures and date (one
 * adjustment per row), and a row with no figures and no date under a line (its adjustments continue
 * it). Two rows with the same figures that each balance on their own are two lines.
 */
export function joinRepeatedRows(rows: readonly ServiceLine[]): ServiceLine[] {
  const out: ServiceLine[] = [];
  for (const row of rows) {
    const prev = out[out.length - 1];
    if (prev && continues(prev, row)) {
      prev.adjustments.push(...row.adjustments);
      prev.remarks.push(...row.remarks);
      prev.rows = [...(prev.rows ?? []), row.key];
    } else if (prev && completes(prev, row)) {
      // The adjustments came first (a table nested in the row's cell), the row's figures after.
      Object.assign(prev, figuresOfLine(row));
      if (row.serviceDate) prev.serviceDate = row.serviceDate;
      prev.remarks.push(...row.remarks);
      prev.rows = [...(prev.rows ?? []), row.key];
    } else {
      out.push(row);
    }
  }
  return out;
}

function figuresOfLine(line: ServiceLine): Figures {
  const out: Figures = {};
  for (const k of FIGURE_KEYS) if (line[k] !== undefined) out[k] = line[k];
  return out;
}

/** A row with figures and no adjustment right after adjustments with no figures: their line's own row. */
function completes(prev: ServiceLine, row: ServiceLine): boolean {
  return (
    !hasFigures(prev) && prev.serviceDate === undefined && prev.adjustments.length > 0 && hasFigures(row) && row.adjustments.length === 0
  );
}

function continues(prev: ServiceLine, row: ServiceLine): boolean {
  const rowShows = hasFigures(row) || row.serviceDate !== undefined;
  if (!rowShows) return hasFigures(prev);
  if (!hasFigures(row) || !sameFigures(prev, row)) return false;
  // The same date and at least two figures alike: a lone paid amount (two denied lines paid $0.00 on one
  // day) is no evidence that two rows are one line.
  if (row.serviceDate !== prev.serviceDate || shownFigures(row) < 2) return false;
  // Two complete lines that each balance are two lines, however alike.
  return !(lineBalance(prev).state === 'ok' && lineBalance(row).state === 'ok');
}

/** Every claim of the remittances, real claims only (not the holder of unplaced lines). */
export function realClaims(remits: readonly Remittance[]): Claim[] {
  return remits.flatMap((r) => r.claims.filter((c) => !c.unplaced));
}

/**
 * The remittances with the claim and account numbers the source showed, for an export the user asked
 * to have them in: copies, so the model the popup keeps never holds them.
 */
export function withIdentifiers(remits: readonly Remittance[], ids: readonly ClaimIdentifiers[]): Remittance[] {
  const byKey = new Map(ids.map((i) => [i.key, i]));
  return remits.map((r) => ({
    ...r,
    claims: r.claims.map((c) => {
      const found = byKey.get(c.key);
      if (!found) return c;
      return {
        ...c,
        ...(found.account ? { account: found.account } : {}),
        ...(found.payerClaimNumber ? { payerClaimNumber: found.payerClaimNumber } : {}),
      };
    }),
  }));
}
