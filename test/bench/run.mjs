// `npm run bench`: Remit Lens in real Chromium with the e2e build (a generated 2,000-claim remittance page) and
// the popup's code lookup; the same page in Firefox too when one is installed. Prints numbers and PASS/MISS
// against the targets of issues 3 and 6. Plain Node ESM; REMIT_LENS_EXT_DIR picks another build, as for the
// e2e tests.
//
//   BENCH_CLAIMS=2000   claims on the generated page       BENCH_ROWS=20   added rows to time
//   BENCH_PROFILE=1     then two more scans: one traced (main-thread time by kind), one under the JS profiler
//                       (BENCH_PROFILE=trace or =cpu for just one of them)
//   BENCH_STRICT=1      exit 1 when a target is missed
//   BENCH_835_CLAIMS=20000  claims in the generated 835 for the reader      BENCH_ONLY=reader  just the reader parts
//   BENCH_ONLY=page     the 2,000-claim page and marks where the reader is; =viewport, =hostile just those parts
//   BENCH_ONLY=pdf      just the PDF reader (a 50-page remittance PDF); `npm run bench:pdf` times lib/pdf alone in Node
//   REMIT_LENS_NO_MINIFY=1 npm run bench   builds without minifying, so the CPU profile shows function names
import { readFileSync } from 'node:fs';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { launchExtension } from '../e2e/browser.mjs';
import { projectRoot, startServer } from '../e2e/static-server.mjs';
import { changeRows, componentMarkCodes, componentsPage, countComponentMarks } from './components-page.mjs';
import { firefoxPageBench } from './firefox-bench.mjs';
import { heading, max, mb, median, misses, ms, pct, row, signedMb, text, verdict } from './format.mjs';
import { generate835 } from './generate-835.mjs';
import { generatePage, REASONS, REMARKS } from './generate-page.mjs';
import { HOSTILE_PAGES, hostileInChromium } from './hostile-bench.mjs';
import { bundleSearch, keystrokes, TYPED, timeRoundTrips, timeSearchInNode, timeSearchInWorker } from './lookup.mjs';
import { measureScan, measureWrapFloor, openBaseline, rowsWindow, scanWindow } from './page-bench.mjs';
import { installProbe } from './page-probe.mjs';
import { benchPdf, PDF_TARGET, pdfReaderInChromium } from './pdf-reader-bench.mjs';
import { startProfile, stopProfile } from './profile.mjs';
import { FILE_HOST, READER_TARGET, readerInChromium, readerInFirefox, readerInNode } from './reader-bench.mjs';
import { BREAKDOWN_CATEGORIES, pageTasks, selfTimeByName, startTrace, stopTrace, taskAt, tasksBetween } from './trace.mjs';
import { JUMPS, viewportInChromium } from './viewport-bench.mjs';

const CLAIMS = Number(process.env.BENCH_CLAIMS ?? 2000);
const ROWS = Number(process.env.BENCH_ROWS ?? 20);
/** Claims wrapped one per rendered frame, on the page without the extension: what a paced writer's frame costs. */
const ONE_BY_ONE = 10;
const PROFILE = process.env.BENCH_PROFILE ?? '';
const STRICT = process.env.BENCH_STRICT === '1';
const CLAIMS_835 = Number(process.env.BENCH_835_CLAIMS ?? 20000);
const ONLY = process.env.BENCH_ONLY ?? '';
const PAGE = 'era.html';
/** The same server under a host the e2e content script does not match: baseline and control runs. */
const BASELINE_HOST = 'bench-baseline.test';
const TIMEOUT = 300_000;
const TARGET = { floorRatio: 3, taskMs: 50, rowMs: 2, keystrokeMs: 16, firstMarksMs: 50, jumpFrames: 2, stallMs: 100 };

const began = performance.now();
const load = () =>
  os
    .loadavg()
    .map((v) => v.toFixed(1))
    .join(' ');

// The generated page may only use codes the catalog knows, or the expected counts would be wrong.
const activeCodes = (file) =>
  new Set(
    readFileSync(path.join(projectRoot, file), 'utf8')
      .split('\n')
      .slice(1)
      .map((line) => line.split('\t'))
      .filter((cells) => cells[4] === 'active')
      .map((cells) => cells[0]),
  );
const carcs = activeCodes('data/x12/carc.tsv');
const rarcs = activeCodes('data/x12/rarc.tsv');
const unknown = [...REASONS.filter((c) => !carcs.has(c)), ...REMARKS.filter((c) => !rarcs.has(c))];
if (unknown.length > 0) throw new Error(`the bench page uses codes not active in data/x12: ${unknown.join(', ')}`);

const generated = generatePage({ claims: CLAIMS });
const dir = await mkdtemp(path.join(os.tmpdir(), 'remit-lens-bench-'));
await writeFile(path.join(dir, PAGE), generated.html);
await writeFile(path.join(dir, 'blank.html'), '<!doctype html><title>blank</title><p>blank</p>');
const COMPONENT_ROWS = 3000;
await writeFile(path.join(dir, 'components.html'), componentsPage(COMPONENT_ROWS));
const remit835 = generate835({ claims: CLAIMS_835 });
await writeFile(path.join(dir, 'bench.835'), remit835.text);
const pdf = benchPdf();
await writeFile(path.join(dir, 'bench.pdf'), pdf.bytes);
// The hostile fixtures (big <pre>, clock) with their stall probe, beside the generated pages.
await cp(path.join(projectRoot, 'test/fixtures/hostile'), path.join(dir, 'hostile'), { recursive: true });
const server = await startServer(dir);
const ext = await launchExtension({ hostRules: [BASELINE_HOST, FILE_HOST] });

