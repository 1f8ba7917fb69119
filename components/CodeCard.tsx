/**
 * The one card that explains a code: in-page (inside the content script's shadow root) and in
 * the popup. Renders plain data from the background; never HTML from the page.
 *
 * Biller mode gives posting and appeal advice; patient mode gives plain sentences only, so no
 * posting/appeal wording may reach it from this file.
 */
import { useEffect, useState } from 'preact/hooks';
import { money } from '@/lib/amount';
import type { Explanation } from '@/lib/catalog/explain';
import { appealLabel } from '@/lib/catalog/explain';
import type { ReadingMode } from '@/lib/settings';

export type CardMode = ReadingMode;

export interface CodeCardProps {
  explanation: Explanation;
  /** The code as the page wrote it (`CO*253`), when it differs from the normalized code. */
  written?: string;
  /** Remark codes on the same line (for a CARC), or reasons on the same line (for a RARC). */
  related?: Explanation[];
  mode: CardMode;
  /** Copies the card's text; a rejected promise shows "Copy failed". */
  onCopy?: (text: string) => unknown;
  id?: string;
  /** The colours around the card (a dark page gets a dark card); unset follows the system. */
  scheme?: 'light' | 'dark';
}

/** Said instead of the catalog's "not in the X12 lists" in patient mode. */
const UNKNOWN_PATIENT = 'We don’t recognize this code. It may be your plan’s own code: ask your plan or provider what it means.';

/** The reader's view of one explanation: what each mode shows, in order. */
interface View {
  /** A banner that must not be missed (CO-253). */
  banner?: string;
  summary: string;
  group?: string;
  check?: string;
  /** Biller only: the next step and the appeal answer. */
  steps: { kind: 'next' | 'appeal'; text: string }[];
  advice: string[];
}

function viewOf(e: Explanation, mode: CardMode): View {
  const groupName = e.group ? `${e.group.code} — ${e.group.name}` : undefined;
  if (mode === 'patient') {
    // The catalog's patient lines already include the group's sentence; say it once.
    const lines = e.patient.filter((line) => line !== '');
    const banner = e.headline ? lines.shift() : undefined;
    const groupSaid = e.group !== undefined && lines.includes(e.group.patient);
    return {
      ...(banner ? { banner } : {}),
      summary: e.kind === 'unknown' ? UNKNOWN_PATIENT : e.summary,
      ...(groupName && e.group ? { group: groupSaid ? groupName : `${groupName}: ${e.group.patient}` } : {}),
      ...(e.sequestration ? { check: patientCheck(e.sequestration) } : {}),
      steps: [],
      advice: lines,
    };
  }
  const steps: View['steps'] = [];
  if (e.nextStep) steps.push({ kind: 'next', text: `Next step: ${e.nextStep.label}` });
  if (e.appeal) steps.push({ kind: 'appeal', text: `${appealLabel(e.appeal.answer)}.${e.appeal.why ? ` ${e.appeal.why}` : ''}` });
  return {
    ...(e.headline ? { banner: e.headline } : {}),
    summary: e.summary,
    ...(groupName && e.group ? { group: `${groupName}: ${e.group.summary}` } : {}),
    ...(e.sequestration ? { check: e.sequestration.text } : {}),
    steps,
    advice: e.biller,
  };
}

/** The 2% check in plain words: no posting or contractor advice for a patient. */
function patientCheck(s: NonNullable<Explanation['sequestration']>): string {
  if (s.basis === 'before-sequestration') {
    return s.matches
      ? 'No cut was expected for this date of service, and none was taken.'
      : 'No cut was expected for this date of service. The provider’s billing office can explain it.';
  }
  return s.matches
    ? `This is the expected ${s.rate} cut (${money(s.expected)}).`
    : `This is not the ${s.rate} cut we expected (${money(s.expected)}). The provider’s billing office can explain the difference.`;
}

/** What a screen reader hears first about a code, in the reader's mode. */
export function leadText(e: Explanation, mode: CardMode): string {
  const lead = mode === 'patient' ? (e.patient[0] ?? e.summary) : (e.headline ?? e.summary);
  return `${e.code}: ${lead}`;
}

