// Optional (BENCH_PROFILE=1): a V8 CPU profile of the bench page's first scan, reduced to the functions with
// the most self time. The content script is minified, so each row also shows the code at that position.
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * @param {import('playwright-core').CDPSession} session attached to the page, already on the bench page's site
 */
export async function startProfile(session) {
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 250 });
  await session.send('Profiler.start');
}

/**
 * @param {import('playwright-core').CDPSession} session
 * @param {string} extensionDir to show minified content-script code around each hot position
 * @param {number} top
 */
export async function stopProfile(session, extensionDir, top = 20) {
  const { profile } = await session.send('Profiler.stop');
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const dt = new Map();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  samples.forEach((id, i) => {
    dt.set(id, (dt.get(id) ?? 0) + (deltas[i] ?? 0) / 1000);
  });
  const self = new Map();
  let total = 0;
  for (const [id, ms] of dt) {
    const node = nodes.get(id);
    if (!node) continue;
    const f = node.callFrame;
    const key = `${f.functionName || '(anonymous)'}\t${f.url}\t${f.lineNumber}\t${f.columnNumber}`;
    self.set(key, (self.get(key) ?? 0) + ms);
    total += ms;
  }
  const contentFile = path.join(extensionDir, 'content-scripts/content.js');
  const content = await readFile(contentFile, 'utf8').catch(() => '');
  const lines = content.split('\n');
  const rows = [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([key, ms]) => {
      const [name, url, line, col] = key.split('\t');
      const where = url
        ? `${url.replace(/^chrome-extension:\/\/[a-p]+\//, 'ext:/').replace(/^http:\/\/[^/]+\//, '')}:${Number(line) + 1}:${Number(col) + 1}`
        : '';
      const code = url?.endsWith('content-scripts/content.js') ? (lines[Number(line)] ?? '').slice(Number(col), Number(col) + 90) : '';
      return { ms, share: total > 0 ? ms / total : 0, name, where, code };
    });
  return { totalMs: total, rows };
}
