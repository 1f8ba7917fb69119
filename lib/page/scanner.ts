/**
 * Marks every code mention on a page and keeps the marks right while the page changes.
 * A pass runs in time-boxed chunks that yield to the page. What its first chunk found (the top of
 * the page) is marked at once; then it detects the rest without touching the page, makes the marks
 * (detached), and writes them in as little script time as it can, since on a huge page the
 * browser's restyle and layout after DOM writes costs far more than the script. Then a MutationObserver rescans only what changed. Pages built by frameworks rewrite and remove
 * their own nodes; a patch touched by the page is undone and its block scanned again, so
 * marks are never stale or doubled and the page's own nodes are never moved.
 * Web components keep their content in shadow roots: the walk goes into them, and each one it
 * enters is observed too (a document observer does not see inside them).
 */
import { detectInText } from '../detect/text';
import type { KnownCodes, Mention } from '../detect/types';
import { Churn } from './churn';
import { contextPass, forgetTable, rowOf } from './context';
import { detectUnit, detectUnitSteps } from './detect-unit';
import { isElement } from './dom';
import type { HugeRecord } from './huge-blocks';
import { createMark, markSpans, type Patch, unpatch } from './marker';
import { PageEvidence } from './page-evidence';
import { retextUnit } from './retext';
import {
  blockOf,
  createUnitWalker,
  isInline,
  isInSkipped,
  isMark,
  isSkipped,
  MARK_NAME,
  MARK_SELECTOR,
  type MarkElement,
  openShadowRoot,
  parentOf,
  type ShadowRootOf,
  type TextUnit,
  type UnitWalker,
  type WalkOptions,
} from './units';
import { NearViewport } from './viewport';
import { type Visibility, visibilityOf } from './visibility';

export interface MarkEntry {
  mark: MarkElement;
  mention: Mention;
}

export interface ScannerOptions {
  known: KnownCodes;
  /** Sets a new mark's attributes beyond the page contract (tone, tab stop...). */
  decorate?: (mark: MarkElement, mention: Mention) => void;
  /** The first pass read more of the page (called as it yields; `progress` says how far). */
  onProgress?: () => void;
  /** Called after marks were added or removed (batched per chunk / mutation batch). */
  onChange?: () => void;
  /** Longest stretch of detection (no DOM writes) before yielding to the page, in ms. */
  budgetMs?: number;
  /** Longest stretch of writing marks before yielding (the browser may render in between), in ms. */
  writeBudgetMs?: number;
  /**
   * Treat the page as a remittance from the start instead of reading its evidence (PageEvidence): for
   * text the user asked to read as one, and for tests of the scanner's mechanics.
   */
  remittance?: boolean;
  /** Upper bound of marks per page: beyond it a hostile page cannot make us do unbounded work. */
  maxMarks?: number;
  /** Waits before a block whose marks the page took away is marked again (default FIGHT_BACKOFF_MS). */
  fightBackoffMs?: readonly number[];
  /** Awaited once per pass between detection and writing, with what is about to be marked. */
  beforeWrite?: (mentions: readonly Mention[]) => Promise<void>;
  now?: () => number;
  /** Work (units, marks) between two reads of the clock; tests set 1 to pause as often as possible. */
  clockEvery?: number;
  yieldToPage?: () => Promise<void>;
  /** The shadow root an element hosts; default: open roots only (see WalkOptions). */
  shadowRootOf?: ShadowRootOf;
  /**
   * When to look again at custom elements that hosted no shadow root when walked (ms after the last
   * one was found): a component whose script loads later, or that renders later (on data, on first
   * view), attaches a root and renders into it unseen.
   */
  shadowChecksMs?: readonly number[];
  /**
   * Called the first time marks go into a shadow root (after each start()): the page's styles,
   * and ours, do not reach inside, so the caller adds its mark style there.
   */
  onMarkedRoot?: (root: ShadowRoot) => void;
  /**
   * Where the codes of a huge unit go instead of marks (see huge-blocks.ts): highlights that cost the
   * page no layout. Without it (tests, old browsers) a huge unit is marked like any other.
   */
  huge?: {
    add(record: HugeRecord): void;
    remove(record: HugeRecord): void;
    /** Scrolls to a code of a huge unit and gives its overlay mark, if it has one. */
    reveal(record: HugeRecord, index: number): MarkElement | undefined;
  };
  /**
   * `viewport` (where IntersectionObserver exists): every code is read and reported, but marks are
   * placed only near what the reader sees, and more as the reader scrolls. `all` (the default, for
   * tests without layout): every mark at once.
   */
  placement?: 'viewport' | 'all';
  /**
   * How a block of text is shown. Default: visibilityOf (its layout and style) with `viewport`
   * placement, the browser's way; every block shown with `all` (tests without layout).
   */
  visibility?: (block: Element) => Visibility;
}

/** A code found on the page, as the report gives it: the mention and a handle to reveal it by. */
export interface Detection {
  mention: Mention;
  /** Where it is: reveal() places its mark when it has none yet. */
  readonly record: object;
  collapsed: boolean;
}

/** A text unit with codes: detected, reported, and marked once near the reader. */
interface UnitRecord {
  unit: TextUnit;
  mentions: Mention[];
  /** Shown, in something the reader can open, or nowhere a reader can see (not counted). */
  visibility: Visibility;
  /** Each node's text when last seen by us: the write checks it is still the same. */
  data: string[];
  /** Page changes seen when `data` was taken: while none came since, the unit is known unchanged. */
  seen: number;
  /** Shown with highlights, never marked (a unit too big to write into, see huge-blocks.ts). */
  huge?: boolean;
  /** Mentions from the end already marked (a huge unit is marked in slices, right to left). */
  done: number;
  patch?: Patch;
  /** The marks, made (detached, so the page is not restyled) before the first write. */
  marks?: MarkElement[];
}

const OBSERVED: MutationObserverInit = { childList: true, characterData: true, subtree: true };
/** How often, at the least, the scan yields in a plain task (defaultYield). */
const PLAIN_YIELD_MS = 50;
/** How far from the viewport (in screens) the neighbours of a block that came near are marked with it. */
const PLACE_BAND = 6;
/** Neighbours looked at on each side of a block that came near, at most. */
const MAX_WIDEN = 4000;
/** Blocks in view marked at most on a scroll (scrolled()). */
const MAX_IN_VIEW = 400;
/** Blocks watched one by one before only sentinels are (see sentinel()). */
const SPARSE_FROM = 2000;
/** One block in this many is watched past SPARSE_FROM. */
const SENTINEL_STRIDE = 16;
/** Mentions marked per markSpans call: a text node with thousands of codes is marked across tasks. */
const SLICE = 64;
/** A real ERA page can hold well over 20,000 codes; this only bounds what a hostile page can make us do. */
const MAX_MARKS = 200_000;
/** Custom elements without a shadow root that are looked at again; a bound for hostile pages. */
const MAX_SHADOWLESS = 500;
/** After the last one was found: most lazily loaded components are defined and render within seconds. */
const SHADOW_CHECKS_MS = [250, 1000, 4000, 16_000];
const SHADOW_CHECK_GAP_MS = 200;
/**
 * Script time of one write batch. The browser renders what the batches wrote when it chooses (about
 * every 100 ms of busy main thread). On the 2,000-claim bench page a frame after writes costs
 * ~140 ms plus ~40 µs a mark, so writes are not paced one batch per frame: that makes many more
 * frames, each still over 50 ms (measured: 165 s instead of 5 s).
 */
const WRITE_BUDGET = 15;
/**
 * Script time of one detection chunk. Kept short: touching hundreds of thousands of page nodes makes
 * garbage collection pauses of 20-40 ms that land in whichever chunk is running.
 */
const DETECT_BUDGET = 8;
/**
 * Reading the clock for each table cell cost more than detecting in it (~150 ms of a 2,000-claim
 * page): the deadline is checked once per this much work (one unit, one mark, or 64 characters).
 */
