import type { PlatformRuntimeImage } from '../../platform';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Docker from 'dockerode';
import { domainError, err, ok, type Result } from '@/server/domain/result';
import { RUNTIME_ENVIRONMENTS, findRuntime, type RuntimeEnvironment } from '@/server/domain/runtimes';
import {
  BASE_IMAGE,
  RUNTIMES_DIR,
  baseImageHash,
  ensureBaseImage,
  imageLabels,
  type ImageBuildReport,
  type ProgressOptions,
} from './base-image';
import { journaled } from './build-journal';
import { engineStatusOf } from './client';
import { followEngineStream } from './progress';
import { sharedBuilds } from './shared-builds';

export type { ImageBuildReport, ProgressOptions } from './base-image';

export const RUNTIME_REPO_PREFIX = 'berth-runtime/';
export const MANAGED_LABEL = 'berth.managed';
export const SLUG_LABEL = 'berth.runtime.slug';
const HASH_LABEL = 'berth.runtime.hash';

const MODEL_SERVER_DIR = 'model-server';
// The server's own tests and Python's caches are not part of what the image runs.
const NOT_SHIPPED = /^(test_.*\.py|__pycache__|\..*)$/;

/** The files of runtimes/ a runtime image is built from, relative to runtimes/, in a stable order. */
export function runtimeContextFiles(env: RuntimeEnvironment): string[] {
  const server = fs
    .readdirSync(path.join(RUNTIMES_DIR, MODEL_SERVER_DIR), { withFileTypes: true })
    .filter((e) => e.isFile() && !NOT_SHIPPED.test(e.name))
    .map((e) => path.posix.join(MODEL_SERVER_DIR, e.name))
    .sort();
  return [path.posix.join(env.dir, 'Dockerfile'), ...server];
}

/**
 * berth-runtime/<slug>:<hash12>, the hash covering the Dockerfile, the model server and the base
 * image's identity: an edit to any of them names a new image (a rebuild), otherwise the one built.
 */
export function runtimeImageTag(env: RuntimeEnvironment): string {
  const hash = createHash('sha256').update(`${BASE_IMAGE}@${baseImageHash()}\n`);
  for (const rel of runtimeContextFiles(env)) {
    hash.update(`${rel}\n`).update(fs.readFileSync(path.join(RUNTIMES_DIR, rel))).update('\n');
  }
  return `${RUNTIME_REPO_PREFIX}${env.slug}:${hash.digest('hex').slice(0, 12)}`;
}

const builds = sharedBuilds<Result<ImageBuildReport>>();

/** A catalog runtime and the tag of its image from the current sources. */
function catalogImage(slug: string): Result<{ env: RuntimeEnvironment; tag: string }> {
  const env = findRuntime(slug);
  if (!env) {
    const known = RUNTIME_ENVIRONMENTS.map((r) => r.slug).join(', ');
    return err(domainError('InvalidParameter', `Unknown runtime environment "${slug}"; known: ${known}.`));
  }
  return ok({ env, tag: runtimeImageTag(env) });
}

/**
 * Makes sure the runtime image of a catalog slug exists, building the base first when needed.
 * Concurrent calls for the same image share one build. A failed build is an err() naming the step.
 */
export async function ensureRuntimeImage(
  docker: Docker,
  slug: string,
  options: ProgressOptions = {},
): Promise<Result<ImageBuildReport>> {
  const image = catalogImage(slug);
  if (!image.ok) return image;
  const { env, tag } = image.data;
  if ((await imageLabels(docker, tag)) !== undefined) return ok({ tag, built: false, ms: 0 });
  return builds.run(tag, () => buildRuntimeImage(docker, env, tag, options, false));
}

/**
 * An operator's build of a catalog runtime's image, answering once it has begun. A present image is
 * built again without the layer cache, so it gets the Debian packages' current versions (security
 * updates); running deployments keep the image they started with, and the replaced image is removed
 * unless a container still uses it. A missing image is built as a deployment would, with the cache.
 * A build of that image already running is joined.
 */
