/**
 * The code catalog: X12 facts (codes, dates, status) joined with our own wording, guidance and the
 * advice table. Pure data and lookups; the background worker owns the one instance the extension uses.
 */
import type { GroupCode, KnownCodes } from '../detect/types';
import { type Advice, parseAdvice } from './advice';
import { type CategoryId, isCategoryId, isNextStep, type NextStep } from './categories';
import { type PlbRecord, parsePlbTable } from './plb';
import { parseSequestrationTable, type SequestrationPeriod } from './sequestration';
import { parseTsv, TsvError } from './tsv';
import { type GroupRecord, parseWording, type Wording } from './wording';

export type { GroupRecord } from './wording';
export type CodeKind = 'carc' | 'rarc';

/** Deeper advice for a common code (data/guidance). */
export interface Guidance {
  /** The step `biller` elaborates: shown only where the advice table chooses that step. */
  step?: NextStep;
  /** Remark codes that usually come with this reason. */
  rarcs: string[];
  /** How to carry out the step, in biller words. */
  biller: string;
  /** The patient's "Why?". */
  patient: string;
}

export interface CodeRecord {
  code: string;
  kind: CodeKind;
  start?: string;
  lastModified?: string;
  stop?: string;
  status: 'active' | 'deactivated';
  /** RARCs only: an Alert is informational, a supplemental code explains a CARC. */
  rarcType?: 'alert' | 'supplemental';
  category?: CategoryId;
  summary?: string;
  /** A banner that must not be missed, in place of the summary at the top of the card. */
  headline?: string;
  /** The patient's "Why?" where the summary is written for the provider. */
  patientSummary?: string;
  guidance?: Guidance;
}

/** The catalog's source texts, as shipped in data/ (TSV). */
export interface CatalogSources {
  carcFacts: string;
  rarcFacts: string;
  carcWording: string;
  rarcWording: string;
  /** Banners for the few codes that need one (code, headline). */
  headlines: string;
  /** The patient's "Why?" for codes whose summary speaks to the provider (kind, code, patient_summary). */
  patientWording: string;
  groups: string;
  ui: string;
  carcGuidance: string;
  rarcGuidance: string;
  advice: string;
  steps: string;
  sequestration: string;
  /** Provider-level adjustment reasons (PLB) in our words: code, summary, sign. */
  plb: string;
}

const optional = (value: string | undefined): string | undefined => (value ? value : undefined);

function readFacts(text: string, kind: CodeKind): CodeRecord[] {
  return parseTsv(text, ['code', 'start', 'stop', 'status']).rows.map(({ cells, line }) => {
    const status = cells.status;
    if (status !== 'active' && status !== 'deactivated') throw new TsvError(line, `unknown status "${status}"`);
    const type = cells.type;
    return {
      code: cells.code ?? '',
      kind,
      start: optional(cells.start),
      lastModified: optional(cells.last_modified),
      stop: optional(cells.stop),
      status,
      ...(kind === 'rarc' ? { rarcType: type === 'alert' ? 'alert' : 'supplemental' } : {}),
    };
  });
}

function readGuidance(text: string): Map<string, Guidance> {
  const map = new Map<string, Guidance>();
  for (const { cells, line } of parseTsv(text, ['code', 'step', 'guidance', 'patient_summary']).rows) {
    const step = cells.step ?? '';
    if (step !== '' && !isNextStep(step)) throw new TsvError(line, `unknown step "${step}"`);
    map.set(cells.code ?? '', {
      ...(step ? { step } : {}),
      rarcs: (cells.rarcs ?? '').split(/\s+/).filter(Boolean),
      biller: cells.guidance ?? '',
      patient: cells.patient_summary ?? '',
    });
  }
  return map;
}

export class Catalog {
  private readonly byKey = new Map<string, CodeRecord>();

