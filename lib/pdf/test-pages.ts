// Text items as pdf.js gives them, for the lib/pdf unit tests: pages written as lines of text at
// positions, in a fixed-width or a proportional font.
import type { PdfPageText, PdfTextItem } from './types';

export interface Run {
  text: string;
  /** Left edge and baseline's distance from the top of the page, in page units. */
  x: number;
  top: number;
  size?: number;
  mono?: boolean;
  /** Width of the run; by default 0.6 × size per character (mono), or a proportional font's widths. */
  width?: number;
  /** Rotation in degrees (text turned off the horizontal). */
  angle?: number;
}

export const PAGE_HEIGHT = 792;

/** A proportional font's advance for a character, as a share of the font size (narrow i, wide M). */
function advance(ch: string): number {
  if (/[il.,:;|!'\s]/.test(ch)) return 0.28;
  if (/[MWmw@]/.test(ch)) return 0.85;
  if (/[A-Z]/.test(ch)) return 0.66;
  if (/\d/.test(ch)) return 0.55;
  return 0.5;
}

export function item(run: Run): PdfTextItem {
  const size = run.size ?? 10;
  const width = run.mono ? run.text.length * 0.6 * size : [...run.text].reduce((w, ch) => w + advance(ch) * size, 0);
  const radians = ((run.angle ?? 0) * Math.PI) / 180;
  return {
    str: run.text,
    transform: [
      size * Math.cos(radians),
      size * Math.sin(radians),
      -size * Math.sin(radians),
      size * Math.cos(radians),
      run.x,
      PAGE_HEIGHT - run.top,
    ],
    width: run.width ?? width,
    height: size,
    fontName: run.mono ? 'mono' : 'sans',
    hasEOL: false,
    dir: 'ltr',
  };
}

export function page(runs: Run[], pageNumber = 1): PdfPageText {
  return {
    pageNumber,
    width: 612,
    height: PAGE_HEIGHT,
    items: runs.map(item),
    styles: {
      mono: { fontFamily: 'monospace', ascent: 0.83, descent: -0.3, vertical: false },
      sans: { fontFamily: 'sans-serif', ascent: 0.9, descent: -0.21, vertical: false },
    },
  };
}

/** A printout: each line one run in a fixed-width font, 12 units apart. */
export function printout(lines: string[], { top = 40, x = 30, size = 10 } = {}): Run[] {
  return lines.map((text, i) => ({ text, x, top: top + i * 12, size, mono: true }));
}

/** A proportional line of cells: each [text, x]. */
export function cells(top: number, row: [string, number][], size = 10): Run[] {
  return row.map(([text, x]) => ({ text, x, top, size }));
}
