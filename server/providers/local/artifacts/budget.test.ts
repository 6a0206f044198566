import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { directoryBytes, openUploadBudget } from './budget';

// The data quota on a real folder: what it holds, plus what uploads running at once write.

let dataDir: string;
let uploadsDir: string;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-budget-'));
  uploadsDir = path.join(dataDir, 'uploads');
  fs.mkdirSync(path.join(dataDir, 'artifacts', 'm'), { recursive: true });
  fs.mkdirSync(uploadsDir);
  fs.writeFileSync(path.join(dataDir, 'artifacts', 'm', 'artifact.zip'), Buffer.alloc(600_000));
  fs.writeFileSync(path.join(uploadsDir, 'partial'), Buffer.alloc(50_000));
});
afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('upload budget', () => {
  it('counts the files the data directory holds, leaving uploads in progress to count themselves', async () => {
    expect(await directoryBytes(dataDir)).toBe(650_000);
    expect(await directoryBytes(dataDir, uploadsDir)).toBe(600_000);
  });

  it('refuses once what is held and what uploads write passes the quota, and shares the room between uploads', async () => {
    const quota = { dataDir, uploadsDir, quotaBytes: 1_000_000 };
    const a = await openUploadBudget(quota);
    const b = await openUploadBudget(quota);
    const later = await openUploadBudget(quota);
    expect(a.take(300_000)).toBeNull();
    expect(b.check(100_000)).toBeNull();
    // 600,000 held + 300,000 by a: b has 100,000 left, not 400,000.
    expect(b.take(150_000)).toMatchObject({ limit: 'quota', message: expect.stringMatching(/quota of 976.6 KB .* leaves 97.7 KB for this upload/) });
    b.release(false);
    a.release(true);
    // a's bytes stay: a budget opened before it finished counts them as held (one opened after
    // finds them on the disk); b's refused bytes are gone.
    expect(later.check(100_001)).toMatchObject({ limit: 'quota' });
    expect(later.check(99_999)).toBeNull();
    later.release(false);
  });

  it('has no quota when told so, only the disk', async () => {
    const free = await openUploadBudget({ dataDir, uploadsDir, quotaBytes: null });
    expect(free.take(10 * 1024 * 1024)).toBeNull();
    expect(free.check(Number.MAX_SAFE_INTEGER)).toMatchObject({ limit: 'disk' });
    free.release(false);
  });
});
