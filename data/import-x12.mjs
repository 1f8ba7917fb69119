#!/usr/bin/env node
// Refreshes data/x12/*.tsv (facts only: codes, dates, status) from an official code-list copy.
// The official descriptions are X12's copyrighted text and are deliberately NOT copied.
// Usage: node data/import-x12.mjs [../shared/catalog]
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const source = process.argv[2] ?? join(here, '..', '..', 'shared', 'catalog');

function readTsv(path) {
  const [head, ...rows] = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => l.trim());
  const cols = head.split('\t');
  return rows.map((r) => Object.fromEntries(r.split('\t').map((v, i) => [cols[i], v.trim()])));
}

for (const kind of ['carc', 'rarc']) {
  const rows = readTsv(join(source, `${kind}.tsv`));
  const header = ['code', 'start', 'last_modified', 'stop', 'status'];
  if (kind === 'rarc') header.push('type');
  const out = [header.join('\t')];
  for (const r of rows) {
    // Deactivated: a stop date, or the catalog's own upper-case DEACTIVATED note (N793 has no
    // date). Case matters: "replaces deactivated code 38" describes another code.
    const deactivated = Boolean(r.stop_date) || /\bDEACTIVATED\b/.test(r.notes ?? '');
    const line = [r.code, r.start_date ?? '', r.last_modified ?? '', r.stop_date ?? '', deactivated ? 'deactivated' : 'active'];
    if (kind === 'rarc') line.push(/^Alert:/i.test(r.description ?? '') ? 'alert' : 'supplemental');
    out.push(line.join('\t'));
  }
  writeFileSync(join(here, 'x12', `${kind}.tsv`), `${out.join('\n')}\n`);
  console.log(`${kind}: ${rows.length} codes`);
}

const seq = readTsv(join(source, 'sequestration.tsv'));
const seqOut = ['from\tto\trate', ...seq.map((r) => [r.from_date, r.to_date, r.rate].join('\t'))];
writeFileSync(join(here, 'sequestration.tsv'), `${seqOut.join('\n')}\n`);
console.log(`sequestration: ${seq.length} periods`);
