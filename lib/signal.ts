/**
 * Timers that end with an AbortSignal, so a run torn down by one abort() leaves nothing behind
 * (listeners take the signal directly: `addEventListener(type, fn, { signal })`).
 */

/** Calls `fn` once `signal` aborts, at once if it already has. */
export function onAbort(signal: AbortSignal, fn: () => void): void {
  if (signal.aborted) fn();
  else signal.addEventListener('abort', fn, { once: true });
}

/** setTimeout that never fires after `signal` aborts; returns a function that cancels it. */
export function later(signal: AbortSignal, ms: number, fn: () => void): () => void {
  if (signal.aborted) return () => undefined;
  const cancel = () => clearTimeout(id);
  const id = setTimeout(() => {
    signal.removeEventListener('abort', cancel);
    fn();
  }, ms);
  signal.addEventListener('abort', cancel, { once: true });
  return () => {
    cancel();
    signal.removeEventListener('abort', cancel);
  };
}

/** A signal that aborts when any of `signals` does (AbortSignal.any where the browser has it). */
export function anySignal(...signals: AbortSignal[]): AbortSignal {
  const any = (AbortSignal as { any?: (signals: AbortSignal[]) => AbortSignal }).any;
  if (typeof any === 'function') return any.call(AbortSignal, signals);
  const controller = new AbortController();
  for (const s of signals) onAbort(s, () => controller.abort(s.reason));
  return controller.signal;
}
