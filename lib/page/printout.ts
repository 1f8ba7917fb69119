/**
 * A remittance printed as fixed-width text (a Medicare Standard Paper Remittance in a <pre>, a
 * clearinghouse's text view): read line by line for codes (detectInLines), then grouped as the
 * printout groups them. A NAME line starts a claim; a line with a date and money is a service line,
 * whose adjustments are the codes on it and on the lines under it; REM: lines are that line's remarks;
 * codes in a glossary or named elsewhere are only named.
 *
 * The printout's figures are read by their columns (printoutLayout): a service line's billed, allowed,
 * deductible, coinsurance and paid amounts under the header that names them, a claim's CLAIM TOTALS,
 * PT RESP and NET, the check amount and the PROVIDER ADJ DETAILS (provider-level adjustments, never
 * CARCs). A figure whose column cannot be told is left out, never guessed.
 */
import { normalizeAmount } from '../amount';
import { run, type Steps } from '../detect/steps';
import { type DetectContext, detectInLinesSteps } from '../detect/text';
import type { Figures, KnownCodes, Mention } from '../detect/types';
import { sectionKindOf } from '../detect/vocabulary';
import { lineAtOffset } from '../line-index';

/** A claim header line: "NAME SMITH, JOHN  HIC … ACNT … ICN …", or a Part A patient line with its claim numbers. */
const CLAIM_LINE = /^\s*(?:NAME\s+\S|PATIENT\s*:|PAT\s+NAME)|\b(?:HIC|MBI)\s+\w+.*\b(?:ACNT|ICN)\b/i;
/** A service line: a date (MMDD, MMDDYY, MM/DD/YY…) and at least two amounts. */
const DATE = /\b(?:\d{4}\s+\d{6}|\d{2}\/\d{2}\/\d{2,4}|\d{8}|\d{6})\b/;
const MONEY = /-?\d[\d,]*\.\d{2}\b/g;
const REM_LINE = /^\s*REM\s*:/i;
const TOTALS_LINE = /\b(?:CLAIM\s+TOTALS|PT\s+RESP|TOTALS\s*:|NET\b|ADJ\s+TO\s+TOTALS)/i;

/** Lines classified between two yields. */
const LINE_STEP = 2000;

export type PrintoutLineKind = 'claim' | 'service' | 'rem' | 'totals' | 'other';

/** What a claim's totals say beyond the line figures: what it adds to the check after interest and earlier payments. */
export interface PrintoutClaim {
  /** 1-based, in printout order: the `c<n>` of the claim's key. */
  index: number;
  figures: Figures;
  /** NET: the claim's paid amount after previous payments, interest and late-filing charges. */
  net?: string;
  lines: PrintoutServiceLine[];
}

export interface PrintoutServiceLine {
  /** 1-based over the whole printout: the `l<n>` of the line's key. */
  index: number;
  figures: Figures;
  /** ISO date of service. */
  serviceDate?: string;
}

export interface PrintoutLayout {
  /** Offset of each text line, and what kind of line it is. */
  starts: number[];
  kinds: PrintoutLineKind[];
  /** The claim (1-based) and service line (1-based) each text line belongs to. */
  claimOfLine: (number | undefined)[];
  serviceOfLine: (number | undefined)[];
  claims: PrintoutClaim[];
  /** The check or EFT amount the printout states (CHECK AMT). */
  payment?: string;
  /** The provider-level adjustments (PROVIDER ADJ DETAILS): reason and amount only (the FCN and HIC identify a patient). */
  providerAdjustments: { reason: string; amount: string }[];
}

/** Reads a printout as steps (a printout of thousands of claims is read across tasks). */
export function* readPrintout(text: string, known: KnownCodes, ctx: DetectContext, prefix: string): Steps<Mention[]> {
  const found = yield* detectInLinesSteps(text, known, ctx, sectionKindOf);
  if (found.length === 0) return found;
  const layout = yield* printoutLayoutSteps(text);
  const { starts, kinds, claimOfLine, serviceOfLine } = layout;
  const lineAt = (offset: number) => lineAtOffset(starts, offset);
  const services = new Map<number, PrintoutServiceLine>();
  for (const claim of layout.claims) for (const line of claim.lines) services.set(line.index, line);
  return found.map((m): Mention => {
    const i = lineAt(m.start);
    const c = claimOfLine[i];
    const s = serviceOfLine[i];
    // Codes outside any claim (a glossary, a header, a note) are only named.
    if (c === undefined || (kinds[i] === 'other' && s === undefined && !m.amount)) return { ...m, role: 'named' };
    const claimKey = `${prefix}.c${c}`;
    const service = s !== undefined ? services.get(s) : undefined;
    const figures = service ? service.figures : layout.claims[c - 1]?.figures;
    return {
      ...m,
      role: m.kind === 'carc' ? 'adjustment' : 'remark',
      claimKey,
      lineKey: s !== undefined ? `${prefix}.l${s}` : claimKey,
      ...(figures && Object.keys(figures).length > 0 ? { figures } : {}),
      ...(service?.figures.paid !== undefined && m.paid === undefined ? { paid: service.figures.paid } : {}),
      ...(service?.serviceDate && m.serviceDate === undefined ? { serviceDate: service.serviceDate } : {}),
    };
  });
}

