// @vitest-environment node
/**
 * Builds the production extension for Chrome and Firefox (into a temporary folder) and checks what
 * users are asked to grant. Any change to permissions, host access, the CSP or other
 * permission-related keys fails here until this file is updated on purpose, with review.
 * The Firefox build must also pass Mozilla's linter (`web-ext lint`) with no errors.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostMatches } from '@/lib/sites/builtin';

const run = promisify(execFile);
const root = path.resolve('.');
const bin = (name: string) => path.join(root, 'node_modules/.bin', name);

type Manifest = Record<string, unknown> & {
  content_scripts?: { matches: string[]; js: string[]; all_frames?: boolean; match_about_blank?: boolean; run_at?: string }[];
  icons?: Record<string, string>;
};

let outDir = '';
let chrome: Manifest;
let firefox: Manifest;

beforeAll(async () => {
  outDir = await mkdtemp(path.join(os.tmpdir(), 'remit-lens-manifest-'));
  const env = { ...process.env, REMIT_LENS_OUT: outDir };
  await run(bin('wxt'), ['build'], { cwd: root, env });
  await run(bin('wxt'), ['build', '-b', 'firefox'], { cwd: root, env });
  chrome = JSON.parse(await readFile(path.join(outDir, 'chrome-mv3/manifest.json'), 'utf8')) as Manifest;
  firefox = JSON.parse(await readFile(path.join(outDir, 'firefox-mv2/manifest.json'), 'utf8')) as Manifest;
}, 180_000);

afterAll(async () => {
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

/** Every host the content script runs on without asking (README → Sites says why for each). */
const BUILTIN_HOSTS = [
  'availity.com',
  'navinet.net',
  'uhcprovider.com',
  'optum.com',
  'myuhc.com',
  'aetna.com',
  'cigna.com',
  'anthem.com',
  'humana.com',
  'bcbs.com',
  'kp.org',
  'changehealthcare.com',
  'waystar.com',
  'officeally.com',
  'gatewayedi.com',
  'claim.md',
  'novitas-solutions.com',
  'palmettogba.com',
  'cgsmedicare.com',
  'wpsgha.com',
  'noridianmedicare.com',
  'ngsmedicare.com',
  'fcso.com',
  'medicare.gov',
  'emedny.org',
  'tricare-west.com',
  'triwest.com',
  'humanamilitary.com',
  'mycigna.com',
  'uhc.com',
  'athenahealth.com',
  'kareo.com',
  'advancedmd.com',
  'wellcare.com',
  'centene.com',
];

/**
 * connect-src https: is for the 835 reader's fetch of the document the user asked to open
 * (reader.html?file=…): browsers give every extension page one policy, so the popup and the options
 * page take it back to 'none' in their own HTML (checked below).
 */
const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src https:; object-src 'none'; base-uri 'none'; form-action 'none'";