console.log(`Remit Lens benchmark · ${path.relative(projectRoot, ext.extensionDir)} · ${ext.executablePath}`);
console.log(`${os.cpus().length} cores, load average ${load()} (other work on the machine inflates wall-clock times)`);
const s = generated.stats;
console.log(
  `Page: ${s.claims} claims, ${s.lines} service lines, ${s.rows} table rows, ${s.adjustments} adjustments, ${s.remarks} remarks, ` +
    `${s.notes} codes in prose notes; ${mb(s.bytes)} of HTML; ${generated.total} marks expected.`,
);

try {
  if (ONLY === 'page' || ONLY === 'viewport' || ONLY === 'hostile') {
    if (ONLY === 'page') await pageBench();
    if (ONLY === 'page' || ONLY === 'viewport') await viewportBench();
    if (ONLY === 'hostile') await hostileBench();
  } else if (ONLY !== 'reader' && ONLY !== 'pdf') {
    await lookupBench();
    await pageBench();
    await viewportBench();
    await hostileBench();
    await firefoxBench();
    await componentsBench();
  }
  if (ONLY !== 'pdf') await readerBench();
  await pdfReaderBench();
  if (PROFILE === '1' || PROFILE === 'trace') await breakdown();
  if (PROFILE === '1' || PROFILE === 'cpu') await cpuProfile();
} finally {
  await ext.close();
  await server.close();
  await rm(dir, { recursive: true, force: true });
}

heading('Summary');
console.log(misses.length === 0 ? '  All targets met.' : `  Missed: ${misses.join('; ')}.`);
console.log(`  Bench finished in ${((performance.now() - began) / 1000).toFixed(0)} s; load average now ${load()}.`);
if (STRICT && misses.length > 0) process.exitCode = 1;

// ---------- the 835 reader (issue 17) ----------
async function readerBench() {
  const r = remit835.stats;
  heading(`835 reader: ${r.claims} claims, ${r.lines} lines, ${r.adjustments} adjustments, ${mb(r.bytes)}`);
  const node = await readerInNode(remit835.text);
  row('Node: parse (lib/x12/parse835)', ms(node.parse), `best of 3; ${node.claims} claims`);
  row('Node: whole reading pass', ms(node.reading), `parse + balance and CO-253 checks + totals + filter index; ${node.off} claims off`);
  const url = server.url('bench.835', FILE_HOST);
  const c = await readerInChromium({ ext, url, claims: r.claims, timeout: TIMEOUT });
  row('Chromium: first claims on screen', ms(c.firstClaims), 'from navigation: fetch of the 10 MB file, first slice, first render');
  row('Chromium: whole file read (idle)', ms(c.idle), `${c.shown} claims in the DOM (virtualized)`);
  row('Chromium: longest task while reading', ms(c.longest), `${c.longTasks} long tasks (> 50 ms) between first claims and idle`);
  row('Chromium: search all claims for one account', ms(c.search), c.allRead ? `found 1 of ${r.claims}` : 'WRONG count');
  row('Chromium: JS heap after reading', Number.isNaN(c.heap) ? 'n/a' : mb(c.heap));
  verdict(
    'first claims on screen within 1 s',
    (c.firstClaims ?? Number.POSITIVE_INFINITY) <= READER_TARGET.firstClaimsMs,
    ms(c.firstClaims),
  );
  verdict(`responsive while reading (tasks ≤ ${READER_TARGET.taskMs} ms)`, c.longest <= READER_TARGET.taskMs, `longest ${ms(c.longest)}`);
  const f = await readerInFirefox({ url, claims: r.claims, timeout: TIMEOUT });
  if ('skipped' in f) {
    row('Firefox', 'skipped', f.skipped);
    return;
  }
  row('Firefox: first claims on screen', ms(f.firstClaims), `${f.version}; from the navigation, timed outside the page`);
  row('Firefox: whole file read (idle)', ms(f.idle), f.allRead ? `${r.claims} claims` : 'WRONG count');
}

// ---------- PDFs in the reader (issue 18) ----------
async function pdfReaderBench() {
  heading(`PDF reader: a ${pdf.pages}-page remittance PDF (Courier SPR), ${pdf.total} codes, ${mb(pdf.bytes.length)}`);
  const runs = await pdfReaderInChromium({ ext, url: server.url('bench.pdf', FILE_HOST), total: pdf.total, timeout: TIMEOUT });
  const [first] = runs;
  const med = (f) => median(runs.map(f));
  const at = (r) => `[first run ${ms(r)}]`;
  row('Chromium: pdf.js has the document', ms(med((r) => r.opened)), `from navigation (fetch included) ${at(first?.opened)}`);
  row('Chromium: page 1 text layer up', ms(med((r) => r.textLayer)), at(first?.textLayer));
  row(
    'Chromium: page 1 marked, after its text layer',
    ms(med((r) => r.marked - r.textLayer)),
    at((first?.marked ?? 0) - (first?.textLayer ?? 0)),
  );
  row("Chromium: every page's text read", ms(med((r) => r.read)), at(first?.read));
  row(
    "Chromium: the document's tally shown",
    ms(med((r) => r.tally)),
    `${first?.right ? `${pdf.total} codes, as generated` : `WRONG: ${first?.count}`} ${at(first?.tally)}`,
  );
  row('Chromium: pages painted', `${first?.painted} of ${first?.pages}`, 'only those near the viewport');
  row('Chromium: JS heap / DOM elements after', `${mb(med((r) => r.heap))} / ${first?.nodes}`);
  verdict(
    `page 1 marked within ${PDF_TARGET.markedAfterTextLayerMs} ms of its text layer`,
    med((r) => r.marked - r.textLayer) <= PDF_TARGET.markedAfterTextLayerMs,
    ms(med((r) => r.marked - r.textLayer)),
  );
  verdict(
    `whole document's tally within ${PDF_TARGET.tallyMs / 1000} s`,
    med((r) => r.tally) <= PDF_TARGET.tallyMs,
    ms(med((r) => r.tally)),
  );
  verdict(
    'the tally counts every code',
    runs.every((r) => r.right),
    first?.count ?? '',
  );
}

