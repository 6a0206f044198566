import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type { ArtifactIntrospection } from '@/server/domain/artifact-introspection';
import { formatBytes } from '@/server/domain/bytes';
import { domainError, err, ok, type DomainError, type Result } from '@/server/domain/result';
import { predictInputKeys } from '@/server/domain/score-hints';
import { parseRuntimeYaml } from '@/server/validation/runtime-yaml';
import type { UploadBudget } from './budget';
import { introspectMlmodel } from './mlflow-introspect';
import { extractZip, type UnzipLimits } from './unzip';

export interface StoredArtifact {
  fileName: string;
  storagePath: string;
  unpackedDir: string;
  sizeInBytes: number;
  unpackedBytes: number;
  /** Base64 MD5, as OCI's content-md5 header. */
  contentMd5: string;
  sha256: string;
  introspection: ArtifactIntrospection;
}

export const unpackedDirOf = (storagePath: string) => path.join(path.dirname(storagePath), 'unpacked');

export interface StoreOptions {
  artifactsDir: string;
  /** Uploads are written and unpacked here, then moved into artifactsDir in one rename. */
  uploadsDir: string;
  modelId: string;
  source: Readable;
  fileName: string;
  maxBytes: number;
  budget?: UploadBudget;
  unzipLimits?: UnzipLimits;
}

/**
 * Streams an uploaded artifact to disk (never whole in memory), enforcing the size limit and the
 * data quota as the bytes arrive, then unpacks it safely. All of it happens in the uploads folder;
 * only a complete artifact is moved to `<artifactsDir>/<modelId>/`, so a console killed midway
 * leaves nothing that looks stored (boot removes what is left in uploads).
 */
export async function storeArtifact(opts: StoreOptions): Promise<Result<StoredArtifact, DomainError>> {
  const uploadId = crypto.randomUUID();
  const staging = path.join(opts.uploadsDir, uploadId);
  fs.mkdirSync(staging, { recursive: true });
  const stagedZip = path.join(staging, 'artifact.zip');
  const md5 = crypto.createHash('md5');
  const sha = crypto.createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      size += chunk.length;
      if (size > opts.maxBytes) return cb(new TooLarge());
      const refused = opts.budget?.take(chunk.length);
      if (refused) return cb(new OverBudget(refused.message));
      md5.update(chunk);
      sha.update(chunk);
      cb(null, chunk);
    },
  });
  try {
    await pipeline(opts.source, meter, fs.createWriteStream(stagedZip));
  } catch (cause) {
    removeDir(staging);
    if (cause instanceof TooLarge) {
      return err(domainError('InvalidParameter', `The artifact is larger than the limit of ${formatBytes(opts.maxBytes)}.`));
    }
    if (cause instanceof OverBudget) return err(domainError('LimitExceeded', cause.message));
    return err(domainError('InvalidParameter', `The upload did not complete: ${(cause as Error).message}`));
  }
  if (size === 0) {
    removeDir(staging);
    return err(domainError('InvalidParameter', 'The artifact is empty.'));
  }
  const unpacked = await extractZip(stagedZip, unpackedDirOf(stagedZip), opts.unzipLimits, opts.budget);
  if (!unpacked.ok) {
    removeDir(staging);
    return unpacked;
  }
  const introspection = introspect(unpackedDirOf(stagedZip), unpacked.data.files);
  const final = path.join(opts.artifactsDir, opts.modelId, uploadId);
  fs.mkdirSync(path.dirname(final), { recursive: true });
  fs.renameSync(staging, final);
  const storagePath = path.join(final, 'artifact.zip');
  return ok({
    fileName: opts.fileName,
    storagePath,
    unpackedDir: unpackedDirOf(storagePath),
    sizeInBytes: size,
    unpackedBytes: unpacked.data.unpackedBytes,
    contentMd5: md5.digest('base64'),
    sha256: sha.digest('hex'),
    introspection,
  });
}

class TooLarge extends Error {}
class OverBudget extends Error {}

const removeDir = (dir: string) => fs.rmSync(dir, { recursive: true, force: true });

/** Removes a stored artifact's folder (after a failed insert, or with its model). */
export function removeArtifactFiles(artifactsDir: string, modelId: string): void {
  removeDir(path.join(artifactsDir, modelId));
}

// A reading of the text, not an import (the load check imports it): a def, an assignment or an
// import at the top level all give score.py the name. A UTF-8 byte order mark (Notepad) is skipped.
export const definesFunction = (source: string, name: string): boolean =>
  new RegExp(`^(?:(?:async\\s+)?def\\s+${name}\\s*\\(|${name}\\s*=(?!=)|(?:from\\s+\\S+\\s+)?import\\s+[^#\\n]*\\b${name}\\b)`, 'm').test(source.replace(/^\uFEFF/, ''));

/** score.py sits at the top or under one folder (OCI); runtime.yaml beside it. */
export function introspect(root: string, files: string[]): ArtifactIntrospection {
  const scores = files.filter((f) => path.basename(f) === 'score.py').sort((a, b) => a.split(path.sep).length - b.split(path.sep).length);
  const score = scores[0];
  const scoreDir = score === undefined ? null : path.dirname(score) === '.' ? '' : path.dirname(score);
  const yamlPath = path.join(root, scoreDir ?? '', 'runtime.yaml');
  let scoreFunctions: ArtifactIntrospection['scoreFunctions'] = null;
  let inputKeys: string[] | undefined;
  if (score !== undefined) {
    const source = fs.readFileSync(path.join(root, score), 'utf8');
    scoreFunctions = { loadModel: definesFunction(source, 'load_model'), predict: definesFunction(source, 'predict') };
    inputKeys = predictInputKeys(source);
  }
  const hasRuntimeYaml = fs.existsSync(yamlPath);
  const base: ArtifactIntrospection = {
    scoreDir,
    runtime: null,
    fileCount: files.length,
    scoreFunctions,
    hasRuntimeYaml,
    ...(inputKeys ? { predictInputKeys: inputKeys } : {}),
  };
  const parsed = hasRuntimeYaml ? parseRuntimeYaml(fs.readFileSync(yamlPath, 'utf8')) : null;
  const runtime = parsed?.ok ? parsed.environment : null;
  const mlflow = introspectMlmodel(root, files, { hasScorePy: score !== undefined, ...(runtime ? { runtimeSlug: runtime.slug } : {}) });
  const withMlflow = mlflow ? { ...base, mlflow } : base;
  if (!parsed) return withMlflow;
  return parsed.ok ? { ...withMlflow, runtime: parsed.environment } : { ...withMlflow, runtimeError: parsed.error };
}
