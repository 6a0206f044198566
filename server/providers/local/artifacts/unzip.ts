import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import yauzl from 'yauzl';
import { domainError, err, ok, type DomainError, type Result } from '@/server/domain/result';

export interface UnzipLimits {
  maxEntries: number;
  maxUnpackedBytes: number;
  /** An entry that inflates more than this many times its compressed size is refused (zip bomb). */
  maxRatio: number;
}

export const DEFAULT_UNZIP_LIMITS: UnzipLimits = { maxEntries: 20_000, maxUnpackedBytes: 8 * 1024 ** 3, maxRatio: 200 };

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
 * entries and zip bombs. The declared sizes are checked first and the real bytes counted while
 * inflating, since a crafted archive can lie in its headers. On failure nothing is left behind.
 */
export async function extractZip(zipFile: string, dest: string, limits = DEFAULT_UNZIP_LIMITS): Promise<Result<{ files: string[] }, DomainError>> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(zipFile, { lazyEntries: true, strictFileNames: false, validateEntrySizes: true });
  } catch {
    return bad('The artifact is not a zip archive.');
  }
  fs.mkdirSync(dest, { recursive: true });
  const files: string[] = [];
  let total = 0;
  let count = 0;
  try {
    for (let entry = await nextEntry(zip); entry; entry = await nextEntry(zip)) {
      count += 1;
      if (count > limits.maxEntries) return cleanup(dest, `The artifact has more than ${limits.maxEntries} entries.`);
      const target = safeEntryPath(dest, entry.fileName);
      if (!target) return cleanup(dest, `The artifact entry "${entry.fileName}" points outside the artifact folder.`);
      if (isSymlink(entry)) return cleanup(dest, `The artifact entry "${entry.fileName}" is a symbolic link; links are not allowed.`);
      if (entry.fileName.endsWith('/')) {
        fs.mkdirSync(target, { recursive: true });
        continue;
      }
      const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
      if (entry.uncompressedSize > 1024 * 1024 && ratio > limits.maxRatio) {
        return cleanup(dest, `The artifact entry "${entry.fileName}" inflates ${Math.round(ratio)} times; this looks like a zip bomb.`);
      }
      total += entry.uncompressedSize;
      if (total > limits.maxUnpackedBytes) return cleanup(dest, `The artifact unpacks to more than ${limits.maxUnpackedBytes} bytes.`);
      fs.mkdirSync(path.dirname(target), { recursive: true });
      let written = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _enc, cb) {
          written += chunk.length;
          cb(written > entry.uncompressedSize ? new Error(`"${entry.fileName}" is larger than its header says.`) : null, chunk);
        },
      });
      await pipeline(await zip.openReadStreamPromise(entry), counter, fs.createWriteStream(target, { mode: 0o644 }));
      files.push(path.relative(dest, target));
    }
  } catch (cause) {
    const message = (cause as Error).message;
    // yauzl refuses a "../" or absolute entry itself, before our own check sees it.
    const escaping = /invalid relative path: (.*)|absolute path: (.*)/.exec(message);
    if (escaping) return cleanup(dest, `The artifact entry "${escaping[1] ?? escaping[2]}" points outside the artifact folder (zip slip); nothing was stored.`);
    return cleanup(dest, `The artifact could not be unpacked: ${message}`);
  } finally {
    zip.close();
  }
  return ok({ files });
}

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

function cleanup(dest: string, message: string): Result<never, DomainError> {
  fs.rmSync(dest, { recursive: true, force: true });
  return bad(message);
}
