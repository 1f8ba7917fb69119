// Tiny static file server for the real-browser tests and the demo (plain Node ESM, no build step).
// Shared by test/e2e/harness.ts and test/demo/demo.mjs. Types: static-server.d.mts.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (two levels above this file), so relative roots do not depend on process.cwd(). */
export const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

/** The only file types served; anything else is a 404 so a fixture never gets sniffed or downloaded. */
export const contentTypes = Object.freeze({
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.835': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.pdf': 'application/pdf',
  '.svg': 'image/svg+xml',
});

/**
 * Resolves a request path to a file inside `root`, or undefined when it is not servable
 * (bad encoding, NUL byte, outside the root after `..` or a symlink, not a file, unknown type).
 * @param {string} root absolute, already realpath'd
 * @param {string} requestUrl the raw request target, e.g. "/demo/remittance.html?x=1"
 * @returns {Promise<string | undefined>}
 */
export async function resolveFile(root, requestUrl) {
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(requestUrl, 'http://server.invalid').pathname);
  } catch {
    return undefined;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return undefined;
  let file = path.resolve(root, `.${pathname}`);
  if (!isInside(root, file)) return undefined;
  try {
    let info = await stat(file);
    if (info.isDirectory()) {
      file = path.join(file, 'index.html');
      info = await stat(file);
    }
    if (!info.isFile()) return undefined;
    // A symlink inside the root must not lead out of it.
    const real = await realpath(file);
    if (!isInside(root, real)) return undefined;
    if (!(path.extname(real).toLowerCase() in contentTypes)) return undefined;
    return real;
  } catch {
    return undefined;
  }
}

/** @param {string} root @param {string} file */
function isInside(root, file) {
  return file === root || file.startsWith(root.endsWith(path.sep) ? root : root + path.sep);
}

/**
 * Packages a fixture page may load as a real app would (preact-spa.html renders with the project's own
 * Preact): `/vendor/NAME/…` serves `node_modules/NAME/…`, these names only.
 */
const VENDOR = Object.freeze({ preact: 'node_modules/preact' });

/** The PDF fixtures made in the unit run (test/pdf/make-fixtures.mjs): `/generated-pdf/NAME.pdf`. */
const GENERATED_PDF = 'test/pdf/.generated';

/**
 * The file behind a request: `/vendor/NAME/…` from that package, `/generated-pdf/…` from the generated
 * PDF fixtures, anything else from `root`.
 * @param {string} root
 * @param {string} url
 */
async function fileFor(root, url) {
  const generated = /^\/generated-pdf(\/[^?#]*)/.exec(url);
  if (generated) {
    const dir = await realpath(path.resolve(projectRoot, GENERATED_PDF)).catch(() => undefined);
    return dir ? resolveFile(dir, generated[1] ?? '/') : undefined;
  }
  const vendor = /^\/vendor\/([a-z-]+)(\/[^?#]*)/.exec(url);
  if (!vendor) return resolveFile(root, url);
  const dir = VENDOR[/** @type {keyof typeof VENDOR} */ (vendor[1] ?? '')];
  if (!dir) return undefined;
  return resolveFile(await realpath(path.resolve(projectRoot, dir)), vendor[2] ?? '/');
}

/**
 * Starts a static server on 127.0.0.1 with a random port. Any Host header is accepted, so the same
 * server also answers as e.g. http://portal.example.test:PORT/ when Chromium maps that name to
 * 127.0.0.1 with --host-resolver-rules.
 * @param {string} [root] folder to serve; relative paths are taken from the repository root
 * @returns {Promise<import('./static-server.d.mts').StaticServer>}
 */
export async function startServer(root = 'test/fixtures') {
  const absRoot = await realpath(path.resolve(projectRoot, root));
  if (!(await stat(absRoot)).isDirectory()) throw new Error(`startServer: ${absRoot} is not a directory`);
  /** @type {import('./static-server.d.mts').ServedRequest[]} */
  const requests = [];

  const server = createServer(async (req, res) => {
    const url = req.url ?? '/';
    const method = req.method ?? 'GET';
    const host = req.headers.host ?? '';
    const send = (/** @type {number} */ status, /** @type {string} */ body) => {
      requests.push({ method, url, host, status });
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(method === 'HEAD' ? undefined : body);
    };
    if (method !== 'GET' && method !== 'HEAD') return send(405, 'Method not allowed\n');
    const file = await fileFor(absRoot, url).catch(() => undefined);
    if (!file) return send(404, 'Not found\n');
    const info = await stat(file);
    requests.push({ method, url, host, status: 200 });
    res.writeHead(200, {
      'Content-Type': contentTypes[/** @type {keyof typeof contentTypes} */ (path.extname(file).toLowerCase())],
      'Content-Length': info.size,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    if (method === 'HEAD') return res.end();
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(undefined));
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('startServer: no TCP address');
  const port = address.port;
  const originFor = (/** @type {string} */ host = '127.0.0.1') => `http://${host}:${port}`;

  return {
    origin: originFor(),
    port,
    root: absRoot,
    requests,
    originFor,
    url: (pathname, host) => `${originFor(host)}/${pathname.replace(/^\/+/, '')}`,
    close: () =>
      new Promise((resolve) => {
        // Chromium keeps connections alive; drop them or close() waits for the browser's idle timeout.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
