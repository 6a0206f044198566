import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const E2E_PREFIX = 'berth-e2e-';

/**
 * The browser tests create, change and delete records, so they may only ever use a throwaway data
 * directory: one directly under the temporary directory whose name starts with berth-e2e-. Returns
 * its real path, or the reason it is not one.
 */
export function checkThrowawayDataDir(dir: string | undefined): { dir: string } | { why: string } {
  if (!dir) return { why: 'BERTH_DATA_DIR is not set.' };
  let real: string;
  try {
    real = fs.realpathSync(dir);
  } catch {
    return { why: `${dir} does not exist.` };
  }
  if (!fs.statSync(real).isDirectory()) return { why: `${dir} is not a directory.` };
  if (path.dirname(real) !== fs.realpathSync(os.tmpdir()) || !path.basename(real).startsWith(E2E_PREFIX)) {
    return { why: `${dir} is not a ${E2E_PREFIX} directory directly under ${os.tmpdir()}.` };
  }
  return { dir: real };
}