const CLOCK_EVERY = 16;
/**
 * How long a block whose marks the page took away waits before it is marked again, by how many times
 * the page did it; after the last, the block stays unmarked for the run (its codes are still counted).
 */
const FIGHT_BACKOFF_MS = [1000, 5000, 30_000];
/** A unit at least this long is brought up to date in place when a change leaves its codes alone (retext.ts). */
const RETEXT_FROM = 2000;
/** Longest wait for a frame (a tab in the background renders none). */
const FRAME_WAIT_MS = 250;
/** Characters from which a unit's detection is worth a task of its own, and is read in steps. */
const BIG_UNIT = 4096;
/**
 * Characters from which a unit gets overlay marks rather than marks in its text (huge-blocks.ts):
 * writing an element into a block makes the browser lay all of it out again, about 0.18 ms per KB in
 * Chromium (0.5 s at 3 MB), so about 50 ms at this size.
 */
const HUGE_UNIT = 262_144;
/** Work one step of a big unit's detection counts for (a few hundred codes or lines). */
const STEP_WORK = 8;

function isDocument(node: Node): node is Document {
  return node.nodeType === 9;
}

interface Scheduler {
  yield?: () => Promise<void>;
}

/**
 * Gives the page a turn. scheduler.yield() resumes ahead of other queued work; a MessageChannel
 * post is not clamped like nested setTimeout(0) (4 ms per yield after a few).
 */
/** When the scan last gave way in a plain task (see defaultYield). */
let lastPlainYield = 0;

/**
 * Gives the page its turn between chunks. scheduler.yield()'s continuation runs ahead of every other
 * task of its priority: input and rendering get through, but the page's timers and the popup's messages
 * would wait for the whole scan (a popup opened during a long scan saw no report until its end). So
 * every PLAIN_YIELD_MS the scan yields in a plain task instead, queued behind what is already waiting.
 */
function defaultYield(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler;
  const now = performance.now();
  if (typeof scheduler?.yield === 'function' && now - lastPlainYield < PLAIN_YIELD_MS) return scheduler.yield();
  lastPlainYield = now;
  return nextTask();
}

