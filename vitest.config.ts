import { defineConfig } from 'vitest/config';
import path from 'node:path';

export default defineConfig({
  resolve: { alias: { '@': path.resolve(__dirname) } },
  test: {
    include: ['{server,db,components,scripts,tests}/**/*.test.{ts,tsx}'],
    environment: 'node',
    pool: 'forks',
  },
});
