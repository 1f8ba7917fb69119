/**
 * The product's own words outside the code lists: card labels, the patient's three answers, status
 * and 2% check sentences, tally and legend labels (data/wording/ui.tsv), and the five group codes'
 * names and meanings (data/wording/groups.tsv). One column per reading mode; code only picks a key
 * and fills its {placeholders}, so a wording fix in the data is the whole fix.
 */
import { GROUP_CODES, type GroupCode, isGroupCode } from '../detect/types';
import type { ReadingMode } from '../settings';
import { parseTsv, TsvError } from './tsv';

export const TEXT_KEYS = [
  'summary.missing',
  'unknown.summary',
  'unknown.status',
  'group.status',
  'status.not-yet',
  'status.before-stop',
  'status.unpublished-on',
  'status.unpublished',
  'status.deactivated-on',
  'status.deactivated',
  'status.active-since',
  'status.active',
  'check.before-ok',
  'check.before-off',
  'check.rate-date',
  'check.rate-assumed-on',
  'check.rate-assumed',
  'check.match',
  'check.match-close',
  'check.off',
  'owe.no',
  'owe.may',
  'owe.unclear',
  'owe.no-group',
  'owe.remark',
  'owe.unknown',
  'todo.remark',
  'card.written',
  'card.next-step',
  'card.owe',
  'card.why',
  'card.todo',
  'card.more',
  'card.group',
  'card.category',
  'card.amount',
  'card.check',
  'card.status',
  'card.remark',
  'card.remark-alert',
  'card.related-remarks',
  'card.related-adjustments',
  'card.official',
  'card.copy',
  'card.copy-label',
  'card.copied',
  'card.copy-failed',
  'group.label',
  'group.line',
  'group.none',
  'bucket.patient',
  'bucket.contractual',
  'bucket.sequestration',
  'bucket.denial',
  'bucket.other',
  'tally.lines-one',
  'tally.lines-many',
  'tally.seq-note',
  'tally.seq-note-unchecked',
  'tally.seq-line',
  'tally.seq-lines',
  'tally.check-one-ok',
  'tally.check-one-off',
  'tally.check-many',
  'tally.totals',
  'tally.codes',
  'tally.col-code',
  'tally.col-count',
  'tally.col-count-title',
  'tally.col-amount',
  'tally.col-meaning',
  'tally.remarks',
  'tally.reveal-title',
  'tally.open-title',
  'tally.open',
  'legend.label',
  'legend.muted',
  'legend.patient',
  'legend.denial',
  'legend.review',
  'legend.info',
  'export.code',
  'export.kind',
  'export.group',
  'export.count',
  'export.amount',
  'export.category',
  'export.meaning',
  'export.adjustment',
  'export.remark',
  'export.total',
  'export.copy',
  'export.download',
  'export.copied',
  'export.copy-failed',
  'export.saved',
  'card.on-line',
  'card.on-claim',
  'card.claim',
  'card.claim-billed',
  'card.claim-paid',
  'card.claim-patient',
  'card.claim-ok',
  'card.claim-off',
  'card.claim-unknown',
  'tally.claims-one',
  'tally.claims-many',
  'tally.adjustments-one',
  'tally.adjustments-many',
  'tally.named-only',
  'tally.figures',
  'tally.figure-billed',
  'tally.figure-allowed',
  'tally.figure-paid',
  'tally.figure-patient',
  'tally.figure-partial',
  'tally.not-shown',
  'tally.some-not-shown',
  'tally.balance-title',
  'tally.balance-lines',
  'tally.balance-claims',
  'tally.balance-unchecked',
  'tally.balance-none',
  'tally.balance-off-line',
  'tally.balance-off-claim',
  'tally.balance-off-unplaced',
  'tally.payment-ok',
  'tally.payment-off',
  'tally.payment-unknown',
  'tally.seq-fail',
  'tally.seq-fail-claim',
  'tally.plb-title',
  'tally.plb-sign',
  'tally.plb-total',
  'tally.claims-title',
  'tally.claim',
  'tally.unplaced',
  'tally.claim-go-title',
  'tally.go-title',
  'tally.named-title',
  'tally.named-hint',
  'export.not-shown',
  'export.identifiers',
  'export.saved-ids',
  'tally.go-found',
  'tally.go-gone',
  'tally.claim-balance-ok',
  'tally.claim-balance-off',
  'tally.claim-balance-unknown',
] as const;
export type TextKey = (typeof TEXT_KEYS)[number];
export type TextVars = Readonly<Record<string, string | number>>;