// ---------- the same page in Firefox (issue 3) ----------
async function firefoxBench() {
  heading(`Page: ${CLAIMS} claims, Firefox with the add-on`);
  const r = await firefoxPageBench({ url: server.url(PAGE), pageName: PAGE, timeout: TIMEOUT });
  if ('skipped' in r) {
    row('skipped', '', r.skipped);
    return;
  }
  const { probe, found } = r;
  const floor = median(probe.floorPre.map((f) => f.ms));
  const total = (probe.idleAt ?? Number.NaN) - (probe.scanningAt ?? Number.NaN);
  row('"scanning" → "idle" (all marks + tones)', ms(total), `${r.version}; as the page's MutationObserver saw it`);
  row('  first marks on the page', ms((probe.firstMarkAt ?? Number.NaN) - (probe.scanningAt ?? Number.NaN)), 'after "scanning"');
  row('marks placed (near the reader)', `${found.total}`, `of ${generated.total} codes on the page; marks follow the reader`);
  const done = r.jumps.filter((j) => j.ms !== null);
  const jumpMs = done.map((j) => /** @type {number} */ (j.ms));
  const jumpFrames = done.map((j) => /** @type {number} */ (j.frames));
  row(
    `jump → marks in view (${r.jumps.length} jumps)`,
    `${ms(median(jumpMs))} median`,
    `max ${ms(max(jumpMs))}; frames from the scroll: median ${median(jumpFrames)}, max ${max(jumpFrames)}${done.length < r.jumps.length ? `; ${r.jumps.length - done.length} never marked` : ''}`,
  );
  const firstFx = (probe.firstMarkAt ?? Number.NaN) - (probe.scanningAt ?? Number.NaN);
  console.log('');
  verdict('Firefox: first marks in view < 50 ms', firstFx < TARGET.firstMarksMs, `(${ms(firstFx)})`);
  verdict(
    'Firefox: marks at most one frame after a jump',
    done.length === r.jumps.length && max(jumpFrames) <= TARGET.jumpFrames,
    `(max ${max(jumpFrames)} frames, ${ms(max(jumpMs))})`,
  );
  row(
    'floor: TreeWalker + 1 regex over all text',
    `${ms(floor)} median`,
    `5 passes at DOMContentLoaded; total / floor ${(total / floor).toFixed(0)}×`,
  );
  text([
    'Firefox has no Long Tasks, Long Animation Frames or CDP memory readings: times and marks only; the targets are read in Chromium.',
  ]);
}

// ---------- lookup (issue 6) ----------
async function lookupBench() {
  heading('Lookup: time per keystroke over the whole shipped catalog');
  const keys = keystrokes();
  console.log(`  ${keys.length} keystrokes, typing ${TYPED.map((w) => JSON.stringify(w)).join(', ')}`);

  // First, while the worker is fresh: its first answer includes parsing the catalog and building the index.
  const popup = await ext.context.newPage();
  await popup.goto(`chrome-extension://${ext.extensionId}/popup.html`);
  await popup.waitForSelector('#lookup-input');
  const trip = await timeRoundTrips(popup, keys, 3);
  await popup.close();

  const code = await bundleSearch();
  const node = timeSearchInNode(code, keys, 20);
  const worker = await timeSearchInWorker(ext.worker, code, keys, 20);

  const stats = (label, values, note = '') =>
    row(label, `median ${ms(median(values))}`, `p95 ${ms(pct(0.95, values))}  max ${ms(max(values))}  ${note}`);
  stats('pure search, in the service worker', worker.perKey, 'mean of 20 runs per keystroke');
  stats('pure search, Node', node.perKey, 'same bundle, for comparison');
  stats('popup → worker round trip', trip.perKey, `${trip.perKey.length} messages: sendMessage + search + reply`);
  row('cold first keystroke (popup round trip)', ms(trip.coldMs), 'a fresh worker parses the catalog and builds the index');
  row(
    'cold, in the service worker',
    ms(worker.coldMs),
    `catalog ${ms(worker.catalogMs)} + index ${ms(worker.indexMs)} + first search ${ms(worker.firstQueryMs)}`,
  );
  const slowest = keys.map((k, i) => ({ k, t: worker.perKey[i] ?? 0 })).sort((a, b) => b.t - a.t);
  row(
    'slowest keystrokes (service worker)',
    slowest
      .slice(0, 5)
      .map((x) => `${JSON.stringify(x.k)} ${ms(x.t)}`)
      .join(', '),
  );
  const samples = ['2', '25', '253', 'co-2', 'timely', 'timely fil', 'timely filing', 'n13', 'ma 130', 'bundled'];
  row('hits (of 20 shown)', samples.map((q) => `${JSON.stringify(q)}:${worker.hits[keys.indexOf(q)] ?? '-'}`).join(' '));
  console.log('');
  verdict(
    `keystroke, pure search p95 < ${TARGET.keystrokeMs} ms`,
    pct(0.95, worker.perKey) < TARGET.keystrokeMs,
    `(service worker p95 ${ms(pct(0.95, worker.perKey))}, max ${ms(max(worker.perKey))})`,
  );
  verdict(
    `keystroke, popup round trip p95 < ${TARGET.keystrokeMs} ms`,
    pct(0.95, trip.perKey) < TARGET.keystrokeMs,
    `(p95 ${ms(pct(0.95, trip.perKey))}, max ${ms(max(trip.perKey))})`,
  );
}

