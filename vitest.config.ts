import { defineConfig } from 'vitest/config';
import path from 'node:path';

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(__dirname),
      // The guard module throws outside React's server build; in unit tests it has nothing to guard.
      'server-only': path.resolve(__dirname, 'tests/empty-module.ts'),
    },
  },
  test: {
    include: ['{server,db,components,scripts,tests,cli}/**/*.test.{ts,tsx}'],
    // Docker-backed tests have their own config and phase (vitest.integration.config.ts).
    exclude: ['tests/integration/**', 'node_modules/**'],
    environment: 'node',
    pool: 'forks',
    // The unit tests share no state between files (no module mocks, each makes its own database
    // file), so a worker keeps its loaded modules from one file to the next: importing the same
    // graph afresh for each of 150 files was most of the run's CPU time.
    isolate: false,
    // The unit tests run beside the browser tests on a 2-core machine: a test that serves a few
    // hundred real requests can take several seconds there. The limit catches a hang, not slowness.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
