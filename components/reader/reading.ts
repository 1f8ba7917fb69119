/**
 * Reading one document in the reader: the 835 parser in time-boxed slices (the page stays
 * responsive and shows the first claims while the rest is read), each claim checked and indexed
 * for the filter as soon as it is complete, totals accumulated as it goes. Pure apart from the
 * clock; nothing is stored anywhere.
 */

import type { SequestrationPeriod } from '@/lib/catalog/sequestration';
import { type ClaimChecks, checkClaim, paymentVerdict, type RemittanceChecks, traceKey } from '@/lib/remit/checks';
import type { Claim, Remittance } from '@/lib/remit/model';
import { SummaryBuilder, searchText } from '@/lib/remit/report';
import { Reader835 } from '@/lib/x12/parse835';

export interface ClaimEntry {
  /** Index of its remittance (ST/SE) in the file. */
  remit: number;
  /** 1-based position in its remittance. */
  number: number;
  claim: Claim;
  checks: ClaimChecks;
  /** Lowercased patient, account, claim numbers and codes, for the filter. */
  text: string;
}

/** A check or EFT trace seen before, in this file or an earlier one in this tab. */
export interface DuplicateTrace {
  remit: number;
  trace: string;
  /** Where it was seen first. */
  seenIn: string;
}

/** Traces opened in this tab: in memory only, gone when the tab closes. */
export type SeenTraces = Map<string, string>;

const SEGMENTS_PER_STEP = 400;

export class Reading {
  readonly reader: Reader835;
  readonly entries: ClaimEntry[] = [];
  /** Entries by claim key, for the card of a mark. */
  readonly byKey = new Map<string, ClaimEntry>();
  readonly totals = new SummaryBuilder();
  remitChecks: RemittanceChecks[] = [];
  duplicates: DuplicateTrace[] = [];
  /** Distinct codes (adjustments and remarks) seen so far. */
  readonly codes = new Set<string>();
  private readonly done: number[] = [];
  private remitsCounted = 0;

  constructor(
    text: string,
    private readonly name: string,
    private readonly table: readonly SequestrationPeriod[],
    private readonly seen: SeenTraces,
    /** Segments per parser step (small in tests, to see claims arrive slice by slice). */
    private readonly segmentsPerStep = SEGMENTS_PER_STEP,
  ) {
    this.reader = new Reader835(text);
  }

  get remittances(): Remittance[] {
    return this.reader.result.remittances;
  }

  get finished(): boolean {
    return this.reader.finished;
  }

  get progress(): number {
    return this.reader.progress;
  }

  /** Reads for about `budgetMs`; true when the whole document is read. */
  slice(budgetMs: number, now: () => number = () => performance.now()): boolean {
    const until = now() + budgetMs;
    let finished = this.reader.finished;
    // At least one step per slice, however small the budget: reading always moves on.
    do {
      if (!finished) finished = this.reader.step(this.segmentsPerStep);
    } while (!finished && now() < until);
    this.collect(finished);
    if (finished) this.finish();
    return finished;
  }

  /** Checks and indexes every claim that is complete (all but the one still being read). */
  private collect(finished: boolean): void {
    const remits = this.remittances;
    for (let r = 0; r < remits.length; r++) {
      const claims = remits[r]?.claims ?? [];
      const open = !finished && r === remits.length - 1 ? 1 : 0;
      let from = this.done[r] ?? 0;
      for (; from < claims.length - open; from++) {
        const claim = claims[from];
        if (!claim) continue;
        const checks = checkClaim(claim, this.table);
        const entry = { remit: r, number: from + 1, claim, checks, text: searchText(claim) };
        this.entries.push(entry);
        this.byKey.set(claim.key, entry);
        this.totals.addClaim(claim);
        for (const a of claim.adjustments) this.codes.add(a.code);
        for (const m of claim.remarks) this.codes.add(m.code);
        for (const l of claim.lines) {
          for (const a of l.adjustments) this.codes.add(a.code);
          for (const m of l.remarks) this.codes.add(m.code);
        }
      }
      this.done[r] = from;
    }
  }

  private finish(): void {
    const remits = this.remittances;
    for (; this.remitsCounted < remits.length; this.remitsCounted++) {
      const remit = remits[this.remitsCounted];
      if (remit) this.totals.addRemittance(remit);
    }
    const byRemit = new Map<number, ClaimEntry[]>();
    for (const e of this.entries) {
      const list = byRemit.get(e.remit) ?? [];
      list.push(e);
      byRemit.set(e.remit, list);
    }
    this.remitChecks = remits.map((remit, r) => {
      const entries = byRemit.get(r) ?? [];
      let offLines = 0;
      let sequestrationChecked = 0;
      let sequestrationOff = 0;
      for (const e of entries) {
        offLines += e.checks.lines.filter((l) => l.state === 'off').length;
        sequestrationChecked += e.checks.sequestration.length;
        sequestrationOff += e.checks.sequestration.filter((s) => !s.check.matches).length;
      }
      return {
        payment: paymentVerdict(remit),
        claims: new Map(entries.map((e) => [e.claim.key, e.checks])),
        offClaims: entries.filter((e) => e.checks.balance.state === 'off').length,
        offLines,
        sequestrationChecked,
        sequestrationOff,
      };
    });
    this.duplicates = [];
    remits.forEach((remit, r) => {
      const key = traceKey(remit);
      const trace = remit.payment?.trace;
      if (!key || !trace) return;
      const before = this.seen.get(key);
      if (before) this.duplicates.push({ remit: r, trace, seenIn: before });
      else this.seen.set(key, `${this.name}, payment ${r + 1}`);
    });
  }
}
