/**
 * Mark tones: each mark's colour family (a fact of its code: `data-remit-tone`) and its spoken lead.
 * Which categories the user left uncoloured is not written on marks (a page could read it there):
 * the stylesheet greys those codes out (plainCodes, mark-style.ts). Explanations are asked for in one round trip per batch of new
 * codes and kept for the run: thousands of marks share a few codes.
 */
import { leadText } from '@/components/CodeCard';
import type { Explanation } from '@/lib/catalog/explain';
import type { MarkElement } from '@/lib/page/units';
import type { ReadingMode } from '@/lib/settings';

export type ExplainCodes = (codes: string[]) => Promise<Explanation[]>;

/** What a tone depends on besides the code. */
export interface ToneView {
  mode: ReadingMode;
  categories: readonly string[];
}

export class MarkTones {
  private readonly byCode = new Map<string, Explanation>();
  /** Marks made before their code's explanation arrived: toned by refresh(). */
  private readonly untoned = new Set<MarkElement>();
  /** A mark's spoken lead per explanation and mode. */
  private leads = new WeakMap<Explanation, { mode: ReadingMode; text: string }>();

  constructor(
    private readonly explain: ExplainCodes,
    private view: ToneView,
  ) {}

  /** The explanation of a code, once fetched. */
  get(code: string): Explanation | undefined {
    return this.byCode.get(code);
  }

  /** Tones a new mark now when its code is known, else after the next refresh(). */
  decorate(mark: MarkElement, code: string): void {
    const e = this.byCode.get(code);
    if (e) this.apply(mark, e);
    else this.untoned.add(mark);
  }

  /** One round trip for the codes that have no explanation yet. */
  async fetch(codes: Iterable<string>): Promise<void> {
    const missing = [...new Set(codes)].filter((c) => c && !this.byCode.has(c));
    if (missing.length === 0) return;
    const answers = await this.explain(missing).catch((): Explanation[] => []);
    answers.forEach((e, i) => {
      const code = missing[i];
      if (code) this.byCode.set(code, e);
    });
  }

  /** Tones the marks made before their code's explanation was known. */
  async refresh(): Promise<void> {
    const marks = [...this.untoned];
    this.untoned.clear();
    if (marks.length === 0) return;
    await this.fetch(marks.map((m) => m.getAttribute('data-remit-code') ?? ''));
    for (const mark of marks) {
      const e = this.byCode.get(mark.getAttribute('data-remit-code') ?? '');
      if (e && mark.isConnected) this.apply(mark, e);
    }
  }

  /** New settings: every given mark is toned again. */
  retone(view: ToneView, marks: Iterable<{ mark: MarkElement; code: string }>): void {
    this.view = view;
    for (const { mark, code } of marks) {
      const e = this.byCode.get(code);
      if (e) this.apply(mark, e);
    }
  }

  /** The tone a code is shown in: its category's, or plain when the user turned that colour off. */
  private toneOf(e: Explanation): string {
    return this.coloured(e) ? e.tone : 'plain';
  }

  private coloured(e: Explanation): boolean {
    return e.category === undefined || this.view.categories.includes(e.category.id);
  }

  /** Codes known so far whose category the user left uncoloured. */
  plainCodes(): string[] {
    return [...this.byCode].filter(([, e]) => !this.coloured(e)).map(([code]) => code);
  }

  /** The highlight a code in a huge block is painted with (`::highlight(…)` in mark-style.ts). */
  highlightOf(code: string): string {
    const e = this.byCode.get(code);
    return `remit-lens-${e ? this.toneOf(e) : 'mark'}`;
  }

  private apply(mark: MarkElement, e: Explanation): void {
    mark.setAttribute('data-remit-tone', e.tone);
    let lead = this.leads.get(e);
    if (lead?.mode !== this.view.mode) {
      lead = { mode: this.view.mode, text: leadText(e, this.view.mode) };
      this.leads.set(e, lead);
    }
    mark.setAttribute('aria-description', lead.text);
  }
}
