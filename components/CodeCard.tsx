/**
 * The one card that explains a code: in-page (inside the content script's shadow root) and in
 * the popup. Renders plain data from the background; never HTML from the page.
 *
 * The essential answer comes first, in at most three lines: for a biller what it is, who bears
 * it and the one next step; for a patient "Do I owe this?", "Why?" and "What can I do?". The
 * rest is folded under "More". Every word comes from the explanation or the wording data.
 */
import { useEffect, useState } from 'preact/hooks';
import { formatMoney, money } from '@/lib/amount';
import type { Explanation } from '@/lib/catalog/explain';
import type { TextKey, Wording } from '@/lib/catalog/wording';
import { shippedWording } from '@/lib/catalog/wording-data';
import { balanceAttr } from '@/lib/remit/checks';
import type { ClaimSummary } from '@/lib/remit/scope';
import type { ReadingMode } from '@/lib/settings';
import { useReading } from './reading';

export type CardMode = ReadingMode;

export interface CodeCardProps {
  explanation: Explanation;
  /** The code as the page wrote it (`CO*253`), when it differs from the normalized code. */
  written?: string;
  /** The other codes of the same line (remarks for a CARC, reasons for a RARC, or both). */
  related?: Explanation[];
  /** The codes given for the whole claim (for a code given for the whole claim: every code of the claim). */
  claimRelated?: Explanation[];
  /** The claim's figures and balance, said in one line. */
  claim?: ClaimSummary;
  mode: CardMode;
  /** Copies the card's text; a rejected promise shows "Copy failed". */
  onCopy?: (text: string) => unknown;
  id?: string;
  /** The colours around the card (a dark page gets a dark card); unset follows the system. */
  scheme?: 'light' | 'dark';
}

type LineKind = 'summary' | 'group' | 'next' | 'owe' | 'why' | 'todo';

interface Line {
  kind: LineKind;
  label?: string;
  text: string;
}

/** The reader's view of one explanation: what each mode shows, in order. */
interface View {
  /** A banner that must not be missed (sequestration), in biller words. */
  banner?: string;
  /** The essential answer: at most three lines. */
  lines: Line[];
  check?: string;
  /** Folded under "More". */
  more: string[];
  /** Said for each related code. */
  relatedText: (r: Explanation) => string;
}

function viewOf(e: Explanation, mode: CardMode, w: Wording): View {
  const groupLine = e.group
    ? w.text('group.line', mode, { code: e.group.code, name: mode === 'patient' ? e.group.patientName : e.group.name })
    : undefined;
  if (mode === 'patient') {
    const answers: [LineKind, TextKey][] = [
      ['owe', 'card.owe'],
      ['why', 'card.why'],
      ['todo', 'card.todo'],
    ];
    // The explanation gives the answers in this order; a missing one (an unknown code has no step) is skipped.
    const lines = answers.flatMap(([kind, key], i): Line[] => {
      const text = e.patient[i];
      return text ? [{ kind, label: w.text(key, 'patient'), text }] : [];
    });
    return {
      lines,
      ...(e.sequestration ? { check: e.sequestration.patientText } : {}),
      more: groupLine ? [groupLine] : [],
      relatedText: (r) => r.patient[1] ?? r.summary,
    };
  }
  const lines: Line[] = [];
  if (!e.headline) lines.push({ kind: 'summary', text: e.summary });
  // A group code's own card: its summary already is the group's meaning.
  if (groupLine && e.group && e.kind !== 'group') lines.push({ kind: 'group', text: `${groupLine}: ${e.group.summary}` });
  if (e.nextStep) lines.push({ kind: 'next', label: w.text('card.next-step'), text: `${e.nextStep.label}. ${e.nextStep.reason}` });
  return {
    ...(e.headline ? { banner: e.headline } : {}),
    lines,
    ...(e.sequestration ? { check: e.sequestration.text } : {}),
    more: [...(e.headline ? [e.summary] : []), ...e.biller],
    relatedText: (r) => r.summary,
  };
}

/** What a screen reader hears first about a code, in the reader's mode. */
export function leadText(e: Explanation, mode: CardMode): string {
  const lead = mode === 'patient' ? (e.patient[0] ?? e.summary) : (e.headline ?? e.summary);
  return `${e.code}: ${lead}`;
}

