import { render } from 'preact';
import { browser } from 'wxt/browser';
import { type OptionsApi, OptionsApp } from '@/components/OptionsApp';
import { loadSettings, SETTINGS_KEY, saveSettings } from '@/lib/settings';
import { sitesFor } from '@/lib/sites/builtin';
import { patternOf } from '@/lib/sites/user-sites';
import { OfficialImport, officialImportApi } from './official';
import '@/components/theme.css';
import './style.css';

const load = () => loadSettings(browser.storage.sync, browser.storage.managed);

/** Patterns that may hold access to an origin: as the popup asked for it, and for any port. */
const patternsOf = (origin: string) => [...new Set([`${origin}/*`, patternOf(origin)])];

const api: OptionsApi = {
  loadSettings: load,
  saveSettings: async (change) => saveSettings(browser.storage.sync, await load(), change),
  onSettingsChanged(listener) {
    const onChanged = (changes: Record<string, unknown>, area: string) => {
      if (area === 'managed' || (area === 'sync' && SETTINGS_KEY in changes)) listener();
    };
    browser.storage.onChanged.addListener(onChanged);
    return () => browser.storage.onChanged.removeListener(onChanged);
  },
  sites: sitesFor(import.meta.env.MODE),
  permitted: (origin) => browser.permissions.contains({ origins: [patternOf(origin)] }),
  // The background registers the site's content script when the permission arrives.
  allow: (origin) => browser.permissions.request({ origins: [patternOf(origin)] }),
  async remove(origin) {
    // One pattern at a time: a pattern the browser cannot remove must not keep the other.
    for (const pattern of patternsOf(origin)) await browser.permissions.remove({ origins: [pattern] }).catch(() => false);
    // The background also forgets it on permissions.onRemoved; this covers access the browser keeps.
    const current = await load();
    await saveSettings(browser.storage.sync, current, { extraOrigins: current.settings.extraOrigins.filter((o) => o !== origin) });
  },
  fileAccess: () => browser.extension.isAllowedFileSchemeAccess(),
  async shortcut() {
    const commands = await browser.commands.getAll();
    return commands.find((c) => c.name === '_execute_action' || c.name === '_execute_browser_action')?.shortcut ?? '';
  },
  browserName: import.meta.env.BROWSER,
};

const root = document.getElementById('app');
if (root) {
  render(
    <OptionsApp api={api}>
      <OfficialImport api={officialImportApi()} />
    </OptionsApp>,
    root,
  );
}
