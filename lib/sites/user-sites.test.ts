// "Always annotate this site": permissions, registered content scripts and settings.extraOrigins stay in step.
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loadSettings, SETTINGS_KEY } from '../settings';
import {
  CONTENT_SCRIPT_FILE,
  type ContentScriptSpec,
  originOfPattern,
  patternCovers,
  patternOf,
  SCRIPT_ID_PREFIX,
  type SitesEvents,
  scriptIdOf,
  watchUserSites,
} from './user-sites';

type Listener<T extends unknown[]> = (...args: T) => void;

/** An in-memory browser: storage from WXT's fakeBrowser, permissions and scripting as the real ones behave. */
function fakeSitesBrowser(granted: string[] = []) {
  fakeBrowser.reset();
  const origins = new Set(granted);
  const scripts = new Map<string, ContentScriptSpec>();
  const added: Listener<[{ origins?: string[] }]>[] = [];
  const removed: Listener<[{ origins?: string[] }]>[] = [];
  const calls: string[] = [];
  const browser: SitesEvents = {
    permissions: {
      getAll: async () => ({ origins: [...origins] }),
      onAdded: { addListener: (l) => added.push(l) },
      onRemoved: { addListener: (l) => removed.push(l) },
    },
    scripting: {
      getRegisteredContentScripts: async () => [...scripts.values()].map((s) => ({ id: s.id })),
      async registerContentScripts(list) {
        for (const s of list) {
          // Chrome rejects the whole call on a duplicate id.
          if (scripts.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
        }
        for (const s of list) scripts.set(s.id, s);
        calls.push(`register ${list.map((s) => s.id).join(',')}`);
      },
      async unregisterContentScripts({ ids }) {
        for (const id of ids) scripts.delete(id);
        calls.push(`unregister ${ids.join(',')}`);
      },
    },
    storage: {
      sync: fakeBrowser.storage.sync,
      onChanged: { addListener: (l) => fakeBrowser.storage.onChanged.addListener(l) },
    },
  };
  return {
    browser,
    scripts,
    calls,
    /** The browser granted host access (the user accepted the popup's prompt). */
    grant(...patterns: string[]) {
      for (const p of patterns) origins.add(p);
      for (const l of added) l({ origins: patterns });
    },
    /** Access was taken back (options page "Remove", or the browser's site-access menu). */
    revoke(...patterns: string[]) {
      for (const p of patterns) origins.delete(p);
      for (const l of removed) l({ origins: patterns });
    },
    extraOrigins: async () => (await loadSettings(fakeBrowser.storage.sync)).settings.extraOrigins,
  };
}

/** Lets queued syncs (events, storage changes) finish. */
async function settle(sites: { sync(): Promise<string[]> } | undefined): Promise<string[]> {
  let last: string[] = [];
  for (let i = 0; i < 3; i++) last = (await sites?.sync()) ?? [];
  return last;
}

describe('patterns and origins', () => {
  it('turns one-site permission patterns into origins and ignores wildcards and built-ins', () => {
    expect(originOfPattern('https://Portal.Example.com/*')).toBe('https://portal.example.com');
    expect(originOfPattern('http://clinic.test:8080/*')).toBe('http://clinic.test:8080');
    expect(originOfPattern('https://*/*')).toBeUndefined();
    expect(originOfPattern('http://*.test/*')).toBeUndefined();
    expect(originOfPattern('<all_urls>')).toBeUndefined();
    expect(originOfPattern('https://portal.example.com/claims/*')).toBeUndefined();
    expect(originOfPattern('file:///*')).toBeUndefined();
    // Built-in hosts come with the manifest: they are never "sites you added".
    expect(originOfPattern('https://availity.com/*')).toBeUndefined();
    expect(originOfPattern('http://127.0.0.1/*')).toBeUndefined();
  });

  it('matches an origin against granted patterns the way the browser does', () => {
    expect(patternOf('https://portal.example.com')).toBe('https://portal.example.com/*');
    expect(patternOf('http://clinic.test:8080')).toBe('http://clinic.test/*');
    expect(patternCovers('https://portal.example.com/*', 'https://portal.example.com')).toBe(true);
    expect(patternCovers('https://*.example.com/*', 'https://portal.example.com')).toBe(true);
    expect(patternCovers('https://*.example.com/*', 'https://example.com')).toBe(true);
    expect(patternCovers('https://*.example.com/*', 'https://badexample.com')).toBe(false);
    expect(patternCovers('http://portal.example.com/*', 'https://portal.example.com')).toBe(false);
    expect(patternCovers('*://portal.example.com/*', 'https://portal.example.com')).toBe(true);
    expect(patternCovers('https://*/*', 'https://anything.example')).toBe(true);
    expect(patternCovers('<all_urls>', 'http://x.test')).toBe(true);
    expect(patternCovers('http://clinic.test/*', 'http://clinic.test:8080')).toBe(true);
    expect(patternCovers('https://portal.example.com/claims/*', 'https://portal.example.com')).toBe(false);
  });
});

describe('UserSites in the background', () => {
  it('registers the content script when the user grants a site, and remembers the site', async () => {
    const fake = fakeSitesBrowser();
    const sites = watchUserSites(fake.browser, (e) => {
      throw e;
    });
    expect(sites).toBeDefined();
    fake.grant('https://portal.example.com/*');
    await settle(sites);
    expect(await fake.extraOrigins()).toEqual(['https://portal.example.com']);
    expect([...fake.scripts.values()]).toEqual([
      {
        id: `${SCRIPT_ID_PREFIX}https://portal.example.com`,
        matches: ['https://portal.example.com/*'],
        js: [CONTENT_SCRIPT_FILE],
        allFrames: true,
        runAt: 'document_idle',
        persistAcrossSessions: true,
      },
    ]);
  });

  it('unregisters and forgets a site when its permission is taken back', async () => {
    const fake = fakeSitesBrowser();
    const sites = watchUserSites(fake.browser, () => undefined);
    fake.grant('https://a.example.com/*', 'https://b.example.com/*');
    await settle(sites);
    expect(fake.scripts.size).toBe(2);
    fake.revoke('https://a.example.com/*');
    await settle(sites);
    expect(await fake.extraOrigins()).toEqual(['https://b.example.com']);
    expect([...fake.scripts.keys()]).toEqual([scriptIdOf('https://b.example.com')]);
  });

  it('ignores built-in and wildcard grants (withholding and re-granting site access)', async () => {
    const fake = fakeSitesBrowser();
    const sites = watchUserSites(fake.browser, () => undefined);
    fake.grant('https://availity.com/*', 'https://*.availity.com/*', 'http://*/*');
    await settle(sites);
    expect(await fake.extraOrigins()).toEqual([]);
    expect(fake.scripts.size).toBe(0);
  });

  it('registers only sites this browser permits (settings sync across devices, permissions do not)', async () => {
    const fake = fakeSitesBrowser(['https://here.example.com/*']);
    await fakeBrowser.storage.sync.set({
      [SETTINGS_KEY]: { extraOrigins: ['https://here.example.com', 'https://elsewhere.example.com'] },
    });
    const sites = watchUserSites(fake.browser, () => undefined);
    expect(await settle(sites)).toEqual(['https://here.example.com']);
    expect([...fake.scripts.keys()]).toEqual([scriptIdOf('https://here.example.com')]);
    // The other device's wish is kept, not pruned: granting it here later registers it.
    expect(await fake.extraOrigins()).toEqual(['https://here.example.com', 'https://elsewhere.example.com']);
    fake.grant('https://elsewhere.example.com/*');
    await settle(sites);
    expect(fake.scripts.size).toBe(2);
  });

  it('drops the registration when the options page removes a site whose access the browser keeps', async () => {
    const fake = fakeSitesBrowser(['https://kept.example.com/*']);
    await fakeBrowser.storage.sync.set({ [SETTINGS_KEY]: { extraOrigins: ['https://kept.example.com'] } });
    const sites = watchUserSites(fake.browser, () => undefined);
    await settle(sites);
    expect(fake.scripts.size).toBe(1);
    await fakeBrowser.storage.sync.set({ [SETTINGS_KEY]: { extraOrigins: [] } });
    await settle(sites);
    expect(fake.scripts.size).toBe(0);
  });

  it('never registers twice when events arrive together, and is idempotent', async () => {
    const fake = fakeSitesBrowser();
    const errors: unknown[] = [];
    const sites = watchUserSites(fake.browser, (e) => errors.push(e));
    fake.grant('https://a.example.com/*');
    fake.grant('https://a.example.com/*');
    void sites?.sync();
    await settle(sites);
    expect(errors).toEqual([]);
    expect(fake.calls.filter((c) => c.startsWith('register'))).toEqual([`register ${scriptIdOf('https://a.example.com')}`]);
  });

  it('reports a failing browser call and keeps working afterwards', async () => {
    const fake = fakeSitesBrowser();
    const errors: unknown[] = [];
    const real = fake.browser.scripting.registerContentScripts;
    let failOnce = true;
    fake.browser.scripting.registerContentScripts = async (list) => {
      if (failOnce) {
        failOnce = false;
        throw new Error('boom');
      }
      return real(list);
    };
    const sites = watchUserSites(fake.browser, (e) => errors.push(e));
    fake.grant('https://a.example.com/*');
    await settle(sites);
    expect(errors).toHaveLength(1);
    expect(fake.scripts.size).toBe(1);
  });

  it('leaves the catalog running where the browser has no permission events', () => {
    const fake = fakeSitesBrowser();
    const errors: unknown[] = [];
    fake.browser.permissions.onAdded.addListener = () => {
      throw new Error('not implemented');
    };
    expect(watchUserSites(fake.browser, (e) => errors.push(e))).toBeUndefined();
    expect(errors).toHaveLength(1);
  });
});
