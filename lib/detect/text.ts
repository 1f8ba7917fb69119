/**
 * Finds code mentions in running text: group + reason tokens (`CO-45`, `PR*2`, `CO 253`), lists
 * that share a group (`CO-45, 253`), labelled reasons (`Reason code 45`, `Adj Reason: CO*253`)
 * and labelled remarks (`Remark codes: N130, M15`, `MOA: MA01 MA18`). Precision comes first:
 * a bare number or a bare N/M code is never a mention without a label, and every code must be
 * in the catalog.
 */
import { normalizeAmount } from '../amount';
import { parseGroupCell } from './columns';
import { type GroupCode, isGroupCode, type KnownCodes, type Mention } from './types';

const REASON = String.raw`(?:[A-Z]\d{1,2}|\d{1,3})`;
const RARC = String.raw`(?:MA\d{2,3}|M\d{1,3}|N\d{1,3})`;
/**
 * Not followed by more of a word, a decimal, a date, a time, a percentage or an ID continuation
 * (`45.5`, `45/12`, `10:30`, `45%`, `45-2024`). A hyphen before letters is allowed: `N130-Consult…`.
 */
const END = String.raw`(?![\w%]|[.,/:\-]\d)`;
/** Not preceded by part of a word, number, path or ID. */
const START = String.raw`(?<![\w.\-/$#@&+=])`;
const SPACE = '[ \\u00a0]';

const GROUPED = new RegExp(`${START}(CO|PR|OA|PI|CR)(?:([-*:])|(${SPACE}(?:-${SPACE})?))?(${REASON})${END}`, 'g');
/**
 * `CARC 97`, `reason code 45`, `Adjustment reason code(s): 45, 97`, `Claim adjustment reason code (CARC) 16`;
 * a label of both lists, `CARC/RARC: CO-45/N130`, `Reason & remark codes: 45, N130` (a reason list reads
 * remark codes too).
 */
