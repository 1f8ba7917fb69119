/** Paste a raw 835 or a list of codes (from a PDF or a paper remit) and get the same tally. */
import { useState } from 'preact/hooks';
import type { DecodeResult } from '@/lib/messages';
import type { PopupApi } from './popup-api';
import { TallyView } from './TallyView';
import { useTally } from './use-tally';

export function DecodeBox({ api, onOpen }: { api: PopupApi; onOpen: (code: string) => void }) {
  const [text, setText] = useState('');
  const [result, setResult] = useState<DecodeResult | null>(null);
  const tally = useTally(api, result?.mentions ?? null);
  return (
    <details class="decode">
      <summary>Paste an 835 or a list of codes</summary>
      <label class="sr" for="decode-input">
        Remittance text
      </label>
      <textarea
        id="decode-input"
        rows={5}
        placeholder="ISA*00*… or CO-45 12.00, PR-2, N130"
        value={text}
        onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
      />
      <button type="button" class="primary" onClick={() => void api.decode(text).then(setResult)}>
        Decode
      </button>
      {result ? (
        <div class="decode-result" aria-live="polite">
          <p class="muted">
            {result.format === 'x12' ? '835 remittance' : result.format === 'codes' ? 'Code list' : 'No codes found'}:{' '}
            {result.mentions.length} code{result.mentions.length === 1 ? '' : 's'}.
          </p>
          {result.problems.length > 0 ? (
            <ul class="problems">
              {result.problems.slice(0, 8).map((p) => (
                <li key={p}>{p}</li>
              ))}
              {result.problems.length > 8 ? <li>…and {result.problems.length - 8} more.</li> : null}
            </ul>
          ) : null}
          {tally && tally.total > 0 ? <TallyView tally={tally} onReveal={onOpen} /> : null}
        </div>
      ) : null}
    </details>
  );
}
