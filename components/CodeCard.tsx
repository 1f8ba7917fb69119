/**
 * The one card that explains a code: in-page (inside the content script's shadow root) and in
 * the popup. Renders plain data from the background; never HTML from the page.
 */
import type { Explanation } from '@/lib/catalog/explain';
import { appealLabel } from '@/lib/catalog/explain';

export interface CodeCardProps {
  explanation: Explanation;
  /** The code as the page wrote it (`CO*253`), when it differs from the normalized code. */
  written?: string;
  /** Remark codes on the same line (for a CARC), or reasons on the same line (for a RARC). */
  related?: Explanation[];
  mode: 'biller' | 'patient';
  onCopy?: (text: string) => void;
  id?: string;
}

const money = (amount: string) => (amount.startsWith('-') ? `-$${amount.slice(1)}` : `$${amount}`);

/** Plain-text version for the Copy button and for pasting into notes. */
export function cardText(e: Explanation, mode: 'biller' | 'patient'): string {
  const lines = [`${e.code}: ${e.headline ?? e.summary}`];
  if (e.headline) lines.push(e.summary);
  if (e.group) lines.push(`Group ${e.group.code} (${e.group.name}): ${mode === 'patient' ? e.group.patient : e.group.summary}`);
  if (mode === 'biller' && e.nextStep) lines.push(`Next step: ${e.nextStep.label}`);
  if (mode === 'biller' && e.appeal) lines.push(`Appeal: ${appealLabel(e.appeal.answer)}${e.appeal.why ? ` — ${e.appeal.why}` : ''}`);
  if (mode === 'patient') lines.push(...e.patient);
  lines.push(`Status: ${e.status.text}`);
  return lines.join('\n');
}

export function CodeCard({ explanation: e, written, related = [], mode, onCopy, id }: CodeCardProps) {
  const patient = mode === 'patient';
  const titleId = id ? `${id}-title` : undefined;
  return (
    <article class={`card tone-${e.tone}`} aria-labelledby={titleId} data-mode={mode} data-code={e.code}>
      <header class="card-head">
        <h2 id={titleId} class="code">
          {e.code}
          {written && written !== e.code ? <span class="written"> (written “{written}”)</span> : null}
        </h2>
        {e.category ? <span class="category">{e.category.label}</span> : null}
        {e.kind === 'rarc' ? <span class="category">{e.rarcType === 'alert' ? 'Remark (alert)' : 'Remark'}</span> : null}
      </header>
      {e.headline ? <p class="headline">{e.headline}</p> : null}
      <p class="summary">{e.summary}</p>
      {e.group ? (
        <p class="group">
          <strong>
            {e.group.code} — {e.group.name}:
          </strong>{' '}
          {patient ? e.group.patient : e.group.summary}
        </p>
      ) : null}
      {e.amount ? (
        <p class="amount">
          <strong>Amount:</strong> {money(e.amount)}
        </p>
      ) : null}
      {e.sequestration ? (
        <p class={`seq ${e.sequestration.matches ? 'ok' : 'off'}`}>
          <strong>2% check:</strong> {e.sequestration.text}
        </p>
      ) : null}
      {patient ? (
        <ul class="advice">
          {e.patient.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : (
        <>
          {e.nextStep ? (
            <p class="next">
              <strong>Next step:</strong> {e.nextStep.label}
            </p>
          ) : null}
          {e.appeal ? (
            <p class="appeal">
              <strong>{appealLabel(e.appeal.answer)}.</strong> {e.appeal.why}
            </p>
          ) : null}
          <ul class="advice">
            {e.biller.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      )}
      {related.length > 0 ? (
        <section class="related" aria-label={e.kind === 'rarc' ? 'Adjustments on this line' : 'Remark codes on this line'}>
          <h3>{e.kind === 'rarc' ? 'Adjustments on this line' : 'Remarks on this line'}</h3>
          <ul>
            {related.map((r) => (
              <li key={r.code}>
                <strong>{r.code}</strong> {r.summary}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <footer class="card-foot">
        <span class={`status status-${e.status.state}`}>{e.status.text}</span>
        {onCopy ? (
          <button type="button" class="copy" onClick={() => onCopy(cardText(e, mode))}>
            Copy
          </button>
        ) : null}
      </footer>
    </article>
  );
}
