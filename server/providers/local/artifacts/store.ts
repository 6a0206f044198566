import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { domainError, err, ok, type DomainError, type Result } from '@/server/domain/result';
import { predictInputKeys } from '@/server/domain/score-hints';
import { parseRuntimeYaml, type InferenceEnvironment } from '@/server/validation/runtime-yaml';
import { extractZip } from './unzip';

export interface ArtifactIntrospection {
  /** Folder of score.py relative to the artifact root ('' for the root), null when absent. */
  scoreDir: string | null;
  runtime: InferenceEnvironment | null;
  runtimeError?: string;
  fileCount: number;
  /** Whether score.py defines load_model() and predict() at its top level; null without score.py. */
  scoreFunctions?: { loadModel: boolean; predict: boolean } | null;
  /** Whether a runtime.yaml sits beside score.py (or at the root when there is no score.py). */
  hasRuntimeYaml?: boolean;
  /** The keys score.py's predict() subscripts on its input, for the invoke sample; absent without score.py. */
  predictInputKeys?: string[];
}

export interface StoredArtifact {
  fileName: string;
  storagePath: string;
  unpackedDir: string;
  sizeInBytes: number;
  /** Base64 MD5, as OCI's content-md5 header. */
  contentMd5: string;
  sha256: string;
  introspection: ArtifactIntrospection;
}

export const unpackedDirOf = (storagePath: string) => path.join(path.dirname(storagePath), 'unpacked');

/**
 * Streams an uploaded artifact to disk (never whole in memory), enforcing the size limit as the
 * bytes arrive, then unpacks it safely. Either everything is stored or nothing is.
 */
export async function storeArtifact(opts: {
  artifactsDir: string;
  modelId: string;
  source: Readable;
  fileName: string;
  maxBytes: number;
}): Promise<Result<StoredArtifact, DomainError>> {
  const dir = path.join(opts.artifactsDir, opts.modelId, crypto.randomUUID());
  fs.mkdirSync(dir, { recursive: true });
  const zipPath = path.join(dir, 'artifact.zip');
  const md5 = crypto.createHash('md5');
  const sha = crypto.createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      size += chunk.length;
      if (size > opts.maxBytes) return cb(new TooLarge());
      md5.update(chunk);
      sha.update(chunk);
      cb(null, chunk);
    },
  });
  try {
    await pipeline(opts.source, meter, fs.createWriteStream(zipPath));
  } catch (cause) {
    removeUpload(dir);
    if (cause instanceof TooLarge) {
      return err(domainError('InvalidParameter', `The artifact is larger than the limit of ${Math.round(opts.maxBytes / 1024 / 1024)} MB.`));
    }
    return err(domainError('InvalidParameter', `The upload did not complete: ${(cause as Error).message}`));
  }
  if (size === 0) {
    removeUpload(dir);
    return err(domainError('InvalidParameter', 'The artifact is empty.'));
  }
  const unpackedDir = unpackedDirOf(zipPath);
  const unpacked = await extractZip(zipPath, unpackedDir);
  if (!unpacked.ok) {
    removeUpload(dir);
    return unpacked;
  }
  return ok({
    fileName: opts.fileName,
    storagePath: zipPath,
    unpackedDir,
    sizeInBytes: size,
    contentMd5: md5.digest('base64'),
    sha256: sha.digest('hex'),
    introspection: introspect(unpackedDir, unpacked.data.files),
  });
}

class TooLarge extends Error {}

/** Removes a refused upload, and the model's folder when that leaves it empty: nothing stays. */
function removeUpload(dir: string) {
  fs.rmSync(dir, { recursive: true, force: true });
  const modelDir = path.dirname(dir);
  if (fs.existsSync(modelDir) && fs.readdirSync(modelDir).length === 0) fs.rmdirSync(modelDir);
}

const definesFunction = (source: string, name: string) => new RegExp(`^(?:async\\s+)?def\\s+${name}\\s*\\(`, 'm').test(source);

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
  if (!hasRuntimeYaml) return base;
  const parsed = parseRuntimeYaml(fs.readFileSync(yamlPath, 'utf8'));
  return parsed.ok ? { ...base, runtime: parsed.environment } : { ...base, runtimeError: parsed.error };
}
