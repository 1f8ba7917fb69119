/**
 * The words a page uses to say what its codes are, in one place: labels of our two code lists
 * (reason codes, remark codes), of other code lists that look like ours (claim status, provider-level,
 * state EOB codes, pharmacy rejects), of groups and amounts; the vocabulary that makes a page read as a
 * remittance; and the words of other fields whose numbers look like codes (roads, tickets, units).
 * English and Spanish. Detection reads these as evidence (lib/detect/evidence.ts); nothing else keeps
 * a list of such words.
 */

/** What a label, a heading or a column header says the codes near it are. */
export type ListKind = 'carc' | 'rarc' | 'codes' | 'group' | 'foreign';

/** Other code lists that end like ours: "claim status reason code 21", "PLB reason code 72", "EOB code 0045". */
const FOREIGN =
  /\b(?:claim\s+status|status(?:\s+(?:category|reason))?|category\s+codes?|entity(?:\s+codes?)?|plb|provider[\s-]+(?:level|adj\w*)|provider\s+adjustments?|reject(?:ion)?(?:\s+reason)?|ncpdp|payment\s+status|(?:state\s+)?eob\s+codes?|explanation\s+codes?|edit\s+codes?|value\s+codes?|condition\s+codes?|occurrence\s+codes?|revenue\s+codes?|reason\s+for\s+visit|visit\s+reason|chief\s+complaint|c[oó]digos?\s+de\s+estado)\b/i;

/** Both lists at once: "CARC/RARC", "Reason & remark codes", "Adjustment and remark codes", "Codes". */
const BOTH =
  /\b(?:(?:carcs?|reasons?|adj(?:ustment)?s?)\s*(?:\/|&|\band\b|\by\b)\s*(?:rarcs?|remarks?)(?:\s*codes?)?|codes?\s+(?:sent|on\s+this)|c[oó]digos?(?:\s+de\s+(?:ajuste|motivo))?\s+y\s+(?:de\s+)?observaci[oó]n(?:es)?)\b/i;

const RARC_WORDS =
  /\b(?:rarcs?|remarks?(?:\s*codes?)?|remittance\s+advice\s+remark(?:\s+codes?)?|rem|moa|mia|remark\s+code\s+descriptions?|observaci[oó]n(?:es)?|c[oó]digos?\s+de\s+observaci[oó]n(?:es)?|notas?\s+de\s+remesa)\b/gi;

const CARC_WORDS =
  /\b(?:carcs?|claim\s+adj(?:ustment)?\.?\s+reasons?(?:\s+codes?)?|adj(?:ustment)?\.?\s*reasons?(?:\s*codes?)?|reason\s*codes?|reasons?(?!\s+for\b)|rsn|denial\s*(?:reason\s*)?codes?|denial\s+reasons?|adj(?:ustment)?\.?\s*codes?|adjustment\s+reason|claim\s+adjustment\s+codes?|adjustments?|c[oó]digos?\s+de\s+(?:motivo|ajuste)|motivos?(?:\s+del?\s+ajuste)?|c[oó]digo\s+de\s+raz[oó]n)\b/gi;

const GROUP_WORDS = /\b(?:group(?:\s*codes?)?|grp|cagc|adj(?:ustment)?\s+group|grupo)\b/i;

/** Words that make the list named after them another list: "PLB reason code", "claim status reason", "visit reason". */
const FOREIGN_QUALIFIER =
  /\b(?:plb|provider(?:[\s-]+level)?(?:[\s-]+adj\w*)?|claim\s+status|status(?:\s+category)?|state|eob|reject(?:ion)?|ncpdp|payment\s+status|entity|visit|pharmacy)\s*[:-]?\s*$/i;

/** Whether `words` occur in `t` as our list, not qualified by another list's name just before. */
function names(t: string, words: RegExp): boolean {
  for (const m of t.matchAll(words)) {
    const at = m.index ?? 0;
    if (!FOREIGN_QUALIFIER.test(t.slice(Math.max(0, at - 28), at))) return true;
  }
  return false;
}

