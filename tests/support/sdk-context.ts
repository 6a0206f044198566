import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '@/server/config';
import { createAppContext, type AppContext } from '@/server/services/context';
import { scopedPrincipal } from '@/server/services/identity/principal-scope';

// What the SDK unit tests serve the OCI API from: a context over a throwaway data directory and
// SQLite file whose provider authorizes the principal the signed front door puts in scope, as the
// console's route does. Its runner is not started: a test that needs work requests to run starts it.

export interface SdkTestContext {
  ctx: AppContext;
  /** Closes the database and removes the data directory. */
  dispose(): void;
}

export function createSdkTestContext(label: string): SdkTestContext {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `berth-oci-${label}-`));
  const ctx = createAppContext(loadConfig({ BERTH_DATA_DIR: dataDir, BERTH_REGION: 'test', BERTH_LOAD_CHECK_S: '0' }), undefined, { principal: async () => scopedPrincipal() ?? null });
  return {
    ctx,
    dispose() {
      ctx.db.$client.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
