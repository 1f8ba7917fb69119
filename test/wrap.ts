/** Breaks `text` into lines of `width` characters, as a fixed-width X12 sender does (for tests). */
export function wrap(text: string, width: number, eol = '\r\n'): string {
  const lines: string[] = [];
  for (let i = 0; i < text.length; i += width) lines.push(text.slice(i, i + width));
  return lines.join(eol);
}
