// The options page over an in-memory OptionsApi: saving, managed (locked) values, sites on and off, added sites.
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type LoadedSettings, loadSettings, type Settings, type StorageLike, saveSettings } from '@/lib/settings';
import { builtinSites } from '@/lib/sites/builtin';
import { click, mount } from '@/test/mount';
import { type OptionsApi, OptionsApp } from './OptionsApp';

function memoryStorage(initial: Record<string, unknown> = {}): StorageLike & { data: Record<string, unknown> } {
  const data = { ...initial };
  return {
    data,
    get: async (key) => (key === null ? { ...data } : key in data ? { [key]: data[key] } : {}),
    async set(items) {
      Object.assign(data, items);
    },
  };
}

function fakeApi(
  options: {
    policy?: Record<string, unknown>;
    extraOrigins?: string[];
    permitted?: string[];
    shortcut?: string;
    browserName?: string;
  } = {},
) {
  const sync = memoryStorage({ settings: { ...DEFAULT_SETTINGS, extraOrigins: options.extraOrigins ?? [] } });
  const managed = memoryStorage(options.policy ?? {});
  const listeners = new Set<() => void>();
  const removed: string[] = [];
  const api: OptionsApi = {
    loadSettings: () => loadSettings(sync, managed),
    saveSettings: async (change: Partial<Settings>): Promise<LoadedSettings> =>
      saveSettings(sync, await loadSettings(sync, managed), change),
    onSettingsChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    sites: builtinSites,
    permitted: async (origin) => (options.permitted ?? []).includes(origin),
    allow: async () => false,
    async remove(origin) {
      removed.push(origin);
      const current = await loadSettings(sync, managed);
      await saveSettings(sync, current, { extraOrigins: current.settings.extraOrigins.filter((o) => o !== origin) });
      for (const l of listeners) l();
    },
    fileAccess: async () => false,
    shortcut: async () => options.shortcut ?? 'Alt+Shift+L',
    browserName: options.browserName ?? 'chrome',
  };
  const stored = () => (sync.data.settings ?? {}) as Settings;
  return { api, stored, removed };
}

const mountOptions = (api: OptionsApi) => mount(<OptionsApp api={api} />);

describe('options page', () => {
  it('lists every built-in site with a switch, and saves a site switched off', async () => {
    const { api, stored } = await Promise.resolve(fakeApi());
    const root = await mountOptions(api);
    const switches = root.querySelectorAll<HTMLInputElement>('table.sites input[role="switch"]');
    expect(switches).toHaveLength(builtinSites.length);
    expect([...switches].every((s) => s.checked && !s.disabled)).toBe(true);
    expect(root.textContent).toContain(`(${builtinSites.length} of ${builtinSites.length} on)`);
    await click(root.querySelector('#site-availity\\.com'));
    expect(stored().disabledBuiltins).toEqual(['availity.com']);
    expect(root.querySelector<HTMLInputElement>('#site-availity\\.com')?.checked).toBe(false);
    await click(root.querySelector('#site-availity\\.com'));
    expect(stored().disabledBuiltins).toEqual([]);
  });

  it('saves mode, mark style and categories', async () => {
    const { api, stored } = fakeApi();
    const root = await mountOptions(api);
    await click(root.querySelector('input[name="mode"][value="patient"]'));
    await click(root.querySelector('input[name="markStyle"][value="underline"]'));
    await click(root.querySelector('input[name="category"][value="contractual"]'));
    expect(stored().mode).toBe('patient');
    expect(stored().markStyle).toBe('underline');
    expect(stored().categories).not.toContain('contractual');
    expect(stored().categories).toContain('patient-share');
    expect(root.querySelector('[role="status"]')?.textContent).toBe('Saved.');
  });

  it('shows values set by policy as locked, and they win over the user', async () => {
    const { api, stored } = fakeApi({
      policy: { mode: 'biller', disabledBuiltins: ['medicare.gov'], categories: ['denial-not-a-category'] },
    });
    const root = await mountOptions(api);
    expect(root.querySelector('[data-testid="managed-note"]')).not.toBeNull();
    const modeSet = root.querySelector<HTMLFieldSetElement>('input[name="mode"]')?.closest('fieldset');
    expect(modeSet?.disabled).toBe(true);
    expect(modeSet?.textContent).toContain('Set by your organisation');
    expect(root.querySelector<HTMLInputElement>('input[name="mode"][value="biller"]')?.checked).toBe(true);
    // Sites are locked as a whole; medicare.gov is off by policy.
    expect(root.querySelector<HTMLInputElement>('#site-medicare\\.gov')?.checked).toBe(false);
    expect([...root.querySelectorAll<HTMLInputElement>('table.sites input')].every((i) => i.disabled)).toBe(true);
    // Not locked: mark style (no policy value), and categories (the policy value was invalid, so it was dropped).
    expect(root.querySelector<HTMLFieldSetElement>('input[name="markStyle"]')?.closest('fieldset')?.disabled).toBe(false);
    // Even a change forced through the API cannot override a locked value.
    await act(async () => {
      await api.saveSettings({ mode: 'patient', markStyle: 'underline' });
    });
    expect(stored().mode).not.toBe('patient');
    expect(stored().markStyle).toBe('underline');
  });

  it('lists added sites, flags the ones without access here, and removes them', async () => {
    const { api, stored, removed } = fakeApi({
      extraOrigins: ['https://portal.example.com', 'https://other.example.org'],
      permitted: ['https://portal.example.com'],
    });
    const root = await mountOptions(api);
    const items = root.querySelectorAll('[data-testid="added-sites"] li');
    expect([...items].map((li) => li.getAttribute('data-origin'))).toEqual(['https://portal.example.com', 'https://other.example.org']);
    expect(items[0]?.textContent).not.toContain('not allowed');
    expect(items[1]?.textContent).toContain('not allowed in this browser yet');
    await click(root.querySelector('button[aria-label="Remove https://portal.example.com"]'));
    expect(removed).toEqual(['https://portal.example.com']);
    expect(stored().extraOrigins).toEqual(['https://other.example.org']);
    expect(root.querySelectorAll('[data-testid="added-sites"] li')).toHaveLength(1);
  });

  it('shows the shortcut the browser gave the popup, and where to change or set one', async () => {
    const shortcutText = async (options: Parameters<typeof fakeApi>[0]) =>
      (await mountOptions(fakeApi(options).api)).querySelector('[data-testid="shortcut"]')?.textContent;
    expect(await shortcutText({})).toBe(
      'Keyboard: Alt+Shift+L opens Remit Lens with the code lookup ready. Change it in chrome://extensions/shortcuts.',
    );
    expect(await shortcutText({ shortcut: '', browserName: 'firefox' })).toBe(
      'No keyboard shortcut opens Remit Lens (another extension may already use Alt+Shift+L). Set one in about:addons → the gear menu → Manage Extension Shortcuts.',
    );
  });

  it('explains how to allow saved files when the browser does not', async () => {
    const { api } = fakeApi();
    const root = await mountOptions(api);
    const files = root.querySelector('[data-testid="file-access"]');
    expect(files?.getAttribute('data-allowed')).toBe('false');
    expect(files?.textContent).toContain('Allow access to file URLs');
  });
});