/**
 * The kind of codes a label, heading, caption or column header names, from its text. Our lists win
 * where the text names them unqualified ("reason code (adjustment amount) … EOB = state explanation
 * code"); a name qualified by another list ("PLB reason code", "claim status reason") is that list's.
 */
export function listKindOf(text: string): ListKind | undefined {
  const t = text.replace(/\s+/g, ' ');
  const rarc = names(t, RARC_WORDS);
  const carc = names(t, CARC_WORDS);
  if ((rarc && carc) || (BOTH.test(t) && !FOREIGN.test(t))) return 'codes';
  if (rarc) return 'rarc';
  if (carc) return 'carc';
  if (FOREIGN.test(t)) return 'foreign';
  if (GROUP_WORDS.test(t)) return 'group';
  return undefined;
}

/**
 * A heading, caption or introduction that names a list of codes: "Claim adjustment reason codes",
 * "These claim adjustment reason codes explain…", "Remark codes on this remittance", "GLOSSARY: GROUP,
 * REASON, MOA, REMARK AND ADJUSTMENT CODES", "Códigos de motivo", and other lists' sections ("PROVIDER
 * ADJ DETAILS", "Claim status"). Longer text than a label: it must speak of codes or be a glossary.
 */
export function sectionKindOf(text: string): ListKind | undefined {
  const t = text.replace(/\s+/g, ' ').slice(0, 240);
  const glossary =
    /\b(?:glossary|legend|key\s+to|codes?\s+(?:used|on|in|that\s+appear|explained|glossary|shown|listed|found|explanations?|descriptions?|and\s+(?:their\s+)?meanings?)|explanations?\s+of\s+(?:the\s+)?codes|what\s+(?:the|these)\s+codes\s+mean|glosario|leyenda|explicaci[oó]n\s+de\s+(?:los\s+)?c[oó]digos)\b/i.test(
      t,
    );
  const kind = listKindOf(t);
  if (kind === 'foreign') return kind;
  if (
    /\b(?:claim\s+status|provider[\s-]+(?:level|adj\w*)|plb|state\s+eob|eob\s+codes?|reject\s+codes?)\b/i.test(t) &&
    kind !== 'codes' &&
    kind !== 'rarc' &&
    kind !== 'carc'
  )
    return 'foreign';
  const codes = /\b(?:codes?|carcs?|rarcs?|c[oó]digos?)\b/i.test(t);
  if (!codes && !glossary) return undefined;
  if (kind) return kind;
  return glossary ? 'codes' : undefined;
}

/**
 * Remittance vocabulary and how strongly each term says "this page is about a remittance". Counted
 * once per term per page (distinct terms, not repetitions).
 */
const REMITTANCE_TERMS: ReadonlyArray<[RegExp, number]> = [
  [/\bremittance\b|\bremit\b|\bERAs?\b|\b835\b|\bremesa\b/i, 3],
  [
    /\bexplanation\s+of\s+(?:benefits|payment|review)\b|\bEOBs?\b|\bexplicaci[oó]n\s+de\s+(?:beneficios|pago)\b|\bmedicare\s+summary\s+notice\b/i,
    3,
  ],
  [/\b(?:claim\s+)?adjustment\s+reason\b|\bCARCs?\b|\bRARCs?\b|\bremark\s+codes?\b|\bc[oó]digos?\s+de\s+(?:motivo|observaci[oó]n)\b/i, 3],
  [/\bcontractual\s+obligations?\b|\bpatient\s+responsibility\b|\bresponsabilidad\s+del\s+paciente\b/i, 2],
  [/\bcoinsurance\b|\bcoaseguro\b/i, 2],
  [/\bdeductible\b|\bdeducible\b/i, 2],
  [/\bsequestration\b/i, 2],
  [/\ballowed\s+(?:amount|amt)\b|\bapproved\s+amount\b|\bmonto\s+permitido\b/i, 2],
  [/\bthis\s+is\s+not\s+a\s+bill\b|\byou\s+may\s+owe\b|\bplan\s+paid\b|\bmaximum\s+you\s+may\s+be\s+billed\b/i, 2],
  [/\bdenial\b|\bdenied\b|\bdenegad[oa]\b/i, 1],
  [/\bclaims?\b|\breclamaci[oó]n\b|\breclamo\b/i, 1],
  [/\bbilled\b|\bcharges?\b|\bfacturad[oa]\b/i, 1],
  [/\bpaid\b|\bpayment\b|\bpagad[oa]\b/i, 1],
  [/\bpayer\b|\bpayor\b|\binsurer\b|\baseguradora\b/i, 1],
  [/\bprovider\b|\bproveedor\b/i, 1],
  [/\bmedicare\b|\bmedicaid\b|\bmedical\b/i, 1],
  [/\bcopay(?:ment)?\b|\bcopago\b/i, 1],
  [/\bwrite[- ]?off\b|\bwritten\s+off\b/i, 1],
  [/\bappeal\b|\bapelaci[oó]n\b/i, 1],
  [/\bdate\s+of\s+service\b|\bDOS\b|\bfecha\s+de\s+servicio\b/i, 1],
  [/\bpatient\b|\bmember\b|\bpaciente\b|\bbeneficiary\b/i, 1],
];

