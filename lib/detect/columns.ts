/**
 * What a table column (or a key-value label) holds, judged from its header text. The same "59" is a
 * reason code under "Adj Reason" and a modifier under "Mod": the header decides, and unknown columns
 * are only searched with the strict free-text rules.
 */
import type { GroupCode } from './types';

export type ColumnRole = 'group' | 'reason' | 'remark' | 'amount' | 'paid' | 'date' | 'ignore' | 'other';

/** First match wins, so the order matters: "Adjustment Amount" is an amount, "Adj Group" a group. */
const RULES: ReadonlyArray<[RegExp, ColumnRole]> = [
  // Codes from other lists that look like CARCs: claim status (277), provider-level (PLB) reasons,
  // and a patient's "reason for visit".
  [/\b(status|plb|provider[\s-]+(level|adj\w*)|reason\s+for|visit|complaint)\b/, 'ignore'],
  [/\b(rarcs?|remarks?|rem|remark\s+codes?|moa|mia)\b/, 'remark'],
  [/\b(grp|group|cagc)\s*(\/|&|-|and)\s*(rc|rsn|reason|carc|code)/, 'reason'],
  [/\b(adj(ustment)?\.?|carc|reason)\s*(amt|amount|\$)/, 'amount'],
  // The insurance group (policy) number is not an adjustment group.
  [/\bgroup\s*(#|no\b|num\w*|name|id\b|plan)/, 'ignore'],
  [/\b(group|grp|cagc)\b/, 'group'],
  [/\b(carcs?|reasons?|rsn|denial\s*codes?|adj(ustment)?\.?\s*(codes?|reasons?)|adjustments?|adj)\b/, 'reason'],
  [/\b(paid|payment|pd|net)\b/, 'paid'],
  [
    /\b(billed|billing|charges?|charged|allowed|allow|approved|deduct\w*|coins\w*|co-?pay\w*|balance|owe\w*|responsib\w*|contract\w*|discount|premium|max\w*)\b/,
    'ignore',
  ],
  [/\b(amount|amt)\b|\$/, 'amount'],
  [/\b(dos|date|dates|service date|from|thru|through)\b/, 'date'],
  [
    /\b(units?|qty|quantity|mod(ifier)?s?|dx|diag\w*|icd\w*|cpt|hcpcs|proc\w*|rev(enue)?|npi|tin|tax|claim|icn|dcn|tcn|check|eft|acct|account|member|id|zip|postal|phone|fax|tel|address|city|state|pos|place|tooth|ndc|drg|apc|line|seq|patient|name|provider|payer|payor|payee|plan|policy|ssn|dob|birth|ref\w*|auth\w*|test|result|range|pointer)\b/,
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
  [/^contractual( obligations?)?$/, 'CO'],
  [/^patient( resp(\.|onsibility|onsible)?)?$/, 'PR'],
  [/^other( adj(\.|ustments?)?)?$/, 'OA'],
  [/^pay[eo]r[ -]initiated( reductions?)?$/, 'PI'],
  [/^corrections?( (and|&) reversals?)?$/, 'CR'],
];

function groupName(text: string): GroupCode | undefined {
  for (const [pattern, group] of GROUP_NAMES) if (pattern.test(text)) return group;
  return undefined;
}

/**
 * A group cell: "CO", "Contractual Obligation", "PR - Patient Responsibility", "Other Adjustment (OA)".
 * When a cell gives both the code and a name they must agree; anything else is not a group.
 */
export function parseGroupCell(text: string): GroupCode | undefined {
  const t = text
    .toLowerCase()
    .replace(/[\s\u00a0]+/g, ' ')
    .trim()
    .replace(/[.:;]$/, '');
  const code = (s: string | undefined) => {
    const upper = (s ?? '').toUpperCase();
    return upper === 'CO' || upper === 'PR' || upper === 'OA' || upper === 'PI' || upper === 'CR' ? upper : undefined;
  };
  const alone = code(t);
  if (alone) return alone;
  const codeFirst = /^([a-z]{2})\s*[-–—:]\s*(.+)$/.exec(t);
  const nameFirst = /^(.+?)\s*\(([a-z]{2})\)$/.exec(t);
  const pair = codeFirst ? [codeFirst[1], codeFirst[2]] : nameFirst ? [nameFirst[2], nameFirst[1]] : null;
  if (pair) {
    const group = code(pair[0]);
    return group && groupName(pair[1] ?? '') === group ? group : undefined;
  }
  return groupName(t);
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
