import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { contentMatches } from './lib/sites/builtin';

/**
 * What "Always annotate this site" may ask for: one https origin at a time, never up front. Payer
 * portals are https; a plain-http page can still be annotated once (activeTab).
 */
const USER_SITE_PATTERNS = ['https://*/*'] as const;

/**
 * Extension pages load only their own files. The one connection any of them may open is the 835
 * reader's fetch of the document the user asked to open (reader.html?file=https://…): browsers give
 * all extension pages (and the background) one policy, so `connect-src` allows https: here, and every
 * other page takes it back to 'none' with its own <meta> policy (popup, options; README → Permissions).
 */
const readerCsp = (connect: string) =>
  [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    `connect-src ${connect}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
const EXTENSION_PAGES_CSP = readerCsp('https:');

/**
 * The e2e build's stand-in for a download server: the fixture server under this name (Chromium's
 * host rules, Firefox's local domains map it to 127.0.0.1). The reader may fetch from it and has host
 * access to it, as a user-granted site would; 127.0.0.1 itself stays unreachable for extension pages.
 */
export const E2E_FILE_HOST = 'reader-files.test';

// `--mode e2e` builds .output/chrome-mv3-e2e (and with -b firefox .output/firefox-mv2-e2e): the same extension, but its content scripts also
// run on localhost so the real-browser tests can serve fixture pages. Production never does. The e2e build also tells the page
// how its scan goes (data-remit-lens-state) and leaves the card's shadow root open for the tests to read. `--mode sealed`
// (.output/*-sealed) runs on localhost too but otherwise behaves as production: the tests of what a page cannot see use it.
const TEST_MODES = new Set(['e2e', 'sealed']);
export default defineConfig({
  // Lets parallel work build into separate folders (REMIT_LENS_OUT=.output-x); default .output.
  outDir: process.env.REMIT_LENS_OUT ?? '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  // REMIT_LENS_NO_MINIFY=1 keeps function names readable in CPU profiles (`BENCH_PROFILE=cpu npm run bench`).
  vite: () => ({ plugins: [preact()], ...(process.env.REMIT_LENS_NO_MINIFY ? { build: { minify: false } } : {}) }),
  manifest: ({ mode, browser, manifestVersion }) => ({
    name: 'Remit Lens',
    description:
      'Explains claim adjustment (CARC) and remark (RARC) codes on payer portals, ERAs and Medicare statements. Nothing leaves your browser.',
    permissions: ['storage', 'activeTab', 'scripting'],
    // "Always annotate this site" asks for one origin at a time; MV2 (Firefox) lists them as optional permissions.
    ...(manifestVersion === 2 ? { optional_permissions: [...USER_SITE_PATTERNS] } : { optional_host_permissions: [...USER_SITE_PATTERNS] }),
    content_security_policy: {
      extension_pages: TEST_MODES.has(mode) ? readerCsp(`https: http://${E2E_FILE_HOST}:*`) : EXTENSION_PAGES_CSP,
    },
    // Opens the popup (lookup focused) from the keyboard; users can change it in the browser's shortcut settings.
    commands: {
      [manifestVersion === 2 ? '_execute_browser_action' : '_execute_action']: {
        suggested_key: { default: 'Alt+Shift+L' },
        description: 'Open Remit Lens: look up a code, see this page’s tally',
      },
    },
    // Chrome/Edge read a billing office's policy through this schema; Firefox uses enterprise policies (README).
    ...(browser === 'firefox' ? {} : { storage: { managed_schema: 'managed_schema.json' } }),
    browser_specific_settings: {
      gecko: {
        id: 'remit-lens@remitlens.dev',
        // 140 (desktop) and 142 (Android) are the first to read data_collection_permissions.
        strict_min_version: '140.0',
        data_collection_permissions: { required: ['none'] },
      },
      gecko_android: { strict_min_version: '142.0' },
    },
    ...(TEST_MODES.has(mode) ? { name: `Remit Lens (${mode})` } : {}),
  }),
  hooks: {
    'build:manifestGenerated': (wxt, manifest) => {
      if (!TEST_MODES.has(wxt.config.mode)) return;
      for (const script of manifest.content_scripts ?? []) {
        script.matches = [...(script.matches ?? []), ...contentMatches.e2e];
      }
      // One reserved .test host the sites test can withhold and grant again through chrome://extensions,
      // which fires the real permissions.onAdded that "Always annotate this site" relies on (headless
      // tests cannot click the browser's permission prompt). Other .test hosts stay without access.
      manifest.host_permissions = [...(manifest.host_permissions ?? []), 'http://always-annotate.test/*'];
      // The reader's test download server (E2E_FILE_HOST): fetched without CORS, and readable by "Open in reader".
      const fileHost = `http://${E2E_FILE_HOST}/*`;
      if (manifest.manifest_version === 2) manifest.permissions = [...(manifest.permissions ?? []), fileHost];
      else manifest.host_permissions = [...(manifest.host_permissions ?? []), fileHost];
    },
  },
  zip: {
    // Every build folder (REMIT_LENS_OUT=.output-x too), dependencies and generated files stay out.
    excludeSources: ['.output*/**', 'node_modules/**', '.wxt/**', 'test/**/screenshots/**'],
  },
});
