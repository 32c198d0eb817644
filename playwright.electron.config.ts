import { defineConfig } from '@playwright/test';

// `npm run test:electron`: the real Electron app, driven by Playwright's Electron support.
// Needs the Electron binary (downloaded by the `electron` package on first use), so it is NOT
// part of `npm test` on machines without access to Electron's downloads. README: "Real Electron".
export default defineConfig({
  testDir: 'tests/electron',
  // The fuses live in the packaged binary only (SIGEX_PACKAGED_APP); without it there is nothing to read.
  testIgnore: process.env.SIGEX_PACKAGED_APP ? [] : ['**/fuses.spec.ts'],
  outputDir: 'test-results/electron',
  timeout: 120_000,
  expect: { timeout: 20_000 },
  workers: 1,
  retries: 0,
  reporter: [['list']],
});
