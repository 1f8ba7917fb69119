// Types for pdf-writer.mjs (plain Node ESM, no build step).
export function textPdf(
  pages: string[][],
  options?: { size?: number; leading?: number; width?: number; height?: number; left?: number; top?: number; title?: string },
): Uint8Array;
export function imagePdf(jpeg: Uint8Array, image: { pixelWidth: number; pixelHeight: number; caption?: string }): Uint8Array;
