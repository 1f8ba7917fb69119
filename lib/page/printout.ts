/**
 * A remittance printed as fixed-width text (a Medicare Standard Paper Remittance in a <pre>, a
 * clearinghouse's text view): read line by line for codes (detectInLines), then grouped as the
 * printout groups them. A NAME line starts a claim; a line with a date and money is a service line,
 * whose adjustments are the codes on it and on the lines under it; REM: lines are that line's remarks;
 * codes in a glossary or named elsewhere are only named.
 */
import type { Steps } from '../detect/steps';
import { type DetectContext, detectInLinesSteps } from '../detect/text';
import type { KnownCodes, Mention } from '../detect/types';
import { sectionKindOf } from '../detect/vocabulary';

/** A claim header line: "NAME SMITH, JOHN  HIC … ACNT … ICN …", or a Part A patient line with its claim numbers. */
const CLAIM_LINE = /^\s*(?:NAME\s+\S|PATIENT\s*:|PAT\s+NAME)|\b(?:HIC|MBI)\s+\w+.*\b(?:ACNT|ICN)\b/i;
/** A service line: a date (MMDD, MMDDYY, MM/DD/YY…) and at least two amounts. */
const DATE = /\b(?:\d{4}\s+\d{6}|\d{2}\/\d{2}\/\d{2,4}|\d{8}|\d{6})\b/;
const MONEY = /-?\d[\d,]*\.\d{2}\b/g;
const REM_LINE = /^\s*REM\s*:/i;
const TOTALS_LINE = /\b(?:CLAIM\s+TOTALS|PT\s+RESP|TOTALS\s*:|NET\b|ADJ\s+TO\s+TOTALS)/i;

/** Lines classified between two yields. */
const LINE_STEP = 2000;

/** Reads a printout as steps (a printout of thousands of claims is read across tasks). */
export function* readPrintout(text: string, known: KnownCodes, ctx: DetectContext, prefix: string): Steps<Mention[]> {
  const found = yield* detectInLinesSteps(text, known, ctx, sectionKindOf);
  if (found.length === 0) return found;
  // Where each line starts, and what kind of line it is.
  const starts: number[] = [];
  const kinds: ('claim' | 'service' | 'rem' | 'totals' | 'other')[] = [];
  let at = 0;
  for (const line of text.split('\n')) {
    if (starts.length % LINE_STEP === LINE_STEP - 1) yield;
    starts.push(at);
    at += line.length + 1;
    const money = line.match(MONEY)?.length ?? 0;
    kinds.push(
      CLAIM_LINE.test(line)
        ? 'claim'
        : REM_LINE.test(line)
          ? 'rem'
          : TOTALS_LINE.test(line)
            ? 'totals'
            : DATE.test(line) && money >= 2
              ? 'service'
              : 'other',
    );
  }
  const lineAt = (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  // Walk the lines once, numbering claims and service lines.
  const claimOfLine: (number | undefined)[] = [];
  const serviceOfLine: (number | undefined)[] = [];
  let claim: number | undefined;
  let service: number | undefined;
  let claims = 0;
  let services = 0;
  kinds.forEach((kind, i) => {
    if (kind === 'claim') {
      claim = ++claims;
      service = undefined;
    } else if (kind === 'service' && claim !== undefined) service = ++services;
    else if (kind === 'totals') service = undefined;
    claimOfLine[i] = claim;
    // A REM: line and the lines of codes under a service line belong to it.
    serviceOfLine[i] = kind === 'claim' || kind === 'totals' ? undefined : service;
  });
  return found.map((m) => {
    const i = lineAt(m.start);
    const c = claimOfLine[i];
    const s = serviceOfLine[i];
    // Codes outside any claim (a glossary, a header, a note) are only named.
    if (c === undefined || (kinds[i] === 'other' && s === undefined && !m.amount)) return { ...m, role: 'named' };
    const claimKey = `${prefix}.c${c}`;
    return {
      ...m,
      role: m.kind === 'carc' ? 'adjustment' : 'remark',
      claimKey,
      lineKey: s !== undefined ? `${prefix}.l${s}` : claimKey,
    };
  });
}
