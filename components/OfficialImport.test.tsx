import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import type { OfficialImportApi, OfficialKindChoice, OfficialStatus } from '@/lib/catalog/official-import';
import { mount } from '@/test/mount';
import { OfficialImport } from './OfficialImport';

const loaded: OfficialStatus = { lists: [{ kind: 'carc', fileName: 'carc.csv', importedAt: '2026-01-01', count: 407 }] };

function fakeApi(initial: OfficialStatus = { lists: [] }) {
  const calls: { file: string; kind: OfficialKindChoice }[] = [];
  let status = initial;
  const api: OfficialImportApi = {
    status: async () => status,
    async importFile(file, kind) {
      calls.push({ file: file.name, kind });
      if (file.name.startsWith('bad')) return { ok: false, error: 'Line 4: "Hello" is not a CARC or RARC code.' };
      status = loaded;
      return {
        ok: true,
        fileName: file.name,
        count: 407,
        kind: 'carc',
        warnings: ['1 code is not in this version’s X12 lists: 309 (line 9).'],
        status,
      };
    },
    async remove() {
      status = { lists: [] };
      return status;
    },
  };
  return { api, calls };
}

let host: HTMLElement;

async function mountImport(api: OfficialImportApi) {
  host = await mount(<OfficialImport api={api} />);
}

async function choose(name: string) {
  const input = host.querySelector<HTMLInputElement>('input[type=file]');
  if (!input) throw new Error('no file input');
  Object.defineProperty(input, 'files', { value: [new File(['x'], name)], configurable: true });
  await act(async () => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

describe('OfficialImport', () => {
  it('says nothing is imported, then imports a file with the kind picked and shows the status and warnings', async () => {
    const { api, calls } = fakeApi();
    await mountImport(api);
    expect(host.textContent).toMatch(/No official wording imported/);
    const select = host.querySelector('select');
    if (!select) throw new Error('no select');
    await act(async () => {
      select.value = 'carc';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await choose('carc.csv');
    expect(calls).toEqual([{ file: 'carc.csv', kind: 'carc' }]);
    expect(host.querySelector('[role=status]')?.textContent).toMatch(/Imported carc\.csv\..*309 \(line 9\)/);
    expect(host.querySelector('.official-lists')?.textContent).toMatch(/407 official CARC descriptions loaded from carc\.csv/);
    expect(host.querySelector('[role=alert]')).toBeNull();
  });

  it('shows a validation error naming the line, and says nothing changed', async () => {
    const { api } = fakeApi(loaded);
    await mountImport(api);
    await choose('bad.csv');
    const alert = host.querySelector('[role=alert]')?.textContent ?? '';
    expect(alert).toMatch(/Could not import bad\.csv\. Line 4: "Hello" is not a CARC or RARC code\./);
    expect(alert).toMatch(/not changed/);
    // The list already in use still shows.
    expect(host.querySelector('.official-lists')?.textContent).toMatch(/407 official CARC/);
  });

  it('removes an imported list', async () => {
    const { api } = fakeApi(loaded);
    await mountImport(api);
    const button = host.querySelector<HTMLButtonElement>('button[aria-label="Remove the official CARC wording"]');
    expect(button).not.toBeNull();
    await act(async () => {
      button?.click();
    });
    expect(host.querySelector('.official-lists')).toBeNull();
    expect(host.textContent).toMatch(/Official CARC wording removed/);
  });
});