// ---------- marks where the reader is (issue 19) ----------
async function viewportBench() {
  const v = await viewportInChromium(ext, {
    url: server.url(PAGE),
    baselineUrl: server.url(PAGE, BASELINE_HOST),
    pageName: PAGE,
    timeout: TIMEOUT,
  });
  heading(`Marks where the reader is: ${CLAIMS} claims, Chromium (a fresh load)`);
  const firstMarks = (v.probe.firstMarkAt ?? Number.NaN) - (v.probe.scanningAt ?? Number.NaN);
  row('content script start → first marks in view', ms(firstMarks), 'the rows in the first viewport, with their tones');
  row('content script start → complete report (idle)', ms(v.scanMs), 'every code and amount read, marks near the viewport');
  const done = v.jumps.filter((j) => j.ms !== null);
  const jumpMs = done.map((j) => j.ms);
  const jumpFrames = done.map((j) => j.frames);
  row(
    `jump → marks in view (${v.jumps.length} jumps)`,
    `${ms(median(jumpMs))} median`,
    `max ${ms(max(jumpMs))}; frames from the scroll: median ${median(jumpFrames)}, max ${max(jumpFrames)}${done.length < v.jumps.length ? `; ${v.jumps.length - done.length} never marked` : ''}`,
  );
  row(
    '  per jump (position: ms/frames)',
    v.jumps.map((j) => `${j.position}:${j.ms === null ? 'never' : j.ms.toFixed(0)}/${j.frames ?? '-'}`).join(' '),
  );
  const frameLine = (f) =>
    f.length === 0
      ? 'none'
      : `${f.length}, ${f.filter((x) => x.duration > TARGET.taskMs).length} over ${TARGET.taskMs} ms, longest ${ms(max(f.map((x) => x.duration)))}`;
  row('long animation frames while loading: with', frameLine(v.withLoad));
  row('  without the extension (same window)', frameLine(v.bareLoad));
  const scrollLine = (s) => (s ? `${s.long}, ${s.over50} over 50 ms, longest ${ms(s.longest)}` : 'n/a');
  row(
    'long animation frames, steady scroll: with',
    scrollLine(v.scrolled),
    v.scrolled ? `${v.scrolled.frames} frames of 40 px in ${ms(v.scrolled.elapsed)}` : '',
  );
  row(
    '  without the extension',
    scrollLine(v.bareScrolled),
    v.bareScrolled ? `${v.bareScrolled.frames} frames in ${ms(v.bareScrolled.elapsed)}` : '',
  );
  console.log('');
  verdict(`first marks in view < ${TARGET.firstMarksMs} ms`, firstMarks < TARGET.firstMarksMs, `(${ms(firstMarks)})`);
  verdict(
    `marks at most one frame after a jump`,
    done.length === v.jumps.length && max(jumpFrames) <= TARGET.jumpFrames,
    `(frames from the scroll: max ${max(jumpFrames)}; ${ms(max(jumpMs))})`,
  );
  const ours = (w, b) => (w ? w.over50 - (b?.over50 ?? 0) : Number.NaN);
  verdict(
    'steady scroll: no long frame of ours > 50 ms',
    ours(v.scrolled, v.bareScrolled) <= 0,
    `(with ${v.scrolled?.over50 ?? 'n/a'}, without ${v.bareScrolled?.over50 ?? 'n/a'} over 50 ms)`,
  );
  text([
    `method: the page loads with the extension; after idle, ${JUMPS.length} scrollTo jumps (top, middle, end, spread), each`,
    'followed frame by frame until every table row in the viewport has a mark in its Reason cell; then 240 frames of',
    '40 px steady scrolling under a long-animation-frame observer. The same page from a host the content script does',
    'not run on gives the frames without the extension.',
  ]);
}

// ---------- pages that fight back (issue 20) ----------
async function hostileBench() {
  const results = await hostileInChromium(ext, {
    url: (p, baseline) => server.url(p, baseline ? BASELINE_HOST : undefined),
    timeout: TIMEOUT,
  });
  for (const r of results) {
    const w = r.withExt;
    const b = r.bare;
    heading(`Hostile page: ${r.label}, Chromium`);
    const start = w.scanningAt ?? 0;
    const fromStart = start - (w.dclAt ?? 0);
    const afterStart = (s, origin) => s.gaps.filter((g) => g.at >= origin).map((g) => g.gap);
    const oursGaps = afterStart(w.stalls, start);
    const bareGaps = afterStart(b.stalls, (b.dclAt ?? 0) + fromStart);
    row(
      'longest timer stall, whole visit: with',
      ms(w.stalls.longest),
      `without ${ms(b.stalls.longest)} (the page's own parse and layout)`,
    );
    row(
      '  after the content script started: with',
      ms(max(oursGaps.length ? oursGaps : [0])),
      `without, same window ${ms(max(bareGaps.length ? bareGaps : [0]))}; stalls over 50 ms: ${oursGaps.length} / ${bareGaps.length}`,
    );
    row('main-thread busy: with / without', `${ms(w.busy)} / ${ms(b.busy)}`, `+${ms(w.busy - b.busy)} over ${ms(w.now)} of the visit`);
    const floor = median(w.floor);
    const report = (w.idleAt ?? Number.NaN) - start;
    row('content script start → complete report', ms(report), `bare text pass ${ms(floor)} (median of 5); ${(report / floor).toFixed(1)}×`);
    if (w.marksAdded !== undefined)
      row('marks written after the first scan', String(w.marksAdded), 'the clock ticked every 100 ms meanwhile');
    console.log('');
    const worst = max(oursGaps.length ? oursGaps : [0]);
    const bareWorst = max(bareGaps.length ? bareGaps : [0]);
    verdict(
      `${r.label}: no stall of ours > ${TARGET.stallMs} ms`,
      worst <= Math.max(TARGET.stallMs, bareWorst),
      `(with ${ms(worst)}, without ${ms(bareWorst)})`,
    );
    verdict(
      `${r.label}: report < ${TARGET.floorRatio}× bare pass`,
      report <= TARGET.floorRatio * floor,
      `(${ms(report)} vs ${ms(TARGET.floorRatio * floor)})`,
    );
  }
  text([
    `method: each page (${HOSTILE_PAGES.map((p) => p.name + p.query).join(', ')}) loads with the extension until idle plus 3 s, then from`,
    "a host the content script does not run on for as long. The page's own 10 ms interval (stall.js) notes each gap",
    'over 50 ms; busy is CDP TaskDuration over the visit; the bare text pass is a TreeWalker and one regex over all text.',
  ]);
}

