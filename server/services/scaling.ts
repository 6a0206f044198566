import type { Db } from '@/db/client';
import { listScalingEvents } from '@/db/queries/scaling-events';
import { instanceCountSeries, type InstanceCountPoint } from '@/server/domain/instance-count-series';
import type { ModelDeployment } from '@/server/domain/oci-types';
import { summarizeScaling, type ScalingDecisionView, type ScalingSummary } from '@/server/domain/scaling-summary';

// The deployment page's Scaling tab: the policy and instance counts from the deployment, the
// scaler's decisions from scaling_events (newest first, with their work request's state).

export const SCALING_TIMELINE_LIMIT = 50;

export interface ScalingTabView {
  summary: ScalingSummary;
  decisions: ScalingDecisionView[];
  /** The instance-count chart's step line (creation, each carried-out scaling, now). */
  instanceCounts: InstanceCountPoint[];
}

export function scalingTabView(db: Db, d: ModelDeployment): ScalingTabView {
  const summary = summarizeScaling(d.modelDeploymentConfigurationDetails?.modelConfigurationDetails.scalingPolicy, d.modelDeploymentSystemData?.currentInstanceCount ?? 0);
  const decisions = listScalingEvents(db, d.id, SCALING_TIMELINE_LIMIT).map(
    (e): ScalingDecisionView => ({
      id: e.id,
      time: e.time,
      action: e.action,
      fromCount: e.fromCount,
      toCount: e.toCount,
      reason: e.reason,
      heldBy: e.heldBy ?? null,
      observations: e.observations,
      workRequestId: e.workRequestId ?? null,
      workRequestStatus: e.workRequestStatus,
    }),
  );
  const instanceCounts = instanceCountSeries({ decisions, timeCreated: d.timeCreated, currentInstanceCount: summary.current, now: Date.now() });
  return { summary, decisions, instanceCounts };
}
