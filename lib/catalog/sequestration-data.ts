/** The shipped sequestration rates on their own, for pages that check CO-253 without the whole catalog (the reader). */
import sequestration from '../../data/sequestration.tsv?raw';
import { parseSequestrationTable, type SequestrationPeriod } from './sequestration';

let cached: readonly SequestrationPeriod[] | undefined;

export function shippedSequestration(): readonly SequestrationPeriod[] {
  cached ??= parseSequestrationTable(sequestration);
  return cached;
}
