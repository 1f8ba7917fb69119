// What the benchmark runs inside the bench page's main world (never inside the extension).
// Each export is serialized by Playwright, so every function here must be self-contained.

/**
 * Init script (page.addInitScript): before any page script runs, records when the content script sets
 * data-remit-lens-state="scanning" and "idle" on <html> (MutationObserver, performance.now(), plus a
 * performance.mark so the trace can find the same moments), collects 'longtask' and 'long-animation-frame'
 * entries, and at DOMContentLoaded (before a document_idle content script is injected) times the floor pass
 * 5 times over the pristine DOM. The floor is exposed as window.__remitBench.floor for later passes.
 * @param {string} pageName only pages whose path ends with this are instrumented
 */
export function installProbe(pageName) {
  if (!location.pathname.endsWith(pageName)) return;
  /** The floor: one TreeWalker over all text nodes, one simple regex, count matches. */
  const floor = () => {
    const re = /\b(CO|PR|OA|PI|CR)-?\d{1,3}\b/g;
    const start = performance.now();
    const walker = document.createTreeWalker(document.body ?? document.documentElement, NodeFilter.SHOW_TEXT);
    let matches = 0;
    let nodes = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      nodes++;
      const found = /** @type {Text} */ (node).data.match(re);
      if (found) matches += found.length;
    }
    return { ms: performance.now() - start, matches, nodes };
  };
  const bench = {
    scanningAt: /** @type {number | null} */ (null),
    idleAt: /** @type {number | null} */ (null),
    /** When the first <remit-mark> went into the page (what the reader sees first). */
    firstMarkAt: /** @type {number | null} */ (null),
    dclAt: /** @type {number | null} */ (null),
    longTasks: /** @type {{ start: number, duration: number }[]} */ ([]),
    /**
     * Long animation frames: `tasks` is the task work before the rendering update (scripts, the content script's
     * chunks included), `render` the rendering update at the frame's end (rAF, style, layout, paint prep).
     */
    longFrames: /** @type {{ start: number, duration: number, tasks: number, render: number, styleLayout: number }[]} */ ([]),
    floorPre: /** @type {{ ms: number, matches: number, nodes: number }[]} */ ([]),
    floor,
  };
  Object.defineProperty(window, '__remitBench', { value: bench });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) bench.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // No Long Tasks API: the trace still gives the longest task.
  }
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        const f = /** @type {PerformanceEntry & { renderStart: number, styleAndLayoutStart: number }} */ (e);
        const end = f.startTime + f.duration;
        bench.longFrames.push({
          start: f.startTime,
          duration: f.duration,
          render: f.renderStart > 0 ? end - f.renderStart : 0,
          tasks: f.renderStart > 0 ? f.renderStart - f.startTime : f.duration,
          styleLayout: f.styleAndLayoutStart > 0 ? end - f.styleAndLayoutStart : 0,
        });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {
    // No Long Animation Frames API.
  }
  new MutationObserver(() => {
    const now = performance.now();
    const state = document.documentElement.getAttribute('data-remit-lens-state');
    if (state === 'scanning' && bench.scanningAt === null) {
      bench.scanningAt = now;
      performance.mark('remit-bench:scanning');
      // Watches added nodes only until the first mark: afterwards it would add work to every write.
      const first = new MutationObserver((records) => {
        for (const record of records) {
          for (const node of record.addedNodes) {
            if (node.nodeName !== 'REMIT-MARK') continue;
            bench.firstMarkAt = performance.now();
            first.disconnect();
            return;
          }
        }
      });
      first.observe(document.body ?? document.documentElement, { childList: true, subtree: true });
    } else if (state === 'idle' && bench.idleAt === null) {
      bench.idleAt = now;
      if (bench.scanningAt === null) bench.scanningAt = now;
      performance.mark('remit-bench:idle');
    }
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-remit-lens-state'] });
  document.addEventListener(
    'DOMContentLoaded',
    () => {
      bench.dclAt = performance.now();
      for (let i = 0; i < 5; i++) bench.floorPre.push(floor());
    },
    { once: true },
  );
}

/** Every mark as "CODE AMOUNT" → count, plus the total. */
export function countMarks() {
  /** @type {Record<string, number>} */
  const counts = {};
  const marks = document.querySelectorAll('remit-mark[data-remit-code]');
  for (const mark of marks) {
    const key = `${mark.getAttribute('data-remit-code')} ${mark.getAttribute('data-remit-amount') ?? ''}`.trim();
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return { total: marks.length, counts };
}

/**
 * Appends `rows` rows (Group CO, Reason 45, Adj Amt 12.00, Remark N130: two codes each), one at a time, to
 * claim tables spread over the page, from the page's own main world. For each row: `syncMs` is the time from
 * appendChild until the first microtask after the content script's MutationObserver callback (queued before
 * ours, so its synchronous work is included); `marksMs` is the time until the row's two marks exist (null
 * when they never came, or when `expectMarks` is false: the control run on a page without the extension).
 * Rows are `gapMs` apart so the content script's deferred work (tally push, 50 ms timer) settles first.
 * Also returns the long animation frames seen while the rows went in.
 * @param {{ rows: number, gapMs: number, timeoutMs: number, expectMarks: boolean }} options
 */
export async function addRows({ rows, gapMs, timeoutMs, expectMarks }) {
  const tables = Array.from(document.querySelectorAll('table.lines tbody'));
  const results = [];
  // Let the page finish rendering what came before, so the rows are timed on a quiet page.
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  await new Promise((resolve) => setTimeout(resolve, 300));
  const from = performance.now();
  performance.mark('remit-bench:rows-start');
  for (let i = 0; i < rows; i++) {
    const tbody = tables[Math.floor(((i + 0.5) / rows) * tables.length)];
    if (!tbody) break;
    const tr = document.createElement('tr');
    tr.className = 'cont';
    for (const text of ['', '', '', '', '', '', '', 'CO', '45', '12.00', 'N130', '']) {
      const td = document.createElement('td');
      td.textContent = text;
      tr.append(td);
    }
    const marked = () => tr.querySelectorAll('remit-mark[data-remit-code]').length >= 2;
    // Marks go where the reader is: the row goes in where the reader looks (the scroll is not timed).
    tbody.scrollIntoView({ block: 'center' });
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const start = performance.now();
    tbody.append(tr);
    await Promise.resolve();
    const syncMs = performance.now() - start;
    let marksMs = marked() ? syncMs : null;
    if (marksMs === null && expectMarks) {
      marksMs = await new Promise((resolve) => {
        const timer = setTimeout(() => {
          observer.disconnect();
          resolve(null);
        }, timeoutMs);
        const observer = new MutationObserver(() => {
          if (!marked()) return;
          clearTimeout(timer);
          observer.disconnect();
          resolve(performance.now() - start);
        });
        observer.observe(tr, { childList: true, subtree: true });
      });
    }
    results.push({ syncMs, marksMs, codes: Array.from(tr.querySelectorAll('remit-mark'), (m) => m.getAttribute('data-remit-code')) });
    await new Promise((resolve) => setTimeout(resolve, gapMs));
  }
  performance.mark('remit-bench:rows-end');
  const to = performance.now();
  const frames = (window.__remitBench?.longFrames ?? []).filter((f) => f.start + f.duration >= from && f.start <= to);
  return { rows: results, frames };
}

/** Removes claim sections after the first `keep` (an SPA paging away), then lets the page render. */
export async function keepClaims(keep) {
  const sections = Array.from(document.querySelectorAll('section.claim'));
  for (const section of sections.slice(keep)) section.remove();
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  return document.querySelectorAll('section.claim').length;
}

/**
 * The wrap floor, run on a page without the extension (it changes the DOM): one synchronous pass that
 * walks every text node (TreeWalker SHOW_TEXT) and, in the places the generator puts codes (the Reason and
 * Remark cells, columns 9 and 11 of a service-line row, and p.note), finds codes with one regex: a reason
 * code (letter? + 1–3 digits) at the start of the text (a Reason cell) or after a group ("CO-45" in a note),
 * or a remark code (N / M / MA + digits). Each match is wrapped in a <remit-mark> with one attribute
 * (splitText + insert). Then style and layout are forced (document.body.offsetHeight) and the next rendered
 * frame is awaited (requestAnimationFrame, then a task). What wrapping alone costs the browser on this page.
 *
 * With `claimsOneByOne: n`, the same wrapping instead goes one claim at a time, each followed by its own
 * rendered frame, for the first n claims: the smallest step the page contract allows a paced writer, and
 * what each such frame's rendering update costs (from long animation frames: a frame under 50 ms is none).
 * @param {{ claimsOneByOne?: number }} [options]
 */
export async function wrapFloor({ claimsOneByOne = 0 } = {}) {
  const re = /(?:^|\b(?:CO|PR|OA|PI|CR)-)[A-Z]?\d{1,3}\b|\b(?:MA|M|N)\d{1,3}\b/g;
  const inCodePlace = (/** @type {Element | null} */ el) =>
    el instanceof HTMLTableCellElement ? el.cellIndex === 8 || el.cellIndex === 10 : el?.localName === 'p' && el.classList.contains('note');
  /** @param {Node} root */
  const find = (root) => {
    /** @type {{ node: Text, matches: RegExpMatchArray[] }[]} */
    const found = [];
    let nodes = 0;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      nodes++;
      if (!inCodePlace(node.parentElement)) continue;
      const matches = Array.from(/** @type {Text} */ (node).data.matchAll(re));
      if (matches.length > 0) found.push({ node: /** @type {Text} */ (node), matches });
    }
    return { found, nodes };
  };
  /** @param {{ node: Text, matches: RegExpMatchArray[] }[]} found */
  const wrap = (found) => {
    let wrapped = 0;
    for (const { node, matches } of found) {
      // From the last match back, so earlier offsets stay valid in the shortened node.
      for (let i = matches.length - 1; i >= 0; i--) {
        const m = matches[i];
        if (!m || m.index === undefined) continue;
        const code = node.splitText(m.index);
        code.splitText(m[0].length);
        const mark = document.createElement('remit-mark');
        mark.setAttribute('data-remit-code', m[0]);
        code.replaceWith(mark);
        mark.append(code);
        wrapped++;
      }
    }
    return wrapped;
  };
  const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  // Start on a quiet page, as addRows does.
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  await new Promise((resolve) => setTimeout(resolve, 300));

  if (claimsOneByOne > 0) {
    const steps = [];
    for (const section of Array.from(document.querySelectorAll('section.claim')).slice(0, claimsOneByOne)) {
      const start = performance.now();
      const marks = wrap(find(section).found);
      await nextFrame();
      steps.push({ start, end: performance.now(), marks });
    }
    // Long animation frame entries arrive a little after their frame.
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50)));
    const frames = window.__remitBench?.longFrames ?? [];
    return steps.map(({ start, end, marks }) => {
      const loaf = frames.find((f) => f.start <= end && f.start + f.duration >= start && f.render > 0);
      return { marks, renderMs: loaf ? loaf.render : null };
    });
  }

  performance.mark('remit-bench:wrap-start');
  const t0 = performance.now();
  const { found, nodes } = find(document.body);
  const t1 = performance.now();
  const wrapped = wrap(found);
  const t2 = performance.now();
  void document.body.offsetHeight;
  const t3 = performance.now();
  await nextFrame();
  const t4 = performance.now();
  performance.mark('remit-bench:wrap-end');

  // The long animation frame that holds this task and the frame after it: its rendering part is that frame's
  // update alone, without waiting for vsync. Entries arrive a little later than the frame.
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 50)));
  const loaf = (window.__remitBench?.longFrames ?? []).find((f) => f.start <= t0 && f.start + f.duration >= t3);
  return {
    detectMs: t1 - t0,
    wrapMs: t2 - t1,
    layoutMs: t3 - t2,
    frameMs: t4 - t3,
    totalMs: t4 - t0,
    frameRenderMs: loaf ? loaf.render : null,
    wrapped,
    nodes,
    visibility: document.visibilityState,
  };
}
