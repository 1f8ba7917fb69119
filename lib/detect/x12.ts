/**
 * Scanner for raw X12 835 (claim payment/advice) text. It finds CARC mentions in CAS segments and
 * RARC mentions in LQ*HE, MOA and MIA, with offsets into the original text, so the page layer can
 * mark them and the paste box can list them. Pure and linear: one pass to split segments, one walk
 * that keeps claim/line state. It never throws; malformed input is described in `problems`.
 */

import { normalizeX12Amount } from '../amount';
import {
  type X12Element as Element,
  elementsOf,
  findEnvelope,
  looksLikeX12,
  type X12Segment as Segment,
  segmentsOf,
  type X12Separators,
} from '../x12/tokenize';
import { run, type Steps } from './steps';
import { type Figures, isGroupCode, type KnownCodes, type Mention } from './types';

// The tokenizer (separators, segments, elements with offsets into the original text, and the
// wrapped-line rule: CR/LF inside a `~`-terminated segment is not data) lives in lib/x12/tokenize.ts,
// shared with the 835 reader.
export { looksLikeX12, type X12Separators };

export interface X12Scan {
  mentions: Mention[];
  separators: X12Separators | null;
  segments: number;
  claims: number;
  problems: string[];
}

/** Enough notes to explain a bad file without letting garbage input build a huge list. */
const MAX_PROBLEMS = 50;

// ---------------------------------------------------------------------------------------------
// Values

/** The only segments that carry CARC or RARC codes (CAS reasons; LQ*HE, MOA and MIA remarks). */
export const CODE_SEGMENTS: ReadonlySet<string> = new Set(['CAS', 'LQ', 'MOA', 'MIA']);

/** CCYYMMDD → YYYY-MM-DD; undefined when it is not a calendar-looking date. */
function isoDate(raw: string | undefined): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(raw ?? '');
  if (!m) return undefined;
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

// ---------------------------------------------------------------------------------------------
// Walker

interface LineState {
  key: string;
  paid?: string;
  billed?: string;
  /** DTM*472 (or the end of a service period); the claim's statement date is the fallback. */
  date?: string;
  periodStart?: string;
  periodEnd?: string;
}

interface ClaimState {
  key: string;
  paid?: string;
  billed?: string;
  patient?: string;
  statementFrom?: string;
  statementTo?: string;
  lines: number;
  /** Mentions waiting for dates that may only appear later in the claim. */
  pending: { mention: Mention; line: LineState | null }[];
}

const CAS_TRIPLETS = 6;
const MOA_REMARKS = [3, 4, 5, 6, 7];
const MIA_REMARKS = [5, 20, 21, 22, 23];

export function scanX12(text: string, known: KnownCodes): X12Scan {
  return run(scanX12Steps(text, known));
}

/** Segments read between two yields of scanX12Steps: a huge 835 is read across tasks. */
export const X12_STEP = 1000;

