/**
 * User settings: reading mode, mark style, which categories to mark, and sites. Stored in the
 * extension's sync storage; an organisation's policy (managed storage) wins over the user.
 * Storage is passed in, so this module stays free of extension APIs and is tested directly.
 */
import { CATEGORY_IDS, type CategoryId } from './catalog/categories';
import { builtinSiteOf, builtinSites } from './sites/builtin';

/** Whose words a card and the popup use. */
export type ReadingMode = 'biller' | 'patient';
export type Mode = 'auto' | ReadingMode;
export type MarkStyle = 'highlight' | 'underline';

export interface Settings {
  /** `auto`: patient mode on Medicare.gov, biller mode elsewhere. */
  mode: Mode;
  markStyle: MarkStyle;
  /** Categories whose marks are coloured; the others are still marked, but plainly. */
  categories: CategoryId[];
  /** Built-in hosts the user switched off. */
  disabledBuiltins: string[];
  /** Origins the user asked to always annotate (with an optional host permission). */
  extraOrigins: string[];
  /** Origins whose PDFs open in the reader by themselves (off by default; with the site's permission). */
  pdfSites: string[];
}

export const DEFAULT_SETTINGS: Settings = {
  mode: 'auto',
  markStyle: 'highlight',
  categories: [...CATEGORY_IDS],
  disabledBuiltins: [],
  extraOrigins: [],
  pdfSites: [],
};

export const SETTINGS_KEY = 'settings';

/** Minimal shape of browser.storage.{sync,local,managed}. */
export interface StorageLike {
  get(key: string | null): Promise<Record<string, unknown>>;
  set?(items: Record<string, unknown>): Promise<void>;
}

export interface LoadedSettings {
  settings: Settings;
  /** Keys an administrator fixed by policy: shown locked in the options page. */
  locked: (keyof Settings)[];
}

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** Keeps only valid values, so a bad stored or managed value can never break the extension. */
export function sanitize(raw: unknown): Partial<Settings> {
  const out: Partial<Settings> = {};
  if (!raw || typeof raw !== 'object') return out;
  const r = raw as Record<string, unknown>;
  if (r.mode === 'auto' || r.mode === 'biller' || r.mode === 'patient') out.mode = r.mode;
  if (r.markStyle === 'highlight' || r.markStyle === 'underline') out.markStyle = r.markStyle;
  if (isStringArray(r.categories))
    out.categories = r.categories.filter((c): c is CategoryId => (CATEGORY_IDS as readonly string[]).includes(c));
  if (isStringArray(r.disabledBuiltins)) out.disabledBuiltins = r.disabledBuiltins;
  if (isStringArray(r.extraOrigins)) out.extraOrigins = r.extraOrigins.filter((o) => /^https?:\/\/[^/]+$/.test(o));
  if (isStringArray(r.pdfSites)) out.pdfSites = r.pdfSites.filter((o) => /^https?:\/\/[^/]+$/.test(o));
  return out;
}

export async function loadSettings(user: StorageLike, managed?: StorageLike): Promise<LoadedSettings> {
  const stored = sanitize((await user.get(SETTINGS_KEY).catch((): Record<string, unknown> => ({})))[SETTINGS_KEY]);
  // Managed storage throws where no policy exists (and in Firefox without a manifest): ignore.
  const policy = managed ? sanitize(await managed.get(null).catch(() => ({}))) : {};
  return {
    settings: { ...DEFAULT_SETTINGS, ...stored, ...policy },
    locked: Object.keys(policy) as (keyof Settings)[],
  };
}

export async function saveSettings(user: StorageLike, current: LoadedSettings, change: Partial<Settings>): Promise<LoadedSettings> {
  const allowed = Object.fromEntries(Object.entries(change).filter(([k]) => !current.locked.includes(k as keyof Settings)));
  const next = { ...current.settings, ...sanitize(allowed) };
  // Store only the user's own choices: a policy value must not outlive the policy.
  const own = Object.fromEntries(Object.entries(next).filter(([k]) => !current.locked.includes(k as keyof Settings)));
  await user.set?.({ [SETTINGS_KEY]: own });
  return { settings: next, locked: current.locked };
}

/**
 * The mode to use on a page: `auto` picks patient wording on the built-in patient sites (Medicare.gov,
 * member portals) and on a page that reads as a member statement (lib/page/statement.ts), biller
 * wording everywhere else.
 */
export function effectiveMode(mode: Mode, hostname: string, memberStatement = false): ReadingMode {
  if (mode !== 'auto') return mode;
  return memberStatement || builtinSiteOf(hostname, builtinSites)?.kind === 'patient' ? 'patient' : 'biller';
}
