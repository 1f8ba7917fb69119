/**
 * Marks every code mention on a page and keeps the marks right while the page changes:
 * the first pass runs in small time-boxed chunks (the tab never freezes), then a
 * MutationObserver rescans only what changed. Pages built by frameworks rewrite and remove
 * their own nodes; a patch touched by the page is undone and its block scanned again, so
 * marks are never stale or doubled and the page's own nodes are never moved.
 */
import type { KnownCodes, Mention } from '../detect/types';
import { forgetTable, type RowContext, rowOf } from './context';
import { detectUnit } from './detect-unit';
import { markSpans, type Patch, unpatch } from './marker';
import { blockOf, createUnitWalker, isInline, isInSkipped, isSkipped, MARK_TAG, type TextUnit } from './units';

export interface MarkEntry {
  mark: HTMLElement;
  mention: Mention;
}

export interface ScannerOptions {
  known: KnownCodes;
  /** Sets a new mark's attributes beyond the page contract (tone, tab stop...). */
  decorate?: (mark: HTMLElement, mention: Mention) => void;
  /** Called after marks were added or removed (batched per chunk / mutation batch). */
  onChange?: () => void;
  /** Longest stretch of work before yielding to the page, in ms. */
  budgetMs?: number;
  /** Upper bound of marks per page: beyond it a hostile page cannot make us do unbounded work. */
  maxMarks?: number;
  now?: () => number;
  yieldToPage?: () => Promise<void>;
}

function isDocument(node: Node): node is Document {
  return node.nodeType === 9;
}

