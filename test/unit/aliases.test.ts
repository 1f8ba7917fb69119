// The one import alias: `@/` is the project root, for components/, entrypoints/ and test/ (lib/ imports
// relatively; biome.json enforces it). The root tsconfig declares it so editors and tsc see it without
// WXT's generated config; this keeps the two in step.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = process.cwd();
const read = (file: string) =>
  JSON.parse(readFileSync(path.join(root, file), 'utf8')) as { compilerOptions: { paths?: Record<string, string[]> } };

describe('the @/ alias', () => {
  it('points at the project root in tsconfig.json and in the config WXT generates', () => {
    const own = read('tsconfig.json').compilerOptions.paths?.['@/*']?.[0] ?? '';
    const wxt = read('.wxt/tsconfig.json').compilerOptions.paths?.['@/*']?.[0] ?? '';
    expect(path.resolve(root, own.replace(/\*$/, ''))).toBe(root);
    expect(path.resolve(root, '.wxt', wxt.replace(/\*$/, ''))).toBe(root);
  });
});