/** Resolves in a new task (not a microtask). */
function nextTask(): Promise<void> {
  if (typeof MessageChannel !== 'function') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

export class PageScanner {
  private readonly entries = new Map<Element, MarkEntry>();
  /** Every unit with codes, by block: what the report counts, marked or not. */
  private readonly records = new Map<Element, UnitRecord[]>();
  /** The record each of a unit's text nodes belongs to (the page's nodes; ours are in patchOfNode). */
  private readonly recordOfNode = new WeakMap<Node, UnitRecord>();
  private readonly recordOfPatch = new WeakMap<Patch, UnitRecord>();
  /** Places marks as blocks with codes come near the reader (null: every mark at once). */
  private near: NearViewport | null = null;
  /** Blocks whose marks the page took away: not marked again until `until` (a backoff per block). */
  private fought = new WeakMap<Element, { count: number; until: number }>();
  /** Records of blocks backing off, marked when their backoff ends (if still near the reader). */
  private readonly waiting = new Set<UnitRecord>();
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** Paces blocks the page keeps changing (see Churn). */
  private readonly churn: Churn;
  /** Blocks waiting for their turn to be read again, with when. */
  private readonly postponed = new Map<Element, number>();
  private postponeTimer: ReturnType<typeof setTimeout> | undefined;
  /** Blocks read again because the page fought their marks: not paced (their backoff paces them). */
  private readonly unpaced = new Set<Element>();
  /** Records waiting to be marked near the reader, while a write is going on. */
  private nearQueue = new Set<UnitRecord>();
  /** Ends the window's scroll listener (big pages mark what a jump shows in its first frame). */
  private scrolling: AbortController | null = null;
  /** Blocks with codes in the order the scan met them (page order, mostly): the neighbours of a block that came near. */
  private order: Element[] = [];
  private orderOf = new Map<Element, number>();
  private placing = false;
  private readonly patchesByBlock = new Map<Element, Patch[]>();
  private readonly patchOfNode = new WeakMap<Node, Patch>();
  private readonly blockOfPatch = new WeakMap<Patch, Element>();
  private observer: MutationObserver | null = null;
  /**
   * Watches the shadow roots the walk went into. Not muted during write batches (re-observing
   * thousands of component roots after every batch cost more than the batch): what it records of
   * our own writes is dropped after each batch.
   */
  private shadowObserver: MutationObserver | null = null;
  /** The page removed elements since the last prune: some observed shadow roots may be gone. */
  private rootsMayBeGone = false;
  /** Shadow roots the walk went into: observed along with the root. */
  private readonly shadowRoots = new Set<ShadowRoot>();
  /** Shadow roots that got marks since start(): only they can hold our patches. */
  private readonly markedRoots = new Set<ShadowRoot>();
  /**
   * Hosts whose shadow tree holds marks, in it or in a tree nested in it: a walk over a removed or
   * rescanned subtree goes into those trees only (a page may have thousands of components).
   */
  private hostsWithMarks = new WeakMap<Element, ShadowRoot>();
  private readonly walkOptions: WalkOptions;
  private readonly shadowRootOf: ShadowRootOf;
  /**
   * Custom elements with no shadow root when walked (at most MAX_SHADOWLESS), with when each was
   * seen: looked at again later, each for as long as the checks after one sighting last, so a page
   * that keeps rendering components makes room for its newer ones.
   */
  private readonly shadowlessHosts = new Map<Element, number>();
  /** How long one is watched: as long as the timed checks after a sighting last, plus one check gap. */
  private readonly shadowWatchMs: number;
  private shadowCheckTimer: ReturnType<typeof setTimeout> | undefined;
  private lastShadowCheck = 0;
  private dirty = new Set<Element>();
  private fresh = new Set<Element>();
  private flushing = false;
  private stopped = false;
  /** Bumped by stop(): a pass still waiting for its next chunk sees it and ends. */
  private generation = 0;
  /** Page mutations seen so far (counted per batch of records). */
  private changes = 0;
  private deadline = 0;
  /** Work done since the clock was last read. */
  private work = 0;
  /** The observer is disconnected while a write batch runs. */
  private muted = false;
  /** Whether the page reads as a remittance; made at start(), kept across passes. */
  private evidence = new PageEvidence();
  scanning = false;
  /** True when a pass left mentions unmarked because the page reached maxMarks. */
  capped = false;

  constructor(
    private readonly root: Document | Element,
    private readonly options: ScannerOptions,
  ) {
    this.now = options.now ?? (() => performance.now());
    this.churn = new Churn(() => this.now());
    this.shadowRootOf = options.shadowRootOf ?? openShadowRoot;
    this.shadowWatchMs = (options.shadowChecksMs ?? SHADOW_CHECKS_MS).reduce((sum, ms) => sum + ms, SHADOW_CHECK_GAP_MS);
    // The walk, the table context (a group, an amount in a component) and the shadow-root checks all
    // reach shadow roots the same way.
    this.walkOptions = {
      shadowRootOf: this.shadowRootOf,
      onShadowRoot: (shadow) => this.enteredRoot(shadow),
      onShadowless: (el) => this.sawShadowless(el),
    };
  }

  get marks(): MarkEntry[] {
    return [...this.entries.values()].filter((e) => e.mark.isConnected);
  }

  /** The mention behind a mark, if the mark is ours and still on the page. */
  entry(mark: Element): MarkEntry | undefined {
    const entry = this.entries.get(mark);
    return entry?.mark.isConnected ? entry : undefined;
  }

  /** First full pass, in chunks; resolves when the page is fully marked. */
  async start(): Promise<void> {
    this.stopped = false;
    this.capped = false;
    this.observe();
    const doc = isDocument(this.root) ? this.root : this.root.ownerDocument;
    if (this.options.placement === 'viewport' && NearViewport.available(doc)) {
      this.near = new NearViewport(doc, (elements) => this.cameNear(elements));
      this.scrolling = new AbortController();
      doc.defaultView?.addEventListener('scroll', this.scrolled, { passive: true, signal: this.scrolling.signal });
    }
    // nodeType, not instanceof: a document from another realm (a frame, DOMParser) is still a document.
    const root = this.root;
    this.evidence = new PageEvidence(isDocument(root) ? root : root.ownerDocument);
    if (this.options.remittance) this.evidence.structure();
    const first = isDocument(root) ? (root.body ?? root.documentElement) : root;
    // How much text the first pass has to read, for its progress (one native read of the text).
    this.readChars = 0;
    this.totalChars = first?.textContent?.length ?? 0;
    await this.scanRoot(first);
    this.totalChars = 0;
    if (!this.flushing && (this.dirty.size > 0 || this.fresh.size > 0)) await this.rescanDirty();
    await this.nearPlaced();
    // Whatever the passes left unmarked near the reader is marked before the scan says it is done.
    this.sweepNear();
    if (this.nearQueue.size > 0) await this.drainNear();
  }

  /**
   * Resolves once the blocks near the reader are marked: the viewport observer reports what it watches
   * after the next frame, and its marks are written then. Without frames (a hidden tab) it waits no
   * longer than FRAME_WAIT_MS.
   */
  private async nearPlaced(): Promise<void> {
    const view = (isDocument(this.root) ? this.root : this.root.ownerDocument).defaultView;
    if (!this.near || !view) return;
    const frame = () =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, FRAME_WAIT_MS);
        view.requestAnimationFrame(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    // Two frames: the observer's first reports come in a task after the first one.
    await frame();
    await frame();
    while (!this.stopped && (this.placing || this.nearQueue.size > 0)) {
      if (!this.placing) await this.drainNear();
      else await frame();
    }
  }

  /** Removes every mark and restores the page's text nodes exactly. */
  stop(): void {
    this.stopped = true;
    this.generation++;
    this.scanning = false;
    this.capped = false;
    this.observer?.disconnect();
    this.observer = null;
    this.shadowObserver?.disconnect();
    this.shadowObserver = null;
    this.muted = false;
    this.dirty.clear();
    this.fresh.clear();
    for (const patch of [...this.patchesByBlock.values()].flat()) this.undo(patch);
    for (const list of this.records.values()) for (const record of list) if (record.huge) this.options.huge?.remove(record);
    this.patchesByBlock.clear();
    this.entries.clear();
    this.records.clear();
    this.near?.disconnect();
    this.near = null;
    this.scrolling?.abort();
    this.scrolling = null;
    this.nearQueue.clear();
    this.order = [];
    this.orderOf.clear();
    this.waiting.clear();
    this.postponed.clear();
    this.unpaced.clear();
    clearTimeout(this.postponeTimer);
    this.postponeTimer = undefined;
    this.churn.clear();
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.fought = new WeakMap();
    this.shadowRoots.clear();
    this.markedRoots.clear();
    this.shadowlessHosts.clear();
    clearTimeout(this.shadowCheckTimer);
    this.shadowCheckTimer = undefined;
    this.hostsWithMarks = new WeakMap();
    this.options.onChange?.();
  }

  /** The first pass's text read so far and in all (0 once it is over): the popup's progress. */
  private readChars = 0;
  private totalChars = 0;

  /** How far the first pass has read the page (0–1), while it runs. */
  get progress(): number | undefined {
    if (!this.scanning || this.totalChars === 0) return undefined;
    return Math.min(0.99, this.readChars / this.totalChars);
  }

  /** Read per unit: one function, not a closure made on every call. */
  private readonly now: () => number;

  private get visibility(): (block: Element) => Visibility {
    return this.options.visibility ?? (this.options.placement === 'viewport' ? visibilityOf : () => 'shown');
  }

  /** True when this chunk's time is up; reads the clock only once per `clockEvery` of work. */
  private overBudget(cost: number): boolean {
    this.work += cost;
    if (this.work < (this.options.clockEvery ?? CLOCK_EVERY)) return false;
    this.work = 0;
    return this.now() > this.deadline;
  }

  /** Yields to the page; false when stop() came meanwhile (the pass must end). */
  private async pause(generation: number): Promise<boolean> {
    if (this.totalChars > 0) this.options.onProgress?.();
    await (this.options.yieldToPage ?? defaultYield)();
    if (generation !== this.generation || this.stopped) return false;
    // The page may have changed meanwhile; let the observer's records in first.
    this.flush();
    return true;
  }

  private async scanRoot(root: Node | null): Promise<void> {
    // A change inside an editor or a field (a biller typing) must not bring marks into it.
    if (!root || (root.nodeType === 1 && isInSkipped(root as Element))) return;
    const generation = this.generation;
    this.scanning = true;
    const walker = createUnitWalker(root, this.walkOptions);
    // The first chunk (the top of the page, what the reader sees first) is marked at once; the
    // rest is detected in full before any of it is written, so the browser renders it in few frames.
    for (let chunks = 1; ; chunks = Number.POSITIVE_INFINITY) {
      const pass = await this.detect(walker, generation, chunks);
      if (pass === null) return;
      if (!(await this.place(pass.pending, generation, chunks === 1))) return;
      if (pass.done) break;
    }
    this.scanning = false;
  }

  /** Every code found, as the report gives it: what a reader can see or open, in no particular order. */
  detections(): Detection[] {
    const out: Detection[] = [];
    for (const list of this.records.values()) {
      for (const record of list) {
        if (record.visibility === 'hidden') continue;
        const collapsed = record.visibility === 'collapsed';
        for (const mention of record.mentions) out.push({ mention, record, collapsed });
      }
    }
    return out;
  }

  /**
   * The mark of a detection, placed now if it had none (the popup's "find it on the page" for a code
   * far from where the reader is); undefined when the code is no longer on the page.
   */
  async reveal(detection: Detection): Promise<MarkEntry | undefined> {
    const record = detection.record as UnitRecord;
    if (!this.isRemembered(record)) return undefined;
    if (record.huge) {
      const mark = this.options.huge?.reveal(record, record.mentions.indexOf(detection.mention));
      return mark ? { mark, mention: detection.mention } : undefined;
    }
    if (!record.patch || record.done < record.mentions.length) await this.mark([record], this.generation);
    const at = record.mentions.indexOf(detection.mention);
    const mark = record.patch?.marks[at];
    return mark ? this.entry(mark) : undefined;
  }

  /** The huge unit a detection is in (shown with highlights, never marked), and its index there. */
  hugeOf(detection: Detection): { record: HugeRecord; index: number } | undefined {
    const record = detection.record as UnitRecord;
    if (!record.huge || !this.isRemembered(record)) return undefined;
    const index = record.mentions.indexOf(detection.mention);
    return index < 0 ? undefined : { record, index };
  }

  /** The first text node of a detection's unit (its place on the page). */
  nodeOf(detection: Detection): Node | undefined {
    return (detection.record as UnitRecord).unit.nodes[0];
  }

  private isRemembered(record: UnitRecord): boolean {
    return this.records.get(record.unit.block)?.includes(record) === true && record.unit.nodes[0]?.isConnected === true;
  }

  /** Adds new records to the report (their visibility was read as they were detected). */
  private remember(records: readonly UnitRecord[]): void {
    for (const record of records) {
      const block = record.unit.block;
      const list = this.records.get(block);
      if (list) list.push(record);
      else this.records.set(block, [record]);
      if (!this.orderOf.has(block)) {
        this.orderOf.set(block, this.order.length);
        this.order.push(block);
      }
      for (const node of record.unit.nodes) this.recordOfNode.set(node, record);
    }
    if (records.length > 0) this.options.onChange?.();
  }

  /** Forgets a record (its text changed or left the page); its patch, if any, is undone by the caller. */
  private forget(record: UnitRecord): void {
    const block = record.unit.block;
    const list = this.records.get(block);
    if (list) {
      const rest = list.filter((r) => r !== record);
      if (rest.length > 0) this.records.set(block, rest);
      else {
        this.records.delete(block);
        this.near?.unwatch(block);
      }
    }
    for (const node of record.unit.nodes) if (this.recordOfNode.get(node) === record) this.recordOfNode.delete(node);
    this.nearQueue.delete(record);
    this.waiting.delete(record);
    if (record.huge) this.options.huge?.remove(record);
  }

  /**
   * Marks what the reader can see: everything at once without an IntersectionObserver; else the
   * first chunk's blocks that are near the viewport now, and the rest as they come near.
   */
  private async place(all: UnitRecord[], generation: number, first: boolean): Promise<boolean> {
    const records = all.filter((r) => !r.huge);
    for (const record of all) if (record.huge && record.visibility === 'shown') this.options.huge?.add(record);
    const visible = this.notFought(records.filter((r) => r.visibility === 'shown'));
    const near = this.near;
    if (!near) return this.mark(visible, generation);
    for (const record of records) if (!this.waiting.has(record) && this.sentinel(record.unit.block)) near.watch(record.unit.block);
    // The first chunk of the page, and what the page changed later (an added row), is marked at once where
    // the reader is; the rest of the first pass waits for the observer.
    if (!first && !this.flushing) return true;
    const view = records[0]?.unit.block.ownerDocument.defaultView;
    const height = view?.innerHeight ?? 0;
    const now = visible.filter((r) => {
      const box = r.unit.block.getBoundingClientRect();
      return box.bottom >= -2 * height && box.top <= 3 * height && box.height > 0;
    });
    return this.mark(now, generation);
  }

  /**
   * Whether a block is watched for coming near. An IntersectionObserver works out every target on every
   * frame: watching 47,000 cells made each frame of a steady scroll take ~100 ms (measured on the
   * 2,000-claim bench page). Past SPARSE_FROM blocks only every SENTINEL_STRIDE-th block in page order
   * is watched; when one comes near, widen() marks its neighbours with it.
   */
  private sentinel(block: Element): boolean {
    const at = this.orderOf.get(block);
    return at === undefined || at < SPARSE_FROM || at % SENTINEL_STRIDE === 0;
  }

  /**
   * A scroll on a big page: the blocks now in view are marked in the frame that shows them (the scroll
   * event comes before that frame's rendering; the observer reports only after it, a frame or two late).
   * Blocks in page order are found by their position, a binary search that holds where page order runs
   * top to bottom; elsewhere it finds less, and the observer still brings the rest.
   */
  private readonly scrolled = (): void => {
    const order = this.order;
    if (this.stopped || order.length < SPARSE_FROM) return;
    const height = order[0]?.ownerDocument.defaultView?.innerHeight ?? 0;
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const el = order[mid] as Element;
      if (!el.isConnected || el.getBoundingClientRect().bottom < 0) lo = mid + 1;
      else hi = mid;
    }
    const inView: Element[] = [];
    for (let i = lo; i < order.length && inView.length < MAX_IN_VIEW; i++) {
      const box = (order[i] as Element).getBoundingClientRect();
      if (box.top > height) break;
      if (box.bottom >= 0 && box.height > 0) inView.push(order[i] as Element);
    }
    if (inView.length > 0) this.cameNear(inView, false);
  };

  /** Blocks came near the reader: their records are marked (one write at a time), with their neighbours when `widen`. */
  private cameNear(blocks: Element[], widen = true): void {
    if (this.stopped) return;
    const visibility = this.visibility;
    let shown = false;
    for (const block of blocks) {
      for (const record of this.records.get(block) ?? []) {
        // A block that was hidden or folded may have opened: it counts (and is marked) from now on.
        if (record.visibility !== 'shown') {
          const now = visibility(block);
          if (now !== record.visibility) {
            record.visibility = now;
            shown = true;
          }
        }
        if (record.visibility === 'shown' && (!record.patch || record.done < record.mentions.length)) this.nearQueue.add(record);
      }
    }
    if (widen && this.nearQueue.size > 0) this.widen(blocks);
    if (shown) this.options.onChange?.();
    void this.drainNear();
  }

  /**
   * Marks go in strides: with the blocks that came near, their neighbours up to PLACE_BAND screens away
   * are marked in the same write. Every write costs the page a rendering update (on a big page, its
   * whole style and layout), so a reader scrolling at a steady pace meets one every few screens rather
   * than one a frame. Called when the observer reports, after layout: reading boxes forces none.
   */
  private widen(blocks: Element[]): void {
    const view = blocks[0]?.ownerDocument.defaultView;
    const height = view?.innerHeight ?? 0;
    if (height === 0) return;
    const inBand = (block: Element) => {
      const box = block.getBoundingClientRect();
      return box.bottom >= -PLACE_BAND * height && box.top <= (PLACE_BAND + 1) * height;
    };
    const seen = new Set<Element>(blocks);
    for (const block of blocks) {
      const at = this.orderOf.get(block);
      if (at === undefined) continue;
      for (const step of [1, -1]) {
        for (let i = at + step, n = 0; i >= 0 && i < this.order.length && n < MAX_WIDEN; i += step, n++) {
          const next = this.order[i] as Element;
          if (seen.has(next)) continue;
          seen.add(next);
          const list = this.records.get(next);
          if (!list) continue;
          if (!inBand(next)) break;
          for (const record of list)
            if (record.visibility === 'shown' && (!record.patch || record.done < record.mentions.length)) this.nearQueue.add(record);
        }
      }
    }
  }

  private async drainNear(): Promise<void> {
    if (this.placing || this.flushing) return;
    let swept = false;
    this.placing = true;
    try {
      while (this.nearQueue.size > 0 && !this.stopped) {
        const batch = this.notFought([...this.nearQueue].filter((r) => this.isRemembered(r)));
        this.nearQueue.clear();
        // A budget of its own: the write starts in this task (for a scroll, before the frame that shows it).
        this.deadline = this.now() + (this.options.budgetMs ?? DETECT_BUDGET);
        if (!(await this.mark(batch, this.generation))) return;
        // Once per drain: what the sweep queues is written, and the drain ends.
        if (this.nearQueue.size === 0 && !swept) {
          swept = true;
          this.sweepNear();
        }
      }
    } finally {
      this.placing = false;
    }
    // A block that changed between its reading and its write was set aside to be read again: now.
    if (this.dirty.size > 0 && !this.flushing && !this.scanning && !this.stopped) void this.rescanDirty();
  }

  /**
   * The safety net of placement on pages of ordinary size: every shown record near the reader that has
   * no mark on the page yet (or lost one) is queued again. Marks were found missing after a scroll
   * through era-views.html now and then under load, with nothing left to bring them.
   */
  private sweepNear(): void {
    if (this.stopped || this.order.length >= SPARSE_FROM) return;
    const height = this.order[0]?.ownerDocument.defaultView?.innerHeight ?? 0;
    if (height === 0) return;
    for (const [block, list] of this.records) {
      const missing = list.filter(
        (r) =>
          !r.huge &&
          r.visibility === 'shown' &&
          !this.waiting.has(r) &&
          (!r.patch || r.done < r.mentions.length || !r.patch.marks.every((m) => m.isConnected)),
      );
      if (missing.length === 0 || this.backingOff(block)) continue;
      const box = block.getBoundingClientRect();
      if (box.height === 0 || box.bottom < -2 * height || box.top > 3 * height) continue;
      for (const r of missing) this.nearQueue.add(r);
    }
  }

  /** True while the page keeps taking this block's marks away (see fought). */
  private backingOff(block: Element): boolean {
    const fight = this.fought.get(block);
    return fight !== undefined && fight.until > this.now();
  }

  /** The records that may be marked now; those of blocks backing off wait for their backoff to end. */
  private notFought(records: UnitRecord[]): UnitRecord[] {
    const now: UnitRecord[] = [];
    for (const record of records) {
      if (!this.backingOff(record.unit.block)) now.push(record);
      else this.waiting.add(record);
    }
    if (this.waiting.size > 0) this.scheduleRetry();
    return now;
  }

  private scheduleRetry(): void {
    if (this.retryTimer !== undefined || this.stopped) return;
    let next = Number.POSITIVE_INFINITY;
    for (const record of this.waiting) next = Math.min(next, this.fought.get(record.unit.block)?.until ?? 0);
    // Blocks the page fought to the end stay unmarked: no timer for them.
    if (!Number.isFinite(next)) return;
    this.retryTimer = setTimeout(
      () => {
        this.retryTimer = undefined;
        const ready = [...this.waiting].filter((r) => !this.backingOff(r.unit.block));
        for (const record of ready) this.waiting.delete(record);
        const live = ready.filter((r) => this.isRemembered(r) && r.visibility === 'shown');
        if (this.near) for (const record of live) this.near.watch(record.unit.block);
        else void this.mark(live, this.generation);
        if (this.waiting.size > 0) this.scheduleRetry();
      },
      Math.max(0, next - this.now()),
    );
  }

  /**
   * The page took one of our nodes out of a patch by itself (it strips or unwraps foreign elements):
   * the patch is let go without writing the page's old text back (the page may have put its own in
   * its place), the patch's other marks are unwrapped to their text, and the block backs off before
   * it is marked again, longer each time.
   */
  private giveUp(patch: Patch): void {
    const block = this.blockOfPatch.get(patch);
    this.withoutObservingWrites(() => {
      for (const mark of patch.marks) if (mark.isConnected) mark.replaceWith(...Array.from(mark.childNodes));
    });
    this.release(patch);
    if (!block) return;
    const count = (this.fought.get(block)?.count ?? 0) + 1;
    const wait = (this.options.fightBackoffMs ?? FIGHT_BACKOFF_MS)[count - 1] ?? Number.POSITIVE_INFINITY;
    this.fought.set(block, { count, until: this.now() + wait });
    // Read again at once (the report keeps its codes); marked when the backoff ends.
    if (block.isConnected) {
      const root = rowOf(block) ?? block;
      this.dirty.add(root);
      this.unpaced.add(root);
    }
  }

  /** Asks for what the marks need (beforeWrite), makes them, writes them; false when stopped. */
  private async mark(pending: UnitRecord[], generation: number): Promise<boolean> {
    if (pending.length === 0) return true;
    if (this.options.beforeWrite) {
      await this.options.beforeWrite(pending.flatMap((p) => p.mentions));
      if (generation !== this.generation || this.stopped) return false;
      this.flush();
    }
    return (await this.build(pending, generation)) && (await this.write(pending, generation));
  }

  /**
   * Makes every mark, with its attributes, before any goes into the page: detached elements cost
   * the page no restyle, and the write phase (during which the browser renders) stays short.
   */
  private async build(pending: UnitRecord[], generation: number): Promise<boolean> {
    const budget = this.options.budgetMs ?? DETECT_BUDGET;
    for (const item of pending) {
      const doc = item.unit.block.ownerDocument;
      const marks: MarkElement[] = [];
      item.marks = marks;
      const first = item.unit.nodes[0];
      for (const mention of item.mentions) {
        const mark = first ? createMark(doc, first) : doc.createElement(MARK_NAME);
        this.decorate(mark, mention);
        marks.push(mark);
        // A unit with thousands of codes is built across tasks too.
        if (this.overBudget(1)) {
          if (!(await this.pause(generation))) return false;
          this.deadline = this.now() + budget;
        }
      }
    }
    return true;
  }

  /**
   * Goes on with the walk and detects units in time-boxed chunks, writing nothing, for at most
   * `chunks` chunks (`done` is false if it stopped before the end); null when stopped.
   */
  private async detect(walker: UnitWalker, generation: number, chunks: number): Promise<{ pending: UnitRecord[]; done: boolean } | null> {
    const budget = this.options.budgetMs ?? DETECT_BUDGET;
    const max = this.options.maxMarks ?? MAX_MARKS;
    const evidence = this.evidence;
    const pass = contextPass(this.shadowRootOf, evidence.remittance);
    const pending: UnitRecord[] = [];
    // What is found is remembered at every pause, so the report (and the popup's tally) fills in as
    // the scan goes; it is marked after the pass (place()).
    let kept = 0;
    const keep = () => {
      if (pending.length === kept) return;
      this.remember(pending.slice(kept));
      kept = pending.length;
    };
    const visibility = this.visibility;
    // Read once per block (a block's units share it), within the chunk's budget: layout reads on
    // thousands of rows are work like any other.
    let lastBlock: Element | null = null;
    let lastVisibility: Visibility = 'shown';
    let count = this.entries.size;
    this.resync(walker);
    this.deadline = this.now() + budget;
    /** True while nothing was done yet in this task since a pause (not after the caller's work). */
    let freshTask = false;
    for (let unit = walker.next(); unit && !this.stopped; unit = walker.next()) {
      // A big unit (a long 835 in a <pre>, a text node with thousands of codes) is detected in one
      // go: it starts a task of its own rather than add to work done before it in this one.
      if (unit.text.length > BIG_UNIT && !freshTask) {
        walker.checkpoint();
        keep();
        if (!(await this.pause(generation))) return null;
        this.resync(walker);
        this.deadline = this.now() + budget;
        pass.rows.clear();
        pass.sections.clear();
      }
      freshTask = false;
      this.readChars += unit.text.length;
      if (!pass.remittance && evidence.feed(unit.text)) this.becameRemittance(pass);
      if (count < max) {
        // What the unit said when reading began: a write checks it is still so.
        const data = unit.nodes.map((n) => n.data);
        const seen = this.changes;
        let found: Mention[] = [];
        // One unit the detector cannot read (a bug meeting a page nobody foresaw) is skipped; the scan goes on.
        try {
          if (unit.text.length > BIG_UNIT) {
            // Read across tasks; the walk stays where it is meanwhile.
            const steps = detectUnitSteps(unit, this.options.known, pass);
            for (let step = steps.next(); ; step = steps.next()) {
              if (step.done) {
                found = step.value;
                break;
              }
              if (this.overBudget(STEP_WORK)) {
                walker.checkpoint();
                keep();
                if (!(await this.pause(generation))) return null;
                this.resync(walker);
                this.deadline = this.now() + budget;
              }
            }
          } else found = detectUnit(unit, this.options.known, pass);
        } catch {
          found = [];
        }
        if (!pass.remittance) {
          if (pass.structure) this.becameRemittance(pass, true);
          else evidence.defer(unit.block, unit.text);
        }
        if (found.length > 0 && unit.nodes.some((node) => this.patchOfNode.has(node))) {
          // Text we already patched (a walk that met our own nodes): never patch twice; rescan the block.
          this.dirty.add(unit.block);
        } else if (found.length > 0) {
          const mentions = found.length > max - count ? found.slice(0, max - count) : found;
          if (mentions !== found) this.capped = true;
          count += mentions.length;
          if (unit.block !== lastBlock) {
            lastBlock = unit.block;
            lastVisibility = visibility(unit.block);
            this.work += 2;
          }
          const huge = this.options.huge !== undefined && unit.text.length > HUGE_UNIT;
          pending.push({ unit, mentions, visibility: lastVisibility, data, seen, done: 0, ...(huge ? { huge } : {}) });
        }
      } else if (!this.capped && /\d/.test(unit.text) && detectUnit(unit, this.options.known, pass).length > 0) {
        this.capped = true;
      }
      if (this.overBudget(1 + (unit.text.length >> 6))) {
        walker.checkpoint();
        keep();
        if (--chunks <= 0) return { pending, done: false };
        keep();
        if (!(await this.pause(generation))) return null;
        this.resync(walker);
        this.deadline = this.now() + budget;
        freshTask = true;
        pass.rows.clear();
        pass.sections.clear();
      }
    }
    if (!pass.remittance && evidence.flush()) this.becameRemittance(pass);
    keep();
    return this.stopped ? null : { pending, done: true };
  }

  /**
   * The page reads as a remittance now (its vocabulary, or raw X12 or a code table): running text put
   * aside before is scanned again.
   */
  private becameRemittance(pass: { remittance: boolean }, structure = false): void {
    if (structure) this.evidence.structure();
    pass.remittance = true;
    for (const block of this.evidence.deferred) if (block.isConnected) this.dirty.add(rowOf(block) ?? block);
    this.evidence.deferred.clear();
  }

  /**
   * After the page ran: if it removed the spot the walk was at, the walk goes on after what is
   * left of it, and that part is scanned again later.
   */
  private resync(walker: UnitWalker): void {
    for (const lost of walker.resync()) this.dirty.add(lost);
  }

  /**
   * Marks what `detect` found, in batches of `writeBudgetMs`, yielding between them. A unit the page
   * changed since it was read is not marked but queued to be scanned again.
   */
  private async write(pending: UnitRecord[], generation: number): Promise<boolean> {
    const budget = this.options.writeBudgetMs ?? WRITE_BUDGET;
    // The first batch goes on in the task that detected (an added row is marked at once), within its budget.
    // Records of the page's own changes come in before a batch; during a batch only we write (no
    // page script runs inside it), so the observer is off: it need not record every split we make.
    this.flush();
    this.mute(true);
    // The write's own budget: what the reading before it spent does not cut the first batch short.
    this.deadline = this.now() + budget;
    try {
      return await this.writeBatches(pending, generation, budget);
    } finally {
      this.mute(false);
    }
  }

  private async writeBatches(pending: UnitRecord[], generation: number, budget: number): Promise<boolean> {
    let added = false;
    for (let i = 0; i < pending.length && !this.stopped; ) {
      const item = pending[i] as UnitRecord;
      if (item.seen !== this.changes && !this.unchanged(item)) {
        this.dirty.add(rowOf(item.unit.block) ?? item.unit.block);
        i++;
      } else {
        if (this.markSome(item)) i++;
        added = true;
      }
      if (i < pending.length && this.overBudget(item.mentions.length)) {
        this.mute(false);
        if (added) this.options.onChange?.();
        added = false;
        if (!(await this.pause(generation))) return false;
        this.mute(true);
        this.deadline = this.now() + budget;
      }
    }
    this.mute(false);
    if (added) this.options.onChange?.();
    return !this.stopped;
  }

  /** Turns the observer off for a write batch (after taking the page's pending records), or on again. */
  private mute(on: boolean): void {
    if (!this.observer || this.muted === on) return;
    this.muted = on;
    if (on) {
      this.flush();
      this.observer.disconnect();
    } else {
      this.observer.observe(this.root, OBSERVED);
      // Only we wrote during the batch: those records are ours.
      this.shadowObserver?.takeRecords();
    }
  }

  /**
   * Lets go of shadow roots whose host left the page (an observer keeps what it observes alive);
   * their patches were dropped when the page removed them, and a host put back is walked again.
   */
  private pruneShadowRoots(): void {
    if (!this.rootsMayBeGone) return;
    this.rootsMayBeGone = false;
    const gone = [...this.shadowRoots].filter((shadow) => !shadow.host.isConnected);
    if (gone.length === 0) return;
    for (const shadow of gone) {
      this.shadowRoots.delete(shadow);
      this.markedRoots.delete(shadow);
    }
    this.flush();
    this.shadowObserver?.disconnect();
    for (const shadow of this.shadowRoots) this.shadowObserver?.observe(shadow, OBSERVED);
  }

  /**
   * A custom element without a shadow root: looked at again when the page changes and on a timer,
   * for a root it attaches later (its script defined it late, or it renders on data or on view).
   */
  private sawShadowless(el: Element): void {
    if (this.stopped || this.shadowlessHosts.size >= MAX_SHADOWLESS || this.shadowlessHosts.has(el)) return;
    this.shadowlessHosts.set(el, this.now());
    this.scheduleShadowChecks(0);
  }

  private scheduleShadowChecks(step: number): void {
    clearTimeout(this.shadowCheckTimer);
    const delay = (this.options.shadowChecksMs ?? SHADOW_CHECKS_MS)[step];
    if (delay === undefined) {
      // Still without a root: light-DOM components and framework tags, already read. Let go;
      // they are looked at again if the page changes them.
      this.shadowlessHosts.clear();
      return;
    }
    if (this.shadowlessHosts.size === 0) return;
    this.shadowCheckTimer = setTimeout(() => {
      this.checkShadows();
      this.scheduleShadowChecks(step + 1);
    }, delay);
  }

  /**
   * Elements that host a shadow root since they were walked: scanned again (their light children
   * were read already; the walk now goes into the root too).
   */
  private checkShadows(): void {
    if (this.shadowlessHosts.size === 0 || this.stopped) return;
    const now = this.now();
    this.lastShadowCheck = now;
    let found = false;
    for (const [el, seen] of this.shadowlessHosts) {
      if (!el.isConnected || now - seen > this.shadowWatchMs) {
        this.shadowlessHosts.delete(el);
      } else if (this.shadowRootOf(el)) {
        this.shadowlessHosts.delete(el);
        this.dirty.add(el);
        found = true;
      }
    }
    if (found && !this.flushing && !this.scanning) void this.rescanDirty();
  }

  /** The walk went into a shadow root: its changes are followed from now on. */
  private enteredRoot(shadow: ShadowRoot): void {
    if (this.stopped || this.shadowRoots.has(shadow)) return;
    this.shadowRoots.add(shadow);
    this.shadowObserver?.observe(shadow, OBSERVED);
  }

  /** Adds to `trees` the shadow tree `el` hosts, when marks are in it (or in a tree nested in it). */
  private pushMarkedTree(trees: Node[], el: Element): void {
    if (this.markedRoots.size === 0) return;
    const tree = this.hostsWithMarks.get(el);
    if (tree) trees.push(tree);
  }

  /**
   * Calls `visit` for every node in `node`'s subtree and in the shadow trees with marks inside it,
   * nested ones too: where our patches can be (a TreeWalker alone never enters a shadow tree).
   */
  private walkWithMarkedTrees(node: Element, whatToShow: number, visit: (n: Node) => void): void {
    const trees: Node[] = [node];
    this.pushMarkedTree(trees, node);
    const doc = node.ownerDocument;
    for (let i = 0; i < trees.length; i++) {
      const walker = doc.createTreeWalker(trees[i] as Node, whatToShow | 0x1);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (n.nodeType === 1) this.pushMarkedTree(trees, n as Element);
        visit(n);
      }
    }
  }

  /** True when the unit's text nodes are still in place, ours only if from this unit, with the text we read. */
  private unchanged(item: UnitRecord): boolean {
    const nodes = item.unit.nodes;
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i] as Text;
      const patch = this.patchOfNode.get(node);
      if (!node.isConnected || node.data !== item.data[i] || (patch !== undefined && patch !== item.patch)) return false;
    }
    if (item.patch && item.patch.marks.length === 0) return false;
    item.seen = this.changes;
    return true;
  }

  /** Marks the next slice of a unit (right to left); true when the unit is fully marked. */
  private markSome(item: UnitRecord): boolean {
    const { unit, mentions } = item;
    const end = mentions.length - item.done;
    const from = Math.max(0, end - SLICE);
    const slice = from === 0 && end === mentions.length ? mentions : mentions.slice(from, end);
    // Called inside a write batch, with the observer off.
    const first = item.patch === undefined;
    const insertedBefore = item.patch?.inserted.length ?? 0;
    const patch = markSpans(
      unit,
      slice,
      (mark, mention) => this.decorate(mark, mention),
      item.patch,
      (_, index) => item.marks?.[from + index],
    );
    for (let i = 0; i < slice.length; i++) {
      const mark = patch.marks[i];
      const mention = slice[i];
      if (mark && mention) this.entries.set(mark, { mark, mention });
    }
    for (const node of patch.originals.keys()) this.patchOfNode.set(node, patch);
    for (let i = insertedBefore; i < patch.inserted.length; i++) this.patchOfNode.set(patch.inserted[i] as Node, patch);
    if (first && this.shadowRoots.size > 0) this.markedIn(unit);
    if (first) {
      item.patch = patch;
      this.recordOfPatch.set(patch, item);
      const list = this.patchesByBlock.get(unit.block);
      if (list) list.push(patch);
      else this.patchesByBlock.set(unit.block, [patch]);
      this.blockOfPatch.set(patch, unit.block);
    }
    item.done = mentions.length - from;
    if (from === 0) {
      item.marks = undefined;
      return true;
    }
    item.data = unit.nodes.map((n) => n.data);
    return false;
  }

  /** Notes the shadow root a unit lies in (if any) as marked; the first time, tells the caller. */
  private markedIn(unit: TextUnit): void {
    const tree = unit.nodes[0]?.getRootNode();
    if (tree?.nodeType !== 11 || this.markedRoots.has(tree as ShadowRoot)) return;
    this.markedRoots.add(tree as ShadowRoot);
    // This tree and every tree around it now hold marks: their hosts lead a walk to them.
    for (let t: Node = tree; t.nodeType === 11; t = (t as ShadowRoot).host.getRootNode()) {
      const host = (t as ShadowRoot).host;
      if (this.hostsWithMarks.get(host) === t) break;
      this.hostsWithMarks.set(host, t as ShadowRoot);
    }
    this.options.onMarkedRoot?.(tree as ShadowRoot);
  }

  /** The page contract (data-remit-code, data-remit-amount), then the caller's own attributes. */
  private decorate(mark: MarkElement, mention: Mention): void {
    mark.setAttribute('data-remit-code', mention.code);
    if (mention.amount) mark.setAttribute('data-remit-amount', mention.amount);
    this.options.decorate?.(mark, mention);
  }

  private observe(): void {
    const doc = isDocument(this.root) ? this.root : this.root.ownerDocument;
    const View = doc.defaultView;
    if (!View || this.observer) return;
    this.observer = new View.MutationObserver((records) => this.absorb(records));
    this.observer.observe(this.root, OBSERVED);
    this.shadowObserver = new View.MutationObserver((records) => this.absorb(records));
    this.muted = false;
  }

  private flush(): void {
    const pending = [...(this.observer?.takeRecords() ?? []), ...(this.shadowObserver?.takeRecords() ?? [])];
    if (pending.length > 0) this.absorb(pending);
  }

  /** Page mutations: decide what to undo and which blocks to scan again. */
  private absorb(records: MutationRecord[]): void {
    this.collect(records);
    // A component's script often runs with other changes to the page: look at waiting ones then,
    // at most every SHADOW_CHECK_GAP_MS (framework tags with a hyphen may wait by the hundred).
    if (this.shadowlessHosts.size > 0 && this.now() - this.lastShadowCheck >= SHADOW_CHECK_GAP_MS) this.checkShadows();
    // During a pass, start() rescans what changed once the pass is done; never two passes at once.
    if (!this.flushing && !this.scanning) void this.rescanDirty();
  }

  private collect(records: MutationRecord[]): void {
    if (records.length > 0) this.changes++;
    const fights = new Set<Patch>();
    for (let i = 0; i < records.length; i++) {
      const record = records[i] as MutationRecord;
      const target = record.target;
      if (record.type === 'characterData') {
        if (!this.retextInPlace([target as Text], [target as Text])) this.touched(target);
        continue;
      }
      // `el.textContent = …` on a node with one text child: its old text went and a new one came (in
      // one record, or in two in a row).
      const next = records[i + 1];
      const replaced =
        record.addedNodes.length === 0 && next?.type === 'childList' && next.target === target && next.removedNodes.length === 0
          ? next
          : undefined;
      if (this.retextInPlace(Array.from(record.removedNodes), Array.from((replaced ?? record).addedNodes))) {
        if (replaced) i++;
        continue;
      }
      const taken = this.takenFromUs(record);
      if (taken) {
        fights.add(taken);
        for (const node of Array.from(record.addedNodes)) this.touched(node);
        continue;
      }
      for (const node of Array.from(record.removedNodes)) {
        if (node.nodeType === 1 && this.shadowRoots.size > 0) this.rootsMayBeGone = true;
        this.dropPatchesWithin(node);
      }
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
    for (const patch of fights) this.giveUp(patch);
  }

  /**
   * Text nodes of one long unit were changed or replaced by text nodes, away from its codes (see
   * retext.ts): its record is brought up to date without reading the block again. `removed` are the
   * old nodes (the same as `added` for a change of text), in order and next to each other in the unit.
   */
  private retextInPlace(removed: Node[], added: Node[]): boolean {
    const first = removed[0];
    if (!first || added.length === 0 || !removed.every((n) => n.nodeType === 3) || !added.every((n) => n.nodeType === 3)) return false;
    const record = this.recordOfNode.get(first);
    if (!record || record.unit.text.length < RETEXT_FROM || removed.some((n) => this.patchOfNode.has(n))) return false;
    const { unit } = record;
    const index = unit.nodes.indexOf(first as Text);
    if (index < 0 || removed.some((n, i) => unit.nodes[index + i] !== n)) return false;
    // Only running text: a cell's or a printout's codes depend on more than the text around them.
    if (rowOf(unit.block) || /^(?:PRE|XMP|LISTING|PLAINTEXT)$/i.test(unit.block.tagName)) return false;
    const parent = (added[0] as Node).parentNode;
    if (!parent || !added.every((n) => n.parentNode === parent && n.isConnected)) return false;
    const known = this.options.known;
    const remittance = this.evidence.remittance;
    const next = retextUnit(
      unit,
      record.data,
      record.mentions,
      index,
      removed.length,
      added.map((n) => (n as Text).data),
      (text) => detectInText(text, known, { remittance }),
    );
    if (!next) return false;
    for (const node of removed) if (this.recordOfNode.get(node) === record) this.recordOfNode.delete(node);
    unit.nodes.splice(index, removed.length, ...(added as Text[]));
    for (const node of added) this.recordOfNode.set(node, record);
    unit.text = next.text;
    unit.starts = next.starts;
    record.data = next.data;
    for (const m of record.mentions) {
      if (m.start >= next.from) {
        m.start += next.by;
        m.end += next.by;
      }
    }
    record.seen = this.changes;
    return true;
  }

  /**
   * The patch whose own nodes (a mark, the text we split off) the page removed from a parent that is
   * still on the page, none of the page's own nodes with them: the page strips or unwraps our
   * elements. A page that re-renders removes its own nodes too, and gets them back exactly (undo).
   */
  private takenFromUs(record: MutationRecord): Patch | undefined {
    if (record.removedNodes.length === 0 || !record.target.isConnected) return undefined;
    let taken: Patch | undefined;
    for (const node of Array.from(record.removedNodes)) {
      const patch = this.patchOfNode.get(node);
      if (!patch || patch.originals.has(node as Text) || (taken && taken !== patch)) return undefined;
      taken = patch;
    }
    return taken;
  }

  /**
   * Blocks with records inside `root` (root included). A small root (a row the page added) is walked;
   * when the walk grows past the number of records, the records are asked instead.
   */
  private blocksWithin(root: Element): Element[] {
    if (this.records.size === 0) return [];
    const out = new Set<Element>();
    const walker = root.ownerDocument.createTreeWalker(root, 0x4);
    let steps = 0;
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (++steps > this.records.size) {
        out.clear();
        for (const block of this.records.keys()) if (block === root || root.contains(block)) out.add(block);
        return [...out];
      }
      const record = this.recordOfNode.get(n);
      if (record) out.add(record.unit.block);
    }
    return [...out];
  }

  /** A page node changed: its patch (if any) is undone and its block queued for a rescan. */
  private touched(node: Node): void {
    const unplaced = this.recordOfNode.get(node);
    if (unplaced && !unplaced.patch) this.forget(unplaced);
    const patch = this.patchOfNode.get(node);
    if (patch) this.dropPatch(patch, node);
    // Text right under a shadow root has no parent element: its host stands for the root.
    const el = node.nodeType === 1 ? (node as Element) : parentOf(node);
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
    if (block?.isConnected) this.dirty.add(rowOf(block) ?? block);
  }

  /** Undoes a patch and forgets it and its nodes, so they read as the page's own again. */
  private undo(patch: Patch, keep?: ReadonlySet<Text>): void {
    for (const node of [...patch.originals.keys(), ...patch.inserted]) {
      if (this.patchOfNode.get(node) === patch) this.patchOfNode.delete(node);
    }
    this.release(patch);
    unpatch(patch, keep);
  }

  /** Lets go of a patch and its record without writing anything back. */
  private release(patch: Patch): void {
    for (const node of [...patch.originals.keys(), ...patch.inserted]) {
      if (this.patchOfNode.get(node) === patch) this.patchOfNode.delete(node);
    }
    for (const mark of patch.marks) this.entries.delete(mark);
    const block = this.blockOfPatch.get(patch);
    const list = block ? this.patchesByBlock.get(block) : undefined;
    if (block && list) {
      const rest = list.filter((p) => p !== patch);
      if (rest.length > 0) this.patchesByBlock.set(block, rest);
      else this.patchesByBlock.delete(block);
    }
    const record = this.recordOfPatch.get(patch);
    if (record) this.forget(record);
  }

  private withoutObservingWrites(write: () => void): void {
    write();
    this.observer?.takeRecords();
    this.shadowObserver?.takeRecords();
  }

  /**
   * The page removed `node`: every patch with a node in it is undone, so what the page took out is
   * exactly what it put in (it may put the same nodes back: frameworks move rows that way), and the
   * rest of a patch that reached outside it (`<b>CO</b>-45` minus the <b>) is scanned again.
   */
  private dropPatchesWithin(node: Node): void {
    // Most portal pages mutate all the time and hold no codes: no subtree walk for them.
    if (this.records.size === 0) return;
    const patches = new Set<Patch>();
    const unplaced = new Set<UnitRecord>();
    const look = (n: Node) => {
      const patch = this.patchOfNode.get(n);
      if (patch) patches.add(patch);
      else {
        const record = this.recordOfNode.get(n);
        if (record && !record.patch) unplaced.add(record);
      }
    };
    look(node);
    // A removed component takes its shadow tree (and the marks in it) along.
    if (isElement(node)) this.walkWithMarkedTrees(node, 0x4, look);
    for (const patch of patches) this.dropPatch(patch, null);
    for (const record of unplaced) this.forget(record);
  }

  private async rescanDirty(): Promise<void> {
    this.flushing = true;
    try {
      this.uncapIfRoom();
      while ((this.dirty.size > 0 || this.fresh.size > 0) && !this.stopped) {
        const dirty = [...this.dirty].filter((el) => el.isConnected);
        const fresh = [...this.fresh].filter((el) => el.isConnected);
        this.dirty.clear();
        this.fresh.clear();
        // A block can be both (a new row whose text then changed): scanned once.
        const roots = [...new Set([...dirty, ...fresh])];
        // Scan only outermost roots; nested ones are covered by their ancestor's pass. Up through
        // shadow roots to their hosts, and per root, not against every other root (a page may
        // change hundreds of rows at once).
        const all = new Set(roots);
        const outer = (el: Element) => {
          for (let up = parentOf(el); up; up = parentOf(up)) if (all.has(up)) return false;
          return true;
        };
        // A block the page keeps changing waits its turn (Churn); its marks stay valid meanwhile. What
        // the page adds (a row, a component put back) and what it fought over is read at once.
        const now = this.now();
        const ready: Element[] = [];
        const added = new Set(fresh);
        for (const root of roots.filter(outer)) {
          const due = added.has(root) || this.unpaced.delete(root) ? 0 : this.churn.due(root);
          if (due > now) this.postpone(root, due);
          else ready.push(root);
        }
        // Fresh roots are cleared too: one the pass already reached must not be marked twice.
        for (const root of ready) this.clearWithin(root);
        for (const root of ready) {
          this.postponed.delete(root);
          await this.scanRoot(root);
          this.churn.read(root);
        }
        this.uncapIfRoom();
        this.pruneShadowRoots();
      }
    } finally {
      this.flushing = false;
    }
    // Blocks that came near while the pass ran waited for it (drainNear does not write during one). No
    // sweep here: this runs on every change the page makes, and the rescan marked its own blocks.
    if (this.nearQueue.size > 0) void this.drainNear();
    this.options.onChange?.();
  }

  /** `block` is read again at `due` (the earliest of the times asked for). */
  private postpone(block: Element, due: number): void {
    const was = this.postponed.get(block);
    this.postponed.set(block, was === undefined ? due : Math.min(was, due));
    if (this.postponeTimer !== undefined) return;
    const next = Math.min(...this.postponed.values());
    this.postponeTimer = setTimeout(
      () => {
        this.postponeTimer = undefined;
        if (this.stopped) return;
        const now = this.now();
        for (const [el, at] of this.postponed) {
          if (at > now) continue;
          this.postponed.delete(el);
          if (el.isConnected) this.dirty.add(el);
        }
        if (this.postponed.size > 0) this.postpone(...([...this.postponed][0] as [Element, number]));
        if (!this.flushing && !this.scanning) void this.rescanDirty();
      },
      Math.max(0, next - this.now()),
    );
  }

  /**
   * A capped page left mentions unmarked somewhere. Once the page has dropped enough marks (an
   * app that pages through results), the whole page is scanned again so none stays unmarked.
   */
  private uncapIfRoom(): void {
    const max = this.options.maxMarks ?? MAX_MARKS;
    if (!this.capped || this.entries.size > max * 0.9) return;
    this.capped = false;
    const root = this.root;
    const top = isDocument(root) ? (root.body ?? root.documentElement) : root;
    if (top) this.dirty.add(top);
  }

  /** Undoes our patches inside `root` (and inside shadow roots within it) before it is scanned again. */
  private clearWithin(root: Element): void {
    const patches = new Set<Patch>();
    const collect = (mark: Node) => {
      const patch = this.patchOfNode.get(mark);
      if (patch) patches.add(patch);
    };
    // A page without marked components keeps the fast selector query.
    if (this.markedRoots.size === 0) for (const mark of Array.from(root.querySelectorAll(MARK_SELECTOR))) collect(mark);
    else this.walkWithMarkedTrees(root, 0, (n) => isElement(n) && isMark(n) && collect(n));
    // Codes found there but not marked yet (far from the reader) are read again too.
    const unplaced = new Set<UnitRecord>();
    for (const block of this.blocksWithin(root)) for (const r of this.records.get(block) ?? []) if (!r.patch) unplaced.add(r);
    for (const record of unplaced) this.forget(record);
    if (patches.size === 0) return;
    this.withoutObservingWrites(() => {
      for (const patch of patches) {
        for (const mark of patch.marks) this.entries.delete(mark);
        this.undo(patch);
      }
    });
  }
}