export interface GroupRecord {
  code: GroupCode;
  name: string;
  /** The name in patient words (the popup's group headings). */
  patientName: string;
  /** Who bears the amount, in biller words: a description, never an action. */
  summary: string;
  /** The patient's "Do I owe this?" when the group decides it. */
  patient: string;
}

interface Entry {
  biller: string;
  patient: string;
}

export class Wording {
  constructor(
    private readonly texts: ReadonlyMap<string, Entry>,
    private readonly groupMap: ReadonlyMap<GroupCode, GroupRecord>,
  ) {}

  /** The text for `key` in the reader's mode (falling back to the other column), placeholders filled. */
  text(key: TextKey, mode: ReadingMode = 'biller', vars: TextVars = {}): string {
    const entry = this.texts.get(key);
    const raw = (mode === 'patient' ? entry?.patient || entry?.biller : entry?.biller || entry?.patient) ?? key;
    return raw.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
  }

  group(code: GroupCode): GroupRecord | undefined {
    return this.groupMap.get(code);
  }

  get groups(): GroupRecord[] {
    return GROUP_CODES.flatMap((g) => this.groupMap.get(g) ?? []);
  }

  /** A group's label in the popup's tally, or the "no group" label. */
  groupLabel(code: GroupCode | 'none', mode: ReadingMode): string {
    const g = code === 'none' ? undefined : this.groupMap.get(code);
    if (!g) return this.text('group.none', mode);
    return this.text('group.label', mode, { code: g.code, name: mode === 'patient' ? g.patientName : g.name });
  }
}

const isTextKey = (key: string): key is TextKey => (TEXT_KEYS as readonly string[]).includes(key);

/** Throws TsvError (with the line) on an unknown, missing, repeated or empty key, or a bad group row. */
export function parseWording(ui: string, groups: string): Wording {
  const texts = new Map<string, Entry>();
  for (const { cells, line } of parseTsv(ui, ['key', 'biller', 'patient']).rows) {
    const key = cells.key ?? '';
    if (!isTextKey(key)) throw new TsvError(line, `unknown wording key "${key}"`);
    if (texts.has(key)) throw new TsvError(line, `"${key}" is listed twice`);
    const entry = { biller: cells.biller ?? '', patient: cells.patient ?? '' };
    if (!entry.biller && !entry.patient) throw new TsvError(line, `"${key}" has no text`);
    texts.set(key, entry);
  }
  const missing = TEXT_KEYS.filter((k) => !texts.has(k));
  if (missing.length > 0) throw new TsvError(1, `missing wording keys: ${missing.join(', ')}`);

  const groupMap = new Map<GroupCode, GroupRecord>();
  for (const { cells, line } of parseTsv(groups, ['code', 'name', 'patient_name', 'summary', 'patient_summary']).rows) {
    const code = cells.code ?? '';
    if (!isGroupCode(code)) throw new TsvError(line, `unknown group "${code}"`);
    const record = {
      code,
      name: cells.name ?? '',
      patientName: cells.patient_name ?? '',
      summary: cells.summary ?? '',
      patient: cells.patient_summary ?? '',
    };
    if (!record.name || !record.patientName || !record.summary || !record.patient)
      throw new TsvError(line, `group ${code} has an empty cell`);
    groupMap.set(code, record);
  }
  return new Wording(texts, groupMap);
}
