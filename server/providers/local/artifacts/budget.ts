import fs from 'node:fs';
import path from 'node:path';
import { formatBytes } from '@/server/domain/bytes';

// How many bytes an upload may still write: the data directory's quota (BERTH_DATA_QUOTA_GB) less
// what it holds, and never so much that the disk under it fills (the database must keep room to
// write). Uploads running at once share the room: each counts what it wrote as it writes.

/** Left free on the disk whatever the quota says: SQLite, logs and Docker need room too. */
export const DISK_RESERVE_BYTES = 1024 ** 3;

export type BudgetRefusal = { limit: 'quota' | 'disk'; message: string };

export interface UploadBudget {
  /** Counts `bytes` more written by this upload; a refusal once the room is used up. */
  take(bytes: number): BudgetRefusal | null;
  /** Whether `bytes` more would still fit, without counting them. */
  check(bytes: number): BudgetRefusal | null;
  /** This upload is over; `stored`: its bytes stay, as part of what the directory holds. */
  release(stored: boolean): void;
}

export interface BudgetOptions {
  dataDir: string;
  /** Where uploads in progress write; left out of the walk, since they count themselves. */
  uploadsDir: string;
  /** null: no quota, only the disk's free space bounds uploads. */
  quotaBytes: number | null;
}

// Room already overspent reads as none left.
const sizeText = (bytes: number) => formatBytes(Math.max(0, bytes));

// Uploads in progress per data directory with the bytes each wrote so far, and the bytes of those
// stored since (a budget opened earlier did not see them on the disk).
const inflight = new Map<string, { uploads: Set<{ bytes: number }>; settled: number }>();

/** The bytes of every file under dir (not following links), read without blocking the event loop. */
export async function directoryBytes(dir: string, skip?: string): Promise<number> {
  let total = 0;
  let entries: fs.Dirent[];
  try {
    entries = await fs.promises.readdir(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const abs = path.join(dir, e.name);
    if (abs === skip) continue;
    if (e.isDirectory()) total += await directoryBytes(abs, skip);
    else if (e.isFile()) total += (await fs.promises.stat(abs).catch(() => ({ size: 0 }))).size;
  }
  return total;
}

async function diskFreeBytes(dir: string): Promise<number> {
  try {
    const s = await fs.promises.statfs(dir);
    return s.bavail * s.bsize;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

export async function openUploadBudget(o: BudgetOptions): Promise<UploadBudget> {
  const [held, free] = await Promise.all([directoryBytes(o.dataDir, o.uploadsDir), diskFreeBytes(o.dataDir)]);
  let dir = inflight.get(o.dataDir);
  if (!dir) inflight.set(o.dataDir, (dir = { uploads: new Set(), settled: 0 }));
  const shared = dir;
  const mine = { bytes: 0 };
  shared.uploads.add(mine);
  const settledAtOpen = shared.settled;
  const running = () => [...shared.uploads].reduce((n, u) => n + u.bytes, 0);
  // Free space is read once: what uploads write from now on is taken from it.
  const runningAtOpen = running();

  const refusal = (extra: number): BudgetRefusal | null => {
    const holds = held + shared.settled - settledAtOpen;
    const writing = running() + extra;
    if (o.quotaBytes !== null && holds + writing > o.quotaBytes) {
      const room = Math.max(0, o.quotaBytes - holds - (running() - mine.bytes));
      return {
        limit: 'quota',
        message: `The data directory's quota of ${sizeText(o.quotaBytes)} (BERTH_DATA_QUOTA_GB) is reached: it holds ${sizeText(holds)}, which leaves ${sizeText(room)} for this upload. Delete models you no longer need or raise the quota.`,
      };
    }
    if (writing - runningAtOpen + shared.settled - settledAtOpen > free - DISK_RESERVE_BYTES) {
      return {
        limit: 'disk',
        message: `The disk under the data directory has ${sizeText(free)} free and Berth keeps ${sizeText(DISK_RESERVE_BYTES)} of it for the database, so this upload does not fit. Free some disk space.`,
      };
    }
    return null;
  };

  let open = true;
  return {
    take(bytes) {
      mine.bytes += bytes;
      return refusal(0);
    },
    check: (bytes) => refusal(bytes),
    release(stored) {
      if (!open) return;
      open = false;
      shared.uploads.delete(mine);
      if (stored) shared.settled += mine.bytes;
    },
  };
}
