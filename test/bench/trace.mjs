// Chromium tracing over CDP, reduced to what the benchmark needs: every main-thread task (category
// "toplevel": one event per task, so the trace costs the page little) and the bench's performance.mark()s
// ("blink.user_timing"), which also tell which process and thread are the bench page's main thread.

const CATEGORIES = ['toplevel', 'blink.user_timing'];
const TASK_EVENTS = /^(ThreadControllerImpl::RunTask|BlinkScheduler_PerformMicrotaskCheckpoint)$/;

/** @param {import('playwright-core').CDPSession} session */
export async function startTrace(session, categories = CATEGORIES) {
  await session.send('Tracing.start', {
    traceConfig: { includedCategories: categories, recordMode: 'recordAsMuchAsPossible' },
    transferMode: 'ReturnAsStream',
  });
}

/**
 * Stops tracing and returns its events.
 * @param {import('playwright-core').CDPSession} session
 * @returns {Promise<TraceEvent[]>}
 */
export async function stopTrace(session) {
  const complete = new Promise((resolve) => session.once('Tracing.tracingComplete', resolve));
  await session.send('Tracing.end');
  const { stream } = /** @type {{ stream: string }} */ (await complete);
  const chunks = [];
  for (;;) {
    const { data, eof, base64Encoded } = await session.send('IO.read', { handle: stream, size: 1 << 20 });
    chunks.push(base64Encoded ? Buffer.from(data, 'base64').toString('utf8') : data);
    if (eof) break;
  }
  await session.send('IO.close', { handle: stream });
  const parsed = JSON.parse(chunks.join(''));
  return Array.isArray(parsed) ? parsed : parsed.traceEvents;
}

/** @typedef {{ name: string, cat: string, ph: string, ts: number, dur?: number, tdur?: number, pid: number, tid: number }} TraceEvent */

/**
 * The bench page's main-thread tasks, in ms on the trace clock (µs / 1000): wall time (`ms`) and the thread's
 * CPU time (`cpu`, from the events' thread durations), which other load on the machine does not inflate.
 * @param {TraceEvent[]} events
 * @param {string} markPrefix e.g. "remit-bench:"
 */
export function pageTasks(events, markPrefix) {
  const marks = new Map();
  let thread;
  for (const e of events) {
    if (e.cat.includes('blink.user_timing') && e.name.startsWith(markPrefix)) {
      marks.set(e.name.slice(markPrefix.length), e.ts / 1000);
      thread ??= { pid: e.pid, tid: e.tid };
    }
  }
  if (!thread) return { marks, tasks: [], thread };
  // A task as the page feels it: one RunTask plus the microtask checkpoint Blink runs right after it
  // (promise continuations, MutationObserver callbacks). Nested run loops nest events: keep the outermost.
  const taskEvents = events
    .filter((e) => e.ph === 'X' && e.pid === thread.pid && e.tid === thread.tid && TASK_EVENTS.test(e.name) && e.dur !== undefined)
    .map((e) => ({
      start: e.ts / 1000,
      end: (e.ts + (e.dur ?? 0)) / 1000,
      cpu: (e.tdur ?? Number.NaN) / 1000,
      checkpoint: e.name.includes('Microtask'),
      render: isRenderingTask(e),
    }))
    .sort((a, b) => a.start - b.start);
  /** @type {{ start: number, end: number, ms: number, cpu: number, render: boolean }[]} */
  const outer = [];
  for (const t of taskEvents) {
    const last = outer[outer.length - 1];
    if (last && t.start < last.end) continue;
    if (last && t.checkpoint && t.start - last.end < 0.05) {
      last.end = t.end;
      last.ms = last.end - last.start;
      // A checkpoint without thread time adds nothing; a task without any keeps NaN (no CPU data).
      if (Number.isFinite(t.cpu)) last.cpu = Number.isFinite(last.cpu) ? last.cpu + t.cpu : t.cpu;
      continue;
    }
    outer.push({ start: t.start, end: t.end, ms: t.end - t.start, cpu: t.cpu, render: t.render });
  }
  return { marks, tasks: outer, thread };
}

/**
 * A rendering update: the BeginMainFrame task on the main thread (rAF callbacks, style,
 * layout, pre-paint, paint of what changed). Every other task is script, parsing, IPC...: the content
 * script's chunks are among those. Known from where the task was posted (`src_file`/`src_func` args).
 * @param {TraceEvent & { args?: { src_file?: string, src_func?: string } }} e
 */
export function isRenderingTask(e) {
  // Posted by the compositor thread's scheduler (cc/trees/proxy_impl.cc) to run ProxyMain::BeginMainFrame.
  return e.args?.src_func === 'ScheduledActionSendBeginMainFrame' && (e.args?.src_file ?? '').startsWith('cc/');
}

/** The task that contains `at` (ms on the trace clock), if any. */
export function taskAt(tasks, at) {
  return tasks.find((t) => t.start <= at && at <= t.end);
}

/** Tasks overlapping [from, to]. */
export function tasksBetween(tasks, from, to) {
  return tasks.filter((t) => t.end >= from && t.start <= to);
}

/** Categories for the diagnostic breakdown (BENCH_PROFILE=1): what the main thread did, by event name. */
export const BREAKDOWN_CATEGORIES = ['toplevel', 'blink.user_timing', 'devtools.timeline', 'v8.execute'];

/**
 * Self time (ms) per trace event name on the bench page's main thread between two of its marks' tasks:
 * each complete event's duration minus its direct children's. "ThreadControllerImpl::RunTask" self time is
 * native work no finer event covers.
 * @param {TraceEvent[]} events
 * @param {{ pid: number, tid: number }} thread
 * @param {number} from ms, trace clock
 * @param {number} to ms, trace clock
 */
export function selfTimeByName(events, thread, from, to) {
  const list = events
    .filter(
      (e) =>
        e.ph === 'X' &&
        e.pid === thread.pid &&
        e.tid === thread.tid &&
        e.dur !== undefined &&
        e.ts / 1000 < to &&
        (e.ts + (e.dur ?? 0)) / 1000 > from,
    )
    .map((e) => ({ name: e.name, start: e.ts, end: e.ts + (e.dur ?? 0), self: e.dur ?? 0 }))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  /** @type {typeof list} */
  const stack = [];
  for (const e of list) {
    while (stack.length > 0 && (stack[stack.length - 1]?.end ?? 0) <= e.start) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent && e.end <= parent.end) parent.self -= e.end - e.start;
    stack.push(e);
  }
  const byName = new Map();
  for (const e of list) byName.set(e.name, (byName.get(e.name) ?? 0) + Math.max(0, e.self) / 1000);
  return [...byName.entries()].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms);
}
