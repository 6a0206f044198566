import type { ModelVersionSet } from './model-version-sets';
import type { Model, ModelDeploymentLifecycleState, ModelDeploymentSummary, ModelLifecycleState } from './oci-types';

// Deployments that follow a version label: "serve whichever model holds label L in version set V".
// Which of them must swap models after a label moved, or a new version was registered under it, is
// decided here from plain facts, so it can be tested without a database or containers.

/** What a deployment follows, as Berth's `berthFollow` field carries it on create and update. */
export interface FollowSetting {
  modelVersionSetId: string;
  versionLabel: string;
}

/** Why a following deployment last changed model. */
export interface FollowChange {
  fromModelId: string | null;
  toModelId: string;
  workRequestId: string | null;
  reason: string;
  time: string;
  /** Set when the swap could not even be queued (the update was refused): it is not retried. */
  error?: string;
}

/** The follow setting as a deployment shows it (`berthFollow` on ModelDeployment). */
export interface DeploymentFollow extends FollowSetting {
  /** Present on answers; a create's own setting, echoed back, may lack it. */
  modelVersionSetName?: string;
  lastChange?: FollowChange;
}

export interface VersionedModel {
  id: string;
  displayName: string;
  modelVersionSetId: string;
  versionLabel: string | null;
  versionId: number;
  lifecycleState: ModelLifecycleState;
  hasArtifact: boolean;
}

export interface Follower extends FollowSetting {
  deploymentId: string;
  currentModelId: string;
  lifecycleState: ModelDeploymentLifecycleState;
  /** Work is queued or running for the deployment: nothing may be started beside it. */
  busy: boolean;
  /** A custom container needs no artifact; a conda runtime serves the artifact. */
  needsArtifact: boolean;
  /** The last swap this deployment tried, and whether its work request failed. */
  lastAttempt?: { toModelId: string; failed: boolean };
}

export type FollowDecision =
  | { kind: 'swap'; deploymentId: string; fromModelId: string; toModel: VersionedModel }
  | { kind: 'wait'; deploymentId: string; reason: string };

/** The live model holding the label in the set, if any (labels are unique among live models). */
export function labelHolder(models: readonly VersionedModel[], setting: FollowSetting): VersionedModel | undefined {
  return models.find((m) => m.modelVersionSetId === setting.modelVersionSetId && m.versionLabel === setting.versionLabel && m.lifecycleState !== 'DELETED');
}

/** Why a model cannot be served by a follower now; null when it can. */
export function unservableReason(model: VersionedModel, needsArtifact: boolean): string | null {
  if (model.lifecycleState !== 'ACTIVE') return `model ${model.displayName} (version ${model.versionId}) is ${model.lifecycleState}`;
  if (needsArtifact && !model.hasArtifact) return `model ${model.displayName} (version ${model.versionId}) has no artifact yet`;
  return null;
}

// States in which an update may be queued: ACTIVE swaps blue/green, INACTIVE keeps the change
// for the next activation. Transitional states wait; failed and deleted ones never swap.
const SWAPPABLE: readonly ModelDeploymentLifecycleState[] = ['ACTIVE', 'INACTIVE'];
const WAITING: readonly ModelDeploymentLifecycleState[] = ['CREATING', 'UPDATING', 'NEEDS_ATTENTION'];

/**
 * For each follower: swap to the label's holder, wait (and say why), or nothing (it serves the
 * holder already, nobody holds the label, or the deployment is gone). A swap to a model whose
 * swap already failed is not tried again until the label moves on.
 */
export function decideFollowSwaps(followers: readonly Follower[], models: readonly VersionedModel[]): FollowDecision[] {
  const decisions: FollowDecision[] = [];
  for (const f of followers) {
    const holder = labelHolder(models, f);
    if (!holder || holder.id === f.currentModelId) continue;
    if (!SWAPPABLE.includes(f.lifecycleState) && !WAITING.includes(f.lifecycleState)) continue;
    const unservable = unservableReason(holder, f.needsArtifact);
    if (unservable) {
      decisions.push({ kind: 'wait', deploymentId: f.deploymentId, reason: unservable });
      continue;
    }
    if (f.lastAttempt?.toModelId === holder.id && f.lastAttempt.failed) {
      decisions.push({ kind: 'wait', deploymentId: f.deploymentId, reason: `the swap to model ${holder.displayName} (version ${holder.versionId}) failed; move the label again or update the deployment` });
      continue;
    }
    if (f.busy || WAITING.includes(f.lifecycleState)) {
      decisions.push({ kind: 'wait', deploymentId: f.deploymentId, reason: `the deployment is ${f.busy ? 'busy with other work' : f.lifecycleState}` });
      continue;
    }
    decisions.push({ kind: 'swap', deploymentId: f.deploymentId, fromModelId: f.currentModelId, toModel: holder });
  }
  return decisions;
}

/** The next version number in a set: one more than the highest so far. */
export const nextVersionId = (versionIds: readonly (number | null)[]): number => Math.max(0, ...versionIds.map((v) => v ?? 0)) + 1;

/** A label as stored: blank means none. */
export const normalizeLabel = (label: string | null | undefined): string | null => (label == null || label.trim() === '' ? null : label.trim());

/** A version set as the console shows it: its live models, newest version first, and its followers. */
export interface VersionSetView {
  set: ModelVersionSet;
  models: Model[];
  followers: (ModelDeploymentSummary & { berthFollow: DeploymentFollow })[];
}
