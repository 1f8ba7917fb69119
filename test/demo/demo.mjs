// `npm run demo`: opens the fictional Medicare remittance page in Chromium with the e2e build loaded.
// With a display: headful, stays open until Ctrl+C (or until the browser window is closed).
// Without one: headless, hovers the first CO-253 mark, waits for the explanation card and saves a screenshot.
// Expects .output/chrome-mv3-e2e (npm run build:e2e); builds nothing itself.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { launchExtension } from '../e2e/browser.mjs';
import { projectRoot, startServer } from '../e2e/static-server.mjs';

const PAGE = 'demo/remittance.html';
const STEP_TIMEOUT = 20_000;
const headful = Boolean(process.env.DISPLAY);

const server = await startServer('test/fixtures');
/** @type {import('../e2e/browser.d.mts').LaunchedExtension | undefined} */
let ext;
let exiting = false;

/** @param {number} code */
async function shutdown(code) {
  if (exiting) return;
  exiting = true;
  await ext?.close();
  await server.close();
  process.exit(code);
}

try {
  ext = await launchExtension({ headless: !headful });
  const page = ext.context.pages()[0] ?? (await ext.context.newPage());
  const url = server.url(PAGE);
  await page.goto(url);
  console.log(`Remit Lens ${ext.extensionId} loaded in ${ext.executablePath}`);
  console.log(`Demo page: ${url}`);

  if (headful) {
    console.log('Hover a code to see its explanation. Press Ctrl+C to quit.');
    process.on('SIGINT', () => void shutdown(0));
    process.on('SIGTERM', () => void shutdown(0));
    ext.context.on('close', () => void shutdown(0));
  } else {
    const mark = page.locator('remit-mark[data-remit-code="CO-253"]').first();
    await mark.waitFor({ state: 'visible', timeout: STEP_TIMEOUT }).catch((error) => {
      throw new Error(`no remit-mark for CO-253 appeared on ${url} within ${STEP_TIMEOUT} ms (is the content script marking pages?)`, {
        cause: error,
      });
    });
    await mark.scrollIntoViewIfNeeded();
    await mark.hover();
    await page
      .waitForFunction(
        () =>
          Array.from(document.querySelectorAll('remit-lens-card')).some((card) =>
            (card.shadowRoot?.textContent ?? '').toLowerCase().includes('sequestration'),
          ),
        undefined,
        { timeout: STEP_TIMEOUT },
      )
      .catch((error) => {
        throw new Error(`hovering CO-253 did not show a remit-lens-card mentioning "sequestration" within ${STEP_TIMEOUT} ms`, {
          cause: error,
        });
      });
    const dir = path.join(projectRoot, 'test/demo/screenshots');
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, 'demo.png');
    await page.screenshot({ path: file });
    console.log(file);
    await shutdown(0);
  }
} catch (error) {
  console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
}
