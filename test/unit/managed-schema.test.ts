// @vitest-environment node
// The managed-storage schema (what IT can set by policy) matches what the extension reads, and the
// README's example policy is valid and wins over the user's own settings.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATEGORY_IDS } from '@/lib/catalog/categories';
import { loadSettings, type StorageLike, sanitize } from '@/lib/settings';
import { builtinSites } from '@/lib/sites/builtin';

interface SchemaProperty {
  type: string;
  enum?: string[];
  items?: { type: string; enum?: string[] };
}
const schema = JSON.parse(readFileSync(path.resolve('public/managed_schema.json'), 'utf8')) as {
  type: string;
  properties: Record<string, SchemaProperty>;
};
const readme = readFileSync(path.resolve('README.md'), 'utf8');

const storage = (data: Record<string, unknown>): StorageLike => ({ get: async () => data });

/** The first ```json block of the README's "Managed policy" section. */
function examplePolicy(): Record<string, unknown> {
  const section = readme.split(/^## Managed policy$/m)[1] ?? '';
  const json = /```json\n([\s\S]*?)```/.exec(section)?.[1];
  if (!json) throw new Error('README: no example policy');
  return JSON.parse(json) as Record<string, unknown>;
}

describe('managed storage schema', () => {
  it('offers exactly the settings an organisation may set, with the values the extension accepts', () => {
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties).sort()).toEqual(['categories', 'disabledBuiltins', 'markStyle', 'mode']);
    expect(schema.properties.mode?.enum).toEqual(['auto', 'biller', 'patient']);
    expect(schema.properties.markStyle?.enum).toEqual(['highlight', 'underline']);
    expect(schema.properties.categories?.items?.enum).toEqual([...CATEGORY_IDS]);
    expect(schema.properties.disabledBuiltins).toMatchObject({ type: 'array', items: { type: 'string' } });
    // Every value the schema allows survives the extension's own validation.
    const allowed = {
      mode: 'patient',
      markStyle: 'underline',
      categories: [...CATEGORY_IDS],
      disabledBuiltins: builtinSites.map((s) => s.host),
    };
    expect(sanitize(allowed)).toEqual(allowed);
  });

  it("has a valid example policy in the README that wins over the user's settings and is locked", async () => {
    const policy = examplePolicy();
    expect(sanitize(policy)).toEqual(policy);
    for (const host of policy.disabledBuiltins as string[]) expect(builtinSites.map((s) => s.host)).toContain(host);
    const user = storage({ settings: { mode: 'patient', markStyle: 'highlight', disabledBuiltins: [] } });
    const loaded = await loadSettings(user, storage(policy));
    expect(loaded.settings).toMatchObject(policy);
    expect(loaded.locked.sort()).toEqual(Object.keys(policy).sort());
  });

  it('ignores an invalid policy value instead of applying it', async () => {
    const loaded = await loadSettings(storage({}), storage({ mode: 'admin', markStyle: 42, categories: ['no-such'] }));
    expect(loaded.settings.mode).toBe('auto');
    expect(loaded.settings.markStyle).toBe('highlight');
    expect(loaded.locked).not.toContain('mode');
  });
});
