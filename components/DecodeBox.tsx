/** Paste a raw 835 or a list of codes (from a PDF or a paper remit) and get the same tally. */
import { useState } from 'preact/hooks';
import type { DecodeResult } from '@/lib/messages';
import { readIdentifiers } from '@/lib/remit/page-facts';
import { ExportActions } from './ExportActions';
import type { PopupApi } from './popup-api';
import { TallyView } from './TallyView';
import { useTally } from './use-tally';

export interface DecodeBoxProps {
  api: PopupApi;
  onOpen: (code: string, opener: HTMLElement) => void;
  onNotice: (text: string) => void;
  /** Open from the start, where the page itself cannot be read (PDF viewer, browser pages). */
  open?: boolean;
}

export function DecodeBox({ api, onOpen, onNotice, open = false }: DecodeBoxProps) {
  const [text, setText] = useState('');
  const [result, setResult] = useState<DecodeResult | null>(null);
  /** The text the result was decoded from: a pasted 835's claim and account numbers are read from it for an export asked for with them. */
  const [decoded, setDecoded] = useState('');
  const tally = useTally(api, result);
  const decode = (value: string) => {
    if (value.trim() === '') setResult(null);
    else
      void api.decode(value).then((r) => {
        setDecoded(value);
        setResult(r);
      });
  };
  return (
    <details class="decode" open={open}>
      <summary>Paste an 835 or a list of codes</summary>
      <label class="sr" for="decode-input">
        Remittance text
      </label>
      <textarea
        id="decode-input"
        rows={4}
        placeholder={'ISA*00*… or CO-45 12.00, PR-2, N130'}
        spellcheck={false}
        value={text}
        onInput={(e) => {
          const value = e.currentTarget.value;
          setText(value);
          // A paste is a whole remit: decode it at once. Typing waits for the button.
          if ((e as InputEvent).inputType === 'insertFromPaste') decode(value);
        }}
      />
      <div class="actions">
        <button type="button" class="primary" onClick={() => decode(text)}>
          Decode
        </button>
        {result ? (
          <button
            type="button"
            onClick={() => {
              setText('');
              setResult(null);
            }}
          >
            Clear
          </button>
        ) : null}
      </div>
      {result ? (
        <div class="decode-result" aria-live="polite">
          <p class="muted" data-testid="decode-summary">
            {result.format === 'x12' ? '835 remittance' : result.format === 'codes' ? 'Pasted codes' : 'No codes found'}
            {result.format === 'none' ? '.' : `: ${result.mentions.length} code${result.mentions.length === 1 ? '' : 's'}.`}
          </p>
          {result.problems.length > 0 ? (
            <ul class="problems">
              {result.problems.slice(0, 8).map((p, i) => (
                // Problems can repeat (the same unknown code twice).
                <li key={i}>{p}</li>
              ))}
              {result.problems.length > 8 ? <li>…and {result.problems.length - 8} more.</li> : null}
            </ul>
          ) : null}
          {tally && tally.tally.total > 0 ? (
            <>
              <TallyView tally={tally.tally} onOpen={onOpen} label="Pasted text" />
              <ExportActions
                api={api}
                result={tally}
                filename="remit-lens-pasted.csv"
                onNotice={onNotice}
                {...(result.format === 'x12' ? { identifiers: () => Promise.resolve(readIdentifiers(decoded, '')) } : {})}
              />
            </>
          ) : null}
        </div>
      ) : null}
    </details>
  );
}
