// Types for make-fixtures.mjs (plain Node ESM, no build step).
export interface Fixture {
  name: string;
  /** Absolute path of the PDF. */
  pdf: string;
  /** Its labels; null for the scanned and damaged files, which have none. */
  expected: { code: string; amount?: string }[] | null;
  set: 'pages' | 'held-out' | 'styled' | 'generated';
  note?: string;
}
export const OUT: string;
export function corpusPages(folder: string): string[];
export function makeFixtures(options?: { out?: string; force?: boolean; log?: (line: string) => void }): Promise<Fixture[]>;
