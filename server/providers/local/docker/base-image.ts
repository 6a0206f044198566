import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Docker from 'dockerode';
import { PROJECT_ROOT } from '@/server/config';
import { domainError, err, ok, type Result } from '@/server/domain/result';
import { resolveDebianMirror } from './apt-sources';
import { journaled, type BuildJournal } from './build-journal';
import { runLines } from './line-process';
import { followEngineStream } from './progress';
import { sharedBuilds } from './shared-builds';

// No registry is reachable, so the runtime images' base is bootstrapped from Debian's mirror and
// imported (runtimes/base/README.md).
export const BASE_IMAGE = 'berth/debian:bookworm-slim';
const [BASE_REPO, BASE_TAG] = ['berth/debian', 'bookworm-slim'];

export const RUNTIMES_DIR = path.join(PROJECT_ROOT, 'runtimes');
const SLIM_CFG = path.join(RUNTIMES_DIR, 'base', 'dpkg-slim.cfg');

// What the base is made of. The mirror it comes from is not part of it (any Debian mirror serves
// the same packages): it is read from this machine's apt sources, or BERTH_DEBIAN_MIRROR.
const RECIPE = {
  suite: 'bookworm',
  variant: 'minbase',
  include: ['ca-certificates', 'curl'],
} as const;

export const BASE_HASH_LABEL = 'berth.base.hash';

export interface ImageBuildReport {
  tag: string;
  /** False when the image was already there. */
  built: boolean;
  ms: number;
}

export interface ProgressOptions {
  onProgress?: (line: string) => void;
  /** Records the builds this call makes (not those it joins or finds done). */
  journal?: BuildJournal;
}

/** Identifies what the base is made from; a change to the recipe or dpkg-slim.cfg rebuilds it. */
export function baseImageHash(): string {
  return createHash('sha256')
    .update(JSON.stringify(RECIPE))
    .update(fs.readFileSync(SLIM_CFG))
    .digest('hex')
    .slice(0, 12);
}

function isNotFound(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { statusCode?: unknown }).statusCode === 404;
}

/** The labels of an image, or undefined when there is no image by that name. */
export async function imageLabels(docker: Docker, name: string): Promise<Record<string, string> | undefined> {
  try {
    const info = await docker.getImage(name).inspect();
    return info.Config.Labels ?? {};
  } catch (e) {
    if (isNotFound(e)) return undefined;
    throw e;
  }
}

const builds = sharedBuilds<Result<ImageBuildReport>>();

/** Makes the base image unless an image of the current recipe is there. Concurrent calls share one build. */
export async function ensureBaseImage(docker: Docker, options: ProgressOptions = {}): Promise<Result<ImageBuildReport>> {
  const hash = baseImageHash();
  const labels = await imageLabels(docker, BASE_IMAGE);
  if (labels?.[BASE_HASH_LABEL] === hash) return ok({ tag: BASE_IMAGE, built: false, ms: 0 });
  return builds.run(hash, () =>
    journaled({
      journal: options.journal,
      image: BASE_IMAGE,
      slug: null,
      onProgress: options.onProgress ?? (() => {}),
      build: (onLine) => buildBaseImage(docker, hash, onLine),
    }),
  );
}

function failure(message: string, tail: readonly string[] = []): Result<never> {
  const detail = tail.length > 0 ? `\n${tail.join('\n')}` : '';
  return err(domainError('InternalServerError', `Making the base image ${BASE_IMAGE} failed: ${message}${detail}`));
}

