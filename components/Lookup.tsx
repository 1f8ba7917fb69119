/** Quick lookup: results on every keystroke; Enter or a click opens the card. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { Explanation } from '@/lib/catalog/explain';
import type { SearchHit } from '@/lib/catalog/search';
import { CodeCard } from './CodeCard';
import type { PopupApi } from './popup-api';

export function Lookup({ api, mode }: { api: PopupApi; mode: 'biller' | 'patient' }) {
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [open, setOpen] = useState<Explanation | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const latest = useRef('');

  useEffect(() => input.current?.focus(), []);

  const onInput = async (value: string) => {
    setQuery(value);
    setOpen(null);
    latest.current = value;
    const found = value.trim() === '' ? [] : await api.search(value);
    if (latest.current === value) setHits(found);
  };

  const show = async (code: string) => {
    const [e] = await api.explain([{ code }]);
    if (e) setOpen(e);
  };

  return (
    <section class="lookup" aria-label="Code lookup">
      <label class="lookup-label" for="lookup-input">
        Look up a code or words
      </label>
      <input
        id="lookup-input"
        ref={input}
        type="search"
        placeholder="253, CO-45, N130, timely filing…"
        autocomplete="off"
        spellcheck={false}
        value={query}
        onInput={(e) => void onInput((e.target as HTMLInputElement).value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            const first = hits[0];
            void show(first ? first.code : query);
          }
        }}
        aria-controls="lookup-results"
      />
      {open ? (
        <div class="lookup-card">
          <CodeCard explanation={open} mode={mode} onCopy={(t) => void api.copy(t)} id="lookup-card" />
        </div>
      ) : query.trim() !== '' ? (
        hits.length > 0 ? (
          <ul id="lookup-results" class="results">
            {hits.map((h) => (
              <li key={h.code}>
                <button type="button" class="result" onClick={() => void show(h.code)} data-code={h.code}>
                  <strong>{h.code}</strong> <span class={h.deactivated ? 'deactivated' : ''}>{h.summary}</span>
                  {h.deactivated ? <em> (deactivated)</em> : null}
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p id="lookup-results" class="muted">
            No code matches “{query}”. Press Enter to check it anyway.
          </p>
        )
      ) : null}
    </section>
  );
}
