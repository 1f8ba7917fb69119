/**
 * Scanner for raw X12 835 (claim payment/advice) text. It finds CARC mentions in CAS segments and
 * RARC mentions in LQ*HE, MOA and MIA, with offsets into the original text, so the page layer can
 * mark them and the paste box can list them. Pure and linear: one pass to split segments, one walk
 * that keeps claim/line state. It never throws; malformed input is described in `problems`.
 */

import { normalizeX12Amount } from '../amount';
import { run, type Steps } from './steps';
import { type Figures, isGroupCode, type KnownCodes, type Mention } from './types';

export interface X12Separators {
  element: string;
  component: string;
  segment: string;
}

export interface X12Scan {
  mentions: Mention[];
  separators: X12Separators | null;
  segments: number;
  claims: number;
  problems: string[];
}

/** Enough notes to explain a bad file without letting garbage input build a huge list. */
const MAX_PROBLEMS = 50;

/** Cheap pre-check: is this text worth scanning as an 835? */
export function looksLikeX12(text: string): boolean {
  // A segment id that matters, at a word start, followed by a plausible element separator
  // (real files use `*`, sometimes `|`, rarely `^`, `!` or `+`).
  const start = /(?:^|[^A-Za-z0-9])(ISA|CLP|CAS|SVC)([*|^!+])/g;
  const checked = new Set<string>();
  for (let m = start.exec(text); m; m = start.exec(text)) {
    const sep = m[2] ?? '*';
    if (m[1] === 'ISA') {
      const at = m.index + m[0].length - 4;
      if (countChar(text, sep, at, at + 200) >= 16) return true;
    } else if (!checked.has(sep)) {
      // Prose may say "CAS*" once; an 835 has many short segments in a row. One pass per separator.
      checked.add(sep);
      if (hasSegmentStarts(text, sep, 3)) return true;
    }
  }
  return false;
}

function countChar(text: string, ch: string, from: number, to: number): number {
  let n = 0;
  const end = Math.min(to, text.length);
  for (let i = from; i < end; i++) if (text[i] === ch) n++;
  return n;
}

function hasSegmentStarts(text: string, sep: string, needed: number): boolean {
  const re = new RegExp(`(?:^|[~\\n])[ \\t]*[A-Z][A-Z0-9]{1,2}${escapeRegExp(sep)}`, 'g');
  let n = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) if (++n >= needed) return true;
  return false;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---------------------------------------------------------------------------------------------
// Separators

interface Envelope {
  separators: X12Separators;
  /** Where tokenizing starts: the ISA or the first segment; text before it is not X12. */
  begin: number;
}

function findSeparators(text: string, problems: string[]): Envelope | null {
  const isa = /(?:^|[^A-Za-z0-9])ISA([^A-Za-z0-9\s])/.exec(text);
  if (isa) {
    const begin = isa.index + isa[0].length - 4;
    const element = isa[1] ?? '*';
    // Count 16 separators instead of using fixed offsets: some files collapse the ISA padding.
    let pos = begin + 3;
    let seen = 1;
    while (seen < 16) {
      const next = text.indexOf(element, pos + 1);
      if (next < 0 || next - begin > 400) break;
      pos = next;
      seen++;
    }
    const component = text[pos + 1];
    const terminator = text[pos + 2];
    if (seen === 16 && component !== undefined && terminator !== undefined) {
      const segment = terminator === '\r' || terminator === '\n' ? '\n' : terminator;
      if (!/[A-Za-z0-9 ]/.test(segment) && segment !== element && component !== element) {
        return { separators: { element, component, segment }, begin };
      }
    }
    problems.push('ISA header is truncated or malformed; separators were guessed');
  }
  const first = /(?:^|[^A-Za-z0-9])(ST|BPR|TRN|CLP|CAS|SVC|LX|GS|N1|LQ|MOA|MIA|PLB)([*|^!+])/.exec(text);
  if (!first) return null;
  const element = first[2] ?? '*';
  const begin = first.index + first[0].length - (first[1] ?? '').length - 1;
  const segment = tildeTerminates(text, begin, element) ? '~' : '\n';
  return { separators: { element, component: guessComponent(text, element, segment), segment }, begin };
}

/** `~` ends segments if the first one is followed by another segment (not, say, a `~` in a URL). */
function tildeTerminates(text: string, begin: number, element: string): boolean {
  const tilde = text.indexOf('~', begin);
  if (tilde < 0 || element === '~') return false;
  const next = text.slice(tilde + 1, tilde + 40).trimStart();
  return next === '' || new RegExp(`^[A-Z][A-Z0-9]{1,2}${escapeRegExp(element)}`).test(next);
}

/** SVC01 is a composite like `HC:99213`; the char after the 2-letter qualifier is the separator. */
function guessComponent(text: string, element: string, segment: string): string {
  const needle = `SVC${element}`;
  for (let i = text.indexOf(needle), tries = 0; i >= 0 && tries < 20; i = text.indexOf(needle, i + 1), tries++) {
    const q = text.slice(i + 4, i + 6);
    const c = text[i + 6];
    if (/^[A-Z][A-Z0-9]$/.test(q) && c !== undefined && c !== element && c !== segment && !/[A-Za-z0-9\s]/.test(c)) {
      return c;
    }
  }
  return ':';
}

// ---------------------------------------------------------------------------------------------
// Tokenizer

interface Segment {
  /** 1-based position among all segments of the scan, for problem notes. */
  index: number;
  id: string;
  /** The segment without its terminator and surrounding whitespace; it starts at `start`. */
  raw: string;
  start: number;
}

interface Element {
  value: string;
  /** Offset of `value` in the original text (after trimming spaces around it). */
  start: number;
}

function* segmentsOf(text: string, begin: number, seps: X12Separators): Generator<Segment> {
  let index = 0;
  let pos = begin;
  while (pos < text.length) {
    let stop = text.indexOf(seps.segment, pos);
    if (stop < 0) stop = text.length;
    let start = pos;
    let end = stop;
    // Indentation, CRLF and blank lines around segments are layout, not content.
    while (start < end && isSpace(text.charCodeAt(start))) start++;
    while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
    pos = stop + seps.segment.length;
    if (start === end) continue;
    // Search within the segment only, so a missing separator cannot make this quadratic.
    const raw = text.slice(start, end);
    const idEnd = raw.indexOf(seps.element);
    index++;
    yield { index, id: (idEnd < 0 ? raw : raw.slice(0, idEnd)).trim(), raw, start };
  }
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13 || code === 0xfeff;
}

/** Elements by X12 position: [0] is the segment id, [1] is e.g. CAS01. */
function elementsOf(seg: Segment, sep: string): Element[] {
  let offset = seg.start;
  return seg.raw.split(sep).map((part) => {
    const value = part.trim();
    const el = { value, start: offset + (value === '' ? 0 : part.indexOf(value)) };
    offset += part.length + sep.length;
    return el;
  });
}

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
  const env = findSeparators(text, problems);
  if (!env) {
    note('no X12 segments found');
    return { mentions, separators: null, segments: 0, claims: 0, problems };
  }
  const seps = env.separators;

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
    add({ start: el.start, end: el.start + el.value.length, kind: 'rarc', code: el.value, reason: el.value }, level);
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

  if (last && seps.segment !== '\n' && !text.slice(last.start + last.raw.length).includes(seps.segment)) {
    note(`segment ${last.index} (${last.id.slice(0, 20)}): last segment has no terminator '${seps.segment}' (truncated input?)`);
  }
  if (segments === 0) note('no X12 segments found');
  return { mentions, separators: seps, segments, claims, problems };
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
      end: reason.start + reason.value.length,
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
