/**
 * Finds code mentions in a piece of text: a paragraph, a table cell, a line of a fixed-width printout.
 * Every token shaped like a code the catalog knows is a candidate; each collects evidence (its form,
 * the labels and lists around it, what its cell, row, column and section say, the words beside it
 * and whether the page reads as a remittance) and the evidence model decides (evidence.ts). Amounts
 * come from right after a code, from a label of their own, or from the row (row-facts.ts).
 */
import { normalizeAmount, toCents } from '../amount';
import type { ColumnRole } from './columns';
import { parseGroupCell } from './columns';
import { type EvidenceKind, isCode, WEIGHTS, type Weights } from './evidence';
import { run, type Steps } from './steps';
import { type GroupCode, isGroupCode, type KnownCodes, type Mention } from './types';
import { type ListKind, listKindOf, OTHER_FIELD_AFTER, OTHER_FIELD_BEFORE, QUANTITY_AFTER } from './vocabulary';

/** What is known about the text's place on the page; all of it optional. */
export interface DetectContext {
  lineKey?: string;
  claimKey?: string;
  paid?: string;
  serviceDate?: string;
  /** The text is a table cell or a key-value value, read under `column`. */
  column?: ColumnRole;
  /** What the row's type cell says its code is ("CARC", "RARC", "Group"). */
  rowType?: ListKind;
  /** What the heading, caption or intro governing this text names; a function when costly to find (asked only for a legend's head). */
  section?: ListKind | (() => ListKind | undefined);
  /** Whether the page reads as a remittance; running text elsewhere gets no marks. Default true. */
  remittance?: boolean;
  /** A line of a fixed-width printout: an amount after a code is in its column or not at all. */
  fixedWidth?: boolean;
  /** Where the cell's value starts, when a label precedes it in the same text (`Reason45`). */
  valueStart?: number;
  /**
   * Offsets where one element's text ends and another's begins (`<small>Top reasons</small><strong>CO-197`):
   * a code may start there even right after a letter, as the two render apart.
   */
  breaks?: readonly number[];
}

/** Kept for the callers that only carry keys and line facts. */
export type TextContext = Pick<DetectContext, 'lineKey' | 'claimKey' | 'paid' | 'serviceDate'>;

const SPACE = '[ \\u00a0]';
/** Hyphen, non-breaking hyphen, figure dash, en and em dashes, minus sign; asterisk, colon, slash. */
const JOINER = '[-*:/\\u2010\\u2011\\u2012\\u2013\\u2014\\u2212]';
/** A CARC: digits, or a letter and digits (no CARC starts with M or N: those are remark codes). */
const REASON = '(?:[A-LO-Z]\\d{1,2}|\\d{1,3})';
const RARC = '(?:MA\\d{2,3}|M\\d{1,3}|N\\d{1,3})';
/** Not preceded by part of a word, number, path or ID; a slash may separate codes that start with a letter (`CO-45/N130`). */
const START = '(?<![\\w.\\-/$#@&+=\\u2011])';
const START_LETTER = '(?<![\\w.\\-$#@&+=\\u2011]|[A-Za-z_]/)';
/**
 * Not followed by more of a word, a decimal, a date, a time, a percentage or an ID continuation
 * (`45.5`, `45/12`, `10:30`, `45%`, `45-2024`). A hyphen before letters is allowed: `N130-Consult…`.
 */
const END = '(?![\\w%]|[.,/:\\-\\u2011]\\d)';
const TOKEN = new RegExp(
  `(?:${START_LETTER}(CO|PR|OA|PI|CR|co|pr|oa|pi|cr)(${SPACE}*${JOINER}${SPACE}*|${SPACE}+)?(${REASON})|${START_LETTER}(${RARC})|(${START_LETTER}[A-LO-Z]\\d{1,2}|${START}\\d{1,3}))${END}`,
  'g',
);