const labelled = (line: Line) => (line.label ? `${line.label} ${line.text}` : line.text);

/** "This claim: billed $235.00 · paid $103.62 · balances", from the wording. */
export function claimLine(c: ClaimSummary, mode: CardMode, w: Wording): string {
  const signed = (cents: number) => (cents > 0 ? `+${formatMoney(cents)}` : formatMoney(cents));
  const parts = [
    ...(c.billed !== undefined ? [w.text('card.claim-billed', mode, { amount: formatMoney(c.billed) })] : []),
    ...(c.paid !== undefined ? [w.text('card.claim-paid', mode, { amount: formatMoney(c.paid) })] : []),
    ...(c.patient !== undefined ? [w.text('card.claim-patient', mode, { amount: formatMoney(c.patient) })] : []),
  ];
  const b = c.balance;
  const balance =
    b.state === 'ok'
      ? w.text('card.claim-ok', mode)
      : b.state === 'off'
        ? w.text('card.claim-off', mode, { difference: signed(b.difference) })
        : w.text('card.claim-unknown', mode);
  return `${w.text('card.claim', mode)}: ${[...parts, ...(balance ? [balance] : [])].join(' · ')}`;
}

/** The heading over the line's codes: remarks, adjustments, or both. */
function lineHeading(e: Explanation, related: readonly Explanation[], mode: CardMode, w: Wording): string {
  const kinds = new Set(related.map((r) => (r.kind === 'rarc' ? 'rarc' : 'carc')));
  if (kinds.size > 1) return w.text('card.on-line', mode);
  if (kinds.has('rarc')) return w.text('card.related-remarks', mode);
  if (kinds.has('carc')) return w.text('card.related-adjustments', mode);
  return w.text(e.kind === 'rarc' ? 'card.related-adjustments' : 'card.related-remarks', mode);
}

/** Plain-text version for the Copy button and for pasting into notes: everything the card says. */
export function cardText(
  e: Explanation,
  mode: CardMode,
  related: Explanation[] = [],
  written?: string,
  w: Wording = shippedWording(),
  claimRelated: Explanation[] = [],
  claim?: ClaimSummary,
): string {
  const v = viewOf(e, mode, w);
  const head = written && written !== e.code ? `${e.code} ${w.text('card.written', mode, { written })}` : e.code;
  const [first, ...rest] = v.banner ? [v.banner, ...v.lines.map(labelled)] : v.lines.map(labelled);
  const lines = [`${head}: ${first ?? ''}`, ...rest];
  if (e.category) lines.push(`${w.text('card.category', mode)}: ${e.category.label}`);
  if (e.amount) lines.push(`${w.text('card.amount', mode)}: ${money(e.amount)}`);
  if (v.check) lines.push(`${w.text('card.check', mode)}: ${v.check}`);
  if (claim) lines.push(claimLine(claim, mode, w));
  lines.push(...v.more);
  if (related.length > 0) lines.push(`${lineHeading(e, related, mode, w)}:`);
  for (const r of related) lines.push(`${r.code}: ${v.relatedText(r)}`);
  if (claimRelated.length > 0) lines.push(`${w.text('card.on-claim', mode)}:`);
  for (const r of claimRelated) lines.push(`${r.code}: ${v.relatedText(r)}`);
  if (mode === 'biller' || e.kind !== 'unknown') lines.push(`${w.text('card.status', mode)}: ${e.status.text}`);
  return lines.join('\n');
}