const LABEL_CARC =
  /\b(?:(?:CARCs?|reasons?)\s*(?:\/|&|\band\b)\s*(?:RARCs?|remarks?)(?:\s*codes?)?|CARCs?|claim\s+adj(?:ustment)?\.?\s+reasons?(?:\s+codes?)?|adj(?:ustment)?\.?\s*reasons?(?:\s*codes?)?|reason\s*codes?|denial\s*(?:reason\s*)?codes?|adj(?:ustment)?\.?\s*codes?)(?:\s*\((?:s|CARCs?)\))?\s*(?:[:#=]\s*|-\s+|\s+)/gi;
/** `RARC N130`, `Remark code(s): N130, M15`; the short forms only in capitals or with a colon. */
const LABEL_RARC =
  /(?:\b(?:[Rr][Aa][Rr][Cc][Ss]?|[Rr]emarks?(?:\s*[Cc]odes?)?|REMARKS?(?:\s*CODES?)?)(?:\s*\((?:[sS]|RARCs?)\))?\s*(?:[:#=]\s*|-\s+|\s+)|\b(?:REM|MOA|MIA)\s*(?:[:#=]\s*|\s+)|\b(?:Rem|Moa|Mia|rem|moa|mia)\s*[:#=]\s*)/g;
/**
 * A label of another code list that ends like ours: "claim status reason code 21" (277), "PLB reason
 * code 72", "provider adjustment reason code L6", "NCPDP reject reason code 70".
 */
/**
 * A labelled group just before a reason label, in one line of text: `Group Code: CO  Reason Code: 45`,
 * `Group: Patient Responsibility, Reason code: 2`. Only the label's value is taken here; whether it is
 * a group is what a Group column's cell would say (parseGroupCell).
 */
const GROUP_BEFORE = /\bgroup(?:\s*codes?)?\s*[:#=]?\s*([a-z][a-z ()&\u00a0-]{0,48}?)[ \u00a0\t]*[,;|·]?[ \u00a0\t]*$/i;
/** An amount with its own label after a labelled reason: `Reason Code: 45  Amount: $12.00`, `45, Adj Amt: 12.00`. */
const LABELLED_AMOUNT =
  /^[ \u00a0\t]*[,;|·]?[ \u00a0\t]*(?:adj(?:ustment|\.)?[ \u00a0]*)?(?:amount|amt\.?)[ \u00a0]*[:#=]?[ \u00a0]*(-?\$?[ \u00a0]?-?\d[\d,]*\.\d{2})(?![\d%]|\.\d)/i;
const FOREIGN_LABEL = /\b(?:status|plb|provider(?:[\s-]+level)?(?:\s+adj\w*)?|reject|ncpdp|payment\s+status)\s*$/i;
const CARC_ITEM = new RegExp(`^(?:(CO|PR|OA|PI|CR)(?:[-*:]|${SPACE})?)?(${REASON})${END}`);
const RARC_ITEM = new RegExp(`^(${RARC})${END}`);
const NEXT_REASON = new RegExp(`^(${REASON})${END}`);
const MA_BARE = new RegExp(`${START}(MA\\d{2,3})${END}`, 'g');
const LIST_SEP = /^[ \u00a0\t]*(?:,|;|\/|&|\band\b|\bor\b)?[ \u00a0\t]*/i;
/**
 * An amount right after a code: `CO-253 $2.36`, `OA-23 -13.65`, `CO:253 = $1.84`. A bracketed
 * `(12.00)` is left alone: in prose it may be a credit or just an aside, and a wrong sign misleads.
 */
const AMOUNT = /^[ \u00a0]*(?:[:=][ \u00a0]*)?(-?\$?[ \u00a0]?-?\d[\d,]*\.\d{2})(?![\d%]|\.\d)/;
/** "CO-45, 2 units", "a 45-day notice" — a number followed by one of these is a quantity, not a code. */
const QUANTITY_WORD =
  /^[ \u00a0]*-?[ \u00a0]*(?:units?|visits?|days?|times|x\b|%|percent|of\b|hours?|hrs?\b|mins?\b|minutes?|weeks?|wks?\b|months?|mos?\b|years?|yrs?\b|claims?|lines?|items?|miles?|mg\b|ml\b|mmol|patients?|pages?|sessions?|treatments?|services?|procedures?|tablets?|doses?|am\b|pm\b|dollars?|cents?)/i;
/** After the first item of a list: another number or a capitalised word means the list has ended. */
const LIST_END = /^[ \u00a0]+(?:\d|[A-Z][a-z])/;

export interface TextContext {
  lineKey?: string;
  claimKey?: string;
  paid?: string;
  serviceDate?: string;
}

interface Found {
  start: number;
  end: number;
  kind: 'carc' | 'rarc';
  reason: string;
  group?: GroupCode;
  amount?: string;
}

type Claim = (f: Found) => boolean;

/** All mentions in `text`, sorted by offset, never overlapping. */
export function detectInText(text: string, known: KnownCodes, context: TextContext = {}): Mention[] {
  if (!/\d/.test(text)) return [];
  const found: Found[] = [];
  const taken = new Uint8Array(text.length);
  const claim: Claim = (f) => {
    for (let i = f.start; i < f.end; i++) if (taken[i]) return false;
    taken.fill(1, f.start, f.end);
    found.push(f);
    return true;
  };

  // Labelled lists first: their codes are the surest.
  for (const label of text.matchAll(LABEL_CARC)) {
    const at = label.index ?? 0;
    if (FOREIGN_LABEL.test(text.slice(Math.max(0, at - 32), at))) continue;
    const groupWord = GROUP_BEFORE.exec(text.slice(Math.max(0, at - 64), at))?.[1];
    readList(text, at + label[0].length, 'carc', known, claim, groupWord ? parseGroupCell(groupWord) : undefined);
  }
  for (const label of text.matchAll(LABEL_RARC)) {
    readList(text, (label.index ?? 0) + label[0].length, 'rarc', known, claim);
  }
  for (const m of text.matchAll(GROUPED)) {
    const group = m[1] ?? '';
    const joiner = m[2];
    const space = m[3];
    const reason = m[4] ?? '';
    const tokenStart = m.index ?? 0;
    const end = tokenStart + m[0].length;
    if (!isGroupCode(group) || !known.carc.has(reason) || !plausibleToken(text, group, joiner, space, reason, end)) continue;
    const amount = amountAfter(text, end);
    if (!claim({ start: tokenStart, end, kind: 'carc', reason, group, ...amount.value })) continue;
    // Later reasons in a list share the group: "CO-45, 253".
    let at = amount.end;
    for (let n = 0; n < 12; n++) {
      const sep = LIST_SEP.exec(text.slice(at, at + 8));
      if (!sep || sep[0].trim() === '') break;
      const itemStart = at + sep[0].length;
      const next = NEXT_REASON.exec(text.slice(itemStart, itemStart + 5))?.[1];
      if (!next || !known.carc.has(next) || !listContinues(text, itemStart + next.length)) break;
      const a = amountAfter(text, itemStart + next.length);
      if (!claim({ start: itemStart, end: itemStart + next.length, kind: 'carc', reason: next, group, ...a.value })) break;
      at = a.end;
    }
  }
  for (const m of text.matchAll(MA_BARE)) {
    const code = m[1] ?? '';
    if (known.rarc.has(code)) claim({ start: m.index ?? 0, end: (m.index ?? 0) + code.length, kind: 'rarc', reason: code });
  }

  found.sort((a, b) => a.start - b.start);
  return found.map((f) => toMention(f, context));
}

/**
 * Rules for a group + reason token that its regex cannot say alone. "CO2" is carbon dioxide; "CO 2"
 * is as likely a lab value as a code, while "PR 2" (coinsurance) is common; a glued "CO45-A" is an
 * ID; PI and CR are common abbreviations, so they need a joiner (`PI-204`, `CR*18`, `CR - 18`).
 * "CO - 45" (spaced hyphen) follows the rules of "CO 45".
 */
function plausibleToken(
  text: string,
  group: string,
  joiner: string | undefined,
  space: string | undefined,
  reason: string,
  end: number,
): boolean {
  if ((group === 'PI' || group === 'CR') && !joiner && !space?.includes('-')) return false;
  if (!joiner && !space) return reason.length >= 2 && !/^-\w/.test(text.slice(end, end + 2));
  if (space) return reason.length >= 2 || group === 'PR';
  return true;
}

/** A later list item: not a quantity ("2 units") and not the start of other text ("12 Main St"). */
function listContinues(text: string, end: number): boolean {
  const rest = text.slice(end, end + 16);
  return !QUANTITY_WORD.test(rest) && !LIST_END.test(rest);
}

/**
 * A cell whose column says what it holds ("Reason", "Remark"): the whole cell is read as a list
 * of codes, so bare reasons (`45`, `A1`) and remarks (`N130`) count without a label. A reason list
 * may also carry remark codes (`45 / N130`): no CARC looks like N130 or MA18.
 */
export function detectList(text: string, kind: 'carc' | 'rarc', known: KnownCodes, context: TextContext = {}): Mention[] {
  const found: Found[] = [];
  readList(text, text.length - text.trimStart().length, kind, known, (f) => {
    found.push(f);
    return true;
  });
  return found.map((f) => toMention(f, context));
}

/** The amount right after a code; in a labelled list (`labelled`) also one with its own label. */
function amountAfter(text: string, at: number, labelled = false): { value: { amount?: string }; end: number } {
  const m = AMOUNT.exec(text.slice(at, at + 24)) ?? (labelled ? LABELLED_AMOUNT.exec(text.slice(at, at + 40)) : null);
  const amount = m?.[1] ? normalizeAmount(m[1]) : undefined;
  return amount && m ? { value: { amount }, end: at + m[0].length } : { value: {}, end: at };
}

/** Reads a labelled list from `from`; `labelledGroup` is a group its line gave with its own label. */
function readList(text: string, from: number, kind: 'carc' | 'rarc', known: KnownCodes, claim: Claim, labelledGroup?: GroupCode): void {
  let at = from;
  // "CO-45, 253": a bare reason after a grouped one shares its group.
  let shared = labelledGroup;
  for (let n = 0; n < 12; n++) {
    const rest = text.slice(at, at + 12);
    const remark = RARC_ITEM.exec(rest)?.[1];
    if (remark !== undefined) {
      // In a reason list a remark code is a remark; in a remark list it is the point.
      if (!known.rarc.has(remark)) return;
      if (!claim({ start: at, end: at + remark.length, kind: 'rarc', reason: remark })) return;
      at += remark.length;
    } else {
      if (kind === 'rarc') return;
      const m = CARC_ITEM.exec(rest);
      const reason = m?.[2];
      const written = m?.[1];
      if (!m || !reason || !known.carc.has(reason)) return;
      const group = written && isGroupCode(written) ? written : shared;
      shared = group;
      const after = at + m[0].length;
      if (!written && QUANTITY_WORD.test(text.slice(after, after + 16))) return;
      if (!written && n > 0 && LIST_END.test(text.slice(after, after + 4))) return;
      // An amount with its own label belongs to a reason that stands alone: after "45, 97" it may be a total.
      const amount = amountAfter(text, after, n === 0);
      const ok = claim({ start: at, end: after, kind: 'carc', reason, ...(group ? { group } : {}), ...amount.value });
      if (!ok) return;
      at = amount.end;
    }
    const sep = LIST_SEP.exec(text.slice(at, at + 8));
    if (!sep || sep[0] === '') return;
    at += sep[0].length;
  }
}

function toMention(f: Found, context: TextContext): Mention {
  return {
    start: f.start,
    end: f.end,
    kind: f.kind,
    code: f.kind === 'carc' && f.group ? `${f.group}-${f.reason}` : f.reason,
    reason: f.reason,
    ...(f.group ? { group: f.group } : {}),
    ...(f.amount ? { amount: f.amount } : {}),
    ...(context.lineKey ? { lineKey: context.lineKey } : {}),
    ...(context.claimKey ? { claimKey: context.claimKey } : {}),
    ...(context.paid && f.kind === 'carc' ? { paid: context.paid } : {}),
    ...(context.serviceDate ? { serviceDate: context.serviceDate } : {}),
  };
}
