/**
 * The page read as a remittance, for one run of marks: the same model the popup builds
 * (lib/remit/from-page.ts) from the run's detections and what the page's raw 835s and printouts say
 * beyond their codes (lib/remit/page-facts.ts). It gives the report its facts, each mark of a counted
 * code its line's balance (`data-remit-balance`: `ok`, the signed difference in cents, or `unknown`),
 * each card its scope (the same line's codes, then the claim's, and the claim's figures and balance),
 * and, only when the user exports with them, the claim and account numbers the page shows.
 *
 * Built when asked and kept until the detections change; marks made before it was built get their
 * balance shortly after the page settles.
 */
import type { ExplainInput } from '@/lib/catalog/explain';
import type { Mention } from '@/lib/detect/types';
import { explainInput, toPageMention } from '@/lib/messages';
import { existingKeyOf } from '@/lib/page/detect-unit';
import type { Detection, MarkEntry } from '@/lib/page/scanner';
import { blockOf, type MarkElement } from '@/lib/page/units';
import { remittancesFromPage } from '@/lib/remit/from-page';
import { type ClaimIdentifiers, identifiersInText, type PageRemitFacts, readIdentifiers, readRemitFacts } from '@/lib/remit/page-facts';
import { balanceAttrs, type ClaimSummary, type MentionPlace, placesOf, scopeOf } from '@/lib/remit/scope';
import { later } from '@/lib/signal';

/** What the layer reads from the run's scanner. */
export interface RemitSource {
  detections(): Detection[];
  nodeOf(detection: Detection): Node | undefined;
  readonly marks: MarkEntry[];
  readonly scanning: boolean;
}

/** What a card lists beside its code. */
export interface CardScope {
  line: ExplainInput[];
  claim: ExplainInput[];
  summary?: ClaimSummary;
}

interface Built {
  mentions: Mention[];
  facts: PageRemitFacts[];
  places: Map<number, MentionPlace>;
  indexOf: Map<Mention, number>;
  attrs: Map<Mention, string>;
}

const BALANCE = 'data-remit-balance';
/** How long after the last change the marks' balances are brought up to date. */
const SETTLE_MS = 200;
/** A raw 835's or a printout's claim key: `<block>.c<n>`. */
const BLOCK_CLAIM = /^([^.]+)\.c\d+$/;

export class RemitLayer {
  private built: Built | null = null;
  private cancel: () => void = () => undefined;

  constructor(
    private readonly source: RemitSource,
    private readonly signal: AbortSignal,
  ) {}

  /** The detections may have changed: the marks' balances are checked again once the page settles. */
  changed(): void {
    this.cancel();
    this.cancel = later(this.signal, SETTLE_MS, () => this.refresh());
  }

  /** The facts for the page's report; none while the first scan runs (they follow when it ends). */
  remits(): PageRemitFacts[] | undefined {
    if (this.source.scanning && !this.built) return undefined;
    const facts = this.current().facts;
    return facts.length > 0 ? facts : undefined;
  }

  /** A new mark: its line's balance, when the model is already built with its mention. */
  decorate(mark: MarkElement, mention: Mention): void {
    const attr = this.built?.attrs.get(mention);
    if (attr !== undefined) mark.setAttribute(BALANCE, attr);
  }

  /** What the card of `mention` lists beside it. */
  scope(mention: Mention): CardScope {
    const built = this.current();
    const index = built.indexOf.get(mention);
    if (index === undefined) return { line: [], claim: [] };
    const scope = scopeOf(built.places, index, mention.code);
    const inputs = (list: number[]) => list.flatMap((i) => (built.mentions[i] ? [explainInput(built.mentions[i])] : []));
    return { line: inputs(scope.line), claim: inputs(scope.claim), ...(scope.summary ? { summary: scope.summary } : {}) };
  }