const defaultYield = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export class PageScanner {
  private readonly entries = new Map<HTMLElement, MarkEntry>();
  private readonly patchesByBlock = new Map<Element, Patch[]>();
  private readonly patchOfNode = new WeakMap<Node, Patch>();
  private readonly blockOfPatch = new WeakMap<Patch, Element>();
  private observer: MutationObserver | null = null;
  private dirty = new Set<Element>();
  private fresh = new Set<Element>();
  private flushing = false;
  private stopped = false;
  /** Bumped by stop(): a pass still waiting for its next chunk sees it and ends. */
  private generation = 0;
  scanning = false;

  constructor(
    private readonly root: Document | Element,
    private readonly options: ScannerOptions,
  ) {}

  get marks(): MarkEntry[] {
    return [...this.entries.values()].filter((e) => e.mark.isConnected);
  }

  /** The mention behind a mark, if the mark is ours and still on the page. */
  entry(mark: Element): MarkEntry | undefined {
    const entry = this.entries.get(mark as HTMLElement);
    return entry?.mark.isConnected ? entry : undefined;
  }

  /** First full pass, in chunks; resolves when the page is fully marked. */
  async start(): Promise<void> {
    this.stopped = false;
    this.observe();
    // nodeType, not instanceof: a document from another realm (a frame, DOMParser) is still a document.
    const root = this.root;
    await this.scanRoot(isDocument(root) ? (root.body ?? root.documentElement) : root);
    if (!this.flushing && (this.dirty.size > 0 || this.fresh.size > 0)) await this.rescanDirty();
  }

  /** Removes every mark and restores the page's text nodes exactly. */
  stop(): void {
    this.stopped = true;
    this.generation++;
    this.scanning = false;
    this.observer?.disconnect();
    this.observer = null;
    this.dirty.clear();
    this.fresh.clear();
    for (const patches of this.patchesByBlock.values()) for (const p of patches) this.undo(p);
    this.patchesByBlock.clear();
    this.entries.clear();
    this.options.onChange?.();
  }

  private async scanRoot(root: Node | null): Promise<void> {
    // A change inside an editor or a field (a biller typing) must not bring marks into it.
    if (!root || (root.nodeType === 1 && isInSkipped(root as Element))) return;
    const generation = this.generation;
    this.scanning = true;
    const now = this.options.now ?? (() => performance.now());
    const budget = this.options.budgetMs ?? 12;
    const rows = new Map<Element, RowContext>();
    const walker = createUnitWalker(root);
    let deadline = now() + budget;
    let added = false;
    for (let unit = walker.next(); unit && !this.stopped; unit = walker.next()) {
      if (this.markUnit(unit, rows)) added = true;
      if (now() > deadline) {
        if (added) this.options.onChange?.();
        added = false;
        walker.checkpoint();
        await (this.options.yieldToPage ?? defaultYield)();
        if (generation !== this.generation) return;
        // The page may have changed meanwhile; let the observer's records in first.
        this.flush();
        // If the page removed the spot the walk was at, it goes on after what is left of it,
        // and that part is scanned again later.
        const lost = walker.resync();
        if (lost) this.dirty.add(lost);
        deadline = now() + budget;
        rows.clear();
      }
    }
    this.scanning = false;
    if (added) this.options.onChange?.();
  }

  /** Detects and marks one unit; true when marks were added. */
  private markUnit(unit: TextUnit, rows: Map<Element, RowContext>): boolean {
    const max = this.options.maxMarks ?? 20000;
    if (this.entries.size >= max) return false;
    const mentions = detectUnit(unit, this.options.known, rows).slice(0, max - this.entries.size);
    if (mentions.length === 0) return false;
    if (unit.nodes.some((node) => this.patchOfNode.has(node))) {
      // Text we already patched (a walk that met our own nodes): never patch twice; rescan the block.
      this.dirty.add(unit.block);
      return false;
    }
    this.withoutObserving(() => {
      const patch = markSpans(unit, mentions, (mark, mention) => {
        mark.setAttribute('data-remit-code', mention.code);
        if (mention.amount) mark.setAttribute('data-remit-amount', mention.amount);
        this.options.decorate?.(mark, mention);
      });
      patch.marks.forEach((mark, i) => {
        const mention = mentions[i];
        if (mention) this.entries.set(mark, { mark, mention });
      });
      for (const node of patch.originals.keys()) this.patchOfNode.set(node, patch);
      for (const node of patch.inserted) this.patchOfNode.set(node, patch);
      const list = this.patchesByBlock.get(unit.block) ?? [];
      list.push(patch);
      this.patchesByBlock.set(unit.block, list);
      this.blockOfPatch.set(patch, unit.block);
    });
    return true;
  }

  private observe(): void {
    const doc = isDocument(this.root) ? this.root : this.root.ownerDocument;
    const View = doc.defaultView;
    if (!View || this.observer) return;
    this.observer = new View.MutationObserver((records) => this.absorb(records));
    this.observer.observe(this.root, { childList: true, characterData: true, subtree: true });
  }

  /** Runs our own DOM writes so the observer does not see them as the page's. */
  private withoutObserving(write: () => void): void {
    const pending = this.observer?.takeRecords() ?? [];
    if (pending.length > 0) this.collect(pending);
    write();
    this.observer?.takeRecords();
  }

  private flush(): void {
    const pending = this.observer?.takeRecords() ?? [];
    if (pending.length > 0) this.absorb(pending);
  }

  /** Page mutations: decide what to undo and which blocks to scan again. */
  private absorb(records: MutationRecord[]): void {
    this.collect(records);
    // During a pass, start() rescans what changed once the pass is done; never two passes at once.
    if (!this.flushing && !this.scanning) void this.rescanDirty();
  }

  private collect(records: MutationRecord[]): void {
    for (const record of records) {
      const target = record.target;
      if (record.type === 'characterData') {
        this.touched(target);
        continue;
      }
      for (const node of Array.from(record.removedNodes)) this.dropPatchesWithin(node);
      for (const node of Array.from(record.addedNodes)) {
        if (node.nodeType === 1 && isSkipped(node as Element)) continue;
        if (this.patchOfNode.has(node)) continue;
        this.touched(node);
      }
      if (target.nodeType === 1) {
        const table = (target as Element).closest('thead');
        if (table?.parentElement) forgetTable(table.parentElement);
      }
    }
  }

  /** A page node changed: its patch (if any) is undone and its block queued for a rescan. */
  private touched(node: Node): void {
    const patch = this.patchOfNode.get(node);
    if (patch) this.dropPatch(patch, node);
    const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
    if (!el || isInSkipped(el)) return;
    if (node.nodeType === 1 && !isInline(el)) {
      // A new row, cell or section: scan just its subtree, nothing in it is marked yet.
      this.fresh.add(el);
      return;
    }
    const block = blockOf(node) ?? el;
    // A cell's codes depend on its row (group, amount columns): rescan the whole row.
    this.dirty.add(rowOf(block) ?? block);
  }

  /** Undoes `patch`; a text node the page rewrote (`changed`) keeps the page's new text. */
  private dropPatch(patch: Patch, changed: Node | null): void {
    const block = this.blockOfPatch.get(patch);
    for (const mark of patch.marks) this.entries.delete(mark);
    const keep = new Set<Text>();
    if (changed?.nodeType === 3) keep.add(changed as Text);
    this.withoutObservingWrites(() => this.undo(patch, keep));
    if (block) {
      const list = this.patchesByBlock.get(block)?.filter((p) => p !== patch) ?? [];
      if (list.length > 0) this.patchesByBlock.set(block, list);
      else this.patchesByBlock.delete(block);
      if (block.isConnected) this.dirty.add(rowOf(block) ?? block);
    }
  }

  /** Undoes a patch and forgets its nodes, so they read as the page's own again. */
  private undo(patch: Patch, keep?: ReadonlySet<Text>): void {
    for (const node of [...patch.originals.keys(), ...patch.inserted]) {
      if (this.patchOfNode.get(node) === patch) this.patchOfNode.delete(node);
    }
    unpatch(patch, keep);
  }

  private withoutObservingWrites(write: () => void): void {
    write();
    this.observer?.takeRecords();
  }

  /**
   * The page removed `node`: every patch with a node in it is undone, so what the page took out is
   * exactly what it put in (it may put the same nodes back: frameworks move rows that way), and the
   * rest of a patch that reached outside it (`<b>CO</b>-45` minus the <b>) is scanned again.
   */
  private dropPatchesWithin(node: Node): void {
    const patches = new Set<Patch>();
    const own = this.patchOfNode.get(node);
    if (own) patches.add(own);
    if (node.nodeType === 1 && node.firstChild) {
      const walker = (node.ownerDocument ?? (node as Document)).createTreeWalker(node, 0x1 | 0x4);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const patch = this.patchOfNode.get(n);
        if (patch) patches.add(patch);
      }
    }
    for (const patch of patches) this.dropPatch(patch, null);
  }

  private async rescanDirty(): Promise<void> {
    this.flushing = true;
    try {
      while ((this.dirty.size > 0 || this.fresh.size > 0) && !this.stopped) {
        const dirty = [...this.dirty].filter((el) => el.isConnected);
        const fresh = [...this.fresh].filter((el) => el.isConnected);
        this.dirty.clear();
        this.fresh.clear();
        const roots = [...dirty, ...fresh];
        // Scan only outermost roots; nested ones are covered by their ancestor's pass.
        const outer = (el: Element) => !roots.some((other) => other !== el && other.contains(el));
        // Fresh roots are cleared too: one the pass already reached must not be marked twice.
        for (const root of roots.filter(outer)) this.clearWithin(root);
        for (const root of roots.filter(outer)) await this.scanRoot(root);
      }
    } finally {
      this.flushing = false;
    }
    this.options.onChange?.();
  }

  /** Undoes our patches inside `root` before it is scanned again. */
  private clearWithin(root: Element): void {
    const patches = new Set<Patch>();
    for (const mark of Array.from(root.querySelectorAll(MARK_TAG))) {
      const patch = this.patchOfNode.get(mark);
      if (patch) patches.add(patch);
    }
    if (patches.size === 0) return;
    this.withoutObservingWrites(() => {
      for (const patch of patches) {
        for (const mark of patch.marks) this.entries.delete(mark);
        const block = this.blockOfPatch.get(patch);
        this.undo(patch);
        if (block) {
          const list = this.patchesByBlock.get(block)?.filter((p) => p !== patch) ?? [];
          if (list.length > 0) this.patchesByBlock.set(block, list);
          else this.patchesByBlock.delete(block);
        }
      }
    });
  }
}
