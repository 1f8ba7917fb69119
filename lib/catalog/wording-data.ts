/**
 * The shipped wording, for the UI (card labels, popup labels). Small on purpose: the popup and the
 * content script bundle these two files, never the code lists.
 */
import groups from '../../data/wording/groups.tsv?raw';
import ui from '../../data/wording/ui.tsv?raw';
import { parseWording, type Wording } from './wording';

export const shippedWordingSources = { ui, groups } as const;

let cached: Wording | undefined;

export function shippedWording(): Wording {
  cached ??= parseWording(ui, groups);
  return cached;
}
