import { listRecentImageBuilds, type ImageBuildRow } from '@/db/queries/image-builds';
import { buildPercent } from '@/server/domain/build-progress';
import { RUNTIME_ENVIRONMENTS } from '@/server/domain/runtimes';
import { domainError, err, ok, type DomainError, type Result } from '@/server/domain/result';
import type { AppContext } from './context';
import { authorizeOps } from './identity/access';
import { recordAudit } from './identity/audit';

// Runtime image builds for the operations page: the recent ones with their progress, and the
// operator's rebuild of a runtime image (to pick up Debian's package updates).

export interface ImageBuildView {
  id: number;
  image: string;
  slug: string | null;
  trigger: ImageBuildRow['trigger'];
  /** INTERRUPTED: still marked in progress, but the process that built it is gone. */
  state: ImageBuildRow['state'] | 'INTERRUPTED';
  percent: number | null;
  stepsTotal: number | null;
  currentStep: string | null;
  lastLine: string | null;
  error: string | null;
  timeStarted: string;
  timeFinished: string | null;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but is not ours to signal.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function listImageBuilds(ctx: AppContext, limit = 10): ImageBuildView[] {
  return listRecentImageBuilds(ctx.db, limit).map((b) => {
    const interrupted = b.state === 'IN_PROGRESS' && b.pid !== process.pid && !processAlive(b.pid);
    return {
      id: b.id,
      image: b.image,
      slug: b.slug,
      trigger: b.trigger,
      state: interrupted ? 'INTERRUPTED' : b.state,
      percent: buildPercent(b),
      stepsTotal: b.stepsTotal,
      currentStep: b.currentStep,
      lastLine: b.lastLine,
      error: b.error,
      timeStarted: b.timeStarted,
      timeFinished: b.timeFinished,
    };
  });
}

/**
 * Queues the rebuild (the ops role's) as a job of the work-request runner and answers at once: its
 * progress is on the operations page. A rebuild of that image already queued or running is joined.
 */
export async function startRuntimeImageRebuild(ctx: Pick<AppContext, 'db' | 'principal' | 'provider' | 'platform' | 'runner' | 'installation'>, slug: string): Promise<Result<{ image: string }, DomainError>> {
  const allowed = await authorizeOps(ctx, { kind: 'Runtime image', id: slug }, 'RebuildRuntimeImage');
  if (!allowed.ok) return allowed;
  const tag = ctx.platform.runtimeImageTag(slug);
  const known = RUNTIME_ENVIRONMENTS.map((r) => r.slug).join(', ');
  const started: Result<{ image: string }, DomainError> = tag ? ok({ image: tag }) : err(domainError('InvalidParameter', `Unknown runtime environment "${slug}"; known: ${known}.`));
  recordAudit(ctx.db, allowed.data, { action: 'RebuildRuntimeImage', resourceType: 'berth-operations', resourceId: slug, outcome: started.ok ? 'SUCCEEDED' : 'FAILED', detail: started.ok ? '' : started.error.code });
  if (!started.ok) return started;
  const resourceId = rebuildResourceId(slug);
  if (!ctx.runner.busyResources().has(resourceId)) {
    ctx.runner.enqueue({ operationType: 'BERTH_RUNTIME_IMAGE_BUILD', compartmentId: ctx.installation.tenancyId, resourceId, resources: [], payload: { slug } });
  }
  return started;
}

/** The runner serialises a runtime image's rebuilds by this. */
export const rebuildResourceId = (slug: string) => `berth-runtime-image:${slug}`;