export function printoutLayout(text: string): PrintoutLayout {
  return run(printoutLayoutSteps(text));
}

/** A column label of a service-line header, where it sits on the line. */
interface Column {
  key: keyof Figures | 'rc';
  start: number;
  end: number;
}

/** The header words that name a service line's money columns (SPR: BILLED ALLOWED DEDUCT COINS GRP/RC-AMT PROV PD). */
const COLUMN_LABELS: readonly [RegExp, Column['key']][] = [
  [/\bBILLED\b/g, 'billed'],
  [/\bALLOWED\b/g, 'allowed'],
  [/\bDEDUCT(?:IBLE)?\b/g, 'deductible'],
  [/\bCOINS(?:URANCE)?\b/g, 'coinsurance'],
  [/\b(?:GRP\/)?RC-AMT\b/g, 'rc'],
  [/\bPROV\s+PD\b|\bPAID\b/g, 'paid'],
];

/** How far (in characters) a figure's middle may be from its label's middle. */
const COLUMN_SLACK = 8;

function columnsOf(line: string): Column[] | undefined {
  if (!/\bBILLED\b/.test(line) || !/\bPROV\s+PD\b|\bPAID\b/.test(line)) return undefined;
  const columns: Column[] = [];
  for (const [re, key] of COLUMN_LABELS) {
    for (const m of line.matchAll(re)) columns.push({ key, start: m.index, end: m.index + m[0].length });
  }
  return columns;
}

interface Token {
  text: string;
  start: number;
  end: number;
}