export async function rebuildRuntimeImage(
  docker: Docker,
  slug: string,
  options: ProgressOptions = {},
): Promise<Result<{ tag: string; done: Promise<Result<ImageBuildReport>> }>> {
  const image = catalogImage(slug);
  if (!image.ok) return image;
  const { env, tag } = image.data;
  const idOf = (ref: string) =>
    docker
      .getImage(ref)
      .inspect()
      .then((i) => i.Id)
      .catch(() => undefined);
  const previous = builds.running(tag) ? undefined : await idOf(tag);
  const done = builds.run(tag, async () => {
    const r = await buildRuntimeImage(docker, env, tag, options, previous !== undefined);
    // In use by a container (409) or gone already: it stays, or there is nothing to remove.
    if (r.ok && previous && (await idOf(tag)) !== previous) await docker.getImage(previous).remove().catch(() => undefined);
    return r;
  });
  return ok({ tag, done });
}

async function buildRuntimeImage(
  docker: Docker,
  env: RuntimeEnvironment,
  tag: string,
  options: ProgressOptions,
  noCache: boolean,
): Promise<Result<ImageBuildReport>> {
  const t0 = performance.now();
  const base = await ensureBaseImage(docker, options);
  if (!base.ok) return base;
  return journaled({
    journal: options.journal,
    image: tag,
    slug: env.slug,
    onProgress: options.onProgress ?? (() => {}),
    build: (onLine) => buildOnBase(docker, env, tag, onLine, t0, noCache),
  });
}

async function buildOnBase(
  docker: Docker,
  env: RuntimeEnvironment,
  tag: string,
  onProgress: (line: string) => void,
  t0: number,
  noCache: boolean,
): Promise<Result<ImageBuildReport>> {
  const hash = tag.slice(tag.lastIndexOf(':') + 1);
  const stream = await docker.buildImage(
    { context: RUNTIMES_DIR, src: runtimeContextFiles(env) },
    {
      t: tag,
      dockerfile: path.posix.join(env.dir, 'Dockerfile'),
      labels: { [MANAGED_LABEL]: 'true', [SLUG_LABEL]: env.slug, [HASH_LABEL]: hash },
      // Intermediate containers of a failed step are removed too: nothing is left behind.
      rm: true,
      forcerm: true,
      nocache: noCache,
    },
  );
  const outcome = await followEngineStream(docker, stream, onProgress);
  if (outcome.error !== undefined) {
    const where = outcome.lastStep ? ` at "${outcome.lastStep}"` : '';
    return err(domainError('InternalServerError', `Building ${tag} failed${where}: ${outcome.error}`));
  }
  return ok({ tag, built: true, ms: performance.now() - t0 });
}


/** The runtime images Berth built, newest first. */
export async function listRuntimeImages(docker: Docker): Promise<PlatformRuntimeImage[]> {
  const images = await docker.listImages({ filters: { label: [`${MANAGED_LABEL}=true`, SLUG_LABEL] } });
  const currentTags = new Set(RUNTIME_ENVIRONMENTS.map((env) => runtimeImageTag(env)));
  return images
    .flatMap((image) => {
      const slug = image.Labels?.[SLUG_LABEL];
      const tags = (image.RepoTags ?? []).filter((t) => t.startsWith(RUNTIME_REPO_PREFIX));
      if (slug === undefined) return [];
      return tags.map((tag) => ({
        slug,
        tag,
        id: image.Id,
        sizeBytes: image.Size,
        createdAt: new Date(image.Created * 1000),
        current: currentTags.has(tag),
      }));
    })
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
}

/**
 * Removes the runtime images built from earlier sources (a Dockerfile or model server change made
 * new ones). Deployments that are activated again use the current image, so only a container still
 * running on an old one needs it: that image stays (the engine refuses with 409) until it is gone.
 */
export async function pruneOutdatedRuntimeImages(docker: Docker): Promise<{ removed: string[]; inUse: string[] }> {
  const outdated = (await listRuntimeImages(docker)).filter((i) => !i.current);
  const removed: string[] = [];
  const inUse: string[] = [];
  for (const image of outdated) {
    try {
      await docker.getImage(image.tag).remove();
      removed.push(image.tag);
    } catch (cause) {
      const status = engineStatusOf(cause);
      if (status === 409) inUse.push(image.tag);
      else if (status !== 404) throw cause;
    }
  }
  return { removed, inUse };
}
