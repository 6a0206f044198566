import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import yauzl from 'yauzl';
import { formatBytes } from '@/server/domain/bytes';
import { domainError, err, ok, type DomainError, type Result } from '@/server/domain/result';
import type { UploadBudget } from './budget';

export interface UnzipLimits {
  maxEntries: number;
  /** The whole archive unpacked, over all its entries. */
  maxUnpackedBytes: number;
  /**
   * How many times its compressed size an entry, or the whole archive, may inflate once it
   * unpacks to more than ratioFloorBytes (zip bomb). Below the floor any ratio passes: real model
   * files compress far (a zero-initialised embedding, a sparse matrix stored dense), and a few
   * hundred MB is nothing the disk budget does not already bound. 1,024 entries of 1 MiB of zeros
   * each pass a per-entry check and together still inflate a 1 MB upload to 1 GiB.
   */
  maxRatio: number;
  ratioFloorBytes: number;
}

export const DEFAULT_UNZIP_LIMITS: UnzipLimits = { maxEntries: 20_000, maxUnpackedBytes: 8 * 1024 ** 3, maxRatio: 200, ratioFloorBytes: 512 * 1024 ** 2 };

const bad = (message: string) => err(domainError('InvalidParameter', message));

/** The entry's path inside `dest`, or null when it would land outside (zip slip) or is absolute. */
export function safeEntryPath(dest: string, entryName: string): string | null {
  if (entryName.includes('\0') || path.isAbsolute(entryName) || /^[a-zA-Z]:/.test(entryName)) return null;
  const target = path.resolve(dest, entryName);
  return target === dest || target.startsWith(dest + path.sep) ? target : null;
}

const isSymlink = (e: yauzl.Entry) => ((e.externalFileAttributes >>> 16) & 0o170000) === 0o120000;

/**
 * Extracts a zip into `dest` (which must not exist), refusing zip slip, symlinks, too many
 * entries and zip bombs. The whole central directory is checked before a byte is written (names,
 * count, total size and total ratio), then the real bytes are counted while inflating, since a
 * crafted archive can lie in its headers. On failure nothing is left behind.
 */
export async function extractZip(
  zipFile: string,
  dest: string,
  limits: UnzipLimits = DEFAULT_UNZIP_LIMITS,
  budget?: UploadBudget,
): Promise<Result<{ files: string[]; unpackedBytes: number }, DomainError>> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(zipFile, { lazyEntries: true, autoClose: false, strictFileNames: false, validateEntrySizes: true });
  } catch {
    return bad('The artifact is not a zip archive.');
  }
  const archiveBytes = fs.statSync(zipFile).size;
  const files: string[] = [];
  let written = 0;
  try {
    const entries: { entry: yauzl.Entry; target: string }[] = [];
    let declared = 0;
    for (let entry = await nextEntry(zip); entry; entry = await nextEntry(zip)) {
      if (entries.length >= limits.maxEntries) return bad(`The artifact has more than ${limits.maxEntries} entries.`);
      const target = safeEntryPath(dest, entry.fileName);
      if (!target) return bad(`The artifact entry "${entry.fileName}" points outside the artifact folder.`);
      if (isSymlink(entry)) return bad(`The artifact entry "${entry.fileName}" is a symbolic link; links are not allowed.`);
      const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
      if (entry.uncompressedSize > limits.ratioFloorBytes && ratio > limits.maxRatio) {
        return bad(`The artifact entry "${entry.fileName}" inflates ${Math.round(ratio)} times, to ${formatBytes(entry.uncompressedSize)}; this looks like a zip bomb (the limit is ${limits.maxRatio} times above ${formatBytes(limits.ratioFloorBytes)}).`);
      }
      declared += entry.uncompressedSize;
      if (declared > limits.maxUnpackedBytes) return bad(`The artifact unpacks to more than ${formatBytes(limits.maxUnpackedBytes)}, the limit.`);
      entries.push({ entry, target });
    }
    const totalRatio = declared / Math.max(1, archiveBytes);
    if (declared > limits.ratioFloorBytes && totalRatio > limits.maxRatio) {
      return bad(`The artifact unpacks to ${formatBytes(declared)} from ${formatBytes(archiveBytes)}, ${Math.round(totalRatio)} times its size; this looks like a zip bomb (the limit is ${limits.maxRatio} times).`);
    }
    const room = budget?.check(declared);
    if (room) return err(domainError('LimitExceeded', `The artifact unpacks to ${formatBytes(declared)}. ${room.message}`));

    fs.mkdirSync(dest, { recursive: true });
    for (const { entry, target } of entries) {
      if (entry.fileName.endsWith('/')) {
        fs.mkdirSync(target, { recursive: true });
        continue;
      }
      fs.mkdirSync(path.dirname(target), { recursive: true });
      let entryBytes = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          entryBytes += chunk.length;
          written += chunk.length;
          if (entryBytes > entry.uncompressedSize) return cb(new Error(`"${entry.fileName}" is larger than its header says.`));
          const refused = budget?.take(chunk.length);
          cb(refused ? new LimitError(refused.message) : null, chunk);
        },
      });
      await pipeline(await zip.openReadStreamPromise(entry), counter, fs.createWriteStream(target, { mode: 0o644 }));
      files.push(path.relative(dest, target));
    }
  } catch (cause) {
    if (cause instanceof LimitError) return cleanup(dest, err(domainError('LimitExceeded', cause.message)));
    const message = (cause as Error).message;
    // yauzl refuses a "../" or absolute entry itself, before our own check sees it.
    const escaping = /invalid relative path: (.*)|absolute path: (.*)/.exec(message);
    if (escaping) return cleanup(dest, bad(`The artifact entry "${escaping[1] ?? escaping[2]}" points outside the artifact folder (zip slip); nothing was stored.`));
    return cleanup(dest, bad(`The artifact could not be unpacked: ${message}`));
  } finally {
    zip.close();
  }
  return ok({ files, unpackedBytes: written });
}

class LimitError extends Error {}

/** The next entry of a lazily read zip, or null at its end. */
function nextEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry | null> {
  return new Promise((resolve, reject) => {
    const onEntry = (e: yauzl.Entry) => done(() => resolve(e));
    const onEnd = () => done(() => resolve(null));
    const onError = (e: Error) => done(() => reject(e));
    const done = (then: () => void) => {
      zip.off('entry', onEntry).off('end', onEnd).off('error', onError);
      then();
    };
    zip.on('entry', onEntry).on('end', onEnd).on('error', onError);
    zip.readEntry();
  });
}

function cleanup<T>(dest: string, result: Result<T, DomainError>): Result<T, DomainError> {
  fs.rmSync(dest, { recursive: true, force: true });
  return result;
}