export function CodeCard({ explanation: e, written, related = [], claimRelated = [], claim, mode, onCopy, id, scheme }: CodeCardProps) {
  const { wording: w } = useReading();
  const [copied, setCopied] = useState<'' | 'copied' | 'failed'>('');
  // A new code or mode is a new card: forget the old "Copied".
  useEffect(() => setCopied(''), [e, mode]);
  const v = viewOf(e, mode, w);
  const patient = mode === 'patient';
  const titleId = id ? `${id}-title` : undefined;
  // Date trouble is flagged up top; "unknown" is already the summary, said in the reader's words.
  const flagged = e.status.state === 'deactivated' || e.status.state === 'not-yet-valid';
  const statusLine = flagged || (patient && e.kind === 'unknown') ? null : e.status.text;
  const copy = async () => {
    try {
      await onCopy?.(cardText(e, mode, related, written, w, claimRelated, claim));
      setCopied('copied');
    } catch {
      setCopied('failed');
    }
  };
  const relatedHeading = lineHeading(e, related, mode, w);
  const hasMore = v.more.length > 0 || related.length > 0 || claimRelated.length > 0 || (e.official !== undefined && !patient);
  return (
    <article
      class={`card tone-${e.tone}`}
      aria-labelledby={titleId}
      data-mode={mode}
      data-code={e.code}
      data-status={e.status.state}
      data-scheme={scheme}
    >
      <header class="card-head">
        <h2 id={titleId} class="code">
          {e.code}
          {written && written !== e.code ? <span class="written"> {w.text('card.written', mode, { written })}</span> : null}
        </h2>
        {e.category ? <span class="category">{e.category.label}</span> : null}
        {e.kind === 'rarc' ? (
          <span class="category">{w.text(e.rarcType === 'alert' ? 'card.remark-alert' : 'card.remark', mode)}</span>
        ) : null}
      </header>
      {flagged ? (
        <p class={`flag status-${e.status.state}`}>
          <span aria-hidden="true">⚠ </span>
          {e.status.text}
        </p>
      ) : null}
      {v.banner ? <p class="headline">{v.banner}</p> : null}
      {v.lines.map((line) => (
        <p key={line.kind} class={line.kind}>
          {line.label ? <strong class="label">{line.label} </strong> : null}
          {line.text}
        </p>
      ))}
      {e.amount ? (
        <p class="amount">
          <strong>{w.text('card.amount', mode)}:</strong> {money(e.amount)}
        </p>
      ) : null}
      {v.check && e.sequestration ? (
        <p class={`seq ${e.sequestration.matches ? 'ok' : 'off'}`}>
          <strong>{w.text('card.check', mode)}:</strong> {e.sequestration.matches ? '✓ ' : '✗ '}
          {v.check}
        </p>
      ) : null}
      {claim ? (
        <p class="claim-line" data-balance={balanceAttr(claim.balance)}>
          {claimLine(claim, mode, w)}
        </p>
      ) : null}
      {hasMore ? (
        <details class="more" key={`${e.code} ${mode}`}>
          <summary>{w.text('card.more', mode)}</summary>
          {v.more.length > 0 ? (
            <ul class="advice">
              {v.more.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          ) : null}
          {related.length > 0 ? (
            <section class="related" aria-labelledby={id ? `${id}-related` : undefined}>
              <h3 id={id ? `${id}-related` : undefined}>{relatedHeading}</h3>
              <ul>
                {related.map((r) => (
                  <li key={r.code} data-code={r.code}>
                    <strong>{r.code}</strong> {v.relatedText(r)}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {claimRelated.length > 0 ? (
            <section class="related on-claim" aria-labelledby={id ? `${id}-on-claim` : undefined}>
              <h3 id={id ? `${id}-on-claim` : undefined}>{w.text('card.on-claim', mode)}</h3>
              <ul>
                {claimRelated.map((r) => (
                  <li key={r.code} data-code={r.code}>
                    <strong>{r.code}</strong> {v.relatedText(r)}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {e.official && !patient ? (
            <div class="official">
              <h3>{w.text('card.official', mode)}</h3>
              <p>{e.official}</p>
            </div>
          ) : null}
        </details>
      ) : null}
      <footer class="card-foot">
        <span class={`status status-${e.status.state}`}>{statusLine}</span>
        {onCopy ? (
          <span class="copy-wrap">
            <span class="copied" role="status">
              {copied === 'copied' ? w.text('card.copied', mode) : copied === 'failed' ? w.text('card.copy-failed', mode) : ''}
            </span>
            <button type="button" class="copy" onClick={() => void copy()} aria-label={w.text('card.copy-label', mode, { code: e.code })}>
              {w.text('card.copy', mode)}
            </button>
          </span>
        ) : null}
      </footer>
    </article>
  );
}
