import { defineConfig } from 'vitest/config';

// Real-browser suite (Chromium and Firefox + the unpacked e2e builds): `npx vitest run -c vitest.e2e.config.ts`
// after `npm run build:e2e`. Unit tests stay in vitest.config.ts.
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    environment: 'node',
    // One file (one browser) at a time: the CI machine has 2 cores.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