function moneyTokens(line: string, from = 0): Token[] {
  const out: Token[] = [];
  for (const m of line.matchAll(MONEY)) {
    if (m.index < from) continue;
    out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** Each amount under the column whose label it sits under (each column at most once; nearest first). */
function figuresUnder(columns: readonly Column[], tokens: readonly Token[]): Figures {
  const pairs: { d: number; column: Column; token: Token }[] = [];
  for (const column of columns) {
    const middle = (column.start + column.end) / 2;
    for (const token of tokens) {
      const d = Math.abs((token.start + token.end) / 2 - middle);
      // A figure under its label: within the slack of its middle, or overlapping it.
      if (d <= COLUMN_SLACK || (token.start < column.end && token.end > column.start)) pairs.push({ d, column, token });
    }
  }
  pairs.sort((a, b) => a.d - b.d);
  const usedColumns = new Set<Column>();
  const usedTokens = new Set<Token>();
  const figures: Figures = {};
  for (const { column, token } of pairs) {
    if (usedColumns.has(column) || usedTokens.has(token)) continue;
    usedColumns.add(column);
    usedTokens.add(token);
    const amount = normalizeAmount(token.text);
    if (amount === undefined || column.key === 'rc') continue;
    if (figures[column.key] === undefined) figures[column.key] = amount;
  }
  return figures;
}

/** MMDDYY, MMDDCCYY, MM/DD/YY, MM/DD/CCYY (the service line's "FROM THRU" dates: the last one) → ISO. */
function isoOf(line: string): string | undefined {
  const m = DATE.exec(line);
  if (!m) return undefined;
  const raw = m[0].split(/\s+/).pop() ?? '';
  const parts = raw.includes('/') ? raw.split('/') : [raw.slice(0, 2), raw.slice(2, 4), raw.slice(4)];
  const [mm, dd, yy] = parts;
  if (!mm || !dd || !yy) return undefined;
  const year = yy.length === 2 ? `20${yy}` : yy.length === 4 ? yy : undefined;
  const month = Number(mm);
  const day = Number(dd);
  if (!year || month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return `${year}-${mm.padStart(2, '0')}-${dd.padStart(2, '0')}`;
}

const PROVIDER_ADJ_HEAD = /\bPROVIDER\s+ADJ(?:USTMENT)?S?\.?\s+DETAILS?\b/i;
/** A row of the provider adjustment details: its reason first, its amount last. */
const PROVIDER_ADJ_ROW = /^\s*(?:PROVIDER\s+ADJ\S*\s+DETAILS?\s*:?\s*)?([A-Z0-9]{2})\s+(?:\S+\s+)*?(-?[\d,]*\d\.\d{2})\s*$/;
/** The end of the details: the glossary, a summary, or a heading that names something else. */
const SECTION_END = /^\s*(?:GLOSSARY|SUMMARY|TOTALS\s*:)/i;

/** Reads the printout's lines: kinds, claims and service lines, their figures, the check and the PLB. */
export function* printoutLayoutSteps(text: string): Steps<PrintoutLayout> {
  const starts: number[] = [];
  const kinds: PrintoutLineKind[] = [];
  const rows = text.split('\n');
  let at = 0;
  for (const line of rows) {
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
  // Walk the lines once, numbering claims and service lines, reading figures under the header in force.
  const claimOfLine: (number | undefined)[] = [];
  const serviceOfLine: (number | undefined)[] = [];
  const claims: PrintoutClaim[] = [];
  const providerAdjustments: { reason: string; amount: string }[] = [];
  let payment: string | undefined;
  let claim: PrintoutClaim | undefined;
  let service: number | undefined;
  let services = 0;
  let columns: Column[] | undefined;
  let inDetails = false;
  for (let i = 0; i < rows.length; i++) {
    if (i % LINE_STEP === LINE_STEP - 1) yield;
    const line = rows[i] ?? '';
    const kind = kinds[i];
    if (kind === 'other') columns = columnsOf(line) ?? columns;
    if (kind === 'claim') {
      claim = { index: claims.length + 1, figures: {}, lines: [] };
      claims.push(claim);
      service = undefined;
    } else if (kind === 'service' && claim) {
      service = ++services;
      const figures = columns ? figuresUnder(columns, moneyTokens(line)) : {};
      const serviceDate = isoOf(line);
      claim.lines.push({ index: service, figures, ...(serviceDate ? { serviceDate } : {}) });
    } else if (kind === 'totals') {
      service = undefined;
      if (claim) readClaimTotals(line, columns, claim);
    }
    claimOfLine[i] = claim?.index;
    // A REM: line and the lines of codes under a service line belong to it.
    serviceOfLine[i] = kind === 'claim' || kind === 'totals' ? undefined : service;

    // The check amount and the provider-level adjustments (after the claims).
    const check = /\bCHECK\s+AMT\s*:?\s*(-?[\d,]*\d\.\d{2})\b/i.exec(line);
    if (check?.[1]) payment = normalizeAmount(check[1]);
    if (/^\s*TOTALS\s*:/i.test(line)) {
      const total = totalsBlock(rows, i);
      if (total.payment !== undefined) payment = total.payment;
    }
    if (PROVIDER_ADJ_HEAD.test(line)) inDetails = true;
    else if (inDetails && (SECTION_END.test(line) || (/\S/.test(line) && !PROVIDER_ADJ_ROW.test(line)))) inDetails = false;
    if (inDetails) {
      const row = PROVIDER_ADJ_ROW.exec(line);
      const amount = normalizeAmount(row?.[2]);
      if (row?.[1] && amount !== undefined && !/^PLB$/i.test(row[1])) providerAdjustments.push({ reason: row[1].toUpperCase(), amount });
    }
  }
  return {
    starts,
    kinds,
    claimOfLine,
    serviceOfLine,
    claims,
    ...(payment !== undefined ? { payment } : {}),
    providerAdjustments,
  };
}

/** "PT RESP 25.68  CLAIM TOTALS 235.00 131.41 …" and "ADJ TO TOTALS: … NET 103.62". */
function readClaimTotals(line: string, columns: Column[] | undefined, claim: PrintoutClaim): void {
  const resp = /\bPT\s+RESP\s+(-?[\d,]*\d\.\d{2})\b/i.exec(line);
  const patient = normalizeAmount(resp?.[1]);
  if (patient !== undefined) claim.figures.patient = patient;
  const totals = /\bCLAIM\s+TOTALS\b/i.exec(line);
  if (totals && columns) Object.assign(claim.figures, figuresUnder(columns, moneyTokens(line, totals.index + totals[0].length)));
  const net = /\bNET\s+(-?[\d,]*\d\.\d{2})\b/i.exec(line);
  const amount = normalizeAmount(net?.[1]);
  if (amount !== undefined) claim.net = amount;
}

/**
 * The remittance's TOTALS block: labels over one or two lines ("CHECK" over "AMT"), then one line of
 * figures, each under its label. Only the check amount is taken (the rest the claims give one by one).
 */
function totalsBlock(rows: readonly string[], at: number): { payment?: string } {
  const labels: Token[][] = [];
  for (let i = at; i < Math.min(rows.length, at + 6); i++) {
    const line = rows[i] ?? '';
    const money = moneyTokens(line);
    if (money.length >= 2) {
      const heads = labels.flat();
      for (const token of money) {
        // The label word whose start is nearest this figure's start, on each label line.
        const words = labels.map((ws) =>
          ws.reduce<Token | undefined>(
            (best, w) => (!best || Math.abs(w.start - token.start) < Math.abs(best.start - token.start) ? w : best),
            undefined,
          ),
        );
        const label = words
          .filter((w): w is Token => w !== undefined && Math.abs(w.start - token.start) <= 3)
          .map((w) => w.text)
          .join(' ');
        if (heads.length > 0 && /^CHECK\b/i.test(label)) return { payment: normalizeAmount(token.text) };
      }
      return {};
    }
    labels.push([...line.matchAll(/\S+/g)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length })));
  }
  return {};
}
