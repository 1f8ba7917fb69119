/**
 * Quick lookup over the whole catalog: code spellings (`253`, `co253`, `ma 130`) and words in
 * our summaries ("timely filing"). Runs on every keystroke, so the index is built once and a
 * query is a linear scan over precomputed lowercase strings.
 */
import type { Catalog, CodeRecord } from './catalog';
import { CATEGORIES, type CategoryId } from './categories';
import { parseCodeRef } from './code-ref';
import { isCommonCode } from './common-codes';
import type { PlbRecord } from './plb';

/** One collator for every sort: building locale options per comparison is the slow part. */
const byCode = new Intl.Collator('en', { numeric: true }).compare;

export interface SearchHit {
  /** Normalized code to explain (`CO-253`, `253`, `N130`). */
  code: string;
  /** `plb`: a provider-level adjustment reason (835 PLB), its own list, never a CARC. */
  kind: 'carc' | 'rarc' | 'group' | 'plb';
  summary: string;
  /** PLB only: what the amount's sign means. */
  sign?: string;
  deactivated: boolean;
  score: number;
}

/** The words people type for a category, beyond its label ("prior auth", "bundling", "NCCI"). */
const CATEGORY_TERMS: Record<CategoryId, string> = {
  'patient-share': 'patient responsibility deductible coinsurance copay copayment cost share',
  contractual: 'contractual write off adjustment fee schedule allowed amount',
  sequestration: 'sequestration medicare 2% two percent federal cut',
  bundled: 'bundled bundling included ncci packaged incidental',
  'other-payer': 'other payer coordination of benefits cob primary secondary',
  'missing-info': 'missing invalid information billing error correct resubmit',
  authorization: 'prior authorization preauthorization precertification preauth referral',
  eligibility: 'eligibility coverage terminated not eligible member',
  'not-covered': 'not covered non covered benefit limit exclusion',
  'medical-necessity': 'medical necessity medically necessary',
  'timely-filing': 'timely filing late deadline',
  duplicate: 'duplicate already paid',
  provider: 'provider credentialing enrollment network',
  payment: 'payment interest withhold offset',
  informational: 'informational',
};

/** Words that do not have to match: "code 45 denial" should still find 45. */
const SOFT_WORDS = new Set([
  'the',
  'of',
  'a',
  'an',
  'for',
  'to',
  'and',
  'or',
  'in',
  'on',
  'code',
  'codes',
  'claim',
  'denied',
  'denial',
  'reason',
  'remark',
]);

interface Entry {
  record: CodeRecord;
  code: string;
  summary: string;
  terms: string;
  advice: string;
  boost: number;
}

const normalize = (text: string) =>
  ` ${text
    .toLowerCase()
    .replace(/[^a-z0-9%]+/g, ' ')
    .trim()} `;

/**
 * Points for one word in one field: whole words beat prefixes, early mentions beat late ones. A
 * long word also matches on its stem, for a few points ("necessity" finds "necessary").
 */
function fieldScore(field: string, word: string, whole: number, prefix: number): number {
  let at = field.indexOf(` ${word}`);
  let points = prefix;
  if (at >= 0 && field.startsWith(`${word} `, at + 1)) points = whole;
  if (at < 0 && word.length >= 7) {
    at = field.indexOf(` ${word.slice(0, 5)}`);
    points = prefix / 2;
  }
  if (at < 0) return 0;
  return points + Math.max(0, 8 - at / 16);
}

interface PlbEntry {
  record: PlbRecord;
  summary: string;
  terms: string;
}

/** Words that mark a query as being about provider-level adjustments ("plb wo", "provider level 72"). */
const PLB_QUERY = /^(?:plb|provider[\s-]*level(?:\s+adjustment)?)\s*[-:*]?\s*([a-z0-9]{2})$/i;
const PLB_TERMS = 'provider level adjustment plb payment';

export class CodeSearch {
  private readonly entries: Entry[];
  private readonly plb: PlbEntry[];

  constructor(private readonly catalog: Catalog) {
    this.entries = catalog.records.map((record) => {
      const category = record.category ? CATEGORIES[record.category] : undefined;
      return {
        record,
        code: record.code.toUpperCase(),
        summary: normalize(record.summary ?? ''),
        terms: normalize(category ? `${category.label} ${CATEGORY_TERMS[category.id]}` : ''),
        advice: normalize(`${record.guidance?.biller ?? ''} ${record.guidance?.patient ?? ''}`),
        // The codes people meet most come first among equal matches.
        boost: (record.guidance ? 10 : 0) + (isCommonCode(record.kind, record.code) ? 10 : 0),
      };
    });
    this.plb = catalog.plbCodes.map((record) => ({
      record,
      summary: normalize(`${record.name} ${record.summary}`),
      terms: normalize(`${PLB_TERMS} ${record.sign}`),
    }));
  }