  /**
   * The claim and account numbers the page shows, by claim key: for a CSV the user asked to have them
   * in. Read now, from the page, and never kept.
   */
  identifiers(): ClaimIdentifiers[] {
    const out = new Map<string, ClaimIdentifiers>();
    const blocks = new Set<string>();
    for (const d of this.source.detections()) {
      const key = d.mention.claimKey;
      if (!key || out.has(key)) continue;
      const node = this.source.nodeOf(d);
      const prefix = BLOCK_CLAIM.exec(key)?.[1];
      if (prefix) {
        if (blocks.has(prefix)) continue;
        blocks.add(prefix);
        const block = node ? blockOf(node) : null;
        if (block && existingKeyOf(block) === prefix)
          for (const ids of readIdentifiers(block.textContent ?? '', prefix)) out.set(ids.key, ids);
        continue;
      }
      const box = node ? boxOf(node, key) : undefined;
      if (box) out.set(key, identifiersInText(key, textAround(box)));
    }
    return [...out.values()].filter((ids) => ids.account !== undefined || ids.payerClaimNumber !== undefined);
  }

  /** The model for the detections as they are now (built again only when they changed). */
  private current(): Built {
    const detections = this.source.detections();
    const built = this.built;
    if (built && built.mentions.length === detections.length && detections.every((d, i) => d.mention === built.mentions[i])) return built;
    const mentions = detections.map((d) => d.mention);
    const facts = this.readFacts(detections);
    const remits = remittancesFromPage({ mentions: mentions.map(toPageMention), remits: facts });
    const indexOf = new Map(mentions.map((m, i) => [m, i] as const));
    const attrs = new Map<Mention, string>();
    for (const [i, attr] of balanceAttrs(remits)) {
      const m = mentions[i];
      if (m) attrs.set(m, attr);
    }
    this.built = { mentions, facts, places: placesOf(remits), indexOf, attrs };
    return this.built;
  }

  /** The facts of each block the detector read as a raw 835 or a printout (its claims' keys start with the block's). */
  private readFacts(detections: readonly Detection[]): PageRemitFacts[] {
    const seen = new Set<string>();
    const facts: PageRemitFacts[] = [];
    for (const d of detections) {
      const prefix = BLOCK_CLAIM.exec(d.mention.claimKey ?? '')?.[1];
      if (!prefix || seen.has(prefix)) continue;
      seen.add(prefix);
      const node = this.source.nodeOf(d);
      const block = node ? blockOf(node) : null;
      if (block && existingKeyOf(block) === prefix) facts.push(...readRemitFacts(block.textContent ?? '', prefix));
    }
    return facts;
  }

  /** Brings every placed mark's balance up to date (after the page settles). */
  private refresh(): void {
    if (this.signal.aborted) return;
    if (this.source.scanning) {
      this.changed();
      return;
    }
    const built = this.current();
    for (const { mark, mention } of this.source.marks) {
      const want = built.attrs.get(mention);
      if (want === undefined) {
        if (mark.hasAttribute(BALANCE)) mark.removeAttribute(BALANCE);
      } else if (mark.getAttribute(BALANCE) !== want) mark.setAttribute(BALANCE, want);
    }
  }
}

/** The element a table claim's key was given to, around one of its codes. */
function boxOf(node: Node, key: string): Element | undefined {
  for (let el = node.parentElement; el; el = el.parentElement) if (existingKeyOf(el) === key) return el;
  return undefined;
}

/** A claim box's own text and, for a table or a row, the heading just before its table. */
function textAround(box: Element): string {
  const parts = [box.textContent ?? ''];
  const table = box.closest('table, [role="grid"], [role="table"]');
  if (table) {
    if (box.tagName === 'TR') parts.unshift(headerText(box));
    for (let prev = table.previousElementSibling, n = 0; prev && n < 3; prev = prev.previousElementSibling, n++) {
      parts.unshift(prev.textContent ?? '');
      if (/^H[1-6]$/.test(prev.tagName)) break;
    }
  }
  return parts.join('\n').slice(0, 4000);
}

/** A row's cells under their column headers ("Claim #: 123"), so a labelled number reads as one. */
function headerText(row: Element): string {
  const table = row.closest('table');
  const head = table?.querySelector('thead tr') ?? table?.querySelector('tr');
  if (!head || head === row) return '';
  const names = Array.from(head.children, (c) => c.textContent?.trim() ?? '');
  return Array.from(row.children, (cell, i) => `${names[i] ?? ''}: ${cell.textContent?.trim() ?? ''}`).join('\n');
}