// ---------- the page (issue 3) ----------
async function pageBench() {
  const baseline = await openBaseline(ext, server.url(PAGE, BASELINE_HOST), PAGE, TIMEOUT);
  const m = await measureScan(ext, server.url(PAGE), {
    pageName: PAGE,
    rows: ROWS,
    timeout: TIMEOUT,
    claims: CLAIMS,
    expectedTotal: generated.total,
  });
  const control = await baseline.controlRows(ROWS, m.retried?.kept);
  const oneByOne = await baseline.claimsOneByOne(ONE_BY_ONE);
  await baseline.close();
  const wrap = await measureWrapFloor(ext, server.url(PAGE, BASELINE_HOST), PAGE, TIMEOUT);

  heading(`Page: ${CLAIMS} claims, Chromium with the extension`);
  const { probe, trace } = m;
  if (probe.visibility !== 'visible') row('WARNING: page visibility', probe.visibility, 'rendering and timers may be throttled');

  // ----- time -----
  const win = scanWindow(trace);
  const seenByPage = (probe.idleAt ?? Number.NaN) - (probe.scanningAt ?? Number.NaN);
  const total = win ? win.end - win.start : seenByPage;
  const tasks = win?.tasks ?? [];
  const cpu = tasks.reduce((n, t) => n + (Number.isFinite(t.cpu) ? t.cpu : 0), 0);
  const hasCpu = tasks.some((t) => Number.isFinite(t.cpu));
  row('content script start → idle (all marks + tones)', ms(total), 'trace: task that set "scanning" → task that set "idle"');
  row("  as the page's MutationObserver saw it", ms(seenByPage), "it runs after the scanner's first chunk");
  row(
    '  first marks on the page',
    ms((probe.firstMarkAt ?? Number.NaN) - (probe.scanningAt ?? Number.NaN)),
    'the top of the page is marked before the rest is read',
  );
  row(
    '  main thread during that time',
    `busy ${ms(tasks.reduce((n, t) => n + t.ms, 0))}`,
    `thread CPU ${hasCpu ? ms(cpu) : 'n/a'} in ${tasks.length} tasks`,
  );
  row(
    '  DOMContentLoaded → "scanning"',
    ms((probe.scanningAt ?? 0) - (probe.dclAt ?? 0)),
    'document_idle injection, settings, catalog:known',
  );
  row('  navigation start → idle', ms(probe.idleAt), `load event at ${ms(probe.loadEventEnd)}`);

  // ----- marks -----
  const diffs = [];
  for (const key of new Set([...generated.expected.keys(), ...Object.keys(m.found.counts)])) {
    const want = generated.expected.get(key) ?? 0;
    const got = m.found.counts[key] ?? 0;
    if (want !== got) diffs.push({ key, want, got });
  }
  const missing = diffs.reduce((n, d) => n + Math.max(0, d.want - d.got), 0);
  const extra = diffs.reduce((n, d) => n + Math.max(0, d.got - d.want), 0);
  row(
    'codes reported / generated',
    `${m.found.total} / ${generated.total}`,
    diffs.length ? `${missing} missing, ${extra} unexpected` : "same multiset of code + amount (the tab's report)",
  );
  row('  marks placed (near the reader)', `${m.placed.total}`, 'mark elements in the page at idle, before any scrolling');
  for (const d of diffs.filter((x) => x.got > x.want).slice(0, 5)) row(`  unexpected "${d.key}"`, `${d.got}`, `want ${d.want}`);
  if (missing > 0 && m.found.total % 1000 === 0)
    row('', '', `marking stopped at a round ${m.found.total} (a mark cap?): the times cover only those`);

  // ----- floor -----
  const pre = probe.floorPre.map((f) => f.ms);
  const floor = median(pre);
  const first = probe.floorPre[0];
  row(
    'floor: TreeWalker + 1 regex over all text',
    `${ms(floor)} median`,
    `5 passes at DOMContentLoaded, pristine DOM (${pre.map((v) => v.toFixed(0)).join(', ')} ms); ${first?.nodes} text nodes, ${first?.matches} matches`,
  );
  row('  same pass after marking', `${ms(median(m.floorPost.map((f) => f.ms)))} median`, `5 passes; ${m.floorPost[0]?.nodes} text nodes`);
  if (wrap.visibility !== 'visible') row('WARNING: wrap floor page visibility', wrap.visibility, 'its frame may be throttled');
  row(
    'wrap floor: walk, wrap every code, render',
    ms(wrap.totalMs),
    `${wrap.wrapped} <remit-mark> elements wrapped (${wrap.wrapped === generated.total ? '= the marks expected' : `${generated.total} marks expected`})`,
  );
  row(
    '  script: detect / wrap',
    `${ms(wrap.detectMs)} / ${ms(wrap.wrapMs)}`,
    `walk of ${wrap.nodes} text nodes + regex; splitText + insert`,
  );
  row('  forced style + layout (body.offsetHeight)', ms(wrap.layoutMs));
  row(
    '  the frame after (rAF, then a task)',
    ms(wrap.frameMs),
    wrap.frameRenderMs === null ? '' : `its rendering update ${ms(wrap.frameRenderMs)} (long animation frame)`,
  );
  const stepRender = oneByOne.map((f) => f.renderMs ?? 0);
  const stepMarks = oneByOne.reduce((n, f) => n + f.marks, 0);
  row(
    `  one claim per frame instead (${oneByOne.length})`,
    `${ms(median(stepRender))} median`,
    `rendering update after wrapping one claim's codes (${(stepMarks / Math.max(1, oneByOne.length)).toFixed(0)} marks): ${stepRender.filter((v) => v > TARGET.taskMs).length} of ${oneByOne.length} frames over ${TARGET.taskMs} ms, least ${ms(Math.min(...stepRender))}`,
  );
  row('total / floor', `${(total / floor).toFixed(0)}×`, hasCpu ? `scan thread CPU / floor ${(cpu / floor).toFixed(0)}×` : '');
  row('total / wrap floor', `${(total / wrap.totalMs).toFixed(1)}×`, 'a reference, not a target');
  text([
    'method, wrap floor: in a fresh tab of the same page without the extension, one synchronous pass walks all text',
    "nodes, matches one regex in the generator's code places (Reason and Remark cells, p.note) and wraps each match",
    'in a <remit-mark> with one attribute; then body.offsetHeight forces style + layout, then requestAnimationFrame',
    "and a task wait for the next rendered frame. What the page contract's one element per mention alone costs.",
    'One claim per frame: the same wrapping in the baseline tab, claim by claim for the first claims, each followed',
    'by its own frame; a rendering update over 50 ms there means no writer that puts marks in this page keeps every',
    'task under 50 ms, however small its steps.',
  ]);

  // ----- tasks -----
  const byWall = [...tasks].sort((a, b) => b.ms - a.ms);
  const cpuOf = (t) => (Number.isFinite(t.cpu) ? t.cpu : -1);
  const byCpu = [...tasks].sort((a, b) => cpuOf(b) - cpuOf(a));
  const longest = byWall[0];
  const longestCpu = byCpu[0];
  row(
    'longest main-thread task during the scan',
    `${ms(longest?.ms)} wall`,
    `${ms(longest?.cpu)} CPU; ${tasks.filter((t) => t.ms > TARGET.taskMs).length} tasks over ${TARGET.taskMs} ms wall, ${tasks.filter((t) => t.cpu > TARGET.taskMs).length} by CPU`,
  );
  row('  longest by thread CPU', ms(longestCpu?.cpu), 'what other load on the machine does not stretch');
  // Rendering updates (BeginMainFrame) apart from everything else: the content script's chunks are script
  // tasks; a frame's cost is the browser restyling / laying out / painting the page after DOM writes.
  const renderTasks = tasks.filter((t) => t.render);
  const otherTasks = tasks.filter((t) => !t.render);
  const longestOther = [...otherTasks].sort((a, b) => cpuOf(b) - cpuOf(a))[0];
  const longestOtherWall = [...otherTasks].sort((a, b) => b.ms - a.ms)[0];
  row(
    '  script & other tasks (not rendering)',
    `longest ${ms(longestOther?.cpu)} CPU`,
    `${ms(longestOtherWall?.ms)} wall; ${otherTasks.filter((t) => cpuOf(t) > TARGET.taskMs).length} over ${TARGET.taskMs} ms CPU; ${otherTasks.length} tasks, ${ms(otherTasks.reduce((n, t) => n + t.ms, 0))} wall in all`,
  );
  const renderCpu = renderTasks.reduce((n, t) => n + (Number.isFinite(t.cpu) ? t.cpu : 0), 0);
  const bigFrames = renderTasks.filter((t) => t.ms > TARGET.taskMs);
  row(
    '  rendering updates (BeginMainFrame)',
    `${renderTasks.length} frames`,
    `${ms(renderTasks.reduce((n, t) => n + t.ms, 0))} wall, ${ms(renderCpu)} CPU in all; ${bigFrames.length} over ${TARGET.taskMs} ms (${bigFrames.map((t) => t.ms.toFixed(0)).join(', ')} ms)`,
  );
  row(
    '  top 5, wall/CPU ms @ ms into the scan',
    byWall
      .slice(0, 5)
      .map((t) => `${t.ms.toFixed(0)}/${t.cpu.toFixed(0)}@${(t.start - (win?.start ?? 0)).toFixed(0)}`)
      .join('  '),
  );
  const inScan = (t) => t.start + t.duration >= (probe.scanningAt ?? 0) - 50 && t.start <= (probe.idleAt ?? 0);
  const longTasks = probe.longTasks.filter(inScan);
  row(
    '  Long Tasks API',
    `${longTasks.length} long task(s)`,
    longTasks.length ? `longest ${ms(max(longTasks.map((t) => t.duration)))}` : '',
  );
  const frames = probe.longFrames.filter(inScan);
  if (frames.length > 0) {
    const rendering = frames.reduce((n, f) => n + f.render, 0);
    row(
      '  long animation frames (>50 ms)',
      `${frames.length} frame(s)`,
      `${ms(rendering)} of their ${ms(frames.reduce((n, f) => n + f.duration, 0))} is rendering (style, layout, paint)`,
    );
    const at = (f) => `${(f.start - (probe.scanningAt ?? 0)).toFixed(0)} ms into the scan`;
    const worstTasks = frames.reduce((x, f) => (f.tasks > x.tasks ? f : x));
    const worstRender = frames.reduce((x, f) => (f.render > x.render ? f : x));
    row(
      '  longest parts of those frames',
      `tasks ${ms(worstTasks.tasks)}`,
      `at ${at(worstTasks)}; rendering ${ms(worstRender.render)} at ${at(worstRender)} (tasks: scripts incl. the content script's chunks)`,
    );
  }

  // ----- memory -----
  const base = baseline.memory;
  row('memory added: V8 heap', signedMb(m.memory.v8 - base.v8), `${mb(base.v8)} → ${mb(m.memory.v8)}`);
  if (m.memory.embedder !== undefined && base.embedder !== undefined) {
    row('memory added: Blink heap (DOM)', signedMb(m.memory.embedder - base.embedder), `${mb(base.embedder)} → ${mb(m.memory.embedder)}`);
  }
  row(
    'DOM nodes added',
    `${m.memory.nodes - base.nodes}`,
    `${base.nodes} → ${m.memory.nodes}; event listeners ${base.listeners} → ${m.memory.listeners}`,
  );
  text([
    'method: the same page, loaded from a host the e2e content script does not run on, is the baseline; both are',
    "read after HeapProfiler.collectGarbage ×2: Runtime.getHeapUsage (the renderer's V8 isolate, i.e. page + content",
    "script worlds; its embedder heap is Blink's garbage-collected DOM) and Performance.getMetrics (Nodes, listeners).",
  ]);

  // ----- added rows -----
  const rows = m.added.rows;
  const marksMs = rows.map((r) => r.marksMs).filter((v) => v !== null);
  const unmarked = rows.length - marksMs.length;
  const wrong = rows.filter((r) => r.marksMs !== null && r.codes.join(' ') !== 'CO-45 N130').length;
  if (m.retried) {
    row(
      'added rows, first try',
      `${m.retried.unmarked} of ${rows.length} NOT marked`,
      `timed again after removing every claim after #${m.retried.kept}`,
    );
  }
  row(
    `one added row → its 2 marks (${rows.length} rows)`,
    `median ${ms(median(marksMs))}`,
    `max ${ms(max(marksMs))}; ${unmarked} unmarked, ${wrong} with other codes`,
  );
  row(
    '  same append, page without the extension',
    `median ${ms(median(control.rows.map((r) => r.syncMs)))}`,
    `max ${ms(max(control.rows.map((r) => r.syncMs)))} (control)`,
  );
  const rowTasks = rowsWindow(trace);
  const rowLongest = rowTasks.reduce((x, t) => (t.ms > x.ms ? t : x), { ms: 0, cpu: 0 });
  row('  longest task while rows went in', `${ms(rowLongest.ms)} wall`, `${ms(rowLongest.cpu)} CPU (rendering, deferred tally work, GC…)`);
  const frameLine = (label, list) =>
    row(
      label,
      `${list.length} frame(s)`,
      list.length ? `longest ${ms(max(list.map((f) => f.duration)))}, ${ms(max(list.map((f) => f.render)))} rendering` : '',
    );
  frameLine('  long animation frames, with the extension', m.added.frames);
  frameLine('  long animation frames, without (control)', control.frames);
  const controlRender = control.frames.map((f) => f.render);
  row(
    '  per-frame cost of a DOM change on this page',
    controlRender.length ? `${ms(max(controlRender))} rendering` : 'no frame over 50 ms',
    controlRender.length
      ? `longest rendering update after the page's own one-row append (control, no extension); median ${ms(median(controlRender))} over ${controlRender.length} frame(s)`
      : "after the page's own one-row append (control, no extension)",
  );

  console.log('');
  verdict('every generated mark present, nothing else', diffs.length === 0, `(${m.found.total} found / ${generated.total} generated)`);
  verdict(
    `total within ${TARGET.floorRatio}× the floor`,
    total <= TARGET.floorRatio * floor,
    `(${ms(total)} vs ${TARGET.floorRatio} × ${ms(floor)} = ${ms(TARGET.floorRatio * floor)})`,
  );
  // Judged on thread CPU when the trace has it: a loaded machine stretches wall time, not the work in a task.
  const judged = hasCpu ? (longestCpu?.cpu ?? 0) : (longest?.ms ?? 0);
  verdict(
    `no task over ${TARGET.taskMs} ms during the scan`,
    judged <= TARGET.taskMs,
    `(longest ${ms(longestCpu?.cpu)} CPU, ${ms(longest?.ms)} wall)`,
  );
  const judgedOther = hasCpu ? cpuOf(longestOther ?? { cpu: 0 }) : (longestOtherWall?.ms ?? 0);
  row(
    '  (of which script & other tasks, not rendering)',
    judgedOther <= TARGET.taskMs ? 'within' : 'over',
    `longest ${ms(longestOther?.cpu)} CPU; rendering frames: longest ${ms(max(renderTasks.map((t) => t.cpu)))} CPU (${renderTasks.length} frames)`,
  );
  verdict(
    `one added row under ${TARGET.rowMs} ms`,
    unmarked === 0 && median(marksMs) < TARGET.rowMs,
    `(median ${ms(median(marksMs))}, max ${ms(max(marksMs))}${unmarked ? `, ${unmarked} never marked` : ''})`,
  );
}

