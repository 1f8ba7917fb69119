// Official X12 wording import, in a real browser: options page → storage → background → explanations.
// Fixtures use placeholder descriptions: X12's official text must not ship in this repository.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { screenshot, useExtension } from './harness';

declare const chrome: {
  runtime: { sendMessage(message: unknown): Promise<unknown> };
  storage: { local: { get(key: string): Promise<Record<string, unknown>> } };
};

const CARC_CSV =
  'Code,Description,Start,Last Modified,Stop\r\n45,"Placeholder official 45, with a comma",01/01/1995,,\r\n253,Placeholder official 253,,,\r\n';

const e2e = useExtension({ server: false });
let options: Page;

beforeAll(async () => {
  options = await e2e.ext.context.newPage();
  await options.goto(`chrome-extension://${e2e.ext.extensionId}/options.html`);
  await options.waitForSelector('section.official-import');
});

async function choose(name: string, text: string): Promise<void> {
  await options.setInputFiles('section.official-import input[type=file]', { name, mimeType: 'text/csv', buffer: Buffer.from(text) });
}

/** What the background answers for a code, asked the way the popup and content script ask. */
async function officialOf(code: string): Promise<string | undefined> {
  const answers = (await options.evaluate((c) => chrome.runtime.sendMessage({ type: 'catalog:explain', items: [{ code: c }] }), code)) as {
    official?: string;
  }[];
  return answers[0]?.official;
}

describe('official wording import', () => {
  it('starts with our wording only', async () => {
    expect(await options.textContent('section.official-import')).toContain('No official wording imported');
    expect(await officialOf('CO-45')).toBeUndefined();
  });

  it('refuses a malformed file with the line, and stores nothing', async () => {
    await choose('broken.csv', 'Code,Description\n45,Placeholder\nHello,Placeholder\n');
    const alert = await options.waitForSelector('section.official-import [role=alert]');
    expect(await alert.textContent()).toContain('Could not import broken.csv. Line 3: "Hello" is not a CARC or RARC code.');
    expect(await options.evaluate(() => chrome.storage.local.get('official'))).toEqual({});
  });

  it('imports a valid file; the background then gives the official text beside ours', async () => {
    await choose('carc.csv', CARC_CSV);
    await options.waitForSelector('section.official-import .official-lists');
    expect(await options.textContent('section.official-import [role=status]')).toContain('Imported carc.csv.');
    expect(await options.textContent('section.official-import .official-lists')).toContain(
      '2 official CARC descriptions loaded from carc.csv; shown beside our wording.',
    );
    expect(await options.$('section.official-import [role=alert]')).toBeNull();
    expect(await officialOf('CO-45')).toBe('Placeholder official 45, with a comma');
    expect(await officialOf('N130')).toBeUndefined();
    await options.locator('section.official-import').scrollIntoViewIfNeeded();
    await screenshot(options, 'options-official-import');
  });

  it('keeps the list in use when a later import is empty', async () => {
    await choose('empty.csv', '');
    await options.waitForSelector('section.official-import [role=alert]');
    expect(await options.textContent('section.official-import [role=alert]')).toContain('The file is empty.');
    expect(await officialOf('CO-253')).toBe('Placeholder official 253');
  });

  it('removes the list, and the background stops showing it', async () => {
    await options.click('button[aria-label="Remove the official CARC wording"]');
    await options.waitForSelector('section.official-import .official-lists', { state: 'detached' });
    expect(await officialOf('CO-45')).toBeUndefined();
  });
});
