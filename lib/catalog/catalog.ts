/**
 * The code catalog: X12 facts (codes, dates, status) joined with our own wording and guidance.
 * Pure data and lookups; the background worker owns the one instance the extension uses.
 */
import type { GroupCode, KnownCodes } from '../detect/types';
import { GROUP_CODES, isGroupCode } from '../detect/types';
import { type CategoryId, isCategoryId, isNextStep, type NextStep } from './categories';
import { type PlbRecord, parsePlbTable } from './plb';
import { parseSequestrationTable, type SequestrationPeriod } from './sequestration';
import { parseTsv, TsvError } from './tsv';

export type CodeKind = 'carc' | 'rarc';
export type Appeal = 'yes' | 'no' | 'depends';

export interface Guidance {
  nextStep: NextStep;
  appeal: Appeal;
  appealWhy: string;
  /** Remark codes that usually come with this reason. */
  rarcs: string[];
  biller: string;
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
  guidance?: Guidance;
}

export interface GroupRecord {
  code: GroupCode;
  name: string;
  summary: string;
  biller: string;
  patient: string;
}

/** The catalog's source texts, as shipped in data/ (TSV). */
export interface CatalogSources {
  carcFacts: string;
  rarcFacts: string;
  carcWording: string;
  rarcWording: string;
  groups: string;
  carcGuidance: string;
  rarcGuidance: string;
  sequestration: string;
  /** Provider-level adjustment reasons (PLB) in our words: code, summary, sign. */
  plb?: string;
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
  for (const { cells, line } of parseTsv(text, ['code', 'next_step', 'appeal']).rows) {
    const nextStep = cells.next_step ?? '';
    const appeal = cells.appeal ?? '';
    if (!isNextStep(nextStep)) throw new TsvError(line, `unknown next_step "${nextStep}"`);
    if (appeal !== 'yes' && appeal !== 'no' && appeal !== 'depends') throw new TsvError(line, `unknown appeal "${appeal}"`);
    map.set(cells.code ?? '', {
      nextStep,
      appeal,
      appealWhy: cells.appeal_why ?? '',
      rarcs: (cells.rarcs ?? '').split(/\s+/).filter(Boolean),
      biller: cells.guidance ?? '',
      patient: cells.patient_summary ?? '',
    });
  }
  return map;
}

export class Catalog {
  private readonly byKey = new Map<string, CodeRecord>();
  private readonly groupMap = new Map<GroupCode, GroupRecord>();

  constructor(
    readonly records: readonly CodeRecord[],
    groups: readonly GroupRecord[],
    readonly sequestration: readonly SequestrationPeriod[],
    /** Provider-level adjustment reasons (835 PLB): their own list, never CARCs. */
    readonly plbCodes: readonly PlbRecord[] = [],
  ) {
    for (const r of records) this.byKey.set(`${r.kind}:${r.code}`, r);
    for (const g of groups) this.groupMap.set(g.code, g);
  }

  get(kind: CodeKind, code: string): CodeRecord | undefined {
    return this.byKey.get(`${kind}:${code}`);
  }

  group(code: GroupCode): GroupRecord | undefined {
    return this.groupMap.get(code);
  }

  get groups(): GroupRecord[] {
    return GROUP_CODES.flatMap((g) => this.groupMap.get(g) ?? []);
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
      guidance: carcGuidance.get(fact.code),
    });
  }
  for (const fact of readFacts(src.rarcFacts, 'rarc')) {
    records.push({
      ...fact,
      summary: optional(rarcWords.get(fact.code)?.cells.summary),
      guidance: rarcGuidance.get(fact.code),
    });
  }

  const groups: GroupRecord[] = parseTsv(src.groups, ['code', 'name', 'summary']).rows.flatMap(({ cells, line }) => {
    const code = cells.code ?? '';
    if (!isGroupCode(code)) throw new TsvError(line, `unknown group "${code}"`);
    return [
      { code, name: cells.name ?? '', summary: cells.summary ?? '', biller: cells.biller ?? '', patient: cells.patient_summary ?? '' },
    ];
  });

  return new Catalog(records, groups, parseSequestrationTable(src.sequestration), src.plb ? parsePlbTable(src.plb) : []);
}
