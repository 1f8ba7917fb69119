import { describe, expect, it } from 'vitest';
import { openPage, uniqueUrl, useExtension } from './harness';

/** What the worker's chrome.commands gives (the e2e tests do not load the full chrome types). */
declare const chrome: { commands: { getAll(): Promise<{ name?: string; shortcut?: string }[]> } };

const e2e = useExtension();

describe('smoke', () => {
  it('loads the extension and starts its service worker', async () => {
    expect(e2e.ext.extensionId).toMatch(/^[a-p]{32}$/);
    expect(e2e.ext.worker.url()).toMatch(new RegExp(`^chrome-extension://${e2e.ext.extensionId}/`));
    expect(await e2e.ext.worker.evaluate(() => 1 + 1)).toBe(2);
  });

  it('offers a keyboard shortcut that opens the popup', async () => {
    const commands = await e2e.ext.worker.evaluate(() => chrome.commands.getAll());
    expect(commands).toContainEqual(expect.objectContaining({ name: '_execute_action', shortcut: 'Alt+Shift+L' }));
  });

  it('serves and opens a fixture page', async () => {
    const page = await openPage(e2e.ext, uniqueUrl(e2e.server.url('smoke.html')));
    expect(await page.title()).toBe('Remit Lens smoke');
    expect(await page.textContent('#line')).toBe('Adjustment CO-253 2.36');
    await page.close();
  });
});
