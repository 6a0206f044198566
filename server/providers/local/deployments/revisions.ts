import type { Db, DbOrTx } from '@/db/client';
import {
  getAttributionRow,
  insertRevisionRow,
  latestRevisionRow,
  planIdOfWorkRequest,
  revisionOfWorkRequest,
  updateRevisionAttribution,
  upsertAttributionRow,
  workRequestIdsOfPlan,
  type DeploymentRevisionRow,
  type RevisionAttributionPatch,
} from '@/db/queries/deployment-revisions';
import { getModelDeploymentRow, type ModelDeploymentRow } from '@/db/queries/model-deployments';
import { diffSnapshots, snapshotOf, type RevisionSnapshot } from '@/server/domain/revisions';
import type { JobHandler } from '@/server/jobs/runner';

// Revisions are written where a create or an update is applied, by the job that applied it, so
// the console, its plans and the OCI-compatible API all record them. Who asked is attributed when
// the request is accepted; the two meet here in whichever order they happen (both are synchronous
// SQLite writes, so neither can interleave the other).

export const rowSnapshot = (row: ModelDeploymentRow): RevisionSnapshot =>
  snapshotOf({
    displayName: row.displayName,
    ...(row.description != null ? { description: row.description } : {}),
    modelDeploymentConfigurationDetails: row.modelDeploymentConfigurationDetails,
    ...(row.categoryLogDetails ? { categoryLogDetails: row.categoryLogDetails } : {}),
    freeformTags: row.freeformTags,
    definedTags: row.definedTags,
  });

/** What is known of who asked for a work request: its own attribution, else its plan's. */
function attributionOf(db: DbOrTx, workRequestId: string): RevisionAttributionPatch {
  const own = getAttributionRow(db, workRequestId);
  const planId = planIdOfWorkRequest(db, workRequestId);
  const plan = planId ? getAttributionRow(db, planId) : undefined;
  return {
    principalId: own?.principalId ?? plan?.principalId ?? null,
    principalName: own?.principalName ?? plan?.principalName ?? null,
    rollbackOf: own?.rollbackOf ?? plan?.rollbackOf ?? null,
  };
}

export interface RecordRevisionInput {
  modelDeploymentId: string;
  workRequestId: string;
  kind: 'CREATE' | 'UPDATE';
  /** The configuration before the update: kept as a baseline when the deployment has no revision yet. */
  before?: RevisionSnapshot;
  time: string;
}

/** Records the deployment's configuration as applied by the work request; once per work request. */
export function recordRevision(db: Db, input: RecordRevisionInput): DeploymentRevisionRow | null {
  return db.transaction((tx) => {
    const done = revisionOfWorkRequest(tx, input.workRequestId);
    if (done) return done;
    const row = getModelDeploymentRow(tx, input.modelDeploymentId);
    if (!row) return null;
    const snapshot = rowSnapshot(row);
    let latest = latestRevisionRow(tx, row.id);
    if (!latest && input.kind === 'UPDATE' && input.before) {
      // A deployment from before revisions were recorded: what it had becomes revision 1.
      latest = insertRevisionRow(tx, {
        modelDeploymentId: row.id,
        revision: 1,
        kind: 'BASELINE',
        snapshot: input.before,
        changes: [],
        workRequestId: null,
        principalId: row.createdBy,
        principalName: null,
        rollbackOf: null,
        timeCreated: row.timeCreated,
      });
    }
    const who = attributionOf(tx, input.workRequestId);
    return insertRevisionRow(tx, {
      modelDeploymentId: row.id,
      revision: (latest?.revision ?? 0) + 1,
      kind: input.kind,
      snapshot,
      changes: latest ? diffSnapshots(latest.snapshot, snapshot) : [],
      workRequestId: input.workRequestId,
      principalId: who.principalId ?? (input.kind === 'CREATE' ? row.createdBy : null),
      principalName: who.principalName ?? null,
      rollbackOf: who.rollbackOf ?? null,
      timeCreated: input.time,
    });
  });
}

/**
 * Says who asked for a work request or an update plan (and whether it rolls back to a revision):
 * kept for the revision still to come, and written onto any already recorded.
 */
export function attributeRevision(db: Db, subject: { id: string; modelDeploymentId: string }, patch: RevisionAttributionPatch): void {
  db.transaction((tx) => {
    upsertAttributionRow(tx, subject.id, subject.modelDeploymentId, patch);
    const workRequestIds = [subject.id, ...workRequestIdsOfPlan(tx, subject.id)];
    for (const id of workRequestIds) updateRevisionAttribution(tx, [id], attributionOf(tx, id));
  });
}

/** A work request just linked to its plan: a revision it already recorded takes the plan's attribution. */
export function refreshRevisionAttribution(db: Db, workRequestId: string): void {
  db.transaction((tx) => {
    if (revisionOfWorkRequest(tx, workRequestId)) updateRevisionAttribution(tx, [workRequestId], attributionOf(tx, workRequestId));
  });
}

/** Wraps a create or update handler: once it succeeds, the applied configuration is a revision. */
export function thenRecordRevision<T extends 'MODEL_DEPLOYMENT_CREATE' | 'MODEL_DEPLOYMENT_UPDATE'>(db: Db, kind: 'CREATE' | 'UPDATE', handler: JobHandler<T>, now: () => Date): JobHandler<T> {
  return async (ctx) => {
    // An autoscaling decision changes the instance count, not the configuration.
    if ('scale' in ctx.payload) return handler(ctx);
    const modelDeploymentId = ctx.workRequest.resourceId;
    const beforeRow = kind === 'UPDATE' ? getModelDeploymentRow(db, modelDeploymentId) : undefined;
    const before = beforeRow ? rowSnapshot(beforeRow) : undefined;
    const outcome = await handler(ctx);
    if (!outcome.ok) return outcome;
    try {
      const recorded = recordRevision(db, { modelDeploymentId, workRequestId: ctx.workRequest.id, kind, ...(before ? { before } : {}), time: now().toISOString() });
      if (recorded) ctx.log(`Recorded as revision ${recorded.revision}.`);
    } catch (cause) {
      // The configuration is applied and serving; a lost history entry must not fail the work.
      console.error(`recording the revision of work request ${ctx.workRequest.id} failed`, cause);
      ctx.log(`The revision could not be recorded: ${(cause as Error)?.message ?? String(cause)}`);
    }
    return outcome;
  };
}
