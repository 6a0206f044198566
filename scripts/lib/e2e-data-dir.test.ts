import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkThrowawayDataDir } from './e2e-data-dir';

describe('checkThrowawayDataDir', () => {
  it('accepts a berth-e2e- directory directly under the temporary directory', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-'));
    try {
      expect(checkThrowawayDataDir(dir)).toEqual({ dir: fs.realpathSync(dir) });
      expect(checkThrowawayDataDir(path.join(dir, '..', path.basename(dir)))).toHaveProperty('dir');
    } finally {
      fs.rmSync(dir, { recursive: true });
    }
  });

  it('refuses anything else', () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-data-'));
    const nested = path.join(other, 'berth-e2e-x');
    fs.mkdirSync(nested);
    try {
      expect(checkThrowawayDataDir(undefined)).toHaveProperty('why');
      expect(checkThrowawayDataDir(other)).toHaveProperty('why');
      expect(checkThrowawayDataDir(nested)).toHaveProperty('why');
      expect(checkThrowawayDataDir(path.join(os.tmpdir(), 'berth-e2e-missing'))).toHaveProperty('why');
      expect(checkThrowawayDataDir(process.cwd())).toHaveProperty('why');
    } finally {
      fs.rmSync(other, { recursive: true });
    }
  });
});
