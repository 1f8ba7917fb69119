/**
 * "Paste to decode": a raw 835 or a plain list of codes (typed from a paper remit or a PDF)
 * becomes the same mentions a page scan yields, and a pasted 835 the same facts (payments, PLB,
 * every claim and line with its figures), so the popup builds the one remittance model from it as
 * from a page (lib/remit/from-page.ts). A typed list is what the user read off a remittance: its
 * CARCs are adjustments and its remark codes remarks, each typed line one line, in no claim.
 */
import { normalizeAmount } from './amount';
import { parseCodeRef } from './catalog/code-ref';
import { detectInText } from './detect/text';
import type { KnownCodes } from './detect/types';
import { looksLikeX12, scanX12 } from './detect/x12';
import { type DecodeResult, type PageMention, toPageMention } from './messages';
import { readX12Facts } from './remit/page-facts';

const MAX_INPUT = 5_000_000;

export function decodeText(text: string, known: KnownCodes): DecodeResult {
  if (text.length > MAX_INPUT) {
    return { format: 'none', mentions: [], problems: [`The text is too long (${text.length} characters; the limit is ${MAX_INPUT}).`] };
  }
  if (looksLikeX12(text)) {
    const scan = scanX12(text, known);
    return { format: 'x12', mentions: scan.mentions.map(toPageMention), problems: scan.problems, remits: readX12Facts(text, '') };
  }
  return decodeCodeList(text, known);
}

const LIST_TOKEN =
  /(?<![\w.$])((?:CO|PR|OA|PI|CR)\s*[-*:]?\s*[A-Z]?\d{1,3}|MA\s?\d{1,3}|[A-Z]{1,2}\d{1,3}|\d{1,3})(?![\w.])(?:\s*[:=]?\s*(-?\$?\s?-?\d[\d,]*\.\d{2}))?/gi;
/** What may sit between the items of a typed list. */
const LIST_FILLER = /^[\s,;/|&+]*$/;

/**
 * Pasted text that is not an 835. A line holding nothing but codes (and amounts) is a typed
 * list, so bare reasons like `45` count; any other line is read like page text, where a number
 * is a code only with a group or a label, so dates, amounts and IDs copied from a PDF are not
 * mistaken for codes.
 */
export function decodeCodeList(text: string, known: KnownCodes): DecodeResult {
  const mentions: PageMention[] = [];
  const problems: string[] = [];
  let lines = 0;
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (line.trim() === '') continue;
    const found: PageMention[] = [];
    if (LIST_FILLER.test(line.replace(LIST_TOKEN, ''))) readList(line, known, found, problems);
    else for (const m of detectInText(line, known)) found.push(toPageMention(m));
    if (found.length > 0) lines++;
    const lineKey = `t${lines}`;
    for (const m of found) mentions.push({ ...m, role: m.kind === 'carc' ? 'adjustment' : 'remark', lineKey });
  }
  return { format: mentions.length > 0 ? 'codes' : 'none', mentions, problems };
}

/** "CO-45 $12.00, PR-2, N130 / MA130": every token is a code; an amount right after a CARC belongs to it. */
function readList(line: string, known: KnownCodes, mentions: PageMention[], problems: string[]): void {
  for (const match of line.matchAll(LIST_TOKEN)) {
    const ref = parseCodeRef(match[1] ?? '');
    if (!ref || ref.kind === 'group') continue;
    const set = ref.kind === 'carc' ? known.carc : known.rarc;
    if (!set.has(ref.reason)) {
      // Unknown codes are reported, not guessed.
      problems.push(`${ref.code} is not in the X12 lists — may be a payer-specific code.`);
      continue;
    }
    const amount = ref.kind === 'carc' && match[2] ? normalizeAmount(match[2]) : undefined;
    mentions.push({
      code: ref.code,
      kind: ref.kind,
      reason: ref.reason,
      ...(ref.kind === 'carc' && ref.group ? { group: ref.group } : {}),
      ...(amount ? { amount } : {}),
    });
  }
}
