import path from 'node:path';
import { defineConfig } from 'vitest/config';

// Tests against a real Docker engine and the runtime images: run after the setup that provides
// them (the "Integration tests" phase of npm test), one file at a time.
export default defineConfig({
  resolve: { alias: { '@': path.resolve(__dirname), 'server-only': path.resolve(__dirname, 'tests/empty-module.ts') } },
  test: {
    include: ['tests/integration/**/*.test.ts'],
    // Ends what a test left running (a stopped console's gateway) once the run is over.
    globalSetup: ['tests/integration/global-setup.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 900_000,
  },
});
