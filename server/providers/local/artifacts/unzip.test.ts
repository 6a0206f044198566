import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { zerosZip } from '@/tests/support/zip-bomb';
import { extractZip } from './unzip';

// Real model files compress far: the zip-bomb guard must tell them from a bomb by size, not ratio alone.
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function extract(zip: Buffer) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-unzip-'));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, 'a.zip'), zip);
  return { result: await extractZip(path.join(dir, 'a.zip'), path.join(dir, 'out')), out: path.join(dir, 'out') };
}

describe('extractZip and compressible model files', () => {
  it('unpacks a 50 MiB zero-filled weights file, a thousand times smaller zipped', async () => {
    const zip = zerosZip(1, 50 * 1024 * 1024);
    expect(zip.length).toBeLessThan(100_000);
    const { result, out } = await extract(zip);
    expect(result).toMatchObject({ ok: true, data: { unpackedBytes: 50 * 1024 * 1024 } });
    expect(fs.statSync(path.join(out, 'zeros/0000.bin')).size).toBe(50 * 1024 * 1024);
  });

  it('still refuses 1 GiB of zeros from a 1 MB upload, writing nothing', async () => {
    const { result, out } = await extract(zerosZip(1024));
    expect(result).toMatchObject({ ok: false, error: { code: 'InvalidParameter', message: expect.stringMatching(/zip bomb/) } });
    expect(fs.existsSync(out)).toBe(false);
  });
});
