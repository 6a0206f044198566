import { listRecentImageBuilds, type ImageBuildRow } from '@/db/queries/image-builds';
import { buildPercent } from '@/server/domain/build-progress';
import { ok, type DomainError, type Result } from '@/server/domain/result';
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

/** Starts the rebuild (the ops role's) and answers at once: its progress is on the operations page. */
export async function startRuntimeImageRebuild(ctx: AppContext, slug: string): Promise<Result<{ image: string }, DomainError>> {
  const allowed = await authorizeOps(ctx, { kind: 'Runtime image', id: slug }, 'RebuildRuntimeImage');
  if (!allowed.ok) return allowed;
  const started = await ctx.platform.rebuildRuntimeImage(slug);
  recordAudit(ctx.db, allowed.data, { action: 'RebuildRuntimeImage', resourceType: 'berth-operations', resourceId: slug, outcome: started.ok ? 'SUCCEEDED' : 'FAILED', detail: started.ok ? '' : started.error.code });
  if (!started.ok) return started;
  started.data.done
    .then((r) => {
      if (!r.ok) console.error(`Rebuilding ${started.data.tag} failed: ${r.error.message}`);
    })
    .catch((e: unknown) => console.error(`Rebuilding ${started.data.tag} failed:`, e));
  return ok({ image: started.data.tag });
}