  search(query: string, limit = 20): SearchHit[] {
    const q = query.trim().slice(0, 200);
    if (q === '') return [];
    const hits = new Map<string, SearchHit>();
    // Keyed by kind too: PLB 50 (a late charge) and CARC 50 are different codes.
    const add = (hit: SearchHit) => {
      const key = `${hit.kind}:${hit.code}`;
      const prev = hits.get(key);
      if (!prev || prev.score < hit.score) hits.set(key, hit);
    };

    // A PLB code by itself ("WO", "l6") or named as one ("PLB 72"): after a CARC of the same spelling
    // unless the query says PLB.
    const named = PLB_QUERY.exec(q);
    const plbCode = (named?.[1] ?? (/^[a-z0-9]{2}$/i.test(q) ? q : '')).toUpperCase();
    const plbExact = plbCode ? this.plb.find((e) => e.record.code === plbCode) : undefined;
    if (plbExact) add(this.plbHit(plbExact.record, named ? 1100 : 950));
    if (named) return [...hits.values()];

    const ref = parseCodeRef(q);
    if (ref?.kind === 'group') {
      const g = this.catalog.group(ref.group);
      if (g) add({ code: g.code, kind: 'group', summary: `${g.name}: ${g.summary}`, deactivated: false, score: 1000 });
    } else if (ref) {
      const exact = this.catalog.get(ref.kind, ref.reason);
      if (exact) add(this.hit(exact, ref.code, 1000));
      // Prefix matches help while typing: "25" suggests 250-259 too.
      const prefix = ref.reason.toUpperCase();
      for (const e of this.entries) {
        if (e.record.kind === ref.kind && e.code !== prefix && e.code.startsWith(prefix)) {
          const code = ref.kind === 'carc' && 'group' in ref && ref.group ? `${ref.group}-${e.record.code}` : e.record.code;
          add(this.hit(e.record, code, 500 - e.code.length));
        }
      }
    }

    const all = normalize(q).trim().split(' ').filter(Boolean);
    // "code 45 denial": a code inside a phrase still finds the code.
    if (all.length > 1) {
      for (const w of all) {
        const inner = /\d/.test(w) ? parseCodeRef(w) : undefined;
        const record = inner && inner.kind !== 'group' ? this.catalog.get(inner.kind, inner.reason) : undefined;
        if (inner && inner.kind !== 'group' && record) add(this.hit(record, inner.code, 900));
      }
    }
    const words = all.filter((w) => w.length > 1 && !SOFT_WORDS.has(w) && !/^\d+$/.test(w));
    // A code-shaped query ("CO-999") is a code lookup: its letters are not words to search for.
    if (words.length > 0 && !/^\d+$/.test(q) && !(ref && ref.kind !== 'group')) {
      const phrase = ` ${words.join(' ')}`;
      for (const e of this.entries) {
        let score = 0;
        for (const w of words) {
          // Our summary counts most; the category's words and the advice add context.
          const inSummary = fieldScore(e.summary, w, 30, 20);
          const inTerms = fieldScore(e.terms, w, 22, 14);
          const inAdvice = fieldScore(e.advice, w, 10, 6);
          if (inSummary + inTerms + inAdvice === 0) {
            score = 0;
            break;
          }
          score += Math.max(inSummary, inTerms, inAdvice) + 0.3 * (inSummary + inTerms + inAdvice);
        }
        if (score === 0) continue;
        if (words.length > 1 && (e.summary.includes(phrase) || e.terms.includes(phrase))) score += 30;
        score += e.boost;
        if (e.record.status === 'deactivated') score -= 25;
        add(this.hit(e.record, e.record.code, score));
      }
      for (const e of this.plb) {
        let score = 0;
        for (const w of words) {
          const inSummary = fieldScore(e.summary, w, 30, 20);
          const inTerms = fieldScore(e.terms, w, 22, 14);
          if (inSummary + inTerms === 0) {
            score = 0;
            break;
          }
          score += Math.max(inSummary, inTerms) + 0.3 * (inSummary + inTerms);
        }
        if (score === 0) continue;
        if (words.length > 1 && (e.summary.includes(phrase) || e.terms.includes(phrase))) score += 30;
        add(this.plbHit(e.record, score));
      }
    }
    return [...hits.values()].sort((a, b) => b.score - a.score || byCode(a.code, b.code)).slice(0, limit);
  }

  private plbHit(record: PlbRecord, score: number): SearchHit {
    return { code: record.code, kind: 'plb', summary: `${record.name}: ${record.summary}`, sign: record.sign, deactivated: false, score };
  }

  private hit(record: CodeRecord, code: string, score: number): SearchHit {
    return { code, kind: record.kind, summary: record.summary ?? '', deactivated: record.status === 'deactivated', score };
  }
}
