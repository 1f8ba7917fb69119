/**
 * What a table column (or a key-value label) holds, judged from its header text. The same "59" is a
 * reason code under "Adj Reason" and a modifier under "Mod": the header decides, and unknown columns
 * are only searched with the strict free-text rules.
 */
import type { GroupCode } from './types';

export type ColumnRole =
  | 'group'
  /** Reason codes (CARC), or group and reason together ("Group/Reason"). */
  | 'reason'
  | 'remark'
  /** Codes of both lists: "Codes", "Code", "Adjustment and remark codes". */
  | 'codes'
  /** What kind of code the row holds: "Code type". */
  | 'type'
  /** The adjustment's amount. */
  | 'amount'
  /** What the plan did not pay or allow: "Denied", "Not allowed", "Disallowed", "Write-off", "Reduction", "Discount". */
  | 'denied'
  /** What the patient owes: "Pt resp", "Patient responsibility", "You owe". */
  | 'patient'
  | 'deductible'
  | 'coinsurance'
  | 'copay'
  | 'paid'
  | 'billed'
  | 'allowed'
  | 'date'
  /** Codes of another list: claim status, provider-level (PLB), state EOB codes, revenue codes. */
  | 'foreign'
  /** The claim a row belongs to: "Claim #", "ICN", "Acct", "Patient" (a worklist's rows are claims of their own). */
  | 'claim'
  /** Units, modifiers, procedures, diagnoses, IDs, names: never codes of ours. */
  | 'ignore'
  /** Free text about the row: "Description", "Meaning", "Notes". */
  | 'description'
  | 'other';

/** First match wins, so the order matters: "Adjustment Amount" is an amount, "Adj Group" a group. */
const RULES: ReadonlyArray<[RegExp, ColumnRole]> = [
  // Codes from other lists that look like CARCs: claim status (277), provider-level (PLB), state EOB
  // codes, institutional value/condition/revenue codes, and a patient's "reason for visit".
  [
    /\b(status|plb|provider[\s-]+(level|adj\w*)|reason\s+for|visit|complaint|eob\s+codes?|state\s+(eob|codes?)|edit|value\s+codes?|condition|occurrence|rev(enue)?\s*(codes?|cd)?|reject|ncpdp|estado)\b/,
    'foreign',
  ],
  [/\b(code\s+type|type\s+of\s+code|tipo(\s+de\s+c[oó]digo)?|type)\b/, 'type'],
  [/\b(carcs?|reasons?|adj(ustment)?s?)\s*(\/|&|and|y)\s*(rarcs?|remarks?)/, 'codes'],
  [/\b(rarcs?|remarks?|rem|remark\s+codes?|moa|mia|observaci[oó]n(es)?)\b/, 'remark'],
  [/\b(grp|group|cagc|grupo)\s*(\/|&|-|and|y)\s*(rc|rsn|reason|carc|code|motivo|c[oó]digo)/, 'reason'],
  [/\b(adj(ustment)?\.?|carc|reason)\s*(amt|amount|\$)/, 'amount'],
  // Codes of the service itself (procedure, diagnosis, modifier) and addresses: a "code" header that is not ours.
  [
    /\b(diag\w*|dx|icd\w*|cpt|hcpcs|cdt|proc\w*|zip|postal|billing\s+code|service\s+provided|modifiers?|mods?|ndc|drg|apc|tooth|surface)\b/,
    'ignore',
  ],
  [/\bmax\w*/, 'ignore'],
  // Totals over many claims or a period, percentages and counts: not one line's adjustment.
  [/\b(totals?|sum|ytd|year\s+to\s+date|average|avg|percent|rate|count|\d+\s+days?)\b|%/, 'ignore'],
  [/\b(importe|monto)(\s+del?)?\s+ajuste\b/, 'amount'],
  // A row's claim: its number, the payer's control number, the account or the patient it is for.
  [
    /^(claim(\s*(#|no\.?|number|id))?|icn|dcn|tcn|acct\.?(\s*#)?|account(\s*(#|no\.?|number))?|patient(\s*(name|acct\.?|account))?|pcn|patient\s+control\s+(#|no\.?|number))$/,
    'claim',
  ],
  // The insurance group (policy) number is not an adjustment group.
  [/\bgroup\s*(#|no\b|num\w*|name|id\b|plan)/, 'ignore'],
  [/\b(group|grp|cagc|grupo)\b/, 'group'],
  [
    /\b(carcs?|reasons?|rsn|denial(\s*(codes?|reasons?))?|adj(ustment)?\.?\s*(codes?|reasons?)|adjustments?|adj|c[oó]digos?\s+de\s+(motivo|ajuste)|motivos?)\b/,
    'reason',
  ],
  [
    /\b(denied|deny|not\s+allowed|disallow\w*|write[-\s]?offs?|reductions?|reduced|amount\s+not\s+paid|not\s+paid|not\s+covered|ineligible|discount|savings|no\s+cubierto|descuento|denegad[oa])\b/,
    'denied',
  ],
  [
    /\b(pt\.?\s*resp\w*|patient\s+resp\w*|member\s+resp\w*|you\s+(may\s+)?owe|your\s+(cost|share)|amount\s+you\s+owe|usted\s+debe|responsabilidad)\b/,
    'patient',
  ],
  [/\b(deduct\w*|deducible)\b/, 'deductible'],
  [/\b(coins\w*|co-?ins\w*|coaseguro)\b/, 'coinsurance'],
  [/\b(co-?pay\w*|copago)\b/, 'copay'],
  [/\b(paid|payment|pd|net|pagad[oa]|pago)\b/, 'paid'],
  [/\b(billed|billing|charges?|charged|facturad[oa]|cargos?)\b/, 'billed'],
  [/\b(allowed|allow|approved|permitid[oa]|aprobad[oa])\b/, 'allowed'],
  [/\b(balance|contract\w*|premium|max\w*)\b/, 'ignore'],
  [/\b(codes?|c[oó]digos?)\b/, 'codes'],
  [/\b(amount|amt|importe|monto)\b|\$/, 'amount'],
  [/\b(dos|date|dates|service date|from|thru|through|fecha)\b/, 'date'],
  [/\b(description|desc|meaning|explanation|notes?|message|comments?|descripci[oó]n|significado)\b/, 'description'],
  [
    /\b(units?|qty|quantity|mod(ifier)?s?|dx|diag\w*|icd\w*|cpt|hcpcs|cdt|proc\w*|npi|tin|tax|claim|icn|dcn|tcn|check|eft|acct|account|member|id|zip|postal|phone|fax|tel|address|city|state|pos|place|tooth|surface|ndc|drg|apc|line|seq|patient|name|provider|payer|payor|payee|plan|policy|ssn|dob|birth|ref\w*|auth\w*|test|result|range|pointer|nos|serv)\b/,
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
