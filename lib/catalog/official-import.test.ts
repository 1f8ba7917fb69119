// Fixtures use placeholder descriptions: X12's official text must not ship in this repository.
import { describe, expect, it } from 'vitest';
import {
  decodeOfficialFile,
  mergeOfficial,
  normalizeOfficialCode,
  OFFICIAL_LIMITS,
  type OfficialList,
  officialMap,
  officialStatus,
  parseOfficialList,
  readStoredOfficial,
  removeOfficial,
  statusLine,
} from './official-import';

const known = { carc: ['1', '2', '45', '253', 'A1', 'B15'], rarc: ['N130', 'MA01', 'MA130', 'M15'] };

function ok(text: string, options: Parameters<typeof parseOfficialList>[1] = {}): OfficialList {
  const result = parseOfficialList(text, options);
  if (!result.ok) throw new Error(`expected success, got: ${result.error}`);
  return result.list;
}

function fails(text: string, options: Parameters<typeof parseOfficialList>[1] = {}): { error: string; line?: number } {
  const result = parseOfficialList(text, options);
  if (result.ok) throw new Error('expected an error');
  return result;
}

describe('a valid official list', () => {
  it('reads X12-style CSV with quoted commas, doubled quotes and line breaks inside quotes', () => {
    const csv = [
      '\uFEFFCode,Description,Start,Last Modified,Stop',
      '1,Placeholder one,01/01/1995,,',
      '45,"Placeholder, with a comma and ""quotes""",01/01/1995,07/01/2017,',
      '253,"Placeholder spanning',
      'two lines",06/02/2013,,',
      'B15,Placeholder B fifteen,,,',
    ].join('\r\n');
    const list = ok(csv, { known });
    expect(list.kind).toBe('carc');
    expect(list.count).toBe(4);
    expect(list.warnings).toEqual([]);
    expect(list.entries.get('carc:45')).toBe('Placeholder, with a comma and "quotes"');
    expect(list.entries.get('carc:253')).toBe('Placeholder spanning two lines');
    expect(list.entries.get('carc:B15')).toBe('Placeholder B fifteen');
  });

  it('reads a TSV like the shared catalog files, and RARCs by their shape', () => {
    const tsv =
      'code\tdescription\tstart_date\tlast_modified\tstop_date\tnotes\nN130\tPlaceholder N\t2000-01-01\t\t\t\nMA01\tPlaceholder MA\t1997-01-01\t\t\t\n';
    const list = ok(tsv, { known });
    expect(list.kind).toBe('rarc');
    expect([...list.entries.keys()]).toEqual(['rarc:N130', 'rarc:MA01']);
  });

  it('accepts one file holding both lists as "mixed", and a file without a header row', () => {
    expect(ok('Code,Description\n45,Placeholder\nN130,Placeholder\n').kind).toBe('mixed');
    const headerless = ok('45\tPlaceholder forty-five\nA1\tPlaceholder A one\n');
    expect(headerless.count).toBe(2);
    expect(headerless.entries.get('carc:A1')).toBe('Placeholder A one');
  });

  it('accepts semicolon-separated exports, header names like "Reason Code", and normalizes codes', () => {
    const list = ok('Reason Code;Code Description\n045;Placeholder\nma1;Placeholder\n');
    expect([...list.entries.keys()]).toEqual(['carc:45', 'rarc:MA01']);
  });

  it('honours the kind the user picked', () => {
    expect(ok('Code,Description\n45,Placeholder\n', { kind: 'carc' }).kind).toBe('carc');
    const wrong = fails('Code,Description\n45,Placeholder\nN130,Placeholder\n', { kind: 'carc' });
    expect(wrong.line).toBe(3);
    expect(wrong.error).toMatch(/^Line 3: N130 is a RARC .* but this import is for the CARC/);
  });
});