const GECKO = {
  gecko: { id: 'remit-lens@remitlens.dev', strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
  gecko_android: { strict_min_version: '142.0' },
};

/** The content script: where it runs and what it is. */
function contentScripts(manifest: Manifest) {
  return (manifest.content_scripts ?? []).map((s) => ({ ...s, matches: [...s.matches].sort() }));
}

const expectedContentScripts = [
  {
    matches: BUILTIN_HOSTS.flatMap(hostMatches).sort(),
    js: ['content-scripts/content.js'],
    all_frames: true,
    match_about_blank: true,
    run_at: 'document_idle',
  },
];

describe('Chrome manifest (MV3)', () => {
  it('has exactly the reviewed keys', () => {
    expect(Object.keys(chrome).sort()).toEqual(
      [
        'action',
        'background',
        'browser_specific_settings',
        'commands',
        'content_scripts',
        'content_security_policy',
        'description',
        'icons',
        'manifest_version',
        'name',
        'optional_host_permissions',
        'options_ui',
        'permissions',
        'storage',
        'version',
      ].sort(),
    );
  });

  it('opens the popup from one suggested shortcut (no permission needed)', () => {
    expect(chrome.commands).toEqual({
      _execute_action: { suggested_key: { default: 'Alt+Shift+L' }, description: expect.any(String) },
    });
    expect(firefox.commands).toEqual({
      _execute_browser_action: { suggested_key: { default: 'Alt+Shift+L' }, description: expect.any(String) },
    });
  });

  it('asks only for storage, activeTab and scripting; other sites only on request, one at a time', () => {
    expect(chrome.permissions).toEqual(['storage', 'activeTab', 'scripting']);
    expect(chrome.host_permissions).toBeUndefined();
    expect(chrome.optional_permissions).toBeUndefined();
    // https only: payer portals are https, and a plain-http page can still be annotated once.
    expect(chrome.optional_host_permissions).toEqual(['https://*/*']);
    expect(chrome.externally_connectable).toBeUndefined();
    expect(chrome.web_accessible_resources).toBeUndefined();
  });

  it('runs by itself only on the built-in hosts, https only', () => {
    expect(contentScripts(chrome)).toEqual(expectedContentScripts);
  });

  it('has a strict content security policy and a managed-storage schema', () => {
    expect(chrome.content_security_policy).toEqual({ extension_pages: CSP });
    expect(chrome.storage).toEqual({ managed_schema: 'managed_schema.json' });
    expect(chrome.background).toEqual({ service_worker: 'background.js' });
    expect(chrome.options_ui).toEqual({ open_in_tab: true, page: 'options.html' });
  });

  it('the popup and the options page open no connection at all (their own policy); the reader page may fetch (https:)', async () => {
    for (const page of ['popup.html', 'options.html']) {
      for (const dir of ['chrome-mv3', 'firefox-mv2']) {
        const html = await readFile(path.join(outDir, dir, page), 'utf8');
        expect(html, `${dir}/${page}`).toContain(`<meta http-equiv="Content-Security-Policy" content="connect-src 'none'"`);
      }
    }
    const reader = await readFile(path.join(outDir, 'chrome-mv3', 'reader.html'), 'utf8');
    expect(reader).not.toContain('Content-Security-Policy');
  });

  it('ships icons in every size from our artwork', async () => {
    expect(chrome.icons).toEqual({ 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' });
    for (const [size, file] of Object.entries(chrome.icons ?? {})) {
      const png = await readFile(path.join(outDir, 'chrome-mv3', file));
      // PNG signature, then the IHDR chunk's width and height.
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([Number(size), Number(size)]);
    }
  });
});

describe('Firefox manifest (MV2)', () => {
  it('asks for the same, in MV2 form, with a gecko id and no data collection', () => {
    expect(firefox.manifest_version).toBe(2);
    expect(firefox.permissions).toEqual(['storage', 'activeTab', 'scripting']);
    expect(firefox.optional_permissions).toEqual(['https://*/*']);
    expect(firefox.content_security_policy).toBe(CSP);
    expect(firefox.browser_specific_settings).toEqual(GECKO);
    expect(firefox.storage).toBeUndefined();
    expect(contentScripts(firefox)).toEqual(expectedContentScripts);
    expect(Object.keys(firefox).sort()).toEqual(
      [
        'background',
        'browser_action',
        'browser_specific_settings',
        'commands',
        'content_scripts',
        'content_security_policy',
        'description',
        'icons',
        'manifest_version',
        'name',
        'optional_permissions',
        'options_ui',
        'permissions',
        'version',
      ].sort(),
    );
  });

  it('passes web-ext lint with no errors', async () => {
    // web-ext exits non-zero when it finds errors; the JSON report is on stdout either way.
    const result = await run(
      bin('web-ext'),
      ['lint', '--source-dir', path.join(outDir, 'firefox-mv2'), '--output', 'json', '--no-config-discovery'],
      {
        cwd: root,
        maxBuffer: 16 * 1024 * 1024,
      },
    ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    const report = JSON.parse(result.stdout) as { summary: { errors: number }; errors: { code: string; message: string; file?: string }[] };
    expect(report.errors.map((e) => `${e.code}: ${e.message} (${e.file ?? ''})`)).toEqual([]);
    expect(report.summary.errors).toBe(0);
  }, 120_000);
});
