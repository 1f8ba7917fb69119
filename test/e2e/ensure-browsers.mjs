// Before the browser tests: Chromium and Firefox must be there. Missing ones are installed from Debian's
// packages when this machine allows it (running as root, or with passwordless sudo); otherwise the run
// stops at once with what to install. CHROME_PATH / FIREFOX_PATH point at browsers elsewhere.
// Used by `npm run test:e2e` and `.ci/run`; plain Node, no dependencies.
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';

const BROWSERS = [
  { name: 'Chromium', env: 'CHROME_PATH', paths: ['/usr/bin/chromium', '/usr/bin/chromium-browser'], pkg: 'chromium' },
  { name: 'Firefox', env: 'FIREFOX_PATH', paths: ['/usr/bin/firefox-esr', '/usr/bin/firefox'], pkg: 'firefox-esr' },
];

const executable = (file) => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

const found = (b) => (process.env[b.env] ? executable(process.env[b.env]) : b.paths.some(executable));
const missing = BROWSERS.filter((b) => !found(b));
if (missing.length === 0) process.exit(0);

const names = missing.map((b) => b.name).join(' and ');
const packages = missing.map((b) => b.pkg);
const hint =
  `${names} ${missing.length === 1 ? 'is' : 'are'} needed for the browser tests. On Debian/Ubuntu run ` +
  `\`apt-get update && apt-get install -y ${packages.join(' ')}\` (as root, or with sudo), or set ${missing.map((b) => b.env).join(' / ')} ` +
  'to a browser elsewhere (Chromium, not Google Chrome: branded Chrome 137+ ignores --load-extension; Firefox 140 or newer).';

const hasAptGet = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
const root = typeof process.getuid === 'function' && process.getuid() === 0;
const sudo = !root && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
if (!hasAptGet || (!root && !sudo)) {
  console.error(`Missing browsers. ${hint}`);
  process.exit(1);
}

console.log(`Installing ${packages.join(', ')} from Debian's packages…`);
const run = (args) =>
  execFileSync(root ? args[0] : 'sudo', root ? args.slice(1) : ['-n', ...args], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
try {
  run(['apt-get', 'update']);
  run(['apt-get', 'install', '-y', ...packages]);
} catch {
  console.error(`Installing failed. ${hint}`);
  process.exit(1);
}
const still = missing.filter((b) => !found(b));
if (still.length > 0) {
  console.error(`Still missing after the install: ${still.map((b) => b.name).join(', ')}. ${hint}`);
  process.exit(1);
}
