import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '@/server/config';
import { createAppContext, type AppContext } from '@/server/services/context';

/** A real app context on a fresh SQLite file in a temp directory, removed by `dispose`. */
export function createTempContext(now?: () => Date): AppContext & { dispose(): void } {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-unit-'));
  const config = loadConfig({ BERTH_DATA_DIR: dataDir, BERTH_REGION: 'test' });
  const ctx = createAppContext(config, now);
  return {
    ...ctx,
    dispose() {
      ctx.db.$client.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
