import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LaunchedExtension, launchExtension, openPage, type StaticServer, startServer, uniqueUrl } from './harness';

let server: StaticServer;
let ext: LaunchedExtension;

beforeAll(async () => {
  server = await startServer();
  ext = await launchExtension();
});

afterAll(async () => {
  await ext?.close();
  await server?.close();
});

describe('smoke', () => {
  it('loads the extension and starts its service worker', async () => {
    expect(ext.extensionId).toMatch(/^[a-p]{32}$/);
    expect(ext.worker.url()).toMatch(new RegExp(`^chrome-extension://${ext.extensionId}/`));
    expect(await ext.worker.evaluate(() => 1 + 1)).toBe(2);
  });

  it('serves and opens a fixture page', async () => {
    const page = await openPage(ext, uniqueUrl(server.url('smoke.html')));
    expect(await page.title()).toBe('Remit Lens smoke');
    expect(await page.textContent('#line')).toBe('Adjustment CO-253 2.36');
    await page.close();
  });
});
