import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { contentMatches } from './lib/sites/builtin';

// `--mode e2e` builds .output/chrome-mv3-e2e: the same extension, but its content scripts also
// run on localhost so the real-browser tests can serve fixture pages. Production never does.
export default defineConfig({
  // Lets parallel work build into separate folders (REMIT_LENS_OUT=.output-x); default .output.
  outDir: process.env.REMIT_LENS_OUT ?? '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  manifest: ({ mode }) => ({
    name: 'Remit Lens',
    description:
      'Explains claim adjustment (CARC) and remark (RARC) codes on payer portals, ERAs and Medicare statements. Nothing leaves your browser.',
    permissions: ['storage', 'activeTab', 'scripting'],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    content_security_policy: {
      extension_pages: "script-src 'self'; object-src 'self'; connect-src 'none'",
    },
    browser_specific_settings: {
      gecko: {
        id: 'remit-lens@remitlens.dev',
        strict_min_version: '128.0',
        data_collection_permissions: { required: ['none'] },
      },
    },
    ...(mode === 'e2e' ? { name: 'Remit Lens (e2e)' } : {}),
  }),
  hooks: {
    'build:manifestGenerated': (wxt, manifest) => {
      if (wxt.config.mode !== 'e2e') return;
      for (const script of manifest.content_scripts ?? []) {
        script.matches = [...(script.matches ?? []), ...contentMatches.e2e];
      }
    },
  },
  zip: {
    excludeSources: ['.output/**', 'node_modules/**', '.wxt/**', 'test/**/screenshots/**'],
  },
});
