import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { loadConfig } from '@/server/config';
import { createAppContext, type AppContext } from '@/server/services/context';

/** A real app context on a fresh SQLite file in a temp directory, removed by `dispose`. */
export function createTempContext(now?: () => Date, env: Record<string, string> = {}): AppContext & { dispose(): void } {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-unit-'));
  const config = loadConfig({ BERTH_DATA_DIR: dataDir, BERTH_REGION: 'test', ...env });
  const ctx = createAppContext(config, now);
  return {
    ...ctx,
    dispose() {
      ctx.db.$client.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type TempContext = ReturnType<typeof createTempContext>;

/**
 * A fresh temp context for each test of the calling file, disposed after it. Its clock advances a
 * second per call, so creation order is unambiguous; `clock` is that same clock.
 */
export function tempContextPerTest(options: { startRunner?: boolean } = {}) {
  let current: TempContext | undefined;
  let tick = 0;
  const clock = () => new Date(Date.UTC(2026, 0, 1, 0, 0, tick++));
  beforeEach(() => {
    tick = 0;
    current = createTempContext(clock);
    if (options.startRunner) current.runner.start();
  });
  afterEach(() => current?.dispose());
  return {
    clock,
    /** The current test's context. */
    ctx(): TempContext {
      if (!current) throw new Error('The temp context exists only inside a test.');
      return current;
    },
  };
}
