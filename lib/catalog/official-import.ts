/**
 * Imports an official CARC/RARC code list the user holds a licence for (X12's CSV download, or a
 * TSV like ../shared/catalog/*.tsv), so the official description can show beside our own wording.
 * Pure: the options page reads the file and stores the result; the background only reads it.
 * A file is either accepted whole or rejected with a message naming the line: never half-used.
 */
import { parseCodeRef } from './code-ref';

export type OfficialKind = 'carc' | 'rarc';
/** What the user picked: a list kind, or detect it from the codes' shape. */
export type OfficialKindChoice = OfficialKind | 'auto';
export type OfficialKey = `${OfficialKind}:${string}`;

/** Generous for the real lists (about 230 KB, 1,623 rows, longest text ~1,900 characters), small enough that a hostile file cannot hang the page. */
export const OFFICIAL_LIMITS = {
  maxBytes: 2 * 1024 * 1024,
  maxRows: 5000,
  maxColumns: 64,
  maxCellChars: 10_000,
  maxDescriptionChars: 4000,
} as const;

export interface OfficialList {
  entries: Map<OfficialKey, string>;
  /** 'mixed' when one file holds both CARCs and RARCs. */
  kind: OfficialKind | 'mixed';
  count: number;
  warnings: string[];
}

export type OfficialParseResult = { ok: true; list: OfficialList } | { ok: false; error: string; line?: number };

export interface KnownCodeLists {
  carc: Iterable<string>;
  rarc: Iterable<string>;
}

class ImportError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(line ? `Line ${line}: ${message}` : message);
  }
}

const KIND_NAME: Record<OfficialKind, string> = { carc: 'CARC (claim adjustment reason)', rarc: 'RARC (remark)' };
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

// ---------------------------------------------------------------------------------------------
// Bytes → text

export type DecodedFile = { ok: true; text: string; warnings: string[] } | { ok: false; error: string };

/** Decodes the file's bytes: UTF-8 (with or without BOM), UTF-16 (Excel "Unicode text"), else Windows-1252. */
export function decodeOfficialFile(bytes: Uint8Array): DecodedFile {
  if (bytes.length === 0) return { ok: false, error: 'The file is empty.' };
  if (bytes.length > OFFICIAL_LIMITS.maxBytes) {
    return {
      ok: false,
      error: `The file is larger than ${OFFICIAL_LIMITS.maxBytes / 1024 / 1024} MB; an official code list is far smaller.`,
    };
  }
  const [b0, b1, b2, b3] = bytes;
  if ((b0 === 0x50 && b1 === 0x4b && b2 === 0x03 && b3 === 0x04) || (b0 === 0xd0 && b1 === 0xcf && b2 === 0x11 && b3 === 0xe0)) {
    return { ok: false, error: 'This looks like an Excel workbook. Save or export it as CSV (or tab-separated text) first.' };
  }
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) {
    const text = new TextDecoder(b0 === 0xff ? 'utf-16le' : 'utf-16be').decode(bytes.subarray(2));
    return checkText(text, []);
  }
  if (bytes.includes(0)) return { ok: false, error: 'This is not a text file (it contains binary data). Choose a CSV or TSV code list.' };
  try {
    return checkText(new TextDecoder('utf-8', { fatal: true }).decode(bytes), []);
  } catch {
    return checkText(decodeWindows1252(bytes), ['The file is not UTF-8; it was read as Windows-1252 text.']);
  }
}

/** Windows-1252's 0x80–0x9F block (smart quotes, dashes, €); other bytes equal their code point. */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** Decoded by hand: not every runtime's TextDecoder maps this block the way browsers do. */
function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    // Array.from, not chunk.map: a Uint8Array would cut the mapped code points back to bytes.
    out += String.fromCharCode(...Array.from(chunk, (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b)));
  }
  return out;
}

function checkText(text: string, warnings: string[]): DecodedFile {
  if (text.includes('\u0000'))
    return { ok: false, error: 'This is not a text file (it contains binary data). Choose a CSV or TSV code list.' };
  return { ok: true, text, warnings };
}

// ---------------------------------------------------------------------------------------------
// Text → rows (CSV per RFC 4180, TSV, or semicolon-separated; quoted cells may hold the separator, quotes and newlines)

interface Row {
  /** 1-based line where the row starts. */
  line: number;
  cells: string[];
}

function detectSeparator(text: string): string {
  const firstLine = text.slice(0, 4096).split(/\r\n|\n|\r/, 1)[0] ?? '';
  const outsideQuotes = firstLine.replace(/"[^"]*"/g, '');
  const count = (ch: string) => outsideQuotes.split(ch).length - 1;
  const candidates: [string, number][] = [
    ['\t', count('\t')],
    [',', count(',')],
    [';', count(';')],
  ];
  candidates.sort((a, b) => b[1] - a[1]);
  return candidates[0] && candidates[0][1] > 0 ? candidates[0][0] : ',';
}

