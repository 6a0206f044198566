import { openDatabase } from '@/db/client';
import { formatBytes } from '@/server/domain/bytes';
import { RUNTIME_ENVIRONMENTS } from '@/server/domain/runtimes';
import { createBuildJournal, type BuildJournal } from '@/server/providers/local/docker/build-journal';
import { ensureBaseImage } from '@/server/providers/local/docker/base-image';
import { createDockerClient } from '@/server/providers/local/docker/client';
import { ensureRuntimeImage, listRuntimeImages, pruneOutdatedRuntimeImages } from '@/server/providers/local/docker/runtime-images';
import { Failure, formatMs, type Phase } from './run';


/**
 * The image phases of the setup: the base image, then each runtime of the catalog, built when
 * missing and streaming the build's lines. One at a time: the builds are CPU- and disk-bound, and
 * the base they share is made once. With nothing changed each is an inspect. With the console's
 * database the builds also show on its operations page.
 */
export function runtimeImagePhases(options: { dbFile?: string } = {}): Phase[] {
  const docker = createDockerClient();
  let journal: BuildJournal | undefined;
  let close = () => {};
  const journalOf = () => {
    if (!journal && options.dbFile) {
      const db = openDatabase(options.dbFile);
      journal = createBuildJournal(db, 'setup');
      close = () => db.$client.close();
    }
    return journal ? { journal } : {};
  };
  const base: Phase = {
    name: 'Base image',
    run: async () => {
      const t0 = performance.now();
      const r = await ensureBaseImage(docker, { onProgress: (line) => console.log(`  base | ${line}`), ...journalOf() });
      if (!r.ok) throw new Failure(`The base image could not be made.\n${r.error.message}`);
      console.log(`${r.data.tag}: ${r.data.built ? `made in ${formatMs(performance.now() - t0)}` : 'already there'}`);
    },
  };
  const runtimes = RUNTIME_ENVIRONMENTS.map(
    (env, i): Phase => ({
      name: `Runtime image ${env.slug}`,
      run: async () => {
        const t0 = performance.now();
        const result = await ensureRuntimeImage(docker, env.slug, { onProgress: (line) => console.log(`  ${env.slug} | ${line}`), ...journalOf() });
        if (!result.ok) throw new Failure(`The ${env.name} runtime image could not be built.\n${result.error.message}`);
        const { tag, built } = result.data;
        console.log(`${tag}: ${built ? `built in ${formatMs(performance.now() - t0)}` : 'already built'}`);
        if (i === RUNTIME_ENVIRONMENTS.length - 1) {
          close();
          await tidy(docker);
        }
      },
    }),
  );
  return [base, ...runtimes];
}

/** Removes images built from earlier sources, unless a container still runs on one, and lists the current ones. */
async function tidy(docker: ReturnType<typeof createDockerClient>): Promise<void> {
  const pruned = await pruneOutdatedRuntimeImages(docker);
  for (const tag of pruned.removed) console.log(`Removed ${tag}: built from earlier sources.`);
  for (const tag of pruned.inUse) console.log(`Kept ${tag} (earlier sources): a container still runs on it.`);
  const images = (await listRuntimeImages(docker)).filter((i) => i.current);
  console.log(images.map((i) => `  ${i.tag}  ${formatBytes(i.sizeBytes)}`).join('\n'));
}

/** All image phases in one go, for callers that show every line (npm test). */
export async function ensureRuntimeImages(options: { dbFile?: string } = {}): Promise<void> {
  for (const phase of runtimeImagePhases(options)) await phase.run();
}
