/**
 * What a table column holds, judged from its header text. The same "59" is a reason code under
 * "Adj Reason" and a modifier under "Mod": the header decides, and unknown columns are only
 * searched with the strict free-text rules.
 */
import type { GroupCode } from './types';

export type ColumnRole = 'group' | 'reason' | 'remark' | 'amount' | 'paid' | 'date' | 'ignore' | 'other';

const RULES: ReadonlyArray<[RegExp, ColumnRole]> = [
  [/\b(rarcs?|remarks?|rem|remark codes?|moa)\b/, 'remark'],
  [/\b(grp|group)\s*\/\s*(rc|rsn|reason)/, 'reason'],
  [/\b(group|grp)\b/, 'group'],
  [/\b(carcs?|reasons?|rsn|denial codes?|adj(ustment)?\.?\s*(codes?|reasons?)|adjustment)\b/, 'reason'],
  [/\b(paid|payment|pd|net)\b/, 'paid'],
  [/\b(billed|charges?|allowed|allow|deduct\w*|coins\w*|co-?pay\w*|balance|owe\w*|responsib\w*|contract\w*)\b/, 'ignore'],
  [/\b(adj(ustment)?\.?\s*(amt|amount)|amount|amt|\$)/, 'amount'],
  [/\b(dos|date|dates|service date|from|thru|through)\b/, 'date'],
  [
    /\b(units?|qty|quantity|mod(ifier)?s?|dx|diag\w*|icd\w*|cpt|hcpcs|proc\w*|rev(enue)?|npi|claim|icn|check|eft|acct|account|member|id|zip|phone|pos|place|tooth|ndc|drg|line|seq|patient|name)\b/,
    'ignore',
  ],
];

export function columnRole(header: string): ColumnRole {
  const text = header.toLowerCase().replace(/\s+/g, ' ').trim();
  if (text === '') return 'other';
  for (const [pattern, role] of RULES) if (pattern.test(text)) return role;
  return 'other';
}

const GROUP_NAMES: ReadonlyArray<[RegExp, GroupCode]> = [
  [/^\s*(co|contractual(\s+obligations?)?)\s*$/i, 'CO'],
  [/^\s*(pr|patient(\s+responsibility)?)\s*$/i, 'PR'],
  [/^\s*(oa|other(\s+adjustments?)?)\s*$/i, 'OA'],
  [/^\s*(pi|payer\s+initiated(\s+reductions?)?)\s*$/i, 'PI'],
  [/^\s*(cr|corrections?(\s+(and|&)\s+reversals?)?)\s*$/i, 'CR'],
];

/** "CO", "Contractual Obligation", "Patient Responsibility" → group code. */
export function parseGroupCell(text: string): GroupCode | undefined {
  for (const [pattern, group] of GROUP_NAMES) if (pattern.test(text)) return group;
  return undefined;
}

/** "03/15/2024", "2024-03-15", "03/15/24" → "2024-03-15"; undefined otherwise. */
export function parseDateCell(text: string): string | undefined {
  const iso = /(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (iso) return `${iso[1]}-${iso[2]}-${iso[3]}`;
  const us = /(\d{1,2})\/(\d{1,2})\/(\d{2,4})/.exec(text);
  if (!us?.[1] || !us[2] || !us[3]) return undefined;
  const year = us[3].length === 2 ? `20${us[3]}` : us[3];
  return `${year}-${us[1].padStart(2, '0')}-${us[2].padStart(2, '0')}`;
}
