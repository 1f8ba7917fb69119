/**
 * The options page: reading mode, mark style, categories to colour, and where Remit Lens runs.
 * Values an organisation set by policy are shown locked. Everything is saved to the browser's
 * own (synced) extension storage; the browser is reached only through OptionsApi.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { CATEGORIES, CATEGORY_IDS, type CategoryId } from '@/lib/catalog/categories';
import type { LoadedSettings, MarkStyle, Mode, Settings } from '@/lib/settings';
import type { BuiltinSite } from '@/lib/sites/builtin';
import { PdfSitesList } from './PdfSitesList';

export interface OptionsApi {
  loadSettings(): Promise<LoadedSettings>;
  saveSettings(change: Partial<Settings>): Promise<LoadedSettings>;
  /** Calls back when settings change elsewhere (popup, another device, policy); returns an unsubscribe. */
  onSettingsChanged(listener: () => void): () => void;
  /** Built-in sites, in the order shown. */
  sites: readonly BuiltinSite[];
  /** Whether this browser currently lets Remit Lens run on an added origin. */
  permitted(origin: string): Promise<boolean>;
  /** Asks the browser for access to an added origin (needs the click that calls it). */
  allow(origin: string): Promise<boolean>;
  /** Takes back access to an added origin and forgets it. */
  remove(origin: string): Promise<void>;
  /** Whether the browser lets the extension read file:// pages; undefined where it cannot tell. */
  fileAccess(): Promise<boolean | undefined>;
  /** The keyboard shortcut that opens the popup, '' when none is set (the browser may have left it unbound). */
  shortcut(): Promise<string>;
  browserName: string;
}

const MODES: { value: Mode; label: string; hint: string }[] = [
  {
    value: 'auto',
    label: 'Automatic',
    hint: 'Patient wording on patient sites (Medicare.gov, member portals) and on member statements (an EOB, a Medicare Summary Notice); biller wording everywhere else.',
  },
  { value: 'biller', label: 'Biller', hint: 'Group codes, posting and appeal guidance.' },
  { value: 'patient', label: 'Patient', hint: 'Plain words: what it means and whether you owe it.' },
];

const STYLES: { value: MarkStyle; label: string }[] = [
  { value: 'highlight', label: 'Highlight (coloured background and underline)' },
  { value: 'underline', label: 'Underline only' },
];

