// Printing for the benchmark: aligned rows, PASS/MISS lines, small statistics.

/** Milliseconds, "n/a" for missing values. */
export const ms = (v) =>
  v === null || v === undefined || Number.isNaN(v) || !Number.isFinite(v) ? 'n/a' : v >= 100 ? `${v.toFixed(0)} ms` : `${v.toFixed(2)} ms`;
export const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
export const signedMb = (bytes) => `${bytes >= 0 ? '+' : '-'}${mb(Math.abs(bytes))}`;

/** Nearest-rank percentile (q in 0..1). */
export function pct(q, values) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;
}
export const median = (values) => pct(0.5, values);
export const max = (values) => (values.length === 0 ? Number.NaN : Math.max(...values));

export const heading = (title) => console.log(`\n== ${title} ${'='.repeat(Math.max(0, 96 - title.length))}`);
export const row = (label, value, note = '') => console.log(`  ${label.padEnd(46)} ${String(value).padEnd(22)} ${note}`.trimEnd());
export const text = (lines) => console.log(lines.map((line) => `  ${line}`).join('\n'));

/** Targets missed so far, in order. */
export const misses = [];

/** Prints a target line and remembers misses. */
export function verdict(label, ok, detail) {
  console.log(`  ${ok ? 'PASS' : 'MISS'}  ${label.padEnd(42)} ${detail}`);
  if (!ok) misses.push(label);
}