/** The same token read from exactly where an element boundary is (sticky), without the start guard. */
const BREAK_TOKEN = new RegExp(
  `(?:(CO|PR|OA|PI|CR|co|pr|oa|pi|cr)(${SPACE}*${JOINER}${SPACE}*|${SPACE}+)?(${REASON})|(${RARC})|([A-LO-Z]\\d{1,2}|\\d{1,3}))${END}`,
  'y',
);

/**
 * Labels of our lists: `CARC 97`, `Reason code(s): 45, 97`, `Claim adjustment reason code (CARC) 16`,
 * `Denial code 50`, `Adj Reason: CO*253`, `CARC/RARC: CO-45/N130`, `Código de motivo: 45`; `RARC N130`,
 * `Remark code(s): N130, M15`, `REM: N130`, `MOA: MA01 MA18`, `Código de observación N130`. Short
 * forms (Rem, MOA) only in capitals or with a colon.
 */
const LABEL_CARC =
  /\b(?:(?:CARCs?|reasons?|adj(?:ustment)?s?)\s*(?:\/|&|\band\b|\by\b)\s*(?:RARCs?|remarks?)(?:\s*codes?)?|CARCs?|claim\s+adj(?:ustment)?\.?\s+reasons?(?:\s+codes?)?|adj(?:ustment)?\.?\s*reasons?(?:\s*codes?)?|reason\s*codes?|denial\s*(?:reason\s*)?codes?|adj(?:ustment)?\.?\s*codes?|c[oó]digos?\s+de\s+(?:motivo|ajuste)(?:\s+y\s+(?:de\s+)?observaci[oó]n(?:es)?)?)(?:\s*\((?:s|CARCs?)\))?\s*(?:[:#=]\s*|-\s+|\s+)/gi;
const LABEL_RARC =
  /(?:\b(?:[Rr][Aa][Rr][Cc][Ss]?|[Rr]emarks?(?:\s*[Cc]odes?)?|REMARKS?(?:\s*CODES?)?|[Cc][oó]digos?\s+de\s+observaci[oó]n(?:es)?|[Oo]bservaci[oó]n(?:es)?)(?:\s*\((?:[sS]|RARCs?)\))?\s*(?:[:#=]\s*|-\s+|\s+)|\b(?:REM|MOA|MIA)\s*(?:[:#=]\s*|\s+)|\b(?:Rem|Moa|Mia|rem|moa|mia)\s*[:#=]\s*)/g;
const REASON_AFTER_GROUP = /\b(?:reason|motivo)\s*(?:[:#=]\s*|\s+)/gi;
/** Words between a label and the colon that opens its list: "Reason codes used on this payment: ". */
const LABEL_BRIDGE = /^[^\d.:;!?\n]{1,64}:[ \u00a0\t]*/;
/** A label of another list ends just before ours: "claim status reason code 21", "PLB reason code 72", "NCPDP reject reason code 70". */
const FOREIGN_BEFORE =
  /\b(?:status|plb|provider(?:[\s-]+level)?(?:\s+adj\w*)?|reject|ncpdp|payment\s+status|state|eob|edit|value|condition|occurrence|revenue)\s*$/i;
/** "claim status code 21", "EOB code 0045", "reject code 75": the label of another list. */
const FOREIGN_LABEL =
  /\b(?:status(?:\s+(?:category|reason))?\s+codes?|category\s+codes?|entity\s+codes?|eob\s+codes?|explanation\s+codes?|edit\s+codes?|reject(?:ion)?(?:\s+reason)?\s+codes?|value\s+codes?|condition\s+codes?|occurrence\s+codes?|revenue\s+codes?|plb(?:\s+reason)?(?:\s+codes?)?|provider[\s-]+(?:level\s+)?adj(?:ustment)?\.?\s+reasons?(?:\s+codes?)?)\s*(?:[:#=]\s*|-\s+|\s+)/gi;
/**
 * A labelled group just before a reason label, in one line of text: `Group Code: CO  Reason Code: 45`,
 * `Group: Patient Responsibility, Reason code: 2`, `Grupo: PR  Código de motivo: 2`. Only the label's
 * value is taken here; whether it is a group is what a Group column's cell would say (parseGroupCell).
 */
const GROUP_BEFORE = /\b(?:group(?:\s*codes?)?|grupo)\s*[:#=]?\s*([a-z][a-z ()&\u00a0-]{0,48}?)[ \u00a0\t]*[,;|·/]?[ \u00a0\t]*$/i;
/** An amount with its own label after a labelled reason: `Reason Code: 45  Amount: $12.00`, `45, Adj Amt: 12.00`. */
const LABELLED_AMOUNT =
  /^[ \u00a0\t]*[,;|·]?[ \u00a0\t]*(?:(?:adj(?:ustment|\.)?[ \u00a0]*)?(?:amount|amt\.?)|importe(?:\s+del\s+ajuste)?|monto)[ \u00a0]*[:#=]?[ \u00a0]*(-?\$?[ \u00a0]?-?\d[\d,]*\.\d{2})(?![\d%]|\.\d)/i;
/**
 * An amount right after a code: `CO-253 $2.36`, `OA-23 -13.65`, `CO:253 = $1.84`, `CO-45    81.59`
 * (a printout's column). A bracketed `(12.00)` is left alone: in prose it may be a credit or just an
 * aside, and a wrong sign misleads.
 */
const AMOUNT = /^[ \u00a0]*(?:[:=,][ \u00a0]*)?(-?\$?[ \u00a0]?-?\d[\d,]*\.\d{2})(?![\d%]|\.\d)/;
/**
 * In a cell of codes, an amount in brackets right after a code is that code's (`45 (12.00); 253 (0.41)`):
 * the brackets separate, they do not negate; a minus inside does.
 */
const CELL_AMOUNT = /^[ \u00a0]*\([ \u00a0]*(-?\$?[ \u00a0]?\d[\d,]*\.\d{2})[ \u00a0]*\)/;
/**
 * In a fixed-width printout the amount sits in the code's own column (`CO-45     81.59`): a wider gap
 * reaches another field (a claim header's `CO 253         0.00`), and a zero there is never the adjustment.
 */
const FIXED_AMOUNT = /^[ \u00a0]{0,8}(-?\d[\d,]*\.\d{2})(?![\d%]|\.\d)/;
/** Between list items. After a label a list may be spaced out (`REM: N130 M15`); after a grouped code it needs a separator. */
const LIST_SEP = /^[ \u00a0\t]*(?:,|;|\/|&|\band\b|\bor\b|\by\b|\be\b)?[ \u00a0\t]*/i;
/** Between entries of a labelled list: a description without a sentence end, then a semicolon. */
const ENTRY_BETWEEN = /^[^.!?;\n]{1,120};[ \u00a0\t]*$/;
/** After the first item of a list: another number or a capitalised word means the list has ended. */
const LIST_END = /^[ \u00a0]+(?:\d|[A-Z][a-z])/;
/** Where a sentence ends (a label's reach in running text ends there too). */
const SENTENCE_END = /[.!?](?:\s|$)|\n|;/;
/** A printout line that starts with a code (a glossary entry, a claim line), never a section header. */
const LINE_STARTS_WITH_CODE = /^\s*(?:(?:CO|PR|OA|PI|CR)\b|[A-Z]{1,2}\d|\d{1,3}\b)/;
/** Before a code at the head of a legend or glossary entry: a bullet, a footnote marker, "Code". */
const LEGEND_HEAD =
  /^[\s\u00a0]*(?:(?:[•·*–-]|\(?[A-Za-z]\)|\(?\d{1,2}[.)]|\[\d+\]|[¹²³⁴⁵⁶⁷⁸⁹])[\s\u00a0]*)?(?:(?:code|c[oó]digo|reason|remark|carc|rarc|note)\s*(?:#|no\.?)?[\s\u00a0]*)?$/i;
/** After a code at the head of a legend entry: a colon, a dash, a tab, a column gap, or nothing. */
const LEGEND_TAIL = /^[\s\u00a0]*(?:[:=\-–—]|\t| {2,}|$)|^\s*\(|^[ \u00a0][A-Z][a-z]/;

interface Candidate {
  start: number;
  end: number;
  kind: 'carc' | 'rarc';
  reason: string;
  group?: GroupCode;
  /** The joiner between group and reason as written; '' when glued (`CO45`). */
  joiner?: string;
  lower: boolean;
}

interface Label {
  /** Where the list it governs begins. */
  end: number;
  start: number;
  kind: ListKind;
  /** A group its line gave with a label of its own. */
  group?: GroupCode;
}

interface Found {
  candidate: Candidate;
  evidence: EvidenceKind[];
  /** Read as an item of a labelled list: the next entry of that list may follow its description. */
  governed: boolean;
  group?: GroupCode;
  amount?: string;
  /** Where the text after the code (and its amount) continues: the next list item starts there. */
  after: number;
}

function candidates(text: string, known: KnownCodes, breaks: readonly number[] = []): Candidate[] {
  const out: Candidate[] = [];
  const matches = [...text.matchAll(TOKEN)];
  // Where one element's text meets another's with no space ("weekCO-197"), the start guard saw a word: look there too.
  for (const at of breaks) {
    if (at <= 0 || at >= text.length || !/\w/.test(text[at - 1] ?? '') || !/\w/.test(text[at] ?? '')) continue;
    BREAK_TOKEN.lastIndex = at;
    const m = BREAK_TOKEN.exec(text);
    if (m && !matches.some((x) => (x.index ?? 0) <= at && at < (x.index ?? 0) + x[0].length)) matches.push(m);
  }
  if (breaks.length > 0) matches.sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
  for (const m of matches) {
    const start = m.index ?? 0;
    const end = start + m[0].length;
    const groupText = m[1];
    if (groupText !== undefined) {
      const group = groupText.toUpperCase();
      const reason = m[3] ?? '';
      if (isGroupCode(group) && known.carc.has(reason)) {
        out.push({ start, end, kind: 'carc', reason, group, joiner: m[2] ?? '', lower: groupText !== group });
      }
      continue;
    }
    const rarc = m[4];
    if (rarc !== undefined) {
      if (known.rarc.has(rarc)) out.push({ start, end, kind: 'rarc', reason: rarc, lower: false });
      continue;
    }
    const reason = m[5] ?? '';
    if (known.carc.has(reason)) out.push({ start, end, kind: 'carc', reason, lower: false });
  }
  return out;
}

function labels(text: string): Label[] {
  const out: Label[] = [];
  for (const m of [...text.matchAll(LABEL_CARC), ...text.matchAll(LABEL_RARC)]) {
    const start = m.index ?? 0;
    const before = text.slice(Math.max(0, start - 32), start);
    const kind = FOREIGN_BEFORE.test(before) ? 'foreign' : (listKindOf(m[0]) ?? 'carc');
    const groupWord = GROUP_BEFORE.exec(text.slice(Math.max(0, start - 64), start))?.[1]?.replace(/\s+(?:with|and|plus|y|con)$/i, '');
    const group = groupWord ? parseGroupCell(groupWord) : undefined;
    // "Reason codes used on this payment: 1, 2, 23": a few words and a colon may come between the label and its list.
    const end = start + m[0].length;
    const bridge = LABEL_BRIDGE.exec(text.slice(end, end + 48));
    out.push({ start, end: end + (bridge?.[0].length ?? 0), kind, ...(group ? { group } : {}) });
  }
  // "Group CO / Reason 45": a bare "Reason" is a label when a labelled group comes right before it.
  for (const m of text.matchAll(REASON_AFTER_GROUP)) {
    const start = m.index ?? 0;
    const groupWord = GROUP_BEFORE.exec(text.slice(Math.max(0, start - 64), start))?.[1];
    const group = groupWord ? parseGroupCell(groupWord) : undefined;
    if (group) out.push({ start, end: start + m[0].length, kind: 'carc', group });
  }
  for (const m of text.matchAll(FOREIGN_LABEL)) out.push({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, kind: 'foreign' });
  // Of labels ending together ("CARC / RARC: "), the longest is the one that speaks: it sorts last.
  return out.sort((a, b) => a.end - b.end || b.start - a.start);
}

/** The amount right after `at`; with `labelled`, also one with a label of its own (`Amount: $12.00`). */
function amountAt(text: string, at: number, labelled: boolean, fixed = false, cell = false): { amount?: string; end: number } {
  if (fixed) {
    const m = FIXED_AMOUNT.exec(text.slice(at, at + 28));
    const amount = m?.[1] ? normalizeAmount(m[1]) : undefined;
    return amount && m && toCents(amount) !== 0 ? { amount, end: at + m[0].length } : { end: at };
  }
  const m =
    AMOUNT.exec(text.slice(at, at + 28)) ??
    (cell ? CELL_AMOUNT.exec(text.slice(at, at + 28)) : null) ??
    (labelled ? LABELLED_AMOUNT.exec(text.slice(at, at + 48)) : null);
  const amount = m?.[1] ? normalizeAmount(m[1]) : undefined;
  return amount && m ? { amount, end: at + m[0].length } : { end: at };
}

/** Whether a kind of list covers a code of this kind. */
function covers(list: ListKind | undefined, kind: 'carc' | 'rarc'): boolean {
  return list === kind || list === 'codes';
}

/** A reason label's list may carry remark codes too (no CARC looks like N130 or MA18); a remark label's never carries bare reasons. */
function labelCovers(list: ListKind, kind: 'carc' | 'rarc'): boolean {
  return covers(list, kind) || (list === 'carc' && kind === 'rarc');
}

/** Evidence from the code's own form. */
function formEvidence(c: Candidate, text: string): EvidenceKind[] | null {
  if (c.kind === 'rarc') return c.reason.startsWith('MA') ? ['form:ma'] : [];
  if (!c.group) return [];
  const e: EvidenceKind[] = [];
  const joiner = c.joiner ?? '';
  const tight = joiner.trim() !== '';
  const spaced = joiner !== '' && (!tight || joiner.trim() !== joiner);
  if (!tight) {
    // "CO2" is carbon dioxide, "CO 2" as likely a lab value; "PR 2" (coinsurance) is common. A glued
    // "CO45-A" is an ID; PI and CR are common abbreviations and need a joiner.
    if (c.group === 'PI' || c.group === 'CR') return null;
    if (joiner === '' && (c.reason.length < 2 || /^-\w/.test(text.slice(c.end, c.end + 2)))) return null;
    if (joiner !== '' && c.reason.length < 2 && c.group !== 'PR') return null;
    e.push('form:grouped-loose');
  } else {
    e.push(spaced && (c.group === 'PI' || c.group === 'CR') && joiner.trim() !== '-' ? 'form:grouped-loose' : 'form:grouped');
  }
  if (c.lower) e.push('form:lowercase');
  return e;
}

/**
 * Evidence from the cell's column, the row's type cell and the section, for a code in a cell or a legend.
 * A bare reason in a code column counts only in the cell's leading list (`45, 253`), not inside a
 * description after it (`45 - Charge exceeds … (2 units)`).
 */
function placeEvidence(c: Candidate, ctx: DetectContext, legend: boolean, leading: boolean): EvidenceKind[] {
  const e: EvidenceKind[] = [];
  const column = ctx.column;
  const bare = c.kind === 'carc' && !c.group;
  if (column !== undefined && column !== 'other' && column !== 'description' && !(bare && !leading && column !== 'ignore')) {
    if (column === 'foreign') e.push('column:foreign');
    else if (column === 'reason') e.push(c.kind === 'carc' ? 'column:own' : 'column:codes');
    else if (column === 'remark') {
      if (c.kind === 'rarc') e.push('column:own');
      else if (c.group) e.push('column:codes');
    } else if (column === 'codes') e.push('column:codes');
    else e.push('column:not-codes');
  }
  if (ctx.rowType) e.push(covers(ctx.rowType, c.kind) ? 'row:type-own' : 'row:type-other');
  const codeColumn = column === 'reason' || column === 'remark' || column === 'codes';
  if (legend || codeColumn) {
    const section = typeof ctx.section === 'function' ? ctx.section() : ctx.section;
    if (section === 'foreign') e.push('section:foreign');
    else if (legend && covers(section, c.kind)) e.push('section:own');
  }
  return e;
}

/** True when the code stands at the head of a legend or glossary entry ("45: …", "Code N130 – …", "• MA18 …"). */
function atLegendHead(text: string, c: Candidate): boolean {
  return LEGEND_HEAD.test(text.slice(Math.max(0, c.start - 40), c.start)) && LEGEND_TAIL.test(text.slice(c.end, c.end + 6));
}

/** All mentions in `text`, sorted by offset, never overlapping. */
export function detectInText(text: string, known: KnownCodes, ctx: DetectContext = {}, weights: Weights = WEIGHTS): Mention[] {
  return run(detectInTextSteps(text, known, ctx, weights));
}

/** Candidates weighed between two yields of detectInTextSteps. */
const TEXT_STEP = 256;
/**
 * Text longer than this is read in windows that end at a line break or a space: the regular expressions
 * run over one window at a time, and a code and its amount never straddle a window's end.
 */
const TEXT_WINDOW = 65_536;

/** detectInText as steps: yields after every TEXT_STEP candidates (and between windows of a huge text). */
export function* detectInTextSteps(text: string, known: KnownCodes, ctx: DetectContext = {}, weights: Weights = WEIGHTS): Steps<Mention[]> {
  if (text.length <= TEXT_WINDOW) return yield* windowSteps(text, known, ctx, weights);
  const out: Mention[] = [];
  for (let from = 0; from < text.length; ) {
    const to = windowEnd(text, from);
    const breaks = ctx.breaks?.filter((b) => b > from && b < to).map((b) => b - from);
    const { valueStart, breaks: _all, ...rest } = ctx;
    const windowCtx: DetectContext = {
      ...rest,
      ...(breaks && breaks.length > 0 ? { breaks } : {}),
      ...(valueStart !== undefined && valueStart >= from && valueStart < to ? { valueStart: valueStart - from } : {}),
    };
    for (const m of yield* windowSteps(text.slice(from, to), known, windowCtx, weights))
      out.push({ ...m, start: m.start + from, end: m.end + from });
    from = to;
    yield;
  }
  return out;
}

/** Where a window starting at `from` ends: after the last line break (or else space) before TEXT_WINDOW. */
function windowEnd(text: string, from: number): number {
  const limit = from + TEXT_WINDOW;
  if (limit >= text.length) return text.length;
  const line = text.lastIndexOf('\n', limit);
  if (line > from + TEXT_WINDOW / 2) return line + 1;
  const space = text.lastIndexOf(' ', limit);
  return space > from + TEXT_WINDOW / 2 ? space + 1 : limit;
}

function* windowSteps(text: string, known: KnownCodes, ctx: DetectContext, weights: Weights): Steps<Mention[]> {
  if (!/\d/.test(text)) return [];
  const all = candidates(text, known, ctx.breaks);
  if (all.length === 0) return [];
  const labelList = labels(text);
  const inCell = ctx.column !== undefined;
  const codeCell = ctx.column === 'reason' || ctx.column === 'codes' || ctx.column === 'remark';
  const remittance = ctx.remittance !== false;
  const codeColumn = ctx.column === 'reason' || ctx.column === 'remark' || ctx.column === 'codes' || ctx.rowType !== undefined;
  const found: Found[] = [];
  /** The last accepted code and where its text ends: the next one may continue its list. */
  let previous: Found | undefined;

  /** Labels (sorted by end) that end before the candidate: candidates come in text order. */
  let labelsBefore = 0;
  let weighed = 0;
  for (const c of all) {
    if (++weighed % TEXT_STEP === 0) yield;
    while (labelsBefore < labelList.length && (labelList[labelsBefore]?.end ?? 0) <= c.start) labelsBefore++;
    const form = formEvidence(c, text);
    if (form === null) continue;
    const evidence: EvidenceKind[] = [...form];

    // A label right before the code (or before the list it continues).
    const label = lastLabel(labelList, labelsBefore, (l) => text.slice(l.end, c.start).trim() === '');
    const listed = previous !== undefined && continuesList(text, previous, c);
    if (label?.kind === 'foreign') evidence.push('label:foreign');
    else if (label && labelCovers(label.kind, c.kind)) evidence.push('label:own');
    else if (listed) evidence.push('list:member');
    else {
      // A label of its list earlier in the sentence: "RARC N19 when … and M15 when …" (remarks and grouped codes only).
      const earlier = lastLabel(labelList, labelsBefore, (l) => !SENTENCE_END.test(text.slice(l.end, c.start)));
      if (earlier && earlier.kind !== 'foreign' && labelCovers(earlier.kind, c.kind) && (c.kind === 'rarc' || c.group)) {
        evidence.push('label:sentence');
      } else if (earlier?.kind === 'foreign' && !SENTENCE_END.test(text.slice(earlier.end, c.start)) && !c.group) {
        evidence.push('label:foreign');
      }
    }

    const legend = atLegendHead(text, c);
    const leading = listed || text.slice(ctx.valueStart ?? 0, c.start).trim() === '';
    evidence.push(...placeEvidence(c, ctx, legend, leading));

    // Words beside it.
    const before = text.slice(Math.max(0, c.start - 24), c.start);
    const rest = text.slice(c.end, c.end + 24);
    if (c.group && (OTHER_FIELD_BEFORE.test(before) || OTHER_FIELD_AFTER.test(rest))) evidence.push('near:other-field');
    if (!c.group && c.kind === 'carc' && QUANTITY_AFTER.test(rest)) evidence.push('near:quantity');
    // An amount with its own label belongs to a reason that stands alone: after "45, 97" it may be a total.
    const amount = amountAt(text, c.end, !listed && (label !== undefined || inCell), ctx.fixedWidth, codeCell);
    if (amount.amount !== undefined && c.kind === 'carc') evidence.push('near:amount');

    // The page: running text counts only where the page reads as a remittance; a code column carries its own evidence.
    if (remittance) evidence.push('page:remittance');
    else if (!codeColumn) evidence.push('page:elsewhere');

    if (!isCode(evidence, weights)) continue;
    const group = c.group ?? (listed ? previous?.group : undefined) ?? (label && labelCovers(label.kind, 'carc') ? label.group : undefined);
    const f: Found = {
      candidate: c,
      evidence,
      governed: evidence.includes('label:own') || (listed && previous?.governed === true),
      ...(c.kind === 'carc' && group ? { group } : {}),
      ...(c.kind === 'carc' && amount.amount !== undefined ? { amount: amount.amount } : {}),
      after: c.kind === 'carc' ? amount.end : c.end,
    };
    found.push(f);
    previous = f;
  }
  return found.map((f) => toMention(f, ctx));
}

/**
 * The last of the first `count` labels (sorted by end) whose gap to the code passes `gapOk`, where
 * `gapOk` only fails more as the gap grows (it reads only the gap): labels ending at the same place
 * share a gap and earlier ones have a longer one, so the last label decides (a page of thousands of
 * labels costs no more per code than one).
 */
function lastLabel(list: readonly Label[], count: number, gapOk: (l: Label) => boolean): Label | undefined {
  const last = list[count - 1];
  return last && gapOk(last) ? last : undefined;
}

/**
 * Whether `c` continues the list `previous` ends: only separators between them; a bare reason after a
 * grouped code needs a real separator ("CO-45, 253"), and a number that starts other text ("12 Main
 * St") or counts something ("2 units") ends the list.
 */
function continuesList(text: string, previous: Found, c: Candidate): boolean {
  const between = text.slice(previous.after, c.start);
  const sep = LIST_SEP.exec(between);
  // A labelled list of entries, each with its description: "Reason codes: 16 claim lacks information; 18 …".
  const entry = previous.governed && ENTRY_BETWEEN.test(between);
  if (!entry && (!sep || sep[0].length !== between.length)) return false;
  const first = previous.candidate;
  if (first.group && between.trim() === '' && !c.group && c.kind === 'carc') return false;
  if (c.kind === 'carc' && !c.group) {
    if (QUANTITY_AFTER.test(text.slice(c.end, c.end + 16))) return false;
    if (LIST_END.test(text.slice(c.end, c.end + 4))) return false;
  }
  return true;
}

function toMention(f: Found, ctx: DetectContext): Mention {
  const c = f.candidate;
  return {
    start: c.start,
    end: c.end,
    kind: c.kind,
    code: c.kind === 'carc' && f.group ? `${f.group}-${c.reason}` : c.reason,
    reason: c.reason,
    ...(f.group ? { group: f.group } : {}),
    ...(f.amount ? { amount: f.amount } : {}),
    ...(ctx.lineKey ? { lineKey: ctx.lineKey } : {}),
    ...(ctx.claimKey ? { claimKey: ctx.claimKey } : {}),
    ...(ctx.paid && c.kind === 'carc' ? { paid: ctx.paid } : {}),
    ...(ctx.serviceDate ? { serviceDate: ctx.serviceDate } : {}),
  };
}

/**
 * Fixed-width text (a printout in a <pre>, a PDF's reconstructed lines): read line by line, each line
 * under the section its last header line named ("GLOSSARY: … REASON … REMARK … CODES", "PROVIDER ADJ
 * DETAILS"). A row of dashes or another header ends a section.
 */
export function detectInLines(
  text: string,
  known: KnownCodes,
  ctx: DetectContext = {},
  sectionOf?: (line: string) => ListKind | undefined,
): Mention[] {
  return run(detectInLinesSteps(text, known, ctx, sectionOf));
}

/** Lines read between two yields of detectInLinesSteps. */
const LINE_STEP = 200;

/** detectInLines as steps: yields after every LINE_STEP lines, and within a huge line. */
export function* detectInLinesSteps(
  text: string,
  known: KnownCodes,
  ctx: DetectContext = {},
  sectionOf?: (line: string) => ListKind | undefined,
): Steps<Mention[]> {
  const out: Mention[] = [];
  const initial = typeof ctx.section === 'function' ? ctx.section() : ctx.section;
  let section: ListKind | undefined = initial;
  let lines = 0;
  for (let start = 0; start <= text.length; ) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    const line = text.slice(start, end);
    const at = start;
    start = end + 1;
    if (++lines % LINE_STEP === 0) yield;
    if (!/\S/.test(line)) continue;
    if (/^[\s\-=*_]{8,}$/.test(line)) {
      section = initial;
      continue;
    }
    // A header names a section; a glossary entry that speaks of codes ("16  … THE REMARK CODES SAY …") does not.
    const header = LINE_STARTS_WITH_CODE.test(line) ? undefined : sectionOf?.(line);
    if (header) section = header;
    if (!/\d/.test(line)) continue;
    const found = yield* detectInTextSteps(line, known, { ...ctx, fixedWidth: true, ...(section ? { section } : {}) });
    for (const m of found) out.push({ ...m, start: m.start + at, end: m.end + at });
  }
  return out;
}
