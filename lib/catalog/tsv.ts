/** A parsed TSV row: column name → trimmed cell (missing cells are ''). `line` is 1-based. */
export interface TsvRow {
  line: number;
  cells: Record<string, string>;
}

export class TsvError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

/**
 * Parses tab-separated text with a header row. Blank lines are skipped; a row with more cells
 * than the header is an error (it usually means a stray tab inside a text).
 */
export function parseTsv(text: string, required: readonly string[] = []): { columns: string[]; rows: TsvRow[] } {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const headerIndex = lines.findIndex((l) => l.trim() !== '');
  if (headerIndex < 0) throw new TsvError(1, 'the file is empty');
  const columns = (lines[headerIndex] ?? '').split('\t').map((c) => c.trim().toLowerCase());
  for (const name of required) {
    if (!columns.includes(name)) throw new TsvError(headerIndex + 1, `the header has no "${name}" column`);
  }
  const rows: TsvRow[] = [];
  for (let i = headerIndex + 1; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    if (raw.trim() === '') continue;
    const values = raw.split('\t');
    if (values.length > columns.length) {
      throw new TsvError(i + 1, `${values.length} cells but the header has ${columns.length} columns`);
    }
    const cells: Record<string, string> = {};
    columns.forEach((name, c) => {
      cells[name] = (values[c] ?? '').trim();
    });
    rows.push({ line: i + 1, cells });
  }
  return { columns, rows };
}
