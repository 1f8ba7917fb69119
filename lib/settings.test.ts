import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, effectiveMode, loadSettings, SETTINGS_KEY, type StorageLike, sanitize, saveSettings } from './settings';

function memory(initial: Record<string, unknown> = {}): StorageLike & { data: Record<string, unknown> } {
  const data = { ...initial };
  return {
    data,
    get: async (key) => (key === null ? { ...data } : key in data ? { [key]: data[key] } : {}),
    set: async (items) => {
      Object.assign(data, items);
    },
  };
}

describe('settings', () => {
  it('falls back to defaults and drops invalid stored values', async () => {
    const user = memory({ [SETTINGS_KEY]: { mode: 'patient', markStyle: 'neon', categories: ['bundled', 'nope'] } });
    const { settings, locked } = await loadSettings(user);
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, mode: 'patient', categories: ['bundled'] });
    expect(locked).toEqual([]);
  });

  it('lets a managed policy win, shows it as locked, and never copies it into the user’s storage', async () => {
    const user = memory({ [SETTINGS_KEY]: { mode: 'biller' } });
    const managed = memory({ mode: 'patient', markStyle: 'underline' });
    const loaded = await loadSettings(user, managed);
    expect(loaded.settings.mode).toBe('patient');
    expect(loaded.locked.sort()).toEqual(['markStyle', 'mode']);
    const saved = await saveSettings(user, loaded, { mode: 'biller', categories: ['denial' as never, 'bundled'] });
    expect(saved.settings.mode).toBe('patient');
    expect(user.data[SETTINGS_KEY]).not.toHaveProperty('mode');
    expect(user.data[SETTINGS_KEY]).not.toHaveProperty('markStyle');
    expect((user.data[SETTINGS_KEY] as { categories: string[] }).categories).toEqual(['bundled']);
  });

  it('survives storage that throws (no managed storage in this browser)', async () => {
    const broken: StorageLike = { get: () => Promise.reject(new Error('Managed storage manifest not found')) };
    expect((await loadSettings(broken, broken)).settings).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps only http(s) origins as user sites', () => {
    expect(sanitize({ extraOrigins: ['https://portal.example.com', 'javascript:alert(1)', 'https://x.test/path'] }).extraOrigins).toEqual([
      'https://portal.example.com',
    ]);
  });

  it('reads Medicare.gov in patient mode unless the user chose', () => {
    expect(effectiveMode('auto', 'www.medicare.gov')).toBe('patient');
    expect(effectiveMode('auto', 'medicare.gov')).toBe('patient');
    expect(effectiveMode('auto', 'notmedicare.gov')).toBe('biller');
    expect(effectiveMode('auto', 'www.availity.com')).toBe('biller');
    expect(effectiveMode('biller', 'www.medicare.gov')).toBe('biller');
    // The built-in list's member sites, and a member statement anywhere.
    expect(effectiveMode('auto', 'member.myuhc.com')).toBe('patient');
    expect(effectiveMode('auto', 'www.mycigna.com')).toBe('patient');
    expect(effectiveMode('auto', 'provider.example.com', true)).toBe('patient');
    expect(effectiveMode('biller', 'provider.example.com', true)).toBe('biller');
  });
});
