/**
 * Finds code mentions in running text: group + reason tokens (`CO-45`, `PR*2`, `CO 253`), lists
 * that share a group (`CO-45, 253`), labelled reasons (`Reason code 45`, `Adj Reason: CO*253`)
 * and labelled remarks (`Remark codes: N130, M15`, `MOA: MA01 MA18`). Precision comes first:
 * a bare number or a bare N/M code is never a mention without a label, and every code must be
 * in the catalog.
 */
import { normalizeAmount } from '../amount';
import { type GroupCode, isGroupCode, type KnownCodes, type Mention } from './types';

const REASON = String.raw`(?:[A-Z]\d{1,2}|\d{1,3})`;
const RARC = String.raw`(?:MA\d{2,3}|M\d{1,3}|N\d{1,3})`;
/** Not followed by more of a word, a decimal, a date or a phone/ID continuation. */
const END = String.raw`(?![\w]|[.,/\-]\d)`;
/** Not preceded by part of a word, number, path or ID. */
const START = String.raw`(?<![\w.\-/$#])`;

const GROUPED = new RegExp(`${START}(CO|PR|OA|PI|CR)(?:([-*:])|( ))?(${REASON})${END}`, 'g');
const LABEL_CARC =
  /\b(?:CARCs?|claim\s+adj(?:ustment)?\.?\s+reasons?(?:\s+codes?)?|adj(?:ustment)?\.?\s*reasons?(?:\s*codes?)?|reason\s*codes?|denial\s*(?:reason\s*)?codes?|adj(?:ustment)?\.?\s*codes?)(?:\s*\(s\))?\s*(?:[:#=]\s*|-\s+|\s+)/gi;
const LABEL_RARC = /\b(?:RARCs?|remark(?:s|\s*codes?)?|rem|moa|mia)(?:\s*\(s\))?\s*(?:[:#=]\s*|-\s+|\s+)/gi;
const CARC_ITEM = new RegExp(`^(?:(CO|PR|OA|PI|CR)(?:[-*:]| )?)?(${REASON})${END}`);
const RARC_ITEM = new RegExp(`^(${RARC})${END}`);
const MA_BARE = new RegExp(`${START}(MA\\d{2,3})${END}`, 'g');
const LIST_SEP = /^\s*(?:,|;|\/|&|\band\b)?\s*/i;
const AMOUNT = /^\s*(?:[:=]\s*)?(\(?-?\$?\s?-?\d[\d,]*\.\d{2}\)?)(?![\d%])/;
/** "CO-45, 2 units" — a number followed by one of these is a quantity, not a code. */
const QUANTITY_WORD = /^\s*(?:units?|visits?|days?|times|x\b|%|percent|of\b|hours?|mins?|minutes?)/i;

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

/** All mentions in `text`, sorted by offset, never overlapping. */
export function detectInText(text: string, known: KnownCodes, context: TextContext = {}): Mention[] {
  if (!/\d/.test(text)) return [];
  const found: Found[] = [];
  const taken = new Uint8Array(text.length);
  const claim = (f: Found): boolean => {
    for (let i = f.start; i < f.end; i++) if (taken[i]) return false;
    taken.fill(1, f.start, f.end);
    found.push(f);
    return true;
  };

  // Labelled lists first: their codes are the surest.
  for (const label of text.matchAll(LABEL_CARC)) {
    readList(text, (label.index ?? 0) + label[0].length, 'carc', known, claim);
  }
  for (const label of text.matchAll(LABEL_RARC)) {
    readList(text, (label.index ?? 0) + label[0].length, 'rarc', known, claim);
  }
  for (const m of text.matchAll(GROUPED)) {
    const group = m[1] ?? '';
    const reason = m[4] ?? '';
    const start = (m.index ?? 0) + m[0].length - reason.length;
    // "CO2" is carbon dioxide: a group glued to a one-digit reason is too ambiguous to mark.
    if (!m[2] && !m[3] && reason.length < 2) continue;
    if (!isGroupCode(group) || !known.carc.has(reason)) continue;
    const tokenStart = m.index ?? 0;
    const end = start + reason.length;
    const amount = amountAfter(text, end);
    if (!claim({ start: tokenStart, end, kind: 'carc', reason, group, ...amount.value })) continue;
    // Later reasons in a list share the group: "CO-45, 253".
    let at = amount.end;
    for (;;) {
      const sep = LIST_SEP.exec(text.slice(at, at + 8));
      const itemStart = at + (sep?.[0].length ?? 0);
      if (!sep || sep[0].trim() === '') break;
      const item = new RegExp(`^(${REASON})${END}`).exec(text.slice(itemStart, itemStart + 4));
      const next = item?.[1];
      if (!next || !known.carc.has(next) || QUANTITY_WORD.test(text.slice(itemStart + next.length))) break;
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
 * A cell whose column says what it holds ("Reason", "Remark"): the whole cell is read as a list
 * of codes, so bare reasons (`45`, `A1`) and remarks (`N130`) count without a label.
 */
export function detectList(text: string, kind: 'carc' | 'rarc', known: KnownCodes, context: TextContext = {}): Mention[] {
  const found: Found[] = [];
  const claim = (f: Found): boolean => {
    found.push(f);
    return true;
  };
  readList(text, text.length - text.trimStart().length, kind, known, claim);
  return found.map((f) => toMention(f, context));
}

function amountAfter(text: string, at: number): { value: { amount?: string }; end: number } {
  const m = AMOUNT.exec(text.slice(at, at + 24));
  const amount = m?.[1] ? normalizeAmount(m[1]) : undefined;
  return amount && m ? { value: { amount }, end: at + m[0].length } : { value: {}, end: at };
}

function readList(text: string, from: number, kind: 'carc' | 'rarc', known: KnownCodes, claim: (f: Found) => boolean): void {
  let at = from;
  for (let n = 0; n < 12; n++) {
    const rest = text.slice(at, at + 12);
    if (kind === 'rarc') {
      const m = RARC_ITEM.exec(rest);
      const code = m?.[1];
      if (!code || !known.rarc.has(code)) return;
      claim({ start: at, end: at + code.length, kind, reason: code });
      at += code.length;
    } else {
      const m = CARC_ITEM.exec(rest);
      const reason = m?.[2];
      const group = m?.[1];
      if (!m || !reason || !known.carc.has(reason)) return;
      if (!group && QUANTITY_WORD.test(text.slice(at + m[0].length))) return;
      const amount = amountAfter(text, at + m[0].length);
      const ok = claim({
        start: at,
        end: at + m[0].length,
        kind,
        reason,
        ...(group && isGroupCode(group) ? { group } : {}),
        ...amount.value,
      });
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
