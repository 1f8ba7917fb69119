/**
 * Quick lookup over the whole catalog: code spellings (`253`, `co253`, `ma 130`) and words in
 * our summaries ("timely filing"). Runs on every keystroke, so the index is built once and a
 * query is a linear scan over precomputed lowercase strings.
 */
import type { Catalog, CodeRecord } from './catalog';
import { CATEGORIES } from './categories';
import { parseCodeRef } from './code-ref';

export interface SearchHit {
  /** Normalized code to explain (`CO-253`, `253`, `N130`). */
  code: string;
  kind: 'carc' | 'rarc' | 'group';
  summary: string;
  deactivated: boolean;
  score: number;
}

interface Entry {
  record: CodeRecord;
  code: string;
  text: string;
}

export class CodeSearch {
  private readonly entries: Entry[];

  constructor(private readonly catalog: Catalog) {
    this.entries = catalog.records.map((record) => ({
      record,
      code: record.code.toUpperCase(),
      text: ` ${[record.summary ?? '', record.category ? CATEGORIES[record.category].label : '', record.guidance?.biller ?? '']
        .join(' ')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, ' ')} `,
    }));
  }

  search(query: string, limit = 20): SearchHit[] {
    const q = query.trim();
    if (q === '') return [];
    const hits = new Map<string, SearchHit>();
    const add = (hit: SearchHit) => {
      const prev = hits.get(hit.code);
      if (!prev || prev.score < hit.score) hits.set(hit.code, hit);
    };

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
          add(
            this.hit(
              e.record,
              ref.kind === 'carc' && 'group' in ref && ref.group ? `${ref.group}-${e.record.code}` : e.record.code,
              500 - e.code.length,
            ),
          );
        }
      }
    }

    const words = q
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim()
      .split(' ')
      .filter((w) => w.length > 1);
    if (words.length > 0 && !/^\d+$/.test(q.trim())) {
      for (const e of this.entries) {
        let score = 0;
        for (const w of words) {
          const at = e.text.indexOf(` ${w}`);
          if (at < 0) {
            score = 0;
            break;
          }
          // Whole words and early mentions rank higher; summaries first, then guidance.
          score += (e.text.startsWith(`${w} `, at + 1) ? 20 : 10) + Math.max(0, 10 - at / 20);
        }
        if (score > 0) {
          if (e.text.includes(` ${words.join(' ')}`)) score += 30;
          if (e.record.status === 'deactivated') score -= 15;
          add(this.hit(e.record, e.record.code, score));
        }
      }
    }
    return [...hits.values()].sort((a, b) => b.score - a.score || a.code.localeCompare(b.code, 'en', { numeric: true })).slice(0, limit);
  }

  private hit(record: CodeRecord, code: string, score: number): SearchHit {
    return { code, kind: record.kind, summary: record.summary ?? '', deactivated: record.status === 'deactivated', score };
  }
}