describe('a malformed file names the line', () => {
  it('a code cell that is not a code', () => {
    const r = fails('Code,Description\n45,Placeholder\n1,Placeholder\nHello world,Placeholder\n');
    expect(r.line).toBe(4);
    expect(r.error).toBe('Line 4: "Hello world" is not a CARC or RARC code.');
  });

  it('a quote that never closes, reported where it opens', () => {
    const r = fails('Code,Description\n45,Placeholder\n2,"Placeholder that never\nends\n3,Placeholder\n');
    expect(r.line).toBe(3);
    expect(r.error).toMatch(/^Line 3: a quoted cell that starts here never closes/);
  });

  it('text after a closing quote', () => {
    const r = fails('Code,Description\n45,"Placeholder"oops,x\n');
    expect(r.line).toBe(2);
    expect(r.error).toMatch(/after a closing quote/);
  });

  it('a code without a description, and a missing code', () => {
    expect(fails('Code,Description\n45,Placeholder\n2,\n')).toMatchObject({ line: 3, error: 'Line 3: code 2 has no description.' });
    expect(fails('Code,Description\n,Placeholder\n')).toMatchObject({ line: 2, error: 'Line 2: the code cell is empty.' });
  });

  it('a header without the needed columns', () => {
    expect(fails('Name,Text\nfoo,bar\n')).toMatchObject({ line: 1 });
    expect(fails('Name,Text\nfoo,bar\n').error).toMatch(/no "Code" column/);
    expect(fails('Code,Start\n45,1995-01-01\n').error).toMatch(/no "Description" column/);
  });

  it('group-prefixed or oversized codes are not list entries', () => {
    expect(fails('Code,Description\nCO45,Placeholder\n').line).toBe(2);
    expect(fails('Code,Description\n1234,Placeholder\n').line).toBe(2);
    expect(normalizeOfficialCode('CO-45')).toBeUndefined();
    expect(normalizeOfficialCode(' n130 ')).toEqual({ kind: 'rarc', code: 'N130' });
  });
});

describe('an empty file', () => {
  it.each(['', '   \n\n', '\uFEFF'])('is refused: %j', (text) => {
    expect(fails(text).error).toBe('The file is empty.');
  });

  it('a header with no codes is refused', () => {
    expect(fails('Code,Description\n\n').error).toBe('The file has a header but no codes.');
  });

  it('zero bytes are refused before decoding', () => {
    expect(decodeOfficialFile(new Uint8Array())).toEqual({ ok: false, error: 'The file is empty.' });
  });
});

describe('a file with an unknown code', () => {
  it('imports it, keeps its text, and warns with the line', () => {
    const list = ok('Code,Description\n45,Placeholder\n309,Placeholder for a newer code\nN999,Placeholder\n', { known });
    expect(list.count).toBe(3);
    expect(list.entries.get('carc:309')).toBe('Placeholder for a newer code');
    expect(list.warnings).toHaveLength(1);
    expect(list.warnings[0]).toMatch(/2 codes are not in this version's X12 lists.*309 \(line 3\), N999 \(line 4\)/);
  });

  it('warns about a code listed twice with different text, keeping the first', () => {
    const list = ok('Code,Description\n45,First\n45,Second\n45,First\n');
    expect(list.entries.get('carc:45')).toBe('First');
    expect(list.warnings[0]).toMatch(/45 \(lines 2 and 3\)/);
  });
});

describe('limits, so a huge or hostile file cannot hang the page', () => {
  it('refuses files over the size limit before decoding them', () => {
    const big = new Uint8Array(OFFICIAL_LIMITS.maxBytes + 1).fill(0x41);
    expect(decodeOfficialFile(big)).toMatchObject({ ok: false });
  });

  it('refuses too many rows', () => {
    const rows = Array.from({ length: OFFICIAL_LIMITS.maxRows + 5 }, (_, i) => `${(i % 300) + 1},Placeholder`);
    expect(fails(`Code,Description\n${rows.join('\n')}`).error).toMatch(/more than 5,000 rows/);
  });

  it('refuses a runaway quoted cell and too many columns', () => {
    const runaway = fails(`Code,Description\n45,"${'x'.repeat(OFFICIAL_LIMITS.maxCellChars + 10)}`);
    expect(runaway).toMatchObject({ line: 2 });
    expect(runaway.error).toMatch(/runs past/);
    expect(fails(`Code,Description\n45,${'x,'.repeat(100)}\n`).error).toMatch(/more than 64 columns/);
    expect(fails(`Code,Description\n45,${'y'.repeat(OFFICIAL_LIMITS.maxDescriptionChars + 1)}\n`).error).toMatch(/longer than 4,000/);
  });
});

describe('decoding the bytes', () => {
  const enc = new TextEncoder();
  it('reads UTF-8 with a byte-order mark', () => {
    const r = decodeOfficialFile(enc.encode('\uFEFFCode,Description\n45,Placeholder\n'));
    expect(r.ok && ok(r.text).count).toBe(1);
  });

  it('falls back to Windows-1252 and says so', () => {
    const bytes = new Uint8Array([...enc.encode('Code,Description\n45,Payer'), 0x92, ...enc.encode('s placeholder\n')]);
    const r = decodeOfficialFile(bytes);
    expect(r).toMatchObject({ ok: true, warnings: ['The file is not UTF-8; it was read as Windows-1252 text.'] });
    expect(r.ok && ok(r.text).entries.get('carc:45')).toBe('Payer’s placeholder');
  });

  it('reads UTF-16 (Excel "Unicode text")', () => {
    const text = 'Code\tDescription\r\n45\tPlaceholder\r\n';
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes[0] = 0xff;
    bytes[1] = 0xfe;
    for (let i = 0; i < text.length; i++) bytes[2 + i * 2] = text.charCodeAt(i);
    const r = decodeOfficialFile(bytes);
    expect(r.ok && ok(r.text).count).toBe(1);
  });

  it('refuses workbooks and binary files with a clear message', () => {
    expect(decodeOfficialFile(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2]))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Excel/),
    });
    expect(decodeOfficialFile(new Uint8Array([0x41, 0, 0x42]))).toMatchObject({ ok: false, error: expect.stringMatching(/binary/) });
  });
});

