// The options page's import wiring and the background that reads it, through WXT's fakeBrowser.
// Fixtures use placeholder descriptions: X12's official text must not ship in this repository.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Explanation } from '@/lib/catalog/explain';
import { OFFICIAL_STORAGE_KEY } from '@/lib/catalog/official-import';
import { startBackground } from '@/test/unit/start-background';
import { officialImportApi } from './official';

const CARC_CSV =
  'Code,Description,Start,Last Modified,Stop\n45,"Placeholder official 45, quoted",01/01/1995,,\n253,Placeholder official 253,,,\n';
const RARC_TSV = 'code\tdescription\nN130\tPlaceholder official N130\n';

const file = (text: string, name: string) => new File([text], name, { type: 'text/csv' });

async function explainCodes(...codes: string[]): Promise<Explanation[]> {
  const results: unknown[] = await fakeBrowser.runtime.onMessage.trigger(
    { type: 'catalog:explain', items: codes.map((code) => ({ code })) },
    { id: fakeBrowser.runtime.id },
    () => undefined,
  );
  return results.find((r) => r !== undefined) as Explanation[];
}

describe('official wording import', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    startBackground();
  });

  it('imports a valid file, and the background shows the official text beside ours', async () => {
    const api = officialImportApi();
    expect((await api.status()).lists).toEqual([]);
    expect((await explainCodes('CO-45'))[0]?.official).toBeUndefined();

    const outcome = await api.importFile(file(CARC_CSV, 'carc.csv'), 'auto');
    expect(outcome).toMatchObject({ ok: true, fileName: 'carc.csv', count: 2, kind: 'carc', warnings: [] });
    const [co45, co253, n130] = await explainCodes('CO-45', 'CO-253', 'N130');
    expect(co45?.official).toBe('Placeholder official 45, quoted');
    expect(co45?.summary).not.toBe(co45?.official);
    expect(co253?.official).toBe('Placeholder official 253');
    expect(n130?.official).toBeUndefined();

    // A second list of the other kind is added, not swapped in.
    await api.importFile(file(RARC_TSV, 'rarc.tsv'), 'rarc');
    const status = await api.status();
    expect(status.lists.map((l) => `${l.kind}:${l.fileName}:${l.count}`)).toEqual(['carc:carc.csv:2', 'rarc:rarc.tsv:1']);
    expect((await explainCodes('N130'))[0]?.official).toBe('Placeholder official N130');
  });

  it('never half-replaces: a malformed or empty file leaves the list in use untouched', async () => {
    const api = officialImportApi();
    await api.importFile(file(CARC_CSV, 'carc.csv'), 'auto');
    const before = await fakeBrowser.storage.local.get(OFFICIAL_STORAGE_KEY);

    const bad = await api.importFile(file('Code,Description\n1,Placeholder\n2,"never closed\n', 'bad.csv'), 'auto');
    expect(bad).toEqual({ ok: false, error: expect.stringMatching(/^Line 3: a quoted cell/) });
    const empty = await api.importFile(file('', 'empty.csv'), 'auto');
    expect(empty).toEqual({ ok: false, error: 'The file is empty.' });
    const wrongKind = await api.importFile(file(CARC_CSV, 'carc.csv'), 'rarc');
    expect(wrongKind.ok).toBe(false);

    expect(await fakeBrowser.storage.local.get(OFFICIAL_STORAGE_KEY)).toEqual(before);
    expect((await explainCodes('CO-45'))[0]?.official).toBe('Placeholder official 45, quoted');
  });

  it('warns about codes the catalog does not know', async () => {
    const api = officialImportApi({
      storage: fakeBrowser.storage.local,
      knownCodes: async () => ({ carc: ['45', '253'], rarc: ['N130'] }),
      now: () => new Date('2026-01-01T00:00:00Z'),
    });
    const outcome = await api.importFile(file('Code,Description\n45,Placeholder\n309,Placeholder newer\n', 'new.csv'), 'auto');
    expect(outcome.ok && outcome.warnings.join(' ')).toMatch(/309 \(line 3\)/);
  });

  it('refuses an oversized file without reading it', async () => {
    const api = officialImportApi();
    const huge = {
      name: 'huge.csv',
      size: 50 * 1024 * 1024,
      arrayBuffer: () => Promise.reject(new Error('must not read')),
    } as unknown as File;
    expect(await api.importFile(huge, 'auto')).toMatchObject({ ok: false, error: expect.stringMatching(/larger than 2 MB/) });
  });

  it('removes a list, and the background stops showing it', async () => {
    const api = officialImportApi();
    await api.importFile(file(CARC_CSV, 'carc.csv'), 'auto');
    await api.importFile(file(RARC_TSV, 'rarc.tsv'), 'auto');
    expect((await api.remove('carc')).lists.map((l) => l.kind)).toEqual(['rarc']);
    expect((await explainCodes('CO-45'))[0]?.official).toBeUndefined();
    expect((await api.remove('rarc')).lists).toEqual([]);
    expect(await fakeBrowser.storage.local.get(OFFICIAL_STORAGE_KEY)).toEqual({});
    expect((await explainCodes('N130'))[0]?.official).toBeUndefined();
  });

  it('reports a storage failure as an error and changes nothing', async () => {
    const api = officialImportApi({
      storage: {
        get: async () => ({}),
        set: () => Promise.reject(new Error('quota')),
        remove: async () => undefined,
      },
      knownCodes: async () => undefined,
      now: () => new Date('2026-01-01T00:00:00Z'),
    });
    expect(await api.importFile(file(CARC_CSV, 'carc.csv'), 'auto')).toEqual({
      ok: false,
      error: 'The list could not be saved in the browser.',
    });
  });
});
