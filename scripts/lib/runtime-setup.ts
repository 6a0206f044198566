import { openDatabase } from '@/db/client';
import { RUNTIME_ENVIRONMENTS } from '@/server/domain/runtimes';
import { createBuildJournal } from '@/server/providers/local/docker/build-journal';
import { createDockerClient } from '@/server/providers/local/docker/client';
import { ensureRuntimeImage, listRuntimeImages, pruneOutdatedRuntimeImages } from '@/server/providers/local/docker/runtime-images';
import { Failure, formatMs } from './run';

const formatSize = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

/**
 * Builds the image of every runtime in the catalog that is not built yet (the base image first,
 * when missing), streaming the build's lines. One at a time: the builds are CPU- and disk-bound,
 * and the base they share is made once. With nothing changed this is a few inspects.
 */
export async function ensureRuntimeImages(options: { dbFile?: string } = {}): Promise<void> {
  const docker = createDockerClient();
  // With the console's database, the builds also show on its operations page.
  const db = options.dbFile ? openDatabase(options.dbFile) : undefined;
  const journal = db ? createBuildJournal(db, 'setup') : undefined;
  for (const env of RUNTIME_ENVIRONMENTS) {
    const t0 = performance.now();
    const result = await ensureRuntimeImage(docker, env.slug, {
      onProgress: (line) => console.log(`  ${env.slug} | ${line}`),
      ...(journal ? { journal } : {}),
    });
    if (!result.ok) throw new Failure(`The ${env.name} runtime image could not be built.\n${result.error.message}`);
    const { tag, built } = result.data;
    console.log(`${tag}: ${built ? `built in ${formatMs(performance.now() - t0)}` : 'already built'}`);
  }
  db?.$client.close();
  const pruned = await pruneOutdatedRuntimeImages(docker);
  for (const tag of pruned.removed) console.log(`Removed ${tag}: built from earlier sources.`);
  for (const tag of pruned.inUse) console.log(`Kept ${tag} (earlier sources): a container still runs on it.`);
  const images = (await listRuntimeImages(docker)).filter((i) => i.current);
  console.log(images.map((i) => `  ${i.tag}  ${formatSize(i.sizeBytes)}`).join('\n'));
}