  constructor(
    readonly records: readonly CodeRecord[],
    readonly wording: Wording,
    readonly advice: Advice,
    readonly sequestration: readonly SequestrationPeriod[],
    /** Provider-level adjustment reasons (835 PLB): their own list, never CARCs. */
    readonly plbCodes: readonly PlbRecord[] = [],
  ) {
    for (const r of records) this.byKey.set(`${r.kind}:${r.code}`, r);
  }

  get(kind: CodeKind, code: string): CodeRecord | undefined {
    return this.byKey.get(`${kind}:${code}`);
  }

  group(code: GroupCode): GroupRecord | undefined {
    return this.wording.group(code);
  }

  get groups(): GroupRecord[] {
    return this.wording.groups;
  }

  /** The code sets detection validates against (sent once to each content script). */
  knownCodes(): { carc: string[]; rarc: string[] } {
    const carc: string[] = [];
    const rarc: string[] = [];
    for (const r of this.records) (r.kind === 'carc' ? carc : rarc).push(r.code);
    return { carc, rarc };
  }
}

export function toKnownCodes(lists: { carc: readonly string[]; rarc: readonly string[] }): KnownCodes {
  return { carc: new Set(lists.carc), rarc: new Set(lists.rarc) };
}

/** Joins the shipped TSV files into a catalog. Throws TsvError (with the line) on bad data. */
export function buildCatalog(src: CatalogSources): Catalog {
  const carcWords = new Map(parseTsv(src.carcWording, ['code', 'category', 'summary']).rows.map((r) => [r.cells.code ?? '', r]));
  const rarcWords = new Map(parseTsv(src.rarcWording, ['code', 'summary']).rows.map((r) => [r.cells.code ?? '', r]));
  const headlines = new Map(parseTsv(src.headlines, ['code', 'headline']).rows.map((r) => [r.cells.code ?? '', r.cells.headline ?? '']));
  const patientWords = new Map(
    parseTsv(src.patientWording, ['kind', 'code', 'patient_summary']).rows.map((r) => [
      `${r.cells.kind}:${r.cells.code}`,
      r.cells.patient_summary ?? '',
    ]),
  );
  const carcGuidance = readGuidance(src.carcGuidance);
  const rarcGuidance = readGuidance(src.rarcGuidance);

  const records: CodeRecord[] = [];
  for (const fact of readFacts(src.carcFacts, 'carc')) {
    const words = carcWords.get(fact.code);
    const category = words?.cells.category ?? '';
    if (words && !isCategoryId(category)) throw new TsvError(words.line, `unknown category "${category}" for ${fact.code}`);
    records.push({
      ...fact,
      ...(isCategoryId(category) ? { category } : {}),
      summary: optional(words?.cells.summary),
      headline: optional(headlines.get(fact.code)),
      patientSummary: optional(patientWords.get(`carc:${fact.code}`)),
      guidance: carcGuidance.get(fact.code),
    });
  }
  for (const fact of readFacts(src.rarcFacts, 'rarc')) {
    records.push({
      ...fact,
      summary: optional(rarcWords.get(fact.code)?.cells.summary),
      patientSummary: optional(patientWords.get(`rarc:${fact.code}`)),
      guidance: rarcGuidance.get(fact.code),
    });
  }

  const advice = parseAdvice(src.advice, src.steps);
  const codes = new Set(records.map((r) => `${r.kind}:${r.code}`));
  for (const row of advice.rows) {
    if (row.match.by === 'code' && !codes.has(`${row.kind}:${row.match.code}`)) {
      throw new TsvError(row.line, `advice for ${row.kind} ${row.match.code}, which is not in the code lists`);
    }
  }
  // Wording for a code that does not exist would never be shown.
  for (const key of [...[...headlines.keys()].map((c) => `carc:${c}`), ...patientWords.keys()]) {
    if (!codes.has(key)) throw new TsvError(1, `wording for ${key}, which is not in the code lists`);
  }

  return new Catalog(records, parseWording(src.ui, src.groups), advice, parseSequestrationTable(src.sequestration), parsePlbTable(src.plb));
}
