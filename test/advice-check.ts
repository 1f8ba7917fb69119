// Reads a card's text the way a wary reader would: which next steps do its sentences propose, does a
// patient card tell the reader to do a biller's job, and does any sentence come twice. A small
// phrase classifier, not a parser: it errs towards flagging, and the shipped wording is written so
// that it passes (tests keep both honest).
import { cardText } from '@/components/CodeCard';
import type { Catalog } from '@/lib/catalog/catalog';
import type { NextStep } from '@/lib/catalog/categories';
import { type Explanation, explain } from '@/lib/catalog/explain';
import type { Wording } from '@/lib/catalog/wording';
import { GROUP_CODES } from '@/lib/detect/types';
import type { ReadingMode } from '@/lib/settings';

/**
 * Phrases that propose a step, matched in lower case one clause at a time. Verbs and the nouns that
 * name a route ("a corrected claim", "a reconsideration request"); a bare mention of an appeal that
 * was filed, or of appeal rights, proposes nothing.
 */
const STEP_PHRASES: Record<NextStep, RegExp[]> = {
  appeal: [
    /^(appeal|dispute|contest|challenge)\b(?! or\b)/,
    /\b(and|or|then|to|should|must|needs? to|please|best to)\s+(appeal|dispute|contest|challenge)\b(?!\s+(resolution|process\w*|rights?|levels?|steps?|deadlines?|review))/,
    /\b(appeal|dispute|contest|challenge)(s|d)? (it|them|this decision|the decision|the denial|with|only if|if)\b/,
    /\b(file|request|ask for|submit|start|go to)s?( an?| the)?( written| formal| next)? (appeal|reconsideration|redetermination|reopening|review|appeal level)\b/,
    /\b(can be|be) (challenged|overturned|disputed)\b/,
    /\btargeted review\b/,
  ],
  'correct-resubmit': [
    /\bresubmi(t|ts|tted|tting|ssion)\b/,
    /\bre-?bill(s|ed|ing)?\b/,
    /\bcorrected (claim|version)\b/,
    /\breplacement claim\b/,
    /\bnew claim\b/,
    /\b(correct|fix)(es|ed|ing)? (the|it|a|any|whichever|this|that|them)\b/,
    /\bsend (it|the claim|claims?|them|these services) again\b/,
    /\b(bill|send|submit)(s|ed|ing)? (\w+ ){0,3}again\b/,
  ],
  'bill-patient': [
    /\bbill(s|ed|ing)? (the )?(patient|member)\b/,
    /\bpatient('s)? balance\b/,
    /\bcollect(s|ing)? (\w+ ){0,4}from the (patient|member)\b/,
    /\bcharge(s|d)? the patient\b/,
    /\btransfer (\w+ ){0,4}to the patient\b/,
  ],
  'bill-other-payer': [
    /\bbill(s|ed|ing)? (the )?(other|primary|secondary|right|correct|earlier|later|further|supplemental|workers' compensation|liability|no-fault|medical|dental|vision|pharmacy|hearing|behavioral health) (\w+ )?(payer|plan|carrier|insurer|contractor|coverage)\b/,
    /\b(send|submit)(s|ted|ting)? (it|the claim|claims|them) (to|there)\b/,
    /\bbill(s|ed|ing)? (it|them|these services) to\b/,
  ],
  'write-off': [
    /\bwrit(e|es|ing|ten) (it |them |this )?off\b/,
    /\bwrite-offs?\b/,
    /\bcontractual adjustment\b/,
    /\bpost(s|ed|ing)? (it |the \w+ |this )?as (a |an )?(contractual|adjustment)\b/,
    /\badjust(ed)? (it )?off\b/,
  ],
  none: [/\bno action\b/, /\bnothing (more |else )?to do\b/, /\bdo nothing\b/, /\bnothing (more |else )?is needed\b/],
  'ask-payer': [/\b(ask|call|contact|message)(s|ed|ing)? the (payer|contractor)\b/, /\braise (it|this) with the payer\b/],
};

/** Words that, shortly before a phrase in the same clause, negate it ("do not appeal", "never bill the patient"). */
const NEGATION = /\b(not|no|never|don't|cannot|can't|without|nor|neither|nothing|instead of|rather than)\b(\W+\w+){0,3}\W*$/;
/** A right or a possibility, not a proposal ("you can appeal", "may be appealed"). */
const MODAL = /\b(can|may|could|right to|rights to|how to)\b(\W+\w+){0,4}\W*$/;

/** A card's text in clauses: sentences, and the parts of a sentence joined by ; : — or ", or". */
export function clauses(text: string): string[] {
  return text
    .split(/\n|(?<=[.!?])\s+|;\s+|:\s+|\s+—\s+|,\s+(?=or\b|otherwise\b|unless\b|then\b|but\b)/)
    .map((c) => c.trim())
    .filter(Boolean);
}

/** The steps one clause proposes. */
export function stepsIn(clause: string): Set<NextStep> {
  const lower = clause.toLowerCase();
  const found = new Set<NextStep>();
  for (const [step, phrases] of Object.entries(STEP_PHRASES) as [NextStep, RegExp[]][]) {
    for (const phrase of phrases) {
      for (const m of lower.matchAll(new RegExp(phrase, 'g'))) {
        const before = lower.slice(0, m.index);
        // "no action" carries its own "no"; elsewhere a negation or a modal takes the proposal back.
        if (step !== 'none' && NEGATION.test(before)) continue;
        if ((step === 'appeal' || step === 'ask-payer') && MODAL.test(lower.slice(0, m.index + m[0].length))) continue;
        found.add(step);
      }
    }
  }
  return found;
}

/** Clauses that propose a step other than `chosen` (with no chosen step: clauses proposing two). */
export function conflicts(lines: readonly string[], chosen: NextStep | undefined): string[] {
  const out: string[] = [];
  const proposed = new Set<NextStep>();
  for (const clause of lines.flatMap(clauses)) {
    for (const step of stepsIn(clause)) {
      if (chosen ? step !== chosen : proposed.size > 0 && !proposed.has(step)) out.push(`${step}: ${clause}`);
      proposed.add(step);
    }
  }
  return out;
}

/** A patient told to do a biller's work: send or fix a claim, bill, write off or post, appeal as a provider. */
const PATIENT_FORBIDDEN: RegExp[] = [
  /^(please )?(send|submit|resubmit|rebill|re-bill|bill|write|post|correct|fix|collect|appeal|dispute|file)\b/,
  /\byou (should|must|need to|have to|can|may|will need to) (send|submit|resubmit|rebill|bill|write off|post|correct the claim|fix the claim|collect)\b/,
  /\bappeal (it )?with (supporting |the )?(records|documentation|documents)\b/,
  /\b(write|written|writing) (it |this )?off\b|\bwrite-off\b|\bcontractual adjustment\b/,
  /\bbill (the )?(patient|member|other payer|primary|secondary)\b/,
  /\bresubmit|\brebill/,
];

export function patientProblems(lines: readonly string[]): string[] {
  return lines.flatMap(clauses).filter((c) => PATIENT_FORBIDDEN.some((re) => re.test(c.toLowerCase())));
}

/** Advice that must be said once: the issue found CO-253 saying "do not appeal" twice. */
const SAY_ONCE = ['do not appeal', 'not a denial', 'not billable to the patient', 'contractual adjustment', 'write off', "you don't owe"];

/** Sentences, parts of sentences or key advice said twice on one card (compared without case, spacing or end punctuation). */
export function repeated(lines: readonly string[]): string[] {
  const seen = new Set<string>();
  const twice: string[] = [];
  for (const part of lines.flatMap(clauses)) {
    const key = part
      .toLowerCase()
      .replace(/^[\s"“(]+|[\s.!?,;:"”)]+$/g, '')
      .replace(/\s+/g, ' ');
    // Labels ("Amount", "Next step") are short and come back on purpose.
    if (key.length < 12) continue;
    if (seen.has(key)) twice.push(part);
    seen.add(key);
  }
  const all = lines.join('\n').toLowerCase();
  for (const phrase of SAY_ONCE) if (all.split(phrase).length > 2) twice.push(phrase);
  return twice;
}

/** One card to read: an explanation in a mode. */
export interface CardUnderTest {
  label: string;
  e: Explanation;
  mode: ReadingMode;
}

/**
 * Every card the catalog can show: each code alone, each CARC under each of the five groups, in both
 * modes; then the five group codes themselves and codes nobody knows, alone and under a group.
 */
export function everyCard(catalog: Catalog): CardUnderTest[] {
  const cards: CardUnderTest[] = [];
  for (const code of [...GROUP_CODES, 'Z99', 'CO-Z99', 'PR-Z99', 'N9999']) {
    const e = explain(catalog, { code });
    for (const mode of ['biller', 'patient'] as const) cards.push({ label: `${code} (${mode})`, e, mode });
  }
  for (const r of catalog.records) {
    const codes = r.kind === 'carc' ? [r.code, ...GROUP_CODES.map((g) => `${g}-${r.code}`)] : [r.code];
    for (const code of codes) {
      const e = explain(catalog, { code });
      for (const mode of ['biller', 'patient'] as const) cards.push({ label: `${code} (${mode})`, e, mode });
    }
  }
  return cards;
}

/** What is wrong with one card, read as its text: conflicting steps, biller's work for a patient, repeats. */
export function cardProblems(card: CardUnderTest, wording: Wording): string[] {
  const lines = cardText(card.e, card.mode, [], undefined, wording).split('\n');
  return [
    ...conflicts(lines, card.e.nextStep?.id).map((p) => `${card.label} proposes another step: ${p}`),
    ...(card.mode === 'patient' ? patientProblems(lines).map((p) => `${card.label} gives a patient a biller's job: ${p}`) : []),
    ...repeated(lines).map((p) => `${card.label} says twice: ${p}`),
  ];
}