describe('stored form', () => {
  const carcList = ok('Code,Description\n45,Placeholder 45\n253,Placeholder 253\n');
  const rarcList = ok('Code,Description\nN130,Placeholder N130\n');

  it('keeps one list per kind: a RARC import keeps an earlier CARC import, a new CARC import replaces it', () => {
    const first = mergeOfficial(undefined, carcList, 'carc.csv', '2026-01-01T00:00:00.000Z');
    const both = mergeOfficial(first, rarcList, 'rarc.csv', '2026-01-02T00:00:00.000Z');
    expect(officialStatus(both).lists.map((l) => [l.kind, l.fileName, l.count])).toEqual([
      ['carc', 'carc.csv', 2],
      ['rarc', 'rarc.csv', 1],
    ]);
    const replaced = mergeOfficial(both, ok('Code,Description\n1,Placeholder 1\n'), 'new.csv', '2026-01-03T00:00:00.000Z');
    expect(officialMap(replaced).get('carc:45')).toBeUndefined();
    expect(officialMap(replaced).get('carc:1')).toBe('Placeholder 1');
    expect(officialMap(replaced).get('rarc:N130')).toBe('Placeholder N130');
    expect(officialStatus(removeOfficial(replaced, 'carc')).lists.map((l) => l.kind)).toEqual(['rarc']);
  });

  it('survives a round trip through JSON storage and gives explain() its map', () => {
    const stored = JSON.parse(JSON.stringify(mergeOfficial(undefined, carcList, 'carc.csv', 'now'))) as unknown;
    const map = officialMap(readStoredOfficial(stored));
    expect(map.get('carc:45')).toBe('Placeholder 45');
    expect(map.size).toBe(2);
  });

  it('ignores damaged or foreign stored values', () => {
    expect(readStoredOfficial(undefined)).toBeUndefined();
    expect(readStoredOfficial({ version: 2, carc: {} })).toBeUndefined();
    expect(readStoredOfficial({ version: 1, carc: { entries: { '45': 7, N130: 'wrong kind', __proto__: 'x' } } })).toBeUndefined();
    const partly = readStoredOfficial({ version: 1, carc: { fileName: 'x.csv', entries: { '45': 'ok', CO45: 'bad' } }, rarc: 'junk' });
    expect(officialMap(partly)).toEqual(new Map([['carc:45', 'ok']]));
  });

  it('says what is loaded, in the words the options page shows', () => {
    expect(statusLine({ kind: 'carc', count: 407, fileName: 'carc.csv' })).toBe(
      '407 official CARC descriptions loaded from carc.csv; shown beside our wording.',
    );
    expect(statusLine({ kind: 'rarc', count: 1216, fileName: 'r.tsv' })).toBe(
      '1,216 official RARC descriptions loaded from r.tsv; shown beside our wording.',
    );
    expect(statusLine({ kind: 'mixed', count: 1, fileName: 'a.csv' })).toBe(
      '1 official CARC and RARC description loaded from a.csv; shown beside our wording.',
    );
  });
});

describe('hostile text in an imported list', () => {
  it('drops bidirectional controls, so a description cannot show its words in another order', () => {
    const list = ok('Code,Description\n45,Placeholder \u202Eeulav\u202C text \u2066here\u2069\n');
    expect(list.entries.get('carc:45')).toBe('Placeholder eulav text here');
    // Text an older version stored is cleaned on the way out too.
    const stored = { version: 1, carc: { fileName: 'x.csv', entries: { '45': 'Old \u202Edexif\u202C' } } };
    expect(officialMap(readStoredOfficial(stored)).get('carc:45')).toBe('Old dexif');
  });
});
