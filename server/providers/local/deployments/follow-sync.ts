import type { Db } from '@/db/client';
import { deleteDeploymentFollowRow, listDeploymentFollowRows, listFollowersOfSet, updateDeploymentFollowRow, type DeploymentFollowRow } from '@/db/queries/deployment-follows';
import { getModelDeploymentRow } from '@/db/queries/model-deployments';
import { getModelVersionSetRow } from '@/db/queries/model-version-sets';
import { getModelRow, listLiveModelsInSets, type ModelRow } from '@/db/queries/models';
import { getWorkRequestRow, insertWorkRequestLog } from '@/db/queries/work-requests';
import { decideFollowSwaps, type FollowDecision, type Follower, type VersionedModel } from '@/server/domain/version-follow';
import type { WorkRequestRunner } from '@/server/jobs/runner';
import type { ModelDeploymentsApi } from '../../types';

// Keeps following deployments on the model that holds their label: after a label moved or a new
// version took it (called by the models side), and on a sweep for those that were busy then. A
// swap is an ordinary update of the model id, so it runs the blue/green model swap path.

export interface FollowSyncDeps {
  db: Db;
  runner: Pick<WorkRequestRunner, 'busyResources'>;
  /** The provider's own deployments API, unchecked: a swap is the deployment's standing intent. */
  deployments: Pick<ModelDeploymentsApi, 'updateModelDeployment'>;
  now: () => Date;
  logger?: Pick<Console, 'error'>;
}

/** What happened to a model of a set, so the swap it causes can say why. */
export interface FollowCause {
  modelId: string;
  kind: 'labelled' | 'registered' | 'activated' | 'artifact';
}

export interface SyncOutcome {
  decision: FollowDecision;
  workRequestId?: string;
  error?: string;
}

export const describeModel = (m: Pick<ModelRow, 'displayName' | 'id' | 'versionId'>) => `${m.displayName} (${m.id}, version ${m.versionId ?? '?'})`;

const toVersioned = (m: ModelRow & { hasArtifact: boolean }): VersionedModel => ({
  id: m.id,
  displayName: m.displayName,
  modelVersionSetId: m.modelVersionSetId ?? '',
  versionLabel: m.liveVersionLabel,
  versionId: m.versionId ?? 0,
  lifecycleState: m.lifecycleState,
  hasArtifact: m.hasArtifact,
});

function reasonFor(label: string, to: VersionedModel, cause: FollowCause | undefined): string {
  const who = `model ${to.displayName} (version ${to.versionId})`;
  if (cause?.modelId !== to.id) return `${who} holds label ${label}`;
  switch (cause.kind) {
    case 'labelled':
      return `label ${label} moved to ${who}`;
    case 'registered':
      return `${who} was registered under label ${label}`;
    case 'activated':
      return `${who}, holding label ${label}, was activated`;
    case 'artifact':
      return `${who}, holding label ${label}, received its artifact`;
  }
}

export function createFollowSync(deps: FollowSyncDeps) {
  const { db } = deps;

  function followersOf(rows: DeploymentFollowRow[]): Follower[] {
    const busy = deps.runner.busyResources();
    const followers: Follower[] = [];
    for (const f of rows) {
      const md = getModelDeploymentRow(db, f.modelDeploymentId);
      if (!md || md.lifecycleState === 'DELETED') {
        deleteDeploymentFollowRow(db, f.modelDeploymentId);
        continue;
      }
      const last = f.lastChange;
      const lastWr = last?.workRequestId ? getWorkRequestRow(db, last.workRequestId) : undefined;
      followers.push({
        deploymentId: md.id,
        modelVersionSetId: f.modelVersionSetId,
        versionLabel: f.versionLabel,
        currentModelId: md.modelId,
        lifecycleState: md.lifecycleState,
        busy: busy.has(md.id),
        needsArtifact: md.modelDeploymentConfigurationDetails.environmentConfigurationDetails?.environmentConfigurationType !== 'OCIR_CONTAINER',
        ...(last ? { lastAttempt: { toModelId: last.toModelId, failed: last.error !== undefined || lastWr?.status === 'FAILED' } } : {}),
      });
    }
    return followers;
  }

  async function swap(decision: Extract<FollowDecision, { kind: 'swap' }>, follow: DeploymentFollowRow, cause: FollowCause | undefined): Promise<SyncOutcome> {
    const to = decision.toModel;
    const updated = await deps.deployments.updateModelDeployment(decision.deploymentId, {
      modelDeploymentConfigurationDetails: { deploymentType: 'SINGLE_MODEL', modelConfigurationDetails: { modelId: to.id } },
    });
    const time = deps.now().toISOString();
    const reason = reasonFor(follow.versionLabel, to, cause);
    if (!updated.ok) {
      // Recorded, so the sweep does not ask again every interval; moving the label tries anew.
      const refused = `${reason}, but the swap was refused: ${updated.error.message}`;
      updateDeploymentFollowRow(db, decision.deploymentId, { lastChange: { fromModelId: decision.fromModelId, toModelId: to.id, workRequestId: null, reason: refused, time, error: updated.error.message } });
      return { decision, error: updated.error.message };
    }
    const from = getModelRow(db, decision.fromModelId);
    const setName = getModelVersionSetRow(db, follow.modelVersionSetId)?.name ?? follow.modelVersionSetId;
    const workRequestId = updated.data.workRequestId;
    db.transaction((tx) => {
      insertWorkRequestLog(
        tx,
        workRequestId,
        `Following label ${follow.versionLabel} of model version set ${setName}: ${reason}. Swapping model ${from ? describeModel(from) : decision.fromModelId} for model ${describeModel(to)}.`,
        time,
      );
      updateDeploymentFollowRow(tx, decision.deploymentId, { lastChange: { fromModelId: decision.fromModelId, toModelId: to.id, workRequestId, reason, time } });
    });
    return { decision, workRequestId };
  }

  /** Decides and starts the swaps for one set's followers (all followers without a set). */
  async function sync(setId?: string, cause?: FollowCause): Promise<SyncOutcome[]> {
    const rows = setId ? listFollowersOfSet(db, setId) : listDeploymentFollowRows(db);
    if (rows.length === 0) return [];
    const models = listLiveModelsInSets(db, [...new Set(rows.map((r) => r.modelVersionSetId))]).map(toVersioned);
    const outcomes: SyncOutcome[] = [];
    for (const decision of decideFollowSwaps(followersOf(rows), models)) {
      const follow = rows.find((r) => r.modelDeploymentId === decision.deploymentId);
      if (decision.kind === 'wait' || !follow) {
        outcomes.push({ decision });
        continue;
      }
      const outcome = await swap(decision, follow, cause);
      if (outcome.error) deps.logger?.error(`Berth: deployment ${decision.deploymentId} could not follow its label: ${outcome.error}`);
      outcomes.push(outcome);
    }
    return outcomes;
  }

  return { sync };
}

export type FollowSync = ReturnType<typeof createFollowSync>;

/** Retries, every interval, the swaps that had to wait (a deployment busy when its label moved). */
export function startFollowSweep(sync: FollowSync, intervalMs: number, logger: Pick<Console, 'error'> = console): () => void {
  if (intervalMs <= 0) return () => undefined;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sync
      .sync()
      .catch((e: unknown) => logger.error('Berth: the follow sweep failed', e))
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