/** The score from which a page (or a section) reads as a remittance. */
export const REMITTANCE_SCORE = 6;

/** Which remittance terms a text holds (indexes into the term list), so a page counts each term once. */
export function remittanceTerms(text: string, seen: Set<number>): number {
  let added = 0;
  for (let i = 0; i < REMITTANCE_TERMS.length; i++) {
    if (seen.has(i)) continue;
    const [pattern, weight] = REMITTANCE_TERMS[i] as [RegExp, number];
    if (pattern.test(text)) {
      seen.add(i);
      added += weight;
    }
  }
  return added;
}

/**
 * Words just before a group-like token that make it something else: a road ("Highway", "Route",
 * "Carr.", "State Road"), a ticket or pull request, a part or model, a flight, a chemical or a
 * measurement.
 */
export const OTHER_FIELD_BEFORE =
  /(?:\b(?:highway|hwy|route|rte|road|state\s+road|exit|carr(?:etera)?|ruta|interstate|county\s+road|ticket|tickets|issue|bug|pull\s+request|merge\s+request|commit|branch|part|model|sku|item|flight|gate|bus|train|platform|seat|suite|sensor|alarm|sample|form)\.?\s*(?:#|no\.?|number)?\s*[:#]?\s*)$/i;

/** Words just after a group-like token that make it a measurement, a road or a product. */
export const OTHER_FIELD_AFTER =
  /^\s*(?:[°%]|(?:ppm|ppb|mg|mcg|ml|mmol|mph|km|kms|mi|miles?|kg|lbs?|percent|µg|ug|nm|hz|khz|mhz|ghz|gb|mb|kb|v|volts?|watts?|w|psi|bar|rpm|north|south|east|west|nb|sb|eb|wb|n|s|e|exit|interchange|junction|bypass|corridor|adapter|bolt|screw|sensor|module|cable|kit|engine|motor|series|edition|gen|ticket|issue|branch|release|build|firmware|pass|trail|summit|loop|spur|freeway|expressway|highway|hwy|road|route|progress\s+report|report\s+form|form)\b|,\s*km\s*\d)/i;

/** A word just before a number that makes it a count or a measure rather than a code ("45 days" is after; "Units 45" before). */
export const QUANTITY_AFTER =
  /^[ \u00a0]*-?[ \u00a0]*(?:units?|visits?|days?|d[ií]as|times|x\b|%|percent|of\b|hours?|hrs?\b|mins?\b|minutes?|weeks?|wks?\b|months?|mos?\b|years?|yrs?\b|claims\b|lines\b|items\b|miles?|mg\b|ml\b|mmol|patients\b|pages\b|sessions\b|treatments\b|services\b|procedures\b|tablets?|doses?|am\b|pm\b|dollars?|cents?|ppm|ppb|pairs\b|denials\b|rows\b|cases\b|members\b|providers\b)/i;
