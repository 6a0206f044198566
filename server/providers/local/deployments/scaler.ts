import { getModelDeploymentRow, listModelDeploymentRowsInStates, updateModelDeploymentRow, type ModelDeploymentRow } from '@/db/queries/model-deployments';
import { insertScalingEvent, lastScalingFinishedAt } from '@/db/queries/scaling-events';
import { evaluateAutoscaling, type ScalingDecision } from '@/server/domain/autoscaling-evaluator';
import { checkOperation } from '@/server/domain/md-lifecycle';
import type { AutoScalingPolicy } from '@/server/domain/oci-types';
import { createPeriodicTask } from '@/server/jobs/periodic-task';
import type { WorkRequestRunner } from '@/server/jobs/runner';
import { readRuleSeries } from '@/db/queries/scaling-series';
import type { RolloutDeps } from './rollout';
import { servingInstances } from './scale';
import type { ScalePayload } from '@/server/domain/job-payload';

// The control plane's autoscaler: every interval it evaluates each ACTIVE deployment with an
// enabled AUTOSCALING policy on its stored metrics, records what it decided (a scaling, or one held
// back by the cooldown or the bounds) and turns a decision into a MODEL_DEPLOYMENT_UPDATE work
// request that scales the serving instances in place (scale-job.ts). A deployment with any work
// queued or running, or not ACTIVE, is left alone: one scaling at a time, never during other work.

export interface ScalerOutcome {
  deploymentId: string;
  decision: ScalingDecision;
  /** The scaling's work request; absent when nothing was started. */
  workRequestId?: string;
  /** Why the decision was not carried out, when it was not (the deployment changed meanwhile). */
  skipped?: string;
}

export interface ScalerReport {
  outcomes: ScalerOutcome[];
}

const enabledPolicy = (row: ModelDeploymentRow): AutoScalingPolicy | null => {
  const p = row.modelDeploymentConfigurationDetails.modelConfigurationDetails.scalingPolicy;
  return p?.policyType === 'AUTOSCALING' && p.isEnabled !== false ? p : null;
};

type ScalerRunner = Pick<WorkRequestRunner, 'busyResources' | 'enqueue'>;

export function createScaler(deps: Pick<RolloutDeps, 'db' | 'now'>, runner: ScalerRunner, logger: Pick<Console, 'error' | 'info'> = console) {
  const { db } = deps;

  /** Queues the scaling if the deployment is still ACTIVE and idle; in one transaction with its record. */
  function apply(row: ModelDeploymentRow, decision: ScalingDecision, fromCount: number, time: string): ScalerOutcome {
    return db.transaction((tx) => {
      const now = getModelDeploymentRow(tx, row.id);
      if (!now || now.lifecycleState !== 'ACTIVE') return { deploymentId: row.id, decision, skipped: `the deployment is ${now?.lifecycleState ?? 'gone'}` };
      if (runner.busyResources().has(row.id)) return { deploymentId: row.id, decision, skipped: 'other work started on the deployment' };
      const transition = checkOperation('UPDATE', 'ACTIVE');
      if (!transition.ok || !transition.data.transitional) return { deploymentId: row.id, decision, skipped: 'an update is not allowed now' };
      const scale: ScalePayload = { targetCount: decision.targetCount, reason: decision.reason, fromDetails: now.lifecycleDetails };
      updateModelDeploymentRow(tx, row.id, { lifecycleState: transition.data.transitional, lifecycleDetails: `Autoscaling: ${decision.reason}` });
      const wr = runner.enqueue({
        operationType: 'MODEL_DEPLOYMENT_UPDATE',
        compartmentId: now.compartmentId,
        resourceId: row.id,
        resources: [{ actionType: 'UPDATED', entityType: 'model-deployment', identifier: row.id, entityUri: `/modelDeployments/${row.id}` }],
        payload: { scale, fromState: 'ACTIVE' },
      });
      insertScalingEvent(tx, {
        modelDeploymentId: row.id,
        time,
        action: decision.action,
        fromCount,
        toCount: decision.targetCount,
        reason: decision.reason,
        heldBy: null,
        observations: decision.observations,
        workRequestId: wr.id,
      });
      return { deploymentId: row.id, decision, workRequestId: wr.id };
    });
  }

  async function evaluate(row: ModelDeploymentRow, policy: AutoScalingPolicy): Promise<ScalerOutcome | null> {
    const count = servingInstances(deps, row.id).length;
    // Nothing serves (the reconciler is bringing instances back): no reading of load means anything.
    if (count === 0) return null;
    const now = deps.now().getTime();
    const rules = policy.autoScalingPolicies[0]?.rules ?? [];
    const series = await readRuleSeries(db, rules, row.id, now);
    const decision = evaluateAutoscaling({ policy, series, currentInstanceCount: count, lastScalingAt: lastScalingFinishedAt(db, row.id, now), now });
    const time = new Date(now).toISOString();
    if (decision.action !== 'NONE') return apply(row, decision, count, time);
    if (decision.heldBy === 'COOLDOWN' || decision.heldBy === 'BOUNDS') {
      insertScalingEvent(db, {
        modelDeploymentId: row.id,
        time,
        action: 'NONE',
        fromCount: count,
        toCount: count,
        reason: decision.reason,
        heldBy: decision.heldBy,
        observations: decision.observations,
        workRequestId: null,
      });
    }
    return { deploymentId: row.id, decision };
  }

  async function once(): Promise<ScalerReport> {
    const busy = runner.busyResources();
    const outcomes: ScalerOutcome[] = [];
    for (const row of listModelDeploymentRowsInStates(db, ['ACTIVE'])) {
      const policy = enabledPolicy(row);
      if (!policy || busy.has(row.id)) continue;
      try {
        const outcome = await evaluate(row, policy);
        if (outcome) outcomes.push(outcome);
      } catch (cause) {
        // One deployment's failure (a query that cannot run) must not stop the others' scaling.
        logger.error(`autoscaling ${row.id} failed`, cause);
      }
    }
    return { outcomes };
  }

  const task = createPeriodicTask(once, {
    name: 'autoscaling',
    logger,
    onResult: (r) => {
      for (const o of r.outcomes) if (o.workRequestId) logger.info(`autoscaling ${o.deploymentId}: ${o.decision.reason} (${o.workRequestId})`);
    },
  });

  return {
    /** One pass over every autoscaled deployment; concurrent callers share it. */
    evaluateOnce: task.runOnce,
    start: task.start,
    stop: task.stop,
  };
}

export type Scaler = ReturnType<typeof createScaler>;
