/**
 * The 835 (claim payment/advice) reader: X12 text → one Remittance (lib/remit/model.ts) per ST/SE
 * transaction, across any number of ISA/GS envelopes. Separators come from each ISA (or are
 * guessed as the page scanner guesses them); one-line, one-segment-per-line, CRLF, BOM, indented
 * and fixed-width-wrapped files all read the same (lib/x12/tokenize.ts).
 *
 * It reads incrementally (`Reader835.step`), so a page can read a 10 MB file in slices and show the
 * first claims while the rest is read; `parse835` reads it all at once. Pure, no extension APIs,
 * and it never throws: anything unexpected becomes a Problem naming the segment number and what was
 * expected; what was read before a fault is kept and marked incomplete.
 */
import { toCents } from '../amount';
import { isGroupCode } from '../detect/types';
import type {
  AdjudicationFigure,
  Adjustment,
  Cents,
  Claim,
  Party,
  Problem,
  ProviderAdjustment,
  Remittance,
  ServiceLine,
} from '../remit/model';
import { amountLabel, MIA_FIGURES, MIA_REMARK_POSITIONS, MOA_FIGURES, MOA_REMARK_POSITIONS } from './codes835';
import { findEnvelope, isSegmentId, segmentsOf, type X12Segment, type X12Separators } from './tokenize';

export interface Parse835Result {
  /** One per ST/SE transaction that is an 835, in file order. */
  remittances: Remittance[];
  /** Problems outside any transaction: not X12, not an 835, segments outside ST/SE, envelope faults. */
  problems: Problem[];
  /** What the text is: an 835, X12 of another kind (an 837, a 277…), or not X12 at all. */
  kind: '835' | 'not-835' | 'not-x12';
  separators?: X12Separators;
  /** Segments read. */
  segments: number;
  /** False when any remittance is incomplete or the file itself has an error. */
  complete: boolean;
}

/** Enough notes per remittance (and for the file) to explain a bad file without letting garbage build a huge list. */
const MAX_PROBLEMS = 50;
const CAS_TRIPLETS = 6;
const PLB_PAIRS = 6;
const X12_DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)$/;

/**
 * The common case of an X12 amount ("123", "-9.5", "0.28") in cents without regular expressions or
 * string copies; undefined for anything else (a sign '+', three decimals, huge numbers), which
 * toCents then reads the careful way.
 */
function plainCents(raw: string): number | undefined {
  const n = raw.length;
  let i = raw.charCodeAt(0) === 45 ? 1 : 0;
  const negative = i === 1;
  let whole = 0;
  let digits = 0;
  for (; i < n; i++) {
    const c = raw.charCodeAt(i);
    if (c === 46) break;
    if (c < 48 || c > 57) return undefined;
    whole = whole * 10 + (c - 48);
    digits++;
  }
  let fraction = 0;
  let decimals = 0;
  for (i++; i < n; i++) {
    const c = raw.charCodeAt(i);
    if (c < 48 || c > 57 || decimals === 2) return undefined;
    fraction = fraction * 10 + (c - 48);
    decimals++;
  }
  if ((digits === 0 && decimals === 0) || digits > 12) return undefined;
  const cents = whole * 100 + (decimals === 1 ? fraction * 10 : fraction);
  return negative && cents !== 0 ? -cents : cents;
}

/** CCYYMMDD → YYYY-MM-DD; undefined when it is not a calendar-looking date. */
export function isoDate(raw: string | undefined): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(raw ?? '');
  if (!m) return undefined;
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** `LAST*FIRST*MIDDLE**SUFFIX` (NM103–NM107) as "LAST, FIRST MIDDLE SUFFIX". */
function personName(el: string[]): string | undefined {
  const last = el[3] ?? '';
  const rest = [el[4], el[5], el[7]].filter((v): v is string => Boolean(v)).join(' ');
  const name = last && rest ? `${last}, ${rest}` : last || rest;
  return name || undefined;
}

interface Transaction {
  remit: Remittance;
  control: string;
  /** Segment number of its ST (or of the first segment, for a transaction without ST). */
  startSegment: number;
  /** Segments counted for SE01, ST included. */
  count: number;
  /** An ST of another kind (837, 277…): its segments are counted but not read. */
  skip: boolean;
}

interface Interchange {
  control: string;
  segment: number;
  groups: number;
}

interface Group {
  control: string;
  segment: number;
  transactions: number;
  version?: string;
}