export function OptionsApp({ api, children }: { api: OptionsApi; children?: ComponentChildren }) {
  const [loaded, setLoaded] = useState<LoadedSettings | null>(null);
  const [status, setStatus] = useState('');

  useEffect(() => {
    const reload = () => void api.loadSettings().then(setLoaded);
    reload();
    return api.onSettingsChanged(reload);
  }, [api]);

  if (!loaded) return <main class="options" aria-busy="true" />;
  const { settings } = loaded;
  const isLocked = (key: keyof Settings) => loaded.locked.includes(key);

  const save = async (change: Partial<Settings>) => {
    const next = await api.saveSettings(change);
    setLoaded(next);
    setStatus('Saved.');
  };

  return (
    <main class="options">
      <header class="head">
        <img src="/icon/remit-lens.svg" alt="" width={40} height={40} />
        <div>
          <h1>Remit Lens settings</h1>
          <p class="muted">Saved in your browser and synced with it where you have sync on. Nothing is sent anywhere else.</p>
        </div>
      </header>

      {loaded.locked.length > 0 ? (
        <p class="managed" role="note" data-testid="managed-note">
          Your organisation manages some of these settings. They are marked <Locked /> and cannot be changed here.
        </p>
      ) : null}

      <section aria-labelledby="h-reading">
        <h2 id="h-reading">Reading</h2>
        <fieldset disabled={isLocked('mode')} data-locked={isLocked('mode') || undefined}>
          <legend>Reading mode {isLocked('mode') ? <Locked /> : null}</legend>
          {MODES.map((m) => (
            <label key={m.value} class="choice">
              <input
                type="radio"
                name="mode"
                value={m.value}
                checked={settings.mode === m.value}
                onChange={() => void save({ mode: m.value })}
              />
              <span>
                {m.label} <span class="muted">— {m.hint}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <fieldset disabled={isLocked('markStyle')} data-locked={isLocked('markStyle') || undefined}>
          <legend>Mark style {isLocked('markStyle') ? <Locked /> : null}</legend>
          {STYLES.map((s) => (
            <label key={s.value} class="choice">
              <input
                type="radio"
                name="markStyle"
                value={s.value}
                checked={settings.markStyle === s.value}
                onChange={() => void save({ markStyle: s.value })}
              />
              <span>{s.label}</span>
            </label>
          ))}
        </fieldset>
        <Shortcut api={api} />
      </section>

      <section aria-labelledby="h-categories">
        <h2 id="h-categories">Categories to mark in colour</h2>
        <p class="muted">Codes in unticked categories are still marked and explained, just without colour.</p>
        <fieldset disabled={isLocked('categories')} data-locked={isLocked('categories') || undefined} class="grid">
          <legend class="sr">Categories {isLocked('categories') ? <Locked /> : null}</legend>
          {isLocked('categories') ? (
            <p class="lock-line">
              <Locked />
            </p>
          ) : null}
          {CATEGORY_IDS.map((id) => (
            <label key={id} class="choice">
              <input
                type="checkbox"
                name="category"
                value={id}
                checked={settings.categories.includes(id)}
                onChange={(e) => void save({ categories: toggle(settings.categories, id, (e.target as HTMLInputElement).checked) })}
              />
              <span>{CATEGORIES[id].label}</span>
            </label>
          ))}
        </fieldset>
      </section>

      <SitesSection api={api} loaded={loaded} save={save} />

      {children}

      <p class="status" role="status" aria-live="polite">
        {status}
      </p>
    </main>
  );
}

function toggle(list: readonly CategoryId[], id: CategoryId, on: boolean): CategoryId[] {
  const set = new Set(list);
  if (on) set.add(id);
  else set.delete(id);
  return CATEGORY_IDS.filter((c) => set.has(c));
}

function Locked() {
  return (
    <span class="locked" title="Set by your organisation">
      <svg aria-hidden="true" width="10" height="12" viewBox="0 0 10 12" class="lock-icon">
        <rect x="0.5" y="5" width="9" height="6.5" rx="1.5" fill="currentColor" />
        <path d="M2.5 5V3.5a2.5 2.5 0 0 1 5 0V5" fill="none" stroke="currentColor" stroke-width="1.4" />
      </svg>{' '}
      Set by your organisation
    </span>
  );
}

function SitesSection({
  api,
  loaded,
  save,
}: {
  api: OptionsApi;
  loaded: LoadedSettings;
  save: (change: Partial<Settings>) => Promise<void>;
}) {
  const { settings } = loaded;
  const locked = loaded.locked.includes('disabledBuiltins');
  const off = new Set(settings.disabledBuiltins);
  const on = api.sites.filter((s) => !off.has(s.host)).length;

  const setSite = (host: string, enabled: boolean) => {
    const next = enabled ? settings.disabledBuiltins.filter((h) => h !== host) : [...new Set([...settings.disabledBuiltins, host])];
    void save({ disabledBuiltins: next });
  };

  return (
    <section aria-labelledby="h-sites">
      <h2 id="h-sites">Sites</h2>
      <p>
        Remit Lens runs by itself on these payer, clearinghouse and Medicare sites ({on} of {api.sites.length} on). Anywhere else, open the
        toolbar button and choose <em>Annotate this page</em> or <em>Always annotate this site</em>.
      </p>
      {locked ? (
        <p class="lock-line">
          <Locked />
        </p>
      ) : null}
      <table class="sites" data-locked={locked || undefined}>
        <thead>
          <tr>
            <th scope="col">On</th>
            <th scope="col">Site</th>
            <th scope="col">Why it is here</th>
          </tr>
        </thead>
        <tbody>
          {api.sites.map((site) => (
            <tr key={site.host} data-host={site.host}>
              <td>
                <input
                  type="checkbox"
                  role="switch"
                  id={`site-${site.host}`}
                  checked={!off.has(site.host)}
                  aria-checked={!off.has(site.host)}
                  disabled={locked}
                  aria-describedby={`why-${site.host}`}
                  onChange={(e) => setSite(site.host, (e.target as HTMLInputElement).checked)}
                />
              </td>
              <td>
                <label for={`site-${site.host}`}>
                  {site.name} <span class="host">{site.host}</span>
                </label>
              </td>
              <td id={`why-${site.host}`} class="muted">
                {site.why}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h3>Sites you added</h3>
      <AddedSites api={api} origins={settings.extraOrigins} />

      <h3>PDFs opened in Remit Lens</h3>
      <PdfSitesList origins={settings.pdfSites} save={save} />

      <h3>Saved files</h3>
      <FileAccess api={api} />
    </section>
  );
}

function AddedSites({ api, origins }: { api: OptionsApi; origins: readonly string[] }) {
  const [permitted, setPermitted] = useState<Record<string, boolean>>({});
  // The origins' content, so a new array with the same sites does not ask the browser again.
  const key = origins.join(' ');

  useEffect(() => {
    let live = true;
    void Promise.all(origins.map(async (o) => [o, await api.permitted(o).catch(() => false)] as const)).then((pairs) => {
      if (live) setPermitted(Object.fromEntries(pairs));
    });
    return () => {
      live = false;
    };
  }, [api, key]);

  if (origins.length === 0) {
    return (
      <p class="muted" data-testid="no-added-sites">
        None yet. On any site, open the toolbar button and choose <em>Always annotate this site</em>.
      </p>
    );
  }
  return (
    <ul class="added" data-testid="added-sites">
      {origins.map((origin) => (
        <li key={origin} data-origin={origin}>
          <span class="host">{origin}</span>
          {permitted[origin] === false ? (
            <>
              <span class="muted"> — not allowed in this browser yet</span>
              <button type="button" onClick={() => void api.allow(origin)}>
                Allow
              </button>
            </>
          ) : null}
          <button type="button" aria-label={`Remove ${origin}`} onClick={() => void api.remove(origin)}>
            Remove
          </button>
        </li>
      ))}
    </ul>
  );
}

function FileAccess({ api }: { api: OptionsApi }) {
  const [allowed, setAllowed] = useState<boolean | undefined | null>(null);
  useEffect(() => void api.fileAccess().then(setAllowed, () => setAllowed(undefined)), [api]);
  const how =
    api.browserName === 'firefox'
      ? 'To read an ERA or EOB page saved on this computer, open it in Firefox and choose Annotate this page; where the browser does not allow it, paste the text into the popup instead.'
      : 'To read ERA or EOB pages saved on this computer (file://), open chrome://extensions, choose Remit Lens → Details, and turn on “Allow access to file URLs”. Then open the file and choose Annotate this page.';
  return (
    <p data-testid="file-access" data-allowed={allowed === null ? undefined : String(allowed)}>
      {allowed === true ? 'File access is on: open a saved page and choose Annotate this page. ' : null}
      {allowed === true ? null : how}
    </p>
  );
}

/** Where the browser lets users change an extension's keyboard shortcuts. */
const SHORTCUT_SETTINGS: Record<string, string> = {
  firefox: 'about:addons → the gear menu → Manage Extension Shortcuts',
  chrome: 'chrome://extensions/shortcuts',
  edge: 'edge://extensions/shortcuts',
};

/** The shortcut that opens the popup, read from the browser (users and other extensions may change it). */
function Shortcut({ api }: { api: OptionsApi }) {
  const [shortcut, setShortcut] = useState<string | null>(null);
  useEffect(() => {
    void api.shortcut().then(setShortcut, () => setShortcut(''));
  }, [api]);
  if (shortcut === null) return null;
  const where = SHORTCUT_SETTINGS[api.browserName] ?? SHORTCUT_SETTINGS.chrome;
  return (
    <p class="muted" data-testid="shortcut">
      {shortcut ? (
        <>
          Keyboard: <kbd>{shortcut}</kbd> opens Remit Lens with the code lookup ready. Change it in {where}.
        </>
      ) : (
        <>No keyboard shortcut opens Remit Lens (another extension may already use Alt+Shift+L). Set one in {where}.</>
      )}
    </p>
  );
}
