// Types for member-eob.mjs (plain Node ESM, no build step).
export function memberEob(
  rows?: number,
  options?: { repeatHeader?: boolean },
): { html: string; marks: { code: string; amount?: string }[] };