/** Reads an 835 in slices: `step(n)` reads up to n segments; `result` holds everything read so far. */
export class Reader835 {
  readonly result: Parse835Result;
  private readonly text: string;
  private readonly segments: Generator<X12Segment> | undefined;
  private readonly seps: X12Separators | undefined;
  private done = false;
  private position = 0;
  private last: X12Segment | undefined;
  private interchange: Interchange | undefined;
  private group: Group | undefined;
  private tx: Transaction | undefined;
  private claim: Claim | undefined;
  private line: ServiceLine | undefined;
  /** The N1 loop that N3, N4, PER and REF belong to, in the header. */
  private party: Party | undefined;
  /** Header, claims (after the first LX or CLP), or provider adjustments (after the first PLB). */
  private section: 'header' | 'claims' | 'plb' = 'header';
  private claimCount = 0;
  private sawEnvelope = false;
  private saw835 = false;
  private sawOther = false;
  private componentNoted = false;

  constructor(text: string) {
    this.text = text;
    const env = findEnvelope(text);
    this.result = { remittances: [], problems: [], kind: env ? '835' : 'not-x12', segments: 0, complete: Boolean(env) };
    if (!env) {
      this.fileProblem(
        undefined,
        'This is not an X12 file: no ISA or ST segment was found. Expected an 835 remittance, which starts with ISA (or ST*835).',
      );
      this.done = true;
      return;
    }
    this.seps = env.separators;
    this.result.separators = env.separators;
    for (const p of env.problems) this.fileProblem(undefined, p, 'warning');
    this.segments = segmentsOf(text, env.begin, env.separators);
    this.position = env.begin;
  }

  /** How far reading has come, 0–1, by characters. */
  get progress(): number {
    return this.done ? 1 : this.text.length === 0 ? 1 : this.position / this.text.length;
  }

  get finished(): boolean {
    return this.done;
  }

