/**
 * Whether a page reads as a member's statement (an EOB or a Medicare Summary Notice written to the
 * patient) rather than a provider's remittance: Automatic mode then speaks to the patient. The
 * evidence is how the page addresses its reader ("This is not a bill", "What you owe", "Your plan
 * paid"); a provider's words (NPI, payee, check/EFT, remittance advice, provider adjustments) weigh
 * against it, so a biller's portal that quotes a member EOB stays in biller words.
 */

/** Phrases a statement written to the patient uses; each counts once. */
const MEMBER = [
  /\bthis is not a bill\b/,
  /\bmedicare summary notice\b/,
  /\bwhat you (?:may )?owe\b/,
  /\b(?:amount|total) you (?:may )?owe\b/,
  /\byou may be billed\b/,
  /\bthe most you (?:may|can) be billed\b/,
  /\byour (?:plan|insurance|medicare) paid\b/,
  /\b(?:plan|medicare) paid (?:to )?(?:you|your provider)\b/,
  /\byour (?:share|responsibility|cost)\b/,
  /\bmember (?:name|id|services)\b/,
  /\bexplanation of benefits\b/,
  /\bif you (?:disagree|want to appeal|have questions)\b/,
  /\byour (?:claims?|visits?|doctor|provider)\b/,
];

/** A provider's remittance: each counts once against. */
const PROVIDER = [
  /\bnpi\b/,
  /\bpayee\b/,
  /\b(?:check|eft) (?:number|#|no\.?|amount|date)\b/,
  /\bremittance advice\b/,
  /\bprovider (?:level )?adj(?:ustments?|\b)/,
  /\bplb\b/,
  /\btax id\b|\btin\b/,
  /\bpatient (?:control|account) (?:number|no|#)/,
  /\bclaim adjustment reason code/,
  /\bera\b|\b835\b/,
];

/** Text enough for any statement's headings and summary box. */
export const STATEMENT_TEXT = 32 * 1024;

/** How strongly the text reads as written to the patient: member phrases minus provider words. */
export function statementScore(text: string): number {
  const t = text.toLowerCase().replace(/[\s\u00a0]+/g, ' ');
  const member = MEMBER.filter((re) => re.test(t)).length;
  const provider = PROVIDER.filter((re) => re.test(t)).length;
  return member - provider;
}

/** True when the text reads as a member statement: two member phrases more than provider words. */
export function readsAsMemberStatement(text: string): boolean {
  return statementScore(text) >= 2;
}

/** The title and the first visible-ish text of a document, bounded (a walk over its first text nodes). */
export function leadingText(doc: Document, limit = STATEMENT_TEXT): string {
  const parts: string[] = [doc.title ?? ''];
  const body = doc.body;
  if (!body) return parts[0] ?? '';
  const walker = doc.createTreeWalker(body, 0x4 /* SHOW_TEXT */);
  let read = 0;
  for (let node = walker.nextNode(); node && read < limit; node = walker.nextNode()) {
    const parent = node.parentElement?.localName;
    if (parent === 'script' || parent === 'style' || parent === 'noscript' || parent === 'template') continue;
    const data = (node as Text).data;
    read += data.length;
    parts.push(data);
  }
  return parts.join(' ').slice(0, limit);
}
