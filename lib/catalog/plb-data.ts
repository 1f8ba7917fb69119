/** The shipped PLB wording, on its own: pages that need only it (the reader) do not bundle the whole catalog. */
import plbWording from '../../data/wording/plb.tsv?raw';
import { type PlbRecord, parsePlbTable } from './plb';

let cached: ReadonlyMap<string, PlbRecord> | undefined;

export function shippedPlb(): ReadonlyMap<string, PlbRecord> {
  cached ??= new Map(parsePlbTable(plbWording).map((r) => [r.code, r]));
  return cached;
}