function parseRows(text: string, separator: string): Row[] {
  const rows: Row[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let rowLine = 1;
  let i = 0;
  const n = text.length;
  const endCell = () => {
    if (cell.length > OFFICIAL_LIMITS.maxCellChars) {
      throw new ImportError(`a cell is longer than ${OFFICIAL_LIMITS.maxCellChars.toLocaleString('en-US')} characters.`, rowLine);
    }
    cells.push(cell);
    cell = '';
    if (cells.length > OFFICIAL_LIMITS.maxColumns) throw new ImportError(`more than ${OFFICIAL_LIMITS.maxColumns} columns.`, rowLine);
  };
  const endRow = () => {
    endCell();
    if (cells.some((c) => c.trim() !== '')) {
      rows.push({ line: rowLine, cells });
      // Counted with the header, so the check stays cheap and early.
      if (rows.length > OFFICIAL_LIMITS.maxRows + 1) {
        throw new ImportError(
          `the file has more than ${OFFICIAL_LIMITS.maxRows.toLocaleString('en-US')} rows; an official code list has fewer than 2,000.`,
        );
      }
    }
    cells = [];
  };
  while (i < n) {
    const ch = text[i];
    if (ch === '"' && cell.trim() === '') {
      // A quoted cell: runs to the next lone quote, across separators and newlines.
      const openedOn = line;
      cell = '';
      i++;
      let closed = false;
      while (i < n) {
        const c = text[i];
        if (c === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          closed = true;
          i++;
          break;
        }
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
        cell += c;
        i++;
        if (cell.length > OFFICIAL_LIMITS.maxCellChars) {
          throw new ImportError(
            `a quoted cell that starts here runs past ${OFFICIAL_LIMITS.maxCellChars.toLocaleString('en-US')} characters.`,
            openedOn,
          );
        }
      }
      if (!closed) throw new ImportError('a quoted cell that starts here never closes (a missing ").', openedOn);
      while (text[i] === ' ' && separator !== ' ') i++;
      const next = text[i];
      if (next !== undefined && next !== separator && next !== '\n' && next !== '\r') {
        throw new ImportError('unexpected text right after a closing quote.', line);
      }
      continue;
    }
    if (ch === separator) {
      endCell();
      i++;
      continue;
    }
    if (ch === '\n' || ch === '\r') {
      endRow();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      rowLine = line;
      continue;
    }
    cell += ch;
    i++;
  }
  if (cell !== '' || cells.length > 0) endRow();
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Rows → entries

const headerName = (cell: string) =>
  cell
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
const CODE_HEADERS = new Set(['code', 'codes', 'carc', 'rarc', 'code value', 'value']);
const DESCRIPTION_WORDS = /\b(description|desc|definition|meaning|text)\b/;

/** The code column: "Code", or a header like "Reason Code" / "Remark Code" that names no date or description. */
function findCodeColumn(names: string[]): number {
  const exact = names.findIndex((h) => CODE_HEADERS.has(h));
  if (exact >= 0) return exact;
  return names.findIndex((h) => /\b(code|carc|rarc)\b/.test(h) && !DESCRIPTION_WORDS.test(h) && !/\b(date|group|modified)\b/.test(h));
}

/** A code as written in an official list, normalized the way the catalog keys it; undefined when it is not code-shaped. */
export function normalizeOfficialCode(raw: string): { kind: OfficialKind; code: string } | undefined {
  const cell = raw.trim();
  if (cell === '' || cell.length > 8 || /[^A-Za-z0-9 ]/.test(cell)) return undefined;
  const ref = parseCodeRef(cell);
  if (!ref || ref.kind === 'group') return undefined;
  // Official lists never prefix a group: "CO45" in a code column is not a list entry.
  if (ref.kind === 'carc' && ref.group) return undefined;
  return { kind: ref.kind, code: ref.reason };
}

/**
 * Control characters become spaces; bidirectional controls (U+202A–U+202E, U+2066–U+2069, the marks
 * U+200E/U+200F/U+061C) are dropped: in a card they could show a description's words in another order.
 */
export const cleanText = (text: string) =>
  text
    .replace(/[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g, '')
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * Parses an official code list. `kind` is what the user picked ('auto' detects from the codes);
 * `known` (the catalog's codes) lets the result warn about codes this release does not know.
 */
export function parseOfficialList(text: string, options: { kind?: OfficialKindChoice; known?: KnownCodeLists } = {}): OfficialParseResult {
  try {
    return { ok: true, list: parseOrThrow(text, options.kind ?? 'auto', options.known) };
  } catch (e) {
    if (e instanceof ImportError) return { ok: false, error: e.message, ...(e.line ? { line: e.line } : {}) };
    throw e;
  }
}

function parseOrThrow(input: string, choice: OfficialKindChoice, known?: KnownCodeLists): OfficialList {
  const text = input.replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new ImportError('The file is empty.');
  if (text.length > OFFICIAL_LIMITS.maxBytes) throw new ImportError('The file is too large for an official code list.');
  const rows = parseRows(text, detectSeparator(text));
  const first = rows[0];
  if (!first) throw new ImportError('The file is empty.');

  // Header row, or a file that starts straight with codes (code, description, ...).
  const names = first.cells.map(headerName);
  let codeCol = findCodeColumn(names);
  let descCol = names.findIndex((h, i) => i !== codeCol && DESCRIPTION_WORDS.test(h));
  let dataRows = rows.slice(1);
  if (codeCol < 0 && normalizeOfficialCode(first.cells[0] ?? '')) {
    codeCol = 0;
    descCol = 1;
    dataRows = rows;
  } else if (codeCol < 0) {
    throw new ImportError('no "Code" column found. The first row should name the columns, such as Code and Description.', first.line);
  } else if (descCol < 0) {
    throw new ImportError('no "Description" column found next to the codes.', first.line);
  }
  if (dataRows.length === 0) throw new ImportError('The file has a header but no codes.');

  const entries = new Map<OfficialKey, string>();
  const firstLine = new Map<OfficialKey, number>();
  const warnings: string[] = [];
  const duplicates: string[] = [];
  const unknown: string[] = [];
  const knownSets = known ? { carc: new Set(known.carc), rarc: new Set(known.rarc) } : undefined;
  const kinds = new Set<OfficialKind>();

  for (const row of dataRows) {
    const rawCode = row.cells[codeCol] ?? '';
    const parsed = normalizeOfficialCode(rawCode);
    if (!parsed) {
      const shown = cleanText(rawCode).slice(0, 30);
      throw new ImportError(shown ? `"${shown}" is not a CARC or RARC code.` : 'the code cell is empty.', row.line);
    }
    if (choice !== 'auto' && parsed.kind !== choice) {
      throw new ImportError(
        `${parsed.code} is a ${KIND_NAME[parsed.kind]} code, but this import is for the ${KIND_NAME[choice]} list.`,
        row.line,
      );
    }
    const description = cleanText(row.cells[descCol] ?? '');
    if (description === '') throw new ImportError(`code ${parsed.code} has no description.`, row.line);
    if (description.length > OFFICIAL_LIMITS.maxDescriptionChars) {
      throw new ImportError(
        `the description of ${parsed.code} is longer than ${OFFICIAL_LIMITS.maxDescriptionChars.toLocaleString('en-US')} characters.`,
        row.line,
      );
    }
    const key: OfficialKey = `${parsed.kind}:${parsed.code}`;
    const seen = firstLine.get(key);
    if (seen !== undefined) {
      if (entries.get(key) !== description) duplicates.push(`${parsed.code} (lines ${seen} and ${row.line})`);
      continue;
    }
    firstLine.set(key, row.line);
    entries.set(key, description);
    kinds.add(parsed.kind);
    if (knownSets && !knownSets[parsed.kind].has(parsed.code)) unknown.push(`${parsed.code} (line ${row.line})`);
  }

  const listed = (items: string[]) => `${items.slice(0, 5).join(', ')}${items.length > 5 ? `, and ${items.length - 5} more` : ''}`;
  if (duplicates.length > 0) {
    warnings.push(`${plural(duplicates.length, 'code')} appear twice with different text; the first was kept: ${listed(duplicates)}.`);
  }
  if (unknown.length > 0) {
    warnings.push(
      `${plural(unknown.length, 'code')} ${unknown.length === 1 ? 'is' : 'are'} not in this version's X12 lists (a newer release, or not an X12 code): ${listed(unknown)}. Their text is kept.`,
    );
  }
  const kind: OfficialList['kind'] = kinds.size === 1 ? ([...kinds][0] ?? 'carc') : 'mixed';
  return { entries, kind, count: entries.size, warnings };
}

// ---------------------------------------------------------------------------------------------
// Stored form (browser.storage.local under OFFICIAL_STORAGE_KEY): one list per kind, so importing
// the RARC list keeps an earlier CARC import.

export const OFFICIAL_STORAGE_KEY = 'official';

export interface StoredOfficialList {
  fileName: string;
  importedAt: string;
  count: number;
  /** Code → official description, for this list's kind. */
  entries: Record<string, string>;
}

export interface StoredOfficial {
  version: 1;
  carc?: StoredOfficialList;
  rarc?: StoredOfficialList;
}

export interface OfficialListStatus {
  kind: OfficialKind;
  fileName: string;
  importedAt: string;
  count: number;
}

/** What the options page shows: one line per imported list. */
export interface OfficialStatus {
  lists: OfficialListStatus[];
}

export type OfficialImportOutcome =
  | { ok: true; fileName: string; count: number; kind: OfficialList['kind']; warnings: string[]; status: OfficialStatus }
  | { ok: false; error: string };

/** The options page's access to the browser, passed to the OfficialImport component. */
export interface OfficialImportApi {
  status(): Promise<OfficialStatus>;
  /** Reads, validates and stores the file; storage changes only when the whole file is valid. */
  importFile(file: File, kind: OfficialKindChoice): Promise<OfficialImportOutcome>;
  remove(kind: OfficialKind): Promise<OfficialStatus>;
}

const KINDS: readonly OfficialKind[] = ['carc', 'rarc'];

/** The stored value with the new list's kinds replaced, and the other kind kept. */
export function mergeOfficial(
  current: StoredOfficial | undefined,
  list: OfficialList,
  fileName: string,
  importedAt: string,
): StoredOfficial {
  const next: StoredOfficial = {
    version: 1,
    ...(current?.carc ? { carc: current.carc } : {}),
    ...(current?.rarc ? { rarc: current.rarc } : {}),
  };
  for (const kind of KINDS) {
    const entries: Record<string, string> = {};
    for (const [key, text] of list.entries) {
      if (key.startsWith(`${kind}:`)) entries[key.slice(kind.length + 1)] = text;
    }
    const count = Object.keys(entries).length;
    if (count > 0) next[kind] = { fileName: fileName.slice(0, 200), importedAt, count, entries };
  }
  return next;
}

export function removeOfficial(current: StoredOfficial | undefined, kind: OfficialKind): StoredOfficial {
  const next: StoredOfficial = { version: 1 };
  for (const k of KINDS) {
    const list = current?.[k];
    if (k !== kind && list) next[k] = list;
  }
  return next;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function readList(kind: OfficialKind, value: unknown): StoredOfficialList | undefined {
  if (!isRecord(value) || !isRecord(value.entries)) return undefined;
  const entries: Record<string, string> = {};
  for (const [code, text] of Object.entries(value.entries)) {
    const parsed = normalizeOfficialCode(code);
    if (parsed?.kind === kind && parsed.code === code && typeof text === 'string' && text.length <= OFFICIAL_LIMITS.maxDescriptionChars) {
      entries[code] = text;
    }
  }
  const count = Object.keys(entries).length;
  if (count === 0) return undefined;
  return {
    fileName: typeof value.fileName === 'string' ? value.fileName.slice(0, 200) : 'an imported file',
    importedAt: typeof value.importedAt === 'string' ? value.importedAt : '',
    count,
    entries,
  };
}

/** Validates what storage holds (it may be old, edited or damaged); undefined when nothing usable. */
export function readStoredOfficial(value: unknown): StoredOfficial | undefined {
  if (!isRecord(value) || value.version !== 1) return undefined;
  const carc = readList('carc', value.carc);
  const rarc = readList('rarc', value.rarc);
  if (!carc && !rarc) return undefined;
  return { version: 1, ...(carc ? { carc } : {}), ...(rarc ? { rarc } : {}) };
}

/** The map explain() takes: `carc:45` / `rarc:N130` → official description. */
export function officialMap(stored: StoredOfficial | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const kind of KINDS) {
    // Cleaned again: storage may hold text an older version imported.
    for (const [code, text] of Object.entries(stored?.[kind]?.entries ?? {})) map.set(`${kind}:${code}`, cleanText(text));
  }
  return map;
}

export function officialStatus(stored: StoredOfficial | undefined): OfficialStatus {
  return {
    lists: KINDS.flatMap((kind) => {
      const list = stored?.[kind];
      return list ? [{ kind, fileName: list.fileName, importedAt: list.importedAt, count: list.count }] : [];
    }),
  };
}

/** "407 official CARC descriptions loaded from carc.csv; shown beside our wording." */
export function statusLine(list: { kind: OfficialKind | 'mixed'; count: number; fileName: string }): string {
  const kind = list.kind === 'mixed' ? 'CARC and RARC' : list.kind.toUpperCase();
  return `${plural(list.count, `official ${kind} description`)} loaded from ${list.fileName}; shown beside our wording.`;
}
