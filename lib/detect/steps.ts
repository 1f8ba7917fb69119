/**
 * Detection of a big block of text runs as a generator that yields now and then, so the page's scan can
 * pause between steps (a 10 MB raw 835 in one <pre> is read across many short tasks). A generator of
 * no steps is just a function: `run` drains one.
 */
export type Steps<T> = Generator<void, T, void>;

/** Runs every step of `steps` at once and returns its result. */
export function run<T>(steps: Steps<T>): T {
  for (let step = steps.next(); ; step = steps.next()) if (step.done) return step.value;
}