async function buildBaseImage(docker: Docker, hash: string, onProgress: (line: string) => void): Promise<Result<ImageBuildReport>> {
  if (process.getuid?.() !== 0) return failure('debootstrap needs root; run as root.');
  const mirror = resolveDebianMirror(RECIPE.suite);
  if (!mirror.ok) return failure(mirror.message);
  const t0 = performance.now();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-base-'));
  const rootfs = path.join(tmp, 'rootfs');
  try {
    onProgress(`debootstrap --variant=${RECIPE.variant} ${RECIPE.suite} from ${mirror.mirror} (${mirror.from})`);
    const boot = await runLines(
      'debootstrap',
      [`--variant=${RECIPE.variant}`, `--include=${RECIPE.include.join(',')}`, RECIPE.suite, rootfs, mirror.mirror],
      onProgress,
      // debootstrap and the chroot it runs are in /usr/sbin, not always on a non-login PATH.
      { env: { ...process.env, PATH: `${process.env.PATH ?? ''}:/usr/sbin:/sbin` } },
    );
    if (boot.code === 127) return failure('debootstrap is not installed (apt-get install -y debootstrap).', boot.tail);
    if (boot.code !== 0) return failure(`debootstrap exited with code ${boot.code}:`, boot.tail);
    slim(rootfs);
    onProgress(`Importing ${rootfs} as ${BASE_IMAGE}`);
    const imported = await importRootfs(docker, rootfs, hash, onProgress);
    if (!imported.ok) return imported;
    const ms = performance.now() - t0;
    onProgress(`Made ${BASE_IMAGE} in ${(ms / 1000).toFixed(1)} s`);
    return ok({ tag: BASE_IMAGE, built: true, ms });
  } finally {
    await unmountUnder(tmp);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Drops what a container never reads: downloaded packages, apt lists, docs, manuals, translations. */
function slim(rootfs: string): void {
  const emptyDir = (rel: string, keep: (name: string) => boolean = () => false) => {
    const dir = path.join(rootfs, rel);
    if (!fs.existsSync(dir)) return;
    for (const name of fs.readdirSync(dir)) {
      if (!keep(name)) fs.rmSync(path.join(dir, name), { recursive: true, force: true });
    }
  };
  emptyDir('var/cache/apt/archives', (n) => n === 'partial' || n === 'lock');
  emptyDir('var/lib/apt/lists', (n) => n === 'partial' || n === 'lock');
  emptyDir('usr/share/man');
  emptyDir('usr/share/info');
  emptyDir('usr/share/locale', (n) => n === 'locale.alias');
  const docs = path.join(rootfs, 'usr/share/doc');
  if (fs.existsSync(docs)) {
    for (const pkg of fs.readdirSync(docs)) emptyDir(path.join('usr/share/doc', pkg), (n) => n === 'copyright');
  }
  fs.copyFileSync(SLIM_CFG, path.join(rootfs, 'etc/dpkg/dpkg.cfg.d/berth-slim'));
}

/** tar of the tree, streamed into the engine's image import, with the image config set by `changes`. */
async function importRootfs(
  docker: Docker,
  rootfs: string,
  hash: string,
  onProgress: (line: string) => void,
): Promise<Result<true>> {
  const tar = spawn('tar', ['--numeric-owner', '-C', rootfs, '-c', '.'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let tarErrors = '';
  tar.stderr.on('data', (chunk: Buffer) => (tarErrors += chunk.toString()));
  const tarDone = new Promise<number>((resolve) => {
    tar.once('error', () => resolve(127));
    tar.once('close', (code) => resolve(code ?? 1));
  });
  const changes = [
    'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    'ENV LANG=C.UTF-8',
    'CMD ["bash"]',
    'LABEL berth.managed=true',
    `LABEL ${BASE_HASH_LABEL}=${hash}`,
    `LABEL berth.base.recipe="debootstrap --variant=${RECIPE.variant} ${RECIPE.suite}"`,
  ];
  let outcome;
  try {
    const stream = await docker.importImage(tar.stdout, { repo: BASE_REPO, tag: BASE_TAG, changes });
    outcome = await followEngineStream(docker, stream, onProgress);
  } catch (e) {
    tar.kill(); // it would wait forever on a pipe nobody reads
    throw e;
  }
  const tarCode = await tarDone;
  if (tarCode !== 0) return failure(`tar exited with code ${tarCode}: ${tarErrors.trim()}`);
  if (outcome.error) return failure(`docker import: ${outcome.error}`);
  return ok(true);
}

/** debootstrap mounts /proc and /sys inside the tree; one left by a failed run must not be deleted into. */
async function unmountUnder(dir: string): Promise<void> {
  let mounts: string;
  try {
    mounts = fs.readFileSync('/proc/self/mounts', 'utf8');
  } catch {
    return;
  }
  const points = mounts
    .split('\n')
    .map((line) => line.split(' ')[1] ?? '')
    .filter((p) => p.startsWith(`${dir}/`))
    .sort((a, b) => b.length - a.length);
  for (const p of points) await runLines('umount', ['-l', p], () => {});
}
