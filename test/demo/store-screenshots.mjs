// `npm run screenshots`: the store listing's screenshots (1280×800), taken from the demo remittance
// with the e2e build. Written to test/demo/screenshots/store-*.png (not committed; regenerate them).
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { launchExtension } from '../e2e/browser.mjs';
import { projectRoot, startServer } from '../e2e/static-server.mjs';

const size = { width: 1280, height: 800 };
const dir = path.join(projectRoot, 'test/demo/screenshots');
await mkdir(dir, { recursive: true });
const server = await startServer('test/fixtures');
const ext = await launchExtension({ headless: true });
const shot = async (page, name) => {
  const file = path.join(dir, `store-${name}.png`);
  await page.screenshot({ path: file });
  console.log(file);
};
const cardShows = (page, text) =>
  page.waitForFunction((t) => document.querySelector('remit-lens-card')?.shadowRoot?.textContent?.includes(t), text);

try {
  const page = ext.context.pages()[0] ?? (await ext.context.newPage());
  await page.setViewportSize(size);
  await page.goto(server.url('demo/remittance.html'));
  await page.waitForFunction(() => document.documentElement.getAttribute('data-remit-lens-state') === 'idle');

  // 1. The page with every code marked and the CO-253 card open.
  const mark = page.locator('remit-mark[data-remit-code="CO-253"]').first();
  await mark.scrollIntoViewIfNeeded();
  await mark.hover();
  await cardShows(page, 'sequestration');
  await shot(page, '1-page-card');

  // The tab id, as the popup would get it: the active tab of the focused window.
  await page.bringToFront();
  const [tab] = await ext.worker.evaluate(() => chrome.tabs.query({ active: true, lastFocusedWindow: true }));
  const popup = await ext.context.newPage();
  await popup.setViewportSize(size);
  await popup.goto(`chrome-extension://${ext.extensionId}/popup.html?tabId=${tab.id}`);

  // 2. The popup's tally of the page.
  await popup.waitForSelector('tr.row');
  await shot(popup, '2-popup-tally');

  // 3. Lookup by words.
  await popup.fill('#lookup-input', 'timely filing');
  await popup.waitForSelector('#lookup-results li');
  await shot(popup, '3-lookup');

  // 4. Patient wording (the mode a Medicare.gov page gets by default).
  await popup.fill('#lookup-input', '');
  await popup.click('label:has-text("Patient")');
  await page.bringToFront();
  await page.mouse.move(0, 0);
  await mark.hover();
  await cardShows(page, "you don't owe");
  await shot(page, '4-patient-card');

  // 5. The options page.
  const options = await ext.context.newPage();
  await options.setViewportSize(size);
  await options.goto(`chrome-extension://${ext.extensionId}/options.html`);
  await options.waitForLoadState('domcontentloaded');
  await options.waitForSelector('main');
  await shot(options, '5-options');
} finally {
  await ext.close();
  await server.close();
}