// ---------- optional breakdown ----------
/** A separate scan under detailed tracing (slower than the measured one): main-thread self time by event. */
async function breakdown() {
  heading('Where the scan time goes (BENCH_PROFILE: a separate, traced scan, slower than above)');
  const page = await ext.context.newPage();
  const session = await ext.context.newCDPSession(page);
  await page.addInitScript(installProbe, PAGE);
  await startTrace(session, BREAKDOWN_CATEGORIES);
  await page.goto(server.url(PAGE), { waitUntil: 'commit', timeout: TIMEOUT });
  await page.waitForFunction(() => window.__remitBench?.idleAt != null, null, { polling: 250, timeout: TIMEOUT });
  const events = await stopTrace(session);
  await page.close();
  const trace = pageTasks(events, 'remit-bench:');
  const tScan = trace.marks.get('scanning');
  const tIdle = trace.marks.get('idle');
  const from = tScan !== undefined ? (taskAt(trace.tasks, tScan)?.start ?? tScan) : Number.NaN;
  const to = tIdle !== undefined ? (taskAt(trace.tasks, tIdle)?.end ?? tIdle) : Number.NaN;
  if (!trace.thread || !Number.isFinite(from) || !Number.isFinite(to)) {
    console.log('  no scan window in the trace');
    return;
  }
  const byName = selfTimeByName(events, trace.thread, from, to);
  const busy = byName.reduce((n, r) => n + r.ms, 0);
  console.log(`  scan window ${ms(to - from)}, main thread busy ${ms(busy)}; self time by trace event:`);
  for (const r of byName.slice(0, 12)) console.log(`  ${ms(r.ms).padStart(9)} ${((r.ms / busy) * 100).toFixed(1).padStart(5)}%  ${r.name}`);
  text([
    "FunctionCall / RunMicrotasks / v8.* = JavaScript (the content script's chunks run in microtasks);",
    'UpdateLayoutTree = style; Layout, PrePaint, Paint, Layerize, Commit = rendering the changed page.',
  ]);
  // What the longest tasks that are not rendering updates spent their time on (script, GC, IPC...).
  const longest = tasksBetween(trace.tasks, from, to)
    .filter((t) => !t.render)
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 3);
  for (const t of longest) {
    const parts = selfTimeByName(events, trace.thread, t.start, t.end).slice(0, 4);
    row(`  a long script task, ${ms(t.start - from)} in`, ms(t.ms), parts.map((p) => `${p.name} ${ms(p.ms)}`).join(', '));
  }
}

