/**
 * "Always annotate this site": origins the user added beyond the built-in list. The user's wish
 * lives in settings.extraOrigins (synced); the browser's host permission is the gate. The
 * background keeps one registered content script per wanted origin that is also permitted.
 * The browser is passed in (see SitesBrowser), so this stays testable without extension APIs.
 */
import { loadSettings, SETTINGS_KEY, type Settings, type StorageLike, saveSettings } from '../settings';
import { contentMatches } from './builtin';

/** Registered scripts we own carry this id prefix; others' (none today) are left alone. */
export const SCRIPT_ID_PREFIX = 'remit-lens-site:';
/** Where WXT writes the content script; the same file the popup injects for "Annotate this page". */
export const CONTENT_SCRIPT_FILE = 'content-scripts/content.js';

/** Patterns the manifest already grants (built-in hosts, and localhost in e2e builds): never user sites. */
const REQUIRED: ReadonlySet<string> = new Set([...contentMatches.production, ...contentMatches.e2e]);

const PATTERN = /^(https?):\/\/([^/*]+)\/\*$/;
const ORIGIN = /^(https?):\/\/([^/:]+)(?::(\d+))?$/;

/**
 * The origin a permission pattern stands for: "https://portal.example.com/*" → "https://portal.example.com".
 * Undefined for wildcard hosts, other schemes and patterns with a path: those are not one site.
 */
export function originOfPattern(pattern: string): string | undefined {
  const m = PATTERN.exec(pattern);
  if (!m || REQUIRED.has(pattern)) return undefined;
  return `${m[1]}://${(m[2] ?? '').toLowerCase()}`;
}

/** The match pattern for one origin, any port (match patterns do not carry ports in every browser). */
export function patternOf(origin: string): string {
  const m = ORIGIN.exec(origin);
  return m ? `${m[1]}://${(m[2] ?? '').toLowerCase()}/*` : `${origin}/*`;
}

/** True when a granted match pattern covers every page of `origin` (scheme, host with *., any path). */
export function patternCovers(pattern: string, origin: string): boolean {
  if (pattern === '<all_urls>') return /^https?:/.test(origin);
  const p = /^(\*|https?):\/\/([^/]+)\/\*$/.exec(pattern);
  const o = ORIGIN.exec(origin);
  if (!p || !o) return false;
  const [, scheme, rawHost = ''] = p;
  const host = rawHost.replace(/:\d+$/, '').toLowerCase();
  const originHost = (o[2] ?? '').toLowerCase();
  if (scheme !== '*' && scheme !== o[1]) return false;
  if (host === '*') return true;
  if (host.startsWith('*.')) {
    const base = host.slice(2);
    return originHost === base || originHost.endsWith(`.${base}`);
  }
  return originHost === host;
}

export function scriptIdOf(origin: string): string {
  return `${SCRIPT_ID_PREFIX}${origin}`;
}

export interface ContentScriptSpec {
  id: string;
  matches: string[];
  js: string[];
  allFrames: boolean;
  runAt: 'document_idle';
  persistAcrossSessions: boolean;
}

export function scriptFor(origin: string): ContentScriptSpec {
  return {
    id: scriptIdOf(origin),
    matches: [patternOf(origin)],
    js: [CONTENT_SCRIPT_FILE],
    allFrames: true,
    runAt: 'document_idle',
    persistAcrossSessions: true,
  };
}

/** The slice of the extension API this module needs (browser.* satisfies it). */
export interface SitesBrowser {
  permissions: { getAll(): Promise<{ origins?: string[] }> };
  scripting: {
    getRegisteredContentScripts(): Promise<{ id: string }[]>;
    registerContentScripts(scripts: ContentScriptSpec[]): Promise<unknown>;
    unregisterContentScripts(filter: { ids: string[] }): Promise<unknown>;
  };
  storage: { sync: StorageLike; managed?: StorageLike };
}

interface Listenable<T extends unknown[]> {
  addListener(listener: (...args: T) => void): void;
}

/** The events watchUserSites follows (browser.* satisfies it). */
export interface SitesEvents extends SitesBrowser {
  permissions: SitesBrowser['permissions'] & {
    onAdded: Listenable<[{ origins?: string[] }]>;
    onRemoved: Listenable<[{ origins?: string[] }]>;
  };
  storage: SitesBrowser['storage'] & { onChanged: Listenable<[Record<string, unknown>, string]> };
}

/**
 * Wires the background: permissions granted or taken back, and synced settings changes, update the
 * registrations; every worker start re-syncs (registrations persist, settings may have synced in).
 * Returns undefined where the browser offers no such events, so the catalog keeps being served.
 */
export function watchUserSites(browser: SitesEvents, onError: (error: unknown) => void): UserSites | undefined {
  const sites = new UserSites(browser, onError);
  try {
    browser.permissions.onAdded.addListener((p) => void sites.added(p.origins ?? []));
    browser.permissions.onRemoved.addListener((p) => void sites.removed(p.origins ?? []));
    browser.storage.onChanged.addListener((changes, area) => {
      if (area === 'sync' && SETTINGS_KEY in changes) void sites.sync();
    });
  } catch (error) {
    onError(error);
    return undefined;
  }
  void sites.sync();
  return sites;
}

/** Keeps registered content scripts, permissions and settings.extraOrigins in step. */
export class UserSites {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly browser: SitesBrowser,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  /** Permissions arrived (the popup's "Always annotate this site"): remember the sites, register. */
  added(patterns: readonly string[]): Promise<string[]> {
    return this.serial(async () => {
      const origins = patterns.map(originOfPattern).filter((o): o is string => o !== undefined);
      if (origins.length > 0) await this.updateOrigins((current) => [...new Set([...current, ...origins])]);
      return this.syncNow();
    });
  }

  /** Permissions were taken back (options page, or the browser's site-access menu): forget the sites. */
  removed(patterns: readonly string[]): Promise<string[]> {
    return this.serial(async () => {
      const gone = new Set(patterns.map(originOfPattern).filter((o): o is string => o !== undefined));
      if (gone.size > 0) await this.updateOrigins((current) => current.filter((o) => !gone.has(o)));
      return this.syncNow();
    });
  }

  /** Re-syncs registrations with settings and permissions (worker start, settings changed). */
  sync(): Promise<string[]> {
    return this.serial(() => this.syncNow());
  }

  /** One task at a time (events can arrive together); a failed task is reported and the next still runs. */
  private serial(task: () => Promise<string[]>): Promise<string[]> {
    const run = this.queue.then(task).catch((error: unknown) => {
      this.onError(error);
      return [];
    });
    this.queue = run;
    return run;
  }

  private async updateOrigins(change: (current: string[]) => string[]): Promise<void> {
    const loaded = await loadSettings(this.browser.storage.sync, this.browser.storage.managed);
    const next = change(loaded.settings.extraOrigins);
    if (sameSet(next, loaded.settings.extraOrigins)) return;
    await saveSettings(this.browser.storage.sync, loaded, { extraOrigins: next } satisfies Partial<Settings>);
  }

  /** Registers a script for every wanted and permitted origin, unregisters the rest; returns the registered origins. */
  private async syncNow(): Promise<string[]> {
    const { settings } = await loadSettings(this.browser.storage.sync, this.browser.storage.managed);
    const granted = (await this.browser.permissions.getAll()).origins ?? [];
    const wanted = settings.extraOrigins.filter((origin) => granted.some((p) => patternCovers(p, origin)));
    const have = (await this.browser.scripting.getRegisteredContentScripts())
      .map((s) => s.id)
      .filter((id) => id.startsWith(SCRIPT_ID_PREFIX));
    const wantedIds = new Set(wanted.map(scriptIdOf));
    const stale = have.filter((id) => !wantedIds.has(id));
    const missing = wanted.filter((origin) => !have.includes(scriptIdOf(origin)));
    if (stale.length > 0) await this.browser.scripting.unregisterContentScripts({ ids: stale });
    if (missing.length > 0) await this.browser.scripting.registerContentScripts(missing.map(scriptFor));
    return wanted;
  }
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}
