import type { Db } from '@/db/client';
import { getModelArtifactRow } from '@/db/queries/models';
import { getStartupTiming, latestStartupTimings, upsertStartupTiming, type StartupTimingRow } from '@/db/queries/startup-timings';
import { getWorkRequestRow } from '@/db/queries/work-requests';
import { factsOf } from '@/server/domain/artifact-introspection';
import type { ModelDeploymentConfigurationDetails } from '@/server/domain/oci-types';
import { DEFAULT_RUNTIME_SLUG } from '@/server/domain/runtimes';
import { ETA_HISTORY, estimateSecondsLeft } from '@/server/domain/startup-eta';
import type { JobContext } from '@/server/jobs/runner';

// Records when a create reaches each phase, and estimates a running one's time left from the
// earlier creates of the same runtime (server/domain/startup-eta).

/** 'conda:<slug>' or 'image:<name:tag>': creates of one key take alike long. */
export function runtimeKeyOf(db: Db, config: ModelDeploymentConfigurationDetails): string {
  const env = config.environmentConfigurationDetails;
  if (env?.environmentConfigurationType === 'OCIR_CONTAINER') return `image:${env.image ?? env.imageDigest ?? ''}`;
  const facts = factsOf(getModelArtifactRow(db, config.modelConfigurationDetails.modelId)?.introspection);
  const slug = facts?.runtime?.slug ?? DEFAULT_RUNTIME_SLUG;
  return `conda:${slug}`;
}

export interface TimedCreate {
  /** The job context, whose progress calls are recorded as phase marks. */
  ctx: JobContext;
  succeeded(): void;
}

export function timeCreate(db: Db, ctx: JobContext, runtimeKey: string, now: () => Date): TimedCreate {
  const t0 = now().getTime();
  const row: StartupTimingRow = { workRequestId: ctx.workRequest.id, runtimeKey, marks: {}, totalMs: null, timeStarted: now().toISOString() };
  upsertStartupTiming(db, row);
  return {
    ctx: {
      ...ctx,
      progress(pct) {
        row.marks = { ...row.marks, [String(pct)]: now().getTime() - t0 };
        upsertStartupTiming(db, row);
        ctx.progress(pct);
      },
    },
    succeeded() {
      row.totalMs = now().getTime() - t0;
      upsertStartupTiming(db, row);
    },
  };
}

/** Seconds left of a running create, or null (not a create, not running, or no history). */
export function estimateCreate(db: Db, workRequestId: string, now: () => Date): number | null {
  const wr = getWorkRequestRow(db, workRequestId);
  if (!wr || wr.status !== 'IN_PROGRESS' || wr.operationType !== 'MODEL_DEPLOYMENT_CREATE') return null;
  const timing = getStartupTiming(db, workRequestId);
  if (!timing) return null;
  const history = latestStartupTimings(db, timing.runtimeKey, ETA_HISTORY + 1)
    .filter((h) => h.workRequestId !== workRequestId && h.totalMs !== null)
    .slice(0, ETA_HISTORY)
    .map((h) => ({ marks: h.marks, totalMs: h.totalMs ?? 0 }));
  return estimateSecondsLeft(history, {
    percent: wr.percentComplete,
    elapsedMs: now().getTime() - Date.parse(timing.timeStarted),
    marks: timing.marks,
  });
}
