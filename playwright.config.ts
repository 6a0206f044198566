import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { storageStateFile } from './e2e/auth';
import { chromiumLaunchOptions } from './e2e/chromium-options';

// One throwaway data directory per run. Playwright loads this file in the runner and again in each
// worker; the workers inherit the runner's environment, so ??= gives them all the same directory.
process.env.BERTH_E2E_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-'));
const dataDir = process.env.BERTH_E2E_DATA_DIR;
// BERTH_E2E_PORT lets two test runs share a machine; 3100 keeps clear of `npm start`'s 3000.
const port = Number(process.env.BERTH_E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;

const HOST_WIDE_SPECS = ['**/wizard-walk.spec.ts'];

export default defineConfig({
  testDir: 'e2e',
  // Two spec files at a time against the one server and database: each spec seeds and names what it
  // needs, and the tests mostly wait on containers, so the two cores are not the limit.
  // BERTH_E2E_WORKERS=1 runs them one at a time.
  workers: Number(process.env.BERTH_E2E_WORKERS ?? 2),
  fullyParallel: false,
  // One retry under CI, where the browser tests share the 2 cores with the integration tests: a
  // retried test is reported as flaky (and its trace kept), never silently passed.
  retries: process.env.CI === 'true' ? 1 : 0,
  forbidOnly: process.env.CI === 'true',
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  // Two browsers, a production server and the model containers share two cores with the unit and
  // integration tests: a wait on a real signal gets room, a passing test is no slower for it.
  timeout: 90_000,
  expect: { timeout: 20_000 },
  globalSetup: './e2e/global-setup.ts',
  globalTeardown: './e2e/global-teardown.ts',
  use: {
    baseURL,
    storageState: storageStateFile(dataDir),
    // The console refuses a state-changing request from a browser session without its own Origin;
    // the specs' API calls say where they come from as a page of the console would.
    extraHTTPHeaders: { origin: baseURL },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    permissions: ['clipboard-read', 'clipboard-write'],
    launchOptions: chromiumLaunchOptions(),
  },
  projects: [
    // What reads the whole host (the overcommit warning counts every deployment's reservation)
    // runs alone, before the rest.
    { name: 'host-wide', testMatch: HOST_WIDE_SPECS, workers: 1 },
    { name: 'chromium', testIgnore: HOST_WIDE_SPECS, dependencies: ['host-wide'] },
  ],
  webServer: {
    command: 'node node_modules/tsx/dist/cli.mjs scripts/serve-e2e.ts',
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    // Run by itself on a fresh clone, the server first makes the production build: minutes on a
    // 2-core host. Playwright stops waiting as soon as the health check answers.
    timeout: 15 * 60_000,
    env: { BERTH_DATA_DIR: dataDir, PORT: String(port) },
    stdout: 'pipe',
  },
});