/**
 * A page of web components (every cell renders its value in its own shadow root): the scan, then what
 * absorbing the page's own changes costs the main thread (the content script's observer runs before the
 * next task), and how long until a re-rendered table is marked again. Numbers only, no target.
 */
async function componentsBench() {
  heading(`Web components: ${COMPONENT_ROWS} rows × 3 cells, each in its own shadow root`);
  const page = await ext.context.newPage();
  const began = performance.now();
  await page.goto(server.url('components.html'), { timeout: TIMEOUT });
  await page.waitForFunction(() => document.documentElement.getAttribute('data-remit-lens-state') === 'idle', null, {
    polling: 50,
    timeout: TIMEOUT,
  });
  const read = Object.entries(await page.evaluate(componentMarkCodes)).map(([code, n]) => `${code} ×${n}`);
  row('load → idle', ms(performance.now() - began), `marks in shadow roots: ${read.join(', ')} (group and amount from other components)`);
  // The same page where the content script does not run: what the page's own changes cost.
  const control = await ext.context.newPage();
  await control.goto(server.url('components.html', BASELINE_HOST), { timeout: TIMEOUT });
  const removed = await page.evaluate(changeRows, 'remove-half');
  const removedBare = await control.evaluate(changeRows, 'remove-half');
  row(
    'page removes every other row, one by one',
    ms(removed.ms),
    `main thread until the next task (${ms(removedBare.ms)} without the extension); ${removed.rows} rows left`,
  );
  const marks = await page.evaluate(countComponentMarks);
  const rerendered = await page.evaluate(changeRows, 'rerender');
  const waitFrom = performance.now();
  await page.waitForFunction(
    (n) => {
      const cells = Array.from(document.querySelectorAll('x-cell'));
      // Marks go near the reader, in strides: at least those the reader had before are back.
      return cells.reduce((sum, c) => sum + (c.shadowRoot?.querySelectorAll('remit-mark').length ?? 0), 0) >= n;
    },
    marks,
    { polling: 20, timeout: TIMEOUT },
  );
  const markedAgain = performance.now() - waitFrom;
  const rerenderedBare = await control.evaluate(changeRows, 'rerender');
  row(
    'page re-renders all rows (new components)',
    ms(rerendered.ms),
    `main thread until the next task (${ms(rerenderedBare.ms)} without the extension); marked again ${ms(markedAgain)} later`,
  );
  await control.close();
  await page.close();
}

