/** Quick lookup: results on every keystroke; Enter or a click opens the card. */
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { PLB_NOT_CARC, PLB_SIGN_RULE } from '@/lib/catalog/plb';
import type { SearchHit } from '@/lib/catalog/search';
import type { PopupApi } from './popup-api';

const KIND_LABEL: Record<SearchHit['kind'], string> = { carc: 'Adjustment', rarc: 'Remark', group: 'Group', plb: 'Provider-level (PLB)' };

export function Lookup({ api, onOpen }: { api: PopupApi; onOpen: (code: string, opener: HTMLElement) => void }) {
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<SearchHit[]>([]);
  /** The PLB hit whose meaning is shown in place (PLB codes have no card: they are not CARCs). */
  const [openPlb, setOpenPlb] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const latest = useRef('');

  // Layout effect: focus lands as the popup first paints, before any keystroke.
  useLayoutEffect(() => input.current?.focus(), []);

  const onInput = async (value: string) => {
    setQuery(value);
    latest.current = value;
    const found = value.trim() === '' ? [] : await api.search(value);
    // Answers can arrive out of order while typing fast: keep only the latest query's.
    if (latest.current === value) {
      setHits(found);
      setOpenPlb('');
    }
  };

  const results = () => Array.from(list.current?.querySelectorAll<HTMLButtonElement>('button.result') ?? []);
  const move = (from: HTMLElement | null, step: number) => {
    const all = results();
    const at = from ? all.indexOf(from as HTMLButtonElement) : -1;
    const next = at + step;
    if (next < 0) input.current?.focus();
    else all[Math.min(next, all.length - 1)]?.focus();
  };
  const clear = () => {
    setQuery('');
    setHits([]);
    latest.current = '';
    input.current?.focus();
  };

  const searched = query.trim() !== '';
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
        onInput={(e) => void onInput(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && searched) {
            e.preventDefault();
            // The best hit, or the text itself (an unknown code still gets its "not in the lists" card).
            const best = hits[0];
            if (best?.kind === 'plb') setOpenPlb(best.code);
            else onOpen(best?.code ?? query.trim(), e.currentTarget);
          } else if (e.key === 'ArrowDown' && hits.length > 0) {
            e.preventDefault();
            move(null, 1);
          } else if (e.key === 'Escape' && searched) {
            e.preventDefault();
            clear();
          }
        }}
        // Only once there are results (or the sentence saying there are none) for it to point at.
        aria-controls={searched ? 'lookup-results' : undefined}
        aria-describedby="lookup-status"
      />
      <p id="lookup-status" class="sr" aria-live="polite">
        {searched ? `${hits.length} result${hits.length === 1 ? '' : 's'}` : ''}
      </p>
      {searched ? (
        hits.length > 0 ? (
          <ul id="lookup-results" class="results" ref={list}>
            {hits.map((h) => (
              <li key={`${h.kind}:${h.code}`}>
                <button
                  type="button"
                  class="result"
                  data-code={h.code}
                  data-kind={h.kind}
                  {...(h.kind === 'plb' ? { 'aria-expanded': openPlb === h.code, 'aria-controls': `plb-${h.code}` } : {})}
                  onClick={(e) => (h.kind === 'plb' ? setOpenPlb(openPlb === h.code ? '' : h.code) : onOpen(h.code, e.currentTarget))}
                  onKeyDown={(e) => {
                    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                      e.preventDefault();
                      move(e.currentTarget, e.key === 'ArrowDown' ? 1 : -1);
                    } else if (e.key === 'Escape') {
                      e.preventDefault();
                      clear();
                    }
                  }}
                >
                  <span class="result-code">{h.code}</span>
                  <span class="result-kind">{KIND_LABEL[h.kind]}</span>
                  <span class={`result-summary${h.deactivated ? ' deactivated' : ''}`}>
                    {h.summary}
                    {h.deactivated ? <em> (deactivated)</em> : null}
                  </span>
                </button>
                {h.kind === 'plb' && openPlb === h.code ? (
                  <div class="plb-meaning" id={`plb-${h.code}`} data-code={h.code}>
                    <p>{PLB_NOT_CARC}</p>
                    <p>
                      <strong>Sign:</strong> {h.sign ?? PLB_SIGN_RULE}
                    </p>
                    {h.sign && h.sign !== PLB_SIGN_RULE ? <p class="muted">{PLB_SIGN_RULE}</p> : null}
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p id="lookup-results" class="muted">
            No code matches “{query.trim()}”. Press Enter to check it anyway.
          </p>
        )
      ) : null}
    </section>
  );
}
