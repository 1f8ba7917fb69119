/** The popup's full card for one code, over the main view; Back or Escape returns to where it was opened. */
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import type { Explanation } from '@/lib/catalog/explain';
import type { ReadingMode } from '@/lib/settings';
import { CodeCard } from './CodeCard';

export function CardSheet({
  explanation,
  mode,
  onClose,
  onCopy,
}: {
  explanation: Explanation;
  mode: ReadingMode;
  onClose: () => void;
  onCopy: (text: string) => void;
}) {
  const back = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => back.current?.focus(), [explanation]);
  useEffect(() => {
    // Escape closes the card wherever focus is (the mode switch sits outside it).
    const controller = new AbortController();
    document.addEventListener(
      'keydown',
      (e) => {
        if (e.key !== 'Escape') return;
        e.preventDefault();
        onClose();
      },
      { signal: controller.signal },
    );
    return () => controller.abort();
  }, [onClose]);
  return (
    <section class="sheet" aria-label={`${explanation.code} explained`}>
      <button type="button" class="back" ref={back} onClick={onClose}>
        ← Back
      </button>
      <CodeCard explanation={explanation} mode={mode} onCopy={onCopy} id="popup-card" />
    </section>
  );
}