/** A separate scan under the V8 sampling profiler: the JavaScript functions with the most self time. */
async function cpuProfile() {
  heading('JavaScript hot spots (BENCH_PROFILE: a separate scan under the V8 sampling profiler)');
  const page = await ext.context.newPage();
  const session = await ext.context.newCDPSession(page);
  await page.addInitScript(installProbe, PAGE);
  // Same site first, so the profiled renderer is the one that then loads the bench page.
  await page.goto(server.url('blank.html'));
  await startProfile(session);
  await page.goto(server.url(PAGE), { waitUntil: 'commit', timeout: TIMEOUT });
  await page.waitForFunction(() => window.__remitBench?.idleAt != null, null, { polling: 250, timeout: TIMEOUT });
  const { totalMs, rows } = await stopProfile(session, ext.extensionDir, 20);
  await page.close();
  console.log(`  ${ms(totalMs)} sampled over page load + scan; "(program)" is native work (parsing, rendering) outside JS.`);
  console.log('  The content script is minified: each row shows the code at the sampled position.');
  for (const r of rows) {
    console.log(
      `  ${ms(r.ms).padStart(9)} ${(r.share * 100).toFixed(1).padStart(5)}%  ${r.name.slice(0, 22).padEnd(22)} ${r.where.padEnd(34)} ${r.code}`,
    );
  }
}