  /** Reads up to `budget` segments; true once the whole text is read. Never throws. */
  step(budget: number): boolean {
    if (this.done || !this.segments) return true;
    try {
      for (let n = 0; n < budget; n++) {
        const next = this.segments.next();
        if (next.done) {
          this.finish();
          return true;
        }
        this.last = next.value;
        this.position = next.value.end;
        this.result.segments = next.value.index;
        this.read(next.value);
      }
      return false;
    } catch (error) {
      // A bug must not cost the user what was read: stop here and say so.
      const where = this.last;
      this.error(where, `reading stopped on an unexpected fault (${error instanceof Error ? error.message : String(error)})`);
      this.closeTransaction(true);
      this.done = true;
      this.result.complete = false;
      return true;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Problems

  private label(seg: X12Segment | undefined): string {
    if (!seg) return '';
    const id = seg.id.length > 0 && seg.id.length <= 3 ? seg.id : `${seg.id.slice(0, 12)}…`;
    return `Segment ${seg.index} (${id}): `;
  }

  private push(list: Problem[], problem: Problem): void {
    if (list.length < MAX_PROBLEMS) list.push(problem);
    else if (list.length === MAX_PROBLEMS) list.push({ message: 'Too many problems; the rest are not listed.', severity: 'warning' });
  }

  private fileProblem(seg: X12Segment | undefined, message: string, severity: 'error' | 'warning' = 'error'): void {
    this.push(this.result.problems, { ...(seg ? { segment: seg.index } : {}), message: `${this.label(seg)}${message}`, severity });
    if (severity === 'error') this.result.complete = false;
  }

  /** An error in the current transaction (or the file, outside one): what it belongs to is incomplete. */
  private error(seg: X12Segment | undefined, message: string): void {
    if (!this.tx || this.tx.skip) {
      this.fileProblem(seg, message, 'error');
      return;
    }
    this.push(this.tx.remit.problems, {
      ...(seg ? { segment: seg.index } : {}),
      message: `${this.label(seg)}${message}`,
      severity: 'error',
    });
    this.tx.remit.complete = false;
    this.result.complete = false;
  }

  private warning(seg: X12Segment, message: string): void {
    if (!this.tx || this.tx.skip) {
      this.fileProblem(seg, message, 'warning');
      return;
    }
    this.push(this.tx.remit.problems, { segment: seg.index, message: `${this.label(seg)}${message}`, severity: 'warning' });
  }

  // ---------------------------------------------------------------------------------------------
  // Values

  /** Element values by X12 position ([0] is the id), trimmed. No offsets: the reader needs none, and this is its hot path. */
  private el(seg: X12Segment): string[] {
    const values = seg.raw.split(this.seps?.element ?? '*');
    for (let i = 0; i < values.length; i++) {
      const v = values[i] ?? '';
      if (v.charCodeAt(0) <= 32 || v.charCodeAt(v.length - 1) <= 32) values[i] = v.trim();
    }
    return values;
  }

  /** An X12 decimal as cents; a problem (and undefined) when it is required and missing, or not a number. */
  private money(seg: X12Segment, value: string | undefined, name: string, what: string, required: boolean): Cents | undefined {
    const raw = value ?? '';
    if (raw === '') {
      if (required) this.error(seg, `${what} (${name}) is missing: expected an amount.`);
      return undefined;
    }
    const cents = plainCents(raw) ?? (X12_DECIMAL.test(raw) ? toCents(raw) : undefined);
    if (cents === undefined) this.error(seg, `${what} (${name}) is '${raw.slice(0, 20)}': expected an amount such as 123.45.`);
    return cents;
  }

  private date(seg: X12Segment, raw: string | undefined, name: string): string | undefined {
    const iso = isoDate(raw);
    if (!iso && raw) this.warning(seg, `${name} is '${raw.slice(0, 20)}': expected a date as CCYYMMDD.`);
    return iso;
  }

  /** A composite (`HC:99213:25`); a file that uses another separator than its ISA declares is read anyway, once noted. */
  private components(seg: X12Segment, value: string): string[] {
    const declared = this.seps?.component ?? ':';
    if (value.includes(declared)) return value.split(declared);
    const other = /^[A-Z][A-Z0-9]([^A-Za-z0-9\s])/.exec(value)?.[1];
    if (other && other !== declared) {
      if (!this.componentNoted) {
        this.componentNoted = true;
        this.warning(
          seg,
          `composites use '${other}' although the file declares '${declared}' as the component separator; read with '${other}'.`,
        );
      }
      return value.split(other);
    }
    return [value];
  }

  // ---------------------------------------------------------------------------------------------
  // Structure

  private read(seg: X12Segment): void {
    if (!isSegmentId(seg.id)) {
      if (this.tx) this.tx.count++;
      this.error(
        seg,
        `'${seg.id.slice(0, 20)}' is not a segment id: expected a segment such as CLP, SVC or CAS. The text may be damaged here.`,
      );
      return;
    }
    switch (seg.id) {
      case 'ISA':
        this.openInterchange(seg);
        return;
      case 'IEA':
        this.closeInterchange(seg);
        return;
      case 'GS':
        this.openGroup(seg);
        return;
      case 'GE':
        this.closeGroup(seg);
        return;
      case 'ST':
        this.openTransaction(seg);
        return;
      case 'SE':
        this.endTransaction(seg);
        return;
    }
    if (!this.tx) {
      if (this.sawEnvelope) {
        this.fileProblem(seg, 'this segment is outside any transaction: expected ST (a new transaction), GE or IEA here. It is not read.');
        return;
      }
      // A bare transaction body (no ISA, no ST): read it, but say what is missing.
      this.startTransaction(seg, '');
      this.error(seg, 'the file has no ST header before it: expected ST*835. What follows is read as one transaction.');
    }
    const tx = this.tx;
    if (!tx) return;
    tx.count++;
    if (tx.skip) return;
    this.content(seg);
  }

  private openInterchange(seg: X12Segment): void {
    this.sawEnvelope = true;
    if (this.tx) {
      this.error(seg, `a new interchange starts before SE closed transaction ${this.tx.control || '(no ST)'}: expected SE first.`);
      this.closeTransaction(true);
    }
    if (this.interchange) {
      this.fileProblem(
        seg,
        `a new interchange starts before IEA closed the one at segment ${this.interchange.segment}: expected IEA first.`,
      );
    }
    const el = this.el(seg);
    this.interchange = { control: el[13] ?? '', segment: seg.index, groups: 0 };
    this.group = undefined;
  }

  private closeInterchange(seg: X12Segment): void {
    if (this.tx) {
      this.error(seg, `IEA closes the interchange before SE closed transaction ${this.tx.control}: expected SE first.`);
      this.closeTransaction(true);
    }
    if (this.group) this.fileProblem(seg, `IEA before GE closed the group at segment ${this.group.segment}: expected GE first.`, 'warning');
    const el = this.el(seg);
    if (!this.interchange) {
      this.fileProblem(seg, 'IEA without an ISA before it.', 'warning');
      return;
    }
    if (el[2] !== this.interchange.control) {
      this.fileProblem(
        seg,
        `IEA02 is '${el[2] ?? ''}' but the ISA at segment ${this.interchange.segment} says '${this.interchange.control}': the envelope does not match.`,
        'warning',
      );
    }
    if (Number(el[1]) !== this.interchange.groups) {
      this.fileProblem(seg, `IEA01 counts ${el[1] ?? '?'} groups, but ${this.interchange.groups} were read.`, 'warning');
    }
    this.interchange = undefined;
    this.group = undefined;
  }

  private openGroup(seg: X12Segment): void {
    this.sawEnvelope = true;
    if (this.tx) {
      this.error(seg, `a new group (GS) starts before SE closed transaction ${this.tx.control}: expected SE first.`);
      this.closeTransaction(true);
    }
    if (this.group) this.fileProblem(seg, `GS before GE closed the group at segment ${this.group.segment}: expected GE first.`, 'warning');
    const el = this.el(seg);
    if (el[1] && el[1] !== 'HP') {
      this.fileProblem(
        seg,
        `this group holds '${el[1]}' transactions (GS01), not claim payments: expected GS*HP. Its transactions are checked one by one.`,
        'warning',
      );
    }
    if (this.interchange) this.interchange.groups++;
    else this.fileProblem(seg, 'GS without an ISA before it: expected ISA first.', 'warning');
    const version = el[8];
    this.group = { control: el[6] ?? '', segment: seg.index, transactions: 0, ...(version ? { version } : {}) };
  }

  private closeGroup(seg: X12Segment): void {
    if (this.tx) {
      this.error(seg, `GE closes the group before SE closed transaction ${this.tx.control}: expected SE first.`);
      this.closeTransaction(true);
    }
    const el = this.el(seg);
    if (!this.group) {
      this.fileProblem(seg, 'GE without a GS before it.', 'warning');
      return;
    }
    if (el[2] !== this.group.control) {
      this.fileProblem(
        seg,
        `GE02 is '${el[2] ?? ''}' but the GS at segment ${this.group.segment} says '${this.group.control}': the envelope does not match.`,
        'warning',
      );
    }
    if (Number(el[1]) !== this.group.transactions) {
      this.fileProblem(seg, `GE01 counts ${el[1] ?? '?'} transactions, but ${this.group.transactions} were read.`, 'warning');
    }
    this.group = undefined;
  }

  private openTransaction(seg: X12Segment): void {
    if (this.tx) {
      this.error(seg, `a new transaction starts before SE closed transaction ${this.tx.control || '(no ST)'}: expected SE first.`);
      this.closeTransaction(true);
    }
    const el = this.el(seg);
    const kind = el[1] ?? '';
    const control = el[2] ?? '';
    if (this.interchange && !this.group) this.fileProblem(seg, 'ST outside a functional group: expected GS before it.', 'warning');
    if (this.group) this.group.transactions++;
    this.sawEnvelope = true;
    if (kind !== '835') {
      this.sawOther = true;
      this.tx = { remit: this.newRemittance(), control, startSegment: seg.index, count: 1, skip: true };
      this.fileProblem(
        seg,
        `this transaction is ${kind ? `an X12 ${kind.slice(0, 6)}` : 'of no stated kind'} (ST01), not an 835 claim payment: expected ST*835. It is not read.`,
      );
      return;
    }
    this.startTransaction(seg, control, el[3]);
  }

  private newRemittance(): Remittance {
    return { claims: [], providerAdjustments: [], named: [], problems: [], complete: true };
  }

  private startTransaction(seg: X12Segment, control: string, stVersion?: string): void {
    this.saw835 = true;
    const remit = this.newRemittance();
    const version = stVersion || this.group?.version;
    remit.transaction = {
      ...(control ? { control } : {}),
      ...(version ? { version } : {}),
      ...(this.interchange?.control ? { interchange: this.interchange.control } : {}),
      firstSegment: seg.index,
    };
    this.result.remittances.push(remit);
    this.tx = { remit, control, startSegment: seg.index, count: 1, skip: false };
    this.section = 'header';
    this.party = undefined;
    this.claim = undefined;
    this.line = undefined;
  }

  private endTransaction(seg: X12Segment): void {
    const tx = this.tx;
    if (!tx) {
      this.fileProblem(seg, 'SE without an ST before it: expected ST*835 to open a transaction.', 'warning');
      return;
    }
    tx.count++;
    const el = this.el(seg);
    const stated = Number(el[1]);
    if (!tx.skip) {
      // A wrong count is common in hand-made files and says nothing about which segment is missing: a warning.
      if (!Number.isInteger(stated) || el[1] === '') {
        this.warning(seg, `SE01 is '${el[1] ?? ''}': expected the number of segments in the transaction (${tx.count} were read).`);
      } else if (stated !== tx.count) {
        this.warning(
          seg,
          `the transaction says it has ${stated} segments (SE01), but ${tx.count} were read${stated > tx.count ? ': some may be missing' : ''}.`,
        );
      }
      if (tx.control && el[2] !== tx.control) {
        this.warning(seg, `SE02 is '${el[2] ?? ''}' but the ST says '${tx.control}': the transaction's ends do not match.`);
      }
    }
    if (tx.remit.transaction) {
      tx.remit.transaction.lastSegment = seg.index;
      tx.remit.transaction.ended = true;
    }
    this.closeTransaction(false);
  }

  /** Ends the current transaction; `cut` when it ended without its SE (what was open is incomplete). */
  private closeTransaction(cut: boolean): void {
    const tx = this.tx;
    if (!tx) return;
    if (cut && !tx.skip) {
      tx.remit.complete = false;
      this.result.complete = false;
      if (this.claim) this.claim.incomplete = true;
      if (this.line) this.line.incomplete = true;
      if (tx.remit.transaction) {
        if (this.last) tx.remit.transaction.lastSegment ??= this.last.index;
        tx.remit.transaction.ended = false;
      }
    }
    this.tx = undefined;
    this.claim = undefined;
    this.line = undefined;
    this.party = undefined;
  }

  private finish(): void {
    this.done = true;
    const last = this.last;
    const seps = this.seps;
    const cutShort = last !== undefined && seps !== undefined && seps.segment !== '\n' && !last.terminated;
    if (this.tx) {
      const control = this.tx.control ? ` ${this.tx.control}` : '';
      this.error(
        last,
        `the file ends inside transaction${control} (started at segment ${this.tx.startSegment}): expected SE to close it. The file looks cut short; what was read is shown.`,
      );
      if (cutShort) this.error(last, `the last segment has no terminator '${seps.segment}': it may be cut short.`);
      this.closeTransaction(true);
    } else if (cutShort) {
      this.fileProblem(last, `the last segment has no terminator '${seps.segment}': the file may be cut short.`);
    }
    if (this.group && last)
      this.fileProblem(last, `the file ends before GE closed the group at segment ${this.group.segment}: expected GE and IEA.`);
    else if (this.interchange && last) {
      this.fileProblem(last, `the file ends before IEA closed the interchange at segment ${this.interchange.segment}: expected IEA.`);
    }
    if (!this.saw835) {
      this.result.kind = this.sawOther ? 'not-835' : this.result.kind;
      if (!this.sawOther) this.fileProblem(undefined, 'No 835 transaction was found: expected ST*835 with BPR, TRN and claims (CLP).');
      this.result.complete = false;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Content of an 835 transaction

  private content(seg: X12Segment): void {
    const remit = this.tx?.remit;
    if (!remit) return;
    switch (seg.id) {
      case 'BPR':
        this.bpr(seg, remit);
        return;
      case 'TRN': {
        const el = this.el(seg);
        const trace = el[2];
        const originator = el[3];
        if (!trace) this.warning(seg, 'no trace number (TRN02): expected the check or EFT trace number.');
        remit.payment = { ...remit.payment, ...(trace ? { trace } : {}), ...(originator ? { originator } : {}) };
        return;
      }
      case 'DTM':
        this.dtm(seg, remit);
        return;
      case 'N1':
        this.n1(seg, remit);
        return;
      case 'N3':
      case 'N4':
      case 'PER':
        this.partyDetail(seg);
        return;
      case 'REF':
        this.ref(seg, remit);
        return;
      case 'LX':
        this.section = 'claims';
        this.claim = undefined;
        this.line = undefined;
        this.party = undefined;
        return;
      case 'CLP':
        this.clp(seg, remit);
        return;
      case 'CAS':
        this.cas(seg);
        return;
      case 'NM1':
        this.nm1(seg);
        return;
      case 'MIA':
      case 'MOA':
        this.adjudication(seg);
        return;
      case 'AMT':
        this.amt(seg);
        return;
      case 'SVC':
        this.svc(seg);
        return;
      case 'LQ':
        this.lq(seg);
        return;
      case 'PLB':
        this.plb(seg, remit);
        return;
    }
    // CUR, RDM, TS3, TS2, QTY and others carry nothing the reader shows.
  }

  private bpr(seg: X12Segment, remit: Remittance): void {
    const el = this.el(seg);
    if (remit.payment?.amount !== undefined) this.warning(seg, 'a second BPR in one transaction: the first one is kept.');
    const amount = this.money(seg, el[2], 'BPR02', 'the payment amount', true);
    const handling = el[1];
    const creditDebit = el[3];
    const method = el[4];
    const date = this.date(seg, el[16], 'the payment date (BPR16)');
    if (remit.payment?.amount !== undefined) return;
    remit.payment = {
      ...remit.payment,
      ...(amount !== undefined ? { amount } : {}),
      ...(handling ? { handling } : {}),
      ...(creditDebit ? { creditDebit } : {}),
      ...(method ? { method } : {}),
      ...(date ? { date } : {}),
    };
  }

  private dtm(seg: X12Segment, remit: Remittance): void {
    const el = this.el(seg);
    const qualifier = el[1] ?? '';
    // A range (DTM05 = RD8, DTM06 = CCYYMMDD-CCYYMMDD): from and to. Look for RD8 anywhere, as writers misplace it.
    const rd8 = el.findIndex((e, i) => i > 1 && e === 'RD8');
    const raw = (rd8 > 0 ? el[rd8 + 1] : '') || el[2] || '';
    const [fromRaw, toRaw] = raw.split('-');
    const date = this.date(seg, fromRaw, `DTM*${qualifier}`);
    const end = toRaw ? this.date(seg, toRaw, `DTM*${qualifier}`) : undefined;
    if (!date) return;
    const line = this.line;
    const claim = this.claim;
    switch (qualifier) {
      case '405':
        if (!claim) remit.date = date;
        return;
      case '472':
        if (line) {
          line.serviceDate = date;
          if (end && end !== date) line.serviceDateEnd = end;
        } else if (claim) this.warning(seg, 'a service date (DTM*472) outside a service line: expected SVC before it.');
        return;
      case '150':
        if (line) line.serviceDate = date;
        return;
      case '151':
        if (line) {
          if (line.serviceDate === undefined) line.serviceDate = date;
          else if (line.serviceDate !== date) line.serviceDateEnd = date;
        }
        return;
      case '232':
        if (claim && !line) claim.statementFrom = date;
        return;
      case '233':
        if (claim && !line) claim.statementTo = date;
        return;
      case '050':
      case '50':
        if (claim) claim.receivedDate = date;
        return;
      case '036':
        if (claim) claim.coverageExpires = date;
        return;
    }
  }

  private n1(seg: X12Segment, remit: Remittance): void {
    const el = this.el(seg);
    const role = el[1];
    const name = el[2];
    const idQualifier = el[3];
    const id = el[4];
    const party: Party = { ...(name ? { name } : {}), ...(id ? { id } : {}), ...(idQualifier && id ? { idQualifier } : {}) };
    if (role === 'PR') {
      remit.payer = party;
      this.party = party;
    } else if (role === 'PE') {
      remit.payee = party;
      this.party = party;
    } else {
      this.party = undefined;
    }
  }

  private partyDetail(seg: X12Segment): void {
    const party = this.party;
    if (!party || this.section !== 'header') return;
    const el = this.el(seg);
    if (seg.id === 'N4') {
      const city = el[1] ?? '';
      const state = el[2] ?? '';
      const zip = el[3] ?? '';
      const place = [city, [state, zip].filter(Boolean).join(' ')].filter(Boolean).join(', ');
      if (place) party.address = place;
    } else if (seg.id === 'PER') {
      const contacts: string[] = [];
      const KIND: Record<string, string> = { TE: 'Phone', FX: 'Fax', EM: 'E-mail', UR: 'Web', EX: 'Extension' };
      // PER*CX*NAME*TE*number; some writers leave the name out without its separator (PER*CX*TE*number).
      const first = KIND[el[2] ?? ''] && el.length === 4 ? 2 : 3;
      for (let i = first; i + 1 < el.length; i += 2) {
        const kind = KIND[el[i] ?? ''];
        const value = el[i + 1];
        if (kind && value) contacts.push(`${kind} ${value}`);
      }
      if (contacts.length > 0) party.contacts = [...(party.contacts ?? []), ...contacts];
    }
  }

  private ref(seg: X12Segment, remit: Remittance): void {
    const el = this.el(seg);
    const qualifier = el[1];
    const value = el[2];
    if (!value) return;
    if (this.section === 'header') {
      if (qualifier === '2U' && remit.payer && !remit.payer.id) {
        remit.payer.id = value;
        remit.payer.idQualifier = '2U';
      }
      if (qualifier === 'TJ' && remit.payee && !remit.payee.id) {
        remit.payee.id = value;
        remit.payee.idQualifier = 'TJ';
      }
      return;
    }
    if (this.line) {
      if (qualifier === '6R') this.line.lineControl = value;
    } else if (this.claim && qualifier === 'F8') this.claim.originalClaimNumber = value;
  }

  private clp(seg: X12Segment, remit: Remittance): void {
    this.section = 'claims';
    this.party = undefined;
    this.line = undefined;
    const el = this.el(seg);
    this.claimCount++;
    const account = el[1];
    const status = el[2];
    if (!account) this.warning(seg, 'no patient control number (CLP01): expected the provider’s account number for the claim.');
    if (!status) this.error(seg, 'no claim status (CLP02): expected a status code such as 1 (processed as primary) or 4 (denied).');
    const billed = this.money(seg, el[3], 'CLP03', 'the total charge', true);
    const paid = this.money(seg, el[4], 'CLP04', 'the claim payment', true);
    const patientResponsibility = this.money(seg, el[5], 'CLP05', 'the patient responsibility', false);
    // Fields are set one by one (no spreads): a large file has tens of thousands of claims.
    const claim: Claim = { key: `c${this.claimCount}`, adjustments: [], remarks: [], lines: [], source: { segment: seg.index } };
    if (account) claim.account = account;
    if (status) claim.status = status;
    if (billed !== undefined) claim.billed = billed;
    if (paid !== undefined) claim.paid = paid;
    if (patientResponsibility !== undefined) claim.patientResponsibility = patientResponsibility;
    if (el[6]) claim.filingIndicator = el[6];
    if (el[7]) claim.payerClaimNumber = el[7];
    if (el[8]) claim.facilityType = el[8];
    if (el[9]) claim.frequency = el[9];
    if (el[11]) claim.drg = el[11];
    remit.claims.push(claim);
    this.claim = claim;
    if (this.section !== 'claims') this.section = 'claims';
  }

  private cas(seg: X12Segment): void {
    const claim = this.claim;
    const el = this.el(seg);
    if (!claim) {
      this.error(seg, 'an adjustment outside a claim: expected CLP before CAS.');
      return;
    }
    const group = el[1] ?? '';
    if (!isGroupCode(group)) {
      this.error(seg, `the group (CAS01) is '${group.slice(0, 20)}': expected CO, PR, OA, PI or CR. This adjustment is not read.`);
      return;
    }
    if (el.length > 2 + 3 * CAS_TRIPLETS) this.warning(seg, `more than ${CAS_TRIPLETS} adjustments in one CAS: the rest are not read.`);
    const target = this.line ?? claim;
    let reasons = 0;
    for (let t = 0; t < CAS_TRIPLETS; t++) {
      const reasonEl = el[2 + 3 * t];
      const amountEl = el[3 + 3 * t];
      const quantity = el[4 + 3 * t];
      const pos = (n: number) => `CAS${String(n).padStart(2, '0')}`;
      const reason = reasonEl ?? '';
      if (reason === '') {
        if (amountEl) this.error(seg, `the amount ${pos(3 + 3 * t)} '${amountEl.slice(0, 20)}' has no reason code before it.`);
        continue;
      }
      reasons++;
      const amount = this.money(seg, amountEl, pos(3 + 3 * t), `the amount for reason ${reason.slice(0, 10)}`, true);
      const adjustment: Adjustment = {
        group,
        reason,
        code: `${group}-${reason}`,
        ...(amount !== undefined ? { amount } : {}),
        ...(quantity ? { quantity } : {}),
        source: { segment: seg.index },
      };
      target.adjustments.push(adjustment);
      addShare(target, adjustment);
      if (target !== claim) addShare(claim, adjustment);
    }
    if (reasons === 0) this.error(seg, 'no adjustment reason code (CAS02): expected a reason such as 45.');
  }

  private nm1(seg: X12Segment): void {
    const claim = this.claim;
    if (!claim || this.line) return;
    const el = this.el(seg);
    const entity = el[1];
    const name = personName(el);
    const id = el[9];
    const withId = (n: string | undefined) => [n, id ? `(ID ${id})` : ''].filter(Boolean).join(' ');
    switch (entity) {
      case 'QC':
        if (name) claim.patient = name;
        if (id) claim.patientId = id;
        return;
      case 'IL':
        if (name) claim.insured = name;
        return;
      case '82':
        if (name) claim.renderingProvider = name;
        return;
      case 'TT': {
        const to = withId(name);
        claim.crossoverTo = to || 'another payer';
        return;
      }
      case 'PR':
        claim.corrections = [...(claim.corrections ?? []), `The payer says another payer comes first: ${withId(name) || 'not named'}.`];
        return;
      case '74':
        claim.corrections = [...(claim.corrections ?? []), `Corrected patient or insured: ${withId(name) || 'name not given'}.`];
        return;
      case 'GB':
        claim.corrections = [...(claim.corrections ?? []), `Other subscriber: ${withId(name) || 'not named'}.`];
        return;
    }
  }

  private adjudication(seg: X12Segment): void {
    const claim = this.claim;
    if (!claim) {
      this.error(seg, `Medicare adjudication information (${seg.id}) outside a claim: expected CLP before it.`);
      return;
    }
    const el = this.el(seg);
    const inpatient = seg.id === 'MIA';
    const specs = inpatient ? MIA_FIGURES : MOA_FIGURES;
    const figures: AdjudicationFigure[] = [];
    for (let i = 1; i < el.length; i++) {
      const value = el[i] ?? '';
      const spec = specs[i];
      if (value === '' || !spec) continue;
      const element = `${seg.id}${String(i).padStart(2, '0')}`;
      if (spec.value) figures.push({ element, label: spec.label, value });
      else {
        const amount = this.money(seg, el[i], element, spec.label.toLowerCase(), false);
        if (amount !== undefined) figures.push({ element, label: spec.label, amount });
      }
    }
    for (const i of inpatient ? MIA_REMARK_POSITIONS : MOA_REMARK_POSITIONS) {
      const code = el[i];
      if (code) claim.remarks.push({ code, source: { segment: seg.index } });
    }
    if (inpatient) claim.inpatient = figures;
    else claim.outpatient = figures;
  }

  private amt(seg: X12Segment): void {
    const el = this.el(seg);
    const qualifier = el[1] ?? '';
    const target = this.line ?? this.claim;
    if (!target || !qualifier) return;
    const amount = this.money(seg, el[2], 'AMT02', `the ${amountLabel(qualifier).toLowerCase()}`, true);
    if (amount === undefined) return;
    if (this.line && qualifier === 'B6') {
      this.line.allowed = amount;
      return;
    }
    target.amounts = [...(target.amounts ?? []), { qualifier, label: amountLabel(qualifier), amount }];
  }

  private svc(seg: X12Segment): void {
    const claim = this.claim;
    const el = this.el(seg);
    if (!claim) {
      this.error(seg, 'a service line outside a claim: expected CLP before SVC.');
      return;
    }
    const composite = this.components(seg, el[1] ?? '');
    const [qualifier = '', code = '', ...rest] = composite;
    const modifiers = rest.slice(0, 4).filter(Boolean);
    const description = rest[4];
    if (!code) {
      this.warning(seg, `the procedure (SVC01) is '${(el[1] ?? '').slice(0, 20)}': expected a qualifier and a code such as HC:99213.`);
    }
    const billed = this.money(seg, el[2], 'SVC02', 'the line charge', true);
    const paid = this.money(seg, el[3], 'SVC03', 'the line payment', true);
    const revenue = el[4];
    const units = el[5];
    const original = el[6];
    const line: ServiceLine = {
      key: `${claim.key}.l${claim.lines.length + 1}`,
      adjustments: [],
      remarks: [],
      source: { segment: seg.index },
    };
    if (qualifier) line.procedureQualifier = qualifier;
    if (code && qualifier !== 'NU') line.procedure = code;
    if (qualifier === 'NU' && code) line.revenueCode = code;
    else if (revenue) line.revenueCode = revenue;
    if (modifiers.length > 0) line.modifiers = modifiers;
    if (description) line.description = description;
    if (billed !== undefined) line.billed = billed;
    if (paid !== undefined) line.paid = paid;
    if (units) line.units = units;
    if (original) line.originalProcedure = this.components(seg, original).filter(Boolean).join(' ');
    claim.lines.push(line);
    this.line = line;
  }

  private lq(seg: X12Segment): void {
    const el = this.el(seg);
    // LQ*RX carries pharmacy (NCPDP) reject codes, not remark codes.
    if (el[1] !== 'HE') return;
    const code = el[2];
    if (!code) {
      this.warning(seg, 'LQ*HE without a remark code (LQ02).');
      return;
    }
    const target = this.line ?? this.claim;
    if (!target) {
      this.error(seg, 'a remark outside a claim: expected CLP and SVC before LQ.');
      return;
    }
    if (!this.line) this.warning(seg, 'a line remark (LQ) before any service line: it is shown with the claim.');
    target.remarks.push({ code, source: { segment: seg.index } });
  }

  private plb(seg: X12Segment, remit: Remittance): void {
    this.section = 'plb';
    this.claim = undefined;
    this.line = undefined;
    const el = this.el(seg);
    const providerId = el[1];
    const fiscalPeriodEnd = this.date(seg, el[2], 'the fiscal period date (PLB02)');
    let pairs = 0;
    for (let p = 0; p < PLB_PAIRS; p++) {
      const reasonEl = el[3 + 2 * p];
      const amountEl = el[4 + 2 * p];
      const name = `PLB${String(3 + 2 * p).padStart(2, '0')}`;
      if (!reasonEl) {
        if (amountEl) this.error(seg, `the amount after ${name} has no adjustment reason: expected reason:reference in ${name}.`);
        continue;
      }
      const [reason = '', ...reference] = this.components(seg, reasonEl);
      const amount = this.money(seg, amountEl, `PLB${String(4 + 2 * p).padStart(2, '0')}`, `the amount for ${reason.slice(0, 10)}`, true);
      pairs++;
      if (amount === undefined) continue;
      const ref = reference.filter(Boolean).join(':');
      const adjustment: ProviderAdjustment = {
        reason,
        ...(ref ? { reference: ref } : {}),
        amount,
        ...(providerId ? { providerId } : {}),
        ...(fiscalPeriodEnd ? { fiscalPeriodEnd } : {}),
        source: { segment: seg.index },
      };
      remit.providerAdjustments.push(adjustment);
    }
    if (pairs === 0) this.error(seg, 'no adjustment in PLB: expected a reason (PLB03) and an amount (PLB04).');
    if (el.length > 3 + 2 * PLB_PAIRS) this.warning(seg, `more than ${PLB_PAIRS} adjustments in one PLB: the rest are not read.`);
  }
}

/** Deductible (1), coinsurance (2) and copay (3), whatever the group, are the patient's share figures. */
function addShare(target: Claim | ServiceLine, a: Adjustment): void {
  if (a.amount === undefined) return;
  const key = a.reason === '1' ? 'deductible' : a.reason === '2' ? 'coinsurance' : a.reason === '3' ? 'copay' : undefined;
  if (key) target[key] = (target[key] ?? 0) + a.amount;
}

/** Reads the whole text at once. */
export function parse835(text: string): Parse835Result {
  const reader = new Reader835(text);
  while (!reader.step(Number.MAX_SAFE_INTEGER)) {
    // step() reads everything in one call; the loop only guards against a zero budget.
  }
  return reader.result;
}