/** scanX12 as steps: yields after every X12_STEP segments, returns the scan. */
export function* scanX12Steps(text: string, known: KnownCodes): Steps<X12Scan> {
  const problems: string[] = [];
  const note = (msg: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push(msg);
    else if (problems.length === MAX_PROBLEMS) problems.push('too many problems; the rest are not listed');
  };
  const mentions: Mention[] = [];
  const env = findEnvelope(text);
  if (env) problems.push(...env.problems);
  if (!env) {
    note('no X12 segments found');
    return { mentions, separators: null, segments: 0, claims: 0, problems };
  }
  const seps = env.separators;
  const { element, component, segment } = seps;

  let segments = 0;
  let claims = 0;
  let orphanLines = 0;
  let claim: ClaimState | null = null;
  let line: LineState | null = null;
  let last: Segment | null = null;

  const closeClaim = () => {
    if (claim) {
      const claimDate = claim.statementTo ?? claim.statementFrom;
      for (const { mention, line: l } of claim.pending) {
        const date = (l && (l.date ?? l.periodEnd ?? l.periodStart)) ?? claimDate;
        if (date) mention.serviceDate = date;
      }
    }
    claim = null;
    line = null;
  };

  const add = (m: Mention, level: 'line' | 'claim') => {
    const l = level === 'line' ? line : null;
    const key = l?.key ?? claim?.key;
    if (key) m.lineKey = key;
    if (claim) m.claimKey = claim.key;
    const paid = l ? l.paid : claim?.paid;
    if (paid !== undefined) m.paid = paid;
    // CAS triplets are adjustments, LQ*HE, MOA and MIA codes remarks, of their line or claim.
    m.role = m.kind === 'carc' ? 'adjustment' : 'remark';
    const figures: Figures = l
      ? { ...(l.billed ? { billed: l.billed } : {}), ...(l.paid ? { paid: l.paid } : {}) }
      : {
          ...(claim?.billed ? { billed: claim.billed } : {}),
          ...(claim?.paid ? { paid: claim.paid } : {}),
          ...(claim?.patient ? { patient: claim.patient } : {}),
        };
    if (Object.keys(figures).length > 0) m.figures = figures;
    mentions.push(m);
    if (claim) claim.pending.push({ mention: m, line: l });
  };

  const remark = (seg: Segment, el: Element | undefined, level: 'line' | 'claim') => {
    if (!el || el.value === '') return;
    if (!known.rarc.has(el.value)) {
      note(`segment ${seg.index} (${seg.id}): '${el.value.slice(0, 20)}' is not a known remark code`);
      return;
    }
    add({ start: el.start, end: el.end, kind: 'rarc', code: el.value, reason: el.value }, level);
  };

  for (const seg of segmentsOf(text, env.begin, seps)) {
    segments++;
    if (segments % X12_STEP === 0) yield;
    last = seg;
    if (!/^[A-Z][A-Z0-9]{1,2}$/.test(seg.id)) {
      note(`segment ${seg.index}: '${seg.id.slice(0, 20)}' is not a segment id`);
      continue;
    }
    switch (seg.id) {
      case 'ISA':
      case 'IEA':
      case 'GS':
      case 'GE':
      case 'ST':
      case 'SE':
      case 'LX':
      case 'PLB': // provider-level adjustment codes are their own list, not CARCs
        closeClaim();
        break;
      case 'CLP': {
        closeClaim();
        const el = elementsOf(seg, seps.element);
        claims++;
        claim = { key: `c${claims}`, lines: 0, pending: [] };
        const paid = normalizeX12Amount(el[4]?.value);
        if (paid !== undefined) claim.paid = paid;
        const billed = normalizeX12Amount(el[3]?.value);
        if (billed !== undefined) claim.billed = billed;
        const patient = normalizeX12Amount(el[5]?.value);
        if (patient !== undefined) claim.patient = patient;
        if (el.length < 5) note(`segment ${seg.index} (CLP): truncated CLP, no claim payment amount (CLP04)`);
        break;
      }
      case 'SVC': {
        const el = elementsOf(seg, seps.element);
        if (claim) {
          claim.lines++;
          line = { key: `${claim.key}.l${claim.lines}` };
        } else {
          note(`segment ${seg.index} (SVC): service line outside a claim (no CLP before it)`);
          line = { key: `l${++orphanLines}` };
        }
        const paid = normalizeX12Amount(el[3]?.value);
        if (paid !== undefined) line.paid = paid;
        else note(`segment ${seg.index} (SVC): no line payment amount (SVC03)`);
        const billed = normalizeX12Amount(el[2]?.value);
        if (billed !== undefined) line.billed = billed;
        break;
      }
      case 'DTM': {
        const el = elementsOf(seg, seps.element);
        const qualifier = el[1]?.value;
        // A range (DTM05 = RD8, DTM06 = CCYYMMDD-CCYYMMDD) counts by its end date. Look for RD8
        // anywhere: writers that put the range in the wrong element still mean a range.
        const rd8 = el.findIndex((e, i) => i > 1 && e.value === 'RD8');
        const raw = (rd8 > 0 ? el[rd8 + 1]?.value : '') || el[2]?.value || '';
        const date = isoDate(raw.split('-').pop());
        if (!date) {
          if (['472', '150', '151', '232', '233'].includes(qualifier ?? '')) {
            note(`segment ${seg.index} (DTM): '${raw.slice(0, 20)}' is not a CCYYMMDD date`);
          }
          break;
        }
        if (line && qualifier === '472') line.date = date;
        else if (line && qualifier === '150') line.periodStart = date;
        else if (line && qualifier === '151') line.periodEnd = date;
        else if (claim && qualifier === '232') claim.statementFrom = date;
        else if (claim && qualifier === '233') claim.statementTo = date;
        break;
      }
      case 'CAS':
        scanCas(seg, seps.element, known, note, (m) => {
          if (!claim) note(`segment ${seg.index} (CAS): adjustment outside a claim (no CLP before it)`);
          add(m, line ? 'line' : 'claim');
        });
        break;
      case 'LQ': {
        const el = elementsOf(seg, seps.element);
        // LQ*RX carries NCPDP reject codes, which are not remark codes.
        if (el[1]?.value === 'HE') remark(seg, el[2], line ? 'line' : 'claim');
        break;
      }
      case 'MOA':
      case 'MIA': {
        const el = elementsOf(seg, seps.element);
        for (const i of seg.id === 'MOA' ? MOA_REMARKS : MIA_REMARKS) remark(seg, el[i], 'claim');
        break;
      }
    }
  }
  closeClaim();

  if (last && seps.segment !== '\n' && !last.terminated) {
    note(`segment ${last.index} (${last.id.slice(0, 20)}): last segment has no terminator '${seps.segment}' (truncated input?)`);
  }
  if (segments === 0) note('no X12 segments found');
  return { mentions, separators: { element, component, segment }, segments, claims, problems };
}

function scanCas(seg: Segment, sep: string, known: KnownCodes, note: (msg: string) => void, emit: (m: Mention) => void): void {
  const el = elementsOf(seg, sep);
  const where = `segment ${seg.index} (CAS)`;
  const group = el[1]?.value ?? '';
  if (!isGroupCode(group)) {
    note(`${where}: group '${group.slice(0, 20)}' is not a claim adjustment group`);
    return;
  }
  if (el.length > 2 + 3 * CAS_TRIPLETS) note(`${where}: more than ${CAS_TRIPLETS} adjustments; the rest are ignored`);
  let reasons = 0;
  for (let t = 0; t < CAS_TRIPLETS; t++) {
    const reason = el[2 + 3 * t];
    const rawAmount = el[3 + 3 * t]?.value ?? '';
    if (!reason || reason.value === '') {
      if (rawAmount !== '') note(`${where}: amount '${rawAmount.slice(0, 20)}' has no reason code`);
      continue;
    }
    reasons++;
    const amount = normalizeX12Amount(rawAmount);
    if (amount === undefined)
      note(`${where}: amount '${rawAmount.slice(0, 20)}' for reason '${reason.value.slice(0, 20)}' is not a number`);
    if (!known.carc.has(reason.value)) {
      note(`${where}: '${reason.value.slice(0, 20)}' is not a known adjustment reason code`);
      continue;
    }
    const m: Mention = {
      start: reason.start,
      end: reason.end,
      kind: 'carc',
      code: `${group}-${reason.value}`,
      reason: reason.value,
      group,
    };
    if (amount !== undefined) m.amount = amount;
    emit(m);
  }
  if (reasons === 0) note(`${where}: no adjustment reason code`);
}
