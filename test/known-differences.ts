// The few labelled marks the detector is known to read differently, each with why (corpus folders'
// known-differences.json). The corpus tests take them out of a page's differences, and fail when one of
// them no longer differs: the list never hides a change, in either direction.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Known {
  missed?: string[];
  extra?: string[];
  why: string;
}

const cache = new Map<string, Record<string, Known>>();

function load(dir: string): Record<string, Known> {
  let known = cache.get(dir);
  if (!known) {
    const file = join(dir, 'known-differences.json');
    known = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, Known>) : {};
    cache.set(dir, known);
  }
  return known;
}

/** `missed` and `extra` ("CODE" or "CODE AMOUNT") without the page's known differences, and the known ones not seen. */
export function withoutKnown(
  dir: string,
  page: string,
  missed: string[],
  extra: string[],
): { missed: string[]; extra: string[]; stale: string[] } {
  const known = load(dir)[page];
  const take = (list: string[], known: string[] = []) => {
    const left = [...list];
    const stale: string[] = [];
    for (const k of known) {
      const i = left.indexOf(k);
      if (i >= 0) left.splice(i, 1);
      else stale.push(k);
    }
    return { left, stale };
  };
  const m = take(missed, known?.missed);
  const e = take(extra, known?.extra);
  return { missed: m.left, extra: e.left, stale: [...m.stale, ...e.stale] };
}
