// Types for generate-spr.mjs (plain Node ESM, no build step).
export function generateSpr(options?: { claims?: number; seed?: number }): {
  pages: string[][];
  expected: Map<string, number>;
  total: number;
};