/** Plain-text version for the Copy button and for pasting into notes. */
export function cardText(e: Explanation, mode: CardMode, related: Explanation[] = [], written?: string): string {
  const v = viewOf(e, mode);
  const head = written && written !== e.code ? `${e.code} (written "${written}")` : e.code;
  const lines = [`${head}: ${v.banner ?? v.summary}`];
  if (v.banner) lines.push(v.summary);
  if (e.category) lines.push(`Category: ${e.category.label}`);
  if (v.group) lines.push(`Group ${v.group}`);
  if (e.amount) lines.push(`Amount: ${money(e.amount)}`);
  if (v.check) lines.push(`2% check: ${v.check}`);
  lines.push(...v.steps.map((step) => step.text), ...v.advice);
  for (const r of related) lines.push(`${r.code}: ${r.summary}`);
  if (mode === 'biller' || e.kind !== 'unknown') lines.push(`Status: ${e.status.text}`);
  return lines.join('\n');
}

export function CodeCard({ explanation: e, written, related = [], mode, onCopy, id, scheme }: CodeCardProps) {
  const [copied, setCopied] = useState<'' | 'Copied' | 'Copy failed'>('');
  // A new code or mode is a new card: forget the old "Copied".
  useEffect(() => setCopied(''), [e, mode]);
  const v = viewOf(e, mode);
  const patient = mode === 'patient';
  const titleId = id ? `${id}-title` : undefined;
  // Date trouble is flagged up top; "unknown" is already the summary, said in the reader's words.
  const flagged = e.status.state === 'deactivated' || e.status.state === 'not-yet-valid';
  const statusLine = flagged || (patient && e.kind === 'unknown') ? null : e.status.text;
  const copy = async () => {
    try {
      await onCopy?.(cardText(e, mode, related, written));
      setCopied('Copied');
    } catch {
      setCopied('Copy failed');
    }
  };
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
          {written && written !== e.code ? <span class="written"> (written “{written}”)</span> : null}
        </h2>
        {e.category ? <span class="category">{e.category.label}</span> : null}
        {e.kind === 'rarc' ? <span class="category">{e.rarcType === 'alert' ? 'Remark (alert)' : 'Remark'}</span> : null}
      </header>
      {flagged ? (
        <p class={`flag status-${e.status.state}`}>
          <span aria-hidden="true">⚠ </span>
          {e.status.text}
        </p>
      ) : null}
      {v.banner ? <p class="headline">{v.banner}</p> : null}
      <p class="summary">{v.summary}</p>
      {v.group ? <p class="group">{v.group}</p> : null}
      {e.amount ? (
        <p class="amount">
          <strong>Amount:</strong> {money(e.amount)}
        </p>
      ) : null}
      {v.check && e.sequestration ? (
        <p class={`seq ${e.sequestration.matches ? 'ok' : 'off'}`}>
          <strong>2% check:</strong> {e.sequestration.matches ? '✓ ' : '✗ '}
          {v.check}
        </p>
      ) : null}
      {v.steps.map((step) => (
        <p key={step.kind} class={step.kind}>
          {step.text}
        </p>
      ))}
      {v.advice.length > 0 ? (
        <ul class="advice">
          {v.advice.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
      {e.official && !patient ? (
        <details class="official">
          <summary>Official X12 wording (from your imported list)</summary>
          <p>{e.official}</p>
        </details>
      ) : null}
      {related.length > 0 ? (
        <section class="related" aria-labelledby={id ? `${id}-related` : undefined}>
          <h3 id={id ? `${id}-related` : undefined}>{e.kind === 'rarc' ? 'Adjustments on this line' : 'Remarks on this line'}</h3>
          <ul>
            {related.map((r) => (
              <li key={r.code} data-code={r.code}>
                <strong>{r.code}</strong> {r.kind === 'unknown' && mode === 'patient' ? UNKNOWN_PATIENT : r.summary}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <footer class="card-foot">
        <span class={`status status-${e.status.state}`}>{statusLine}</span>
        {onCopy ? (
          <span class="copy-wrap">
            <span class="copied" role="status">
              {copied}
            </span>
            <button type="button" class="copy" onClick={() => void copy()} aria-label={`Copy ${e.code} and its meaning`}>
              Copy
            </button>
          </span>
        ) : null}
      </footer>
    </article>
  );
}
