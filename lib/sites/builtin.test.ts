// The built-in site list: big enough to need no setup, each entry justified, documented and https only.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtinSiteOf, builtinSites, contentMatches, e2eSites, hostIs, hostMatches, isSwitchedOff, sitesFor } from './builtin';

describe('built-in sites', () => {
  it('has at least 25 distinct registrable hosts, each with a name and a reason', () => {
    expect(builtinSites.length).toBeGreaterThanOrEqual(25);
    const hosts = builtinSites.map((s) => s.host);
    expect(new Set(hosts).size).toBe(hosts.length);
    for (const site of builtinSites) {
      expect(site.host).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
      expect(site.name.trim()).not.toBe('');
      expect(site.why.length).toBeGreaterThan(10);
    }
  });

  it('covers payers, Medicare contractors, clearinghouses and patient sites', () => {
    const kinds = new Set(builtinSites.map((s) => s.kind));
    for (const kind of ['payer', 'medicare-contractor', 'clearinghouse', 'patient', 'portal'] as const) expect(kinds).toContain(kind);
    expect(builtinSites.filter((s) => s.kind === 'medicare-contractor').length).toBeGreaterThanOrEqual(7);
    expect(builtinSites.map((s) => s.host)).toContain('medicare.gov');
  });

  it('matches each host and its subdomains over https only; localhost only in e2e builds', () => {
    expect(hostMatches('availity.com')).toEqual(['https://availity.com/*', 'https://*.availity.com/*']);
    expect(contentMatches.production).toHaveLength(builtinSites.length * 2);
    expect(contentMatches.production.every((m) => m.startsWith('https://'))).toBe(true);
    expect(contentMatches.production.some((m) => /localhost|127\.0\.0\.1/.test(m))).toBe(false);
    expect(sitesFor('production')).toEqual(builtinSites);
    expect(sitesFor('e2e')).toEqual([...builtinSites, ...e2eSites]);
  });

  it('knows which site a page belongs to, and whether the user switched it off', () => {
    expect(hostIs('apps.availity.com', 'availity.com')).toBe(true);
    expect(hostIs('notavaility.com', 'availity.com')).toBe(false);
    expect(builtinSiteOf('www.medicare.gov')?.name).toBe('Medicare.gov');
    expect(builtinSiteOf('example.com')).toBeUndefined();
    expect(isSwitchedOff('apps.Availity.com', ['availity.com'])).toBe(true);
    expect(isSwitchedOff('availity.com.evil.example', ['availity.com'])).toBe(false);
    expect(isSwitchedOff('127.0.0.1', ['127.0.0.1'])).toBe(true);
    expect(isSwitchedOff('medicare.gov', [])).toBe(false);
  });

  it('is documented in the README with every host', () => {
    const readme = readFileSync(path.resolve('README.md'), 'utf8');
    const section = readme.split(/^## Sites$/m)[1]?.split(/^## /m)[0] ?? '';
    const missing = builtinSites.filter((s) => !section.includes(`\`${s.host}\``)).map((s) => s.host);
    expect(missing).toEqual([]);
  });
});
