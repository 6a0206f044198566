import type Docker from 'dockerode';
import type { Db } from '@/db/client';
import { ok } from '@/server/domain/result';
import type { JobHandler } from '@/server/jobs/runner';
import { createBuildJournal } from './build-journal';
import { rebuildRuntimeImage } from './runtime-images';

/**
 * An operator's rebuild of a runtime image, as a job of the runner: queued, one at a time per
 * image, and built again from the start when a restart cut it off. Its progress and failure are
 * the build journal's, which the operations page reads; the job's log names the outcome.
 */
export function runtimeImageRebuildHandler(docker: Docker, db: Db): JobHandler<'BERTH_RUNTIME_IMAGE_BUILD'> {
  return async (job) => {
    if (job.resumed) job.log('The console restarted during the build; building again from the start.');
    const started = await rebuildRuntimeImage(docker, job.payload.slug, { journal: createBuildJournal(db, 'operator') });
    if (!started.ok) return started;
    job.log(`Building ${started.data.tag}.`);
    const built = await started.data.done;
    if (!built.ok) return built;
    job.log(`Built ${built.data.tag} in ${(built.data.ms / 1000).toFixed(1)} s.`);
    return ok(undefined);
  };
}
