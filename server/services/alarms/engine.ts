import type { Db } from '@/db/client';
import { insertAlarmHistory, lastAlarmActionFinishedAt, listEnabledAlarmRows, updateAlarmRow, type AlarmRow } from '@/db/queries/alarms';
import { getModelDeploymentRow, type ModelDeploymentRow } from '@/db/queries/model-deployments';
import { planAlarmAction, toInstanceConfiguration, type ActionPlan } from '@/server/domain/alarm-actions';
import { evaluateAlarm, type AlarmEvaluation } from '@/server/domain/alarm-evaluator';
import { parseAlarmExpression, withResourceId } from '@/server/domain/alarm-expression';
import type { ModelDeploymentLifecycleState, UpdateModelDeploymentDetails } from '@/server/domain/oci-types';
import { createPeriodicTask } from '@/server/jobs/periodic-task';
import type { WorkRequestRunner } from '@/server/jobs/runner';
import type { DataScienceProvider } from '@/server/providers/types';
import { customSeries } from '@/db/queries/scaling-series';

// The control plane's alarm loop: every interval it evaluates each enabled alarm of a deployment
// that serves on the stored metrics, stores the state and each transition with the value seen,
// and on OK_TO_FIRING or REPEAT carries out the alarm's action as an update through the provider
// (the same code, checks and work request as an edit in the console), or records why not.

/** States whose metrics mean something now; an INACTIVE or deleted deployment's alarms rest. */
const EVALUATED: readonly ModelDeploymentLifecycleState[] = ['ACTIVE', 'UPDATING', 'NEEDS_ATTENTION'];

export interface AlarmOutcome {
  alarmId: string;
  evaluation: AlarmEvaluation | null;
  plan?: ActionPlan;
  workRequestId?: string;
}

export interface AlarmEngineDeps {
  db: Db;
  /** The unchecked provider: the alarm acts on its own, authorized when it was saved. */
  provider: Pick<DataScienceProvider, 'updateModelDeployment'>;
  runner: Pick<WorkRequestRunner, 'busyResources'>;
  now: () => Date;
  logger?: Pick<Console, 'error' | 'info'>;
}

function updateDetails(row: ModelDeploymentRow, plan: ActionPlan): UpdateModelDeploymentDetails | null {
  const modelId = row.modelDeploymentConfigurationDetails.modelConfigurationDetails.modelId;
  if (plan.kind === 'INSTANCES') {
    return { modelDeploymentConfigurationDetails: { deploymentType: 'SINGLE_MODEL', modelConfigurationDetails: { modelId, scalingPolicy: { policyType: 'FIXED_SIZE', instanceCount: plan.to } } } };
  }
  if (plan.kind === 'SHAPE') {
    return { modelDeploymentConfigurationDetails: { deploymentType: 'SINGLE_MODEL', modelConfigurationDetails: { modelId, instanceConfiguration: toInstanceConfiguration(plan.to) } } };
  }
  return null;
}

export function createAlarmEngine(deps: AlarmEngineDeps) {
  const { db } = deps;
  const logger = deps.logger ?? console;

  async function act(alarm: AlarmRow, row: ModelDeploymentRow, now: number, time: string, value: number | null): Promise<Pick<AlarmOutcome, 'plan' | 'workRequestId'>> {
    const lastAction = lastAlarmActionFinishedAt(db, row.id, now);
    const config = row.modelDeploymentConfigurationDetails.modelConfigurationDetails;
    const plan = planAlarmAction(alarm.action, {
      lifecycleState: row.lifecycleState,
      busy: deps.runner.busyResources().has(row.id),
      coolDownLeftMs: lastAction === null ? 0 : lastAction + alarm.coolDownSeconds * 1000 - now,
      scalingPolicy: config.scalingPolicy,
      instanceConfiguration: config.instanceConfiguration,
    });
    const record = (kind: 'ACTION' | 'ACTION_REFUSED' | 'ACTION_FAILED', summary: string, workRequestId: string | null = null) =>
      insertAlarmHistory(db, { alarmId: alarm.id, modelDeploymentId: row.id, time, kind, value, summary, workRequestId });
    if (plan.kind === 'NONE') return { plan };
    if (plan.kind === 'REFUSED') {
      record('ACTION_REFUSED', plan.summary);
      return { plan };
    }
    const details = updateDetails(row, plan);
    if (!details) return { plan };
    const accepted = await deps.provider.updateModelDeployment(row.id, details);
    if (!accepted.ok) {
      record('ACTION_FAILED', `${plan.summary} Refused by the update: ${accepted.error.message}`);
      return { plan };
    }
    record('ACTION', plan.summary, accepted.data.workRequestId);
    logger.info(`alarm ${alarm.displayName} on ${row.id}: ${plan.summary} (${accepted.data.workRequestId})`);
    return { plan, workRequestId: accepted.data.workRequestId };
  }

  async function evaluate(alarm: AlarmRow): Promise<AlarmOutcome | null> {
    const row = getModelDeploymentRow(db, alarm.modelDeploymentId);
    const now = deps.now().getTime();
    const time = new Date(now).toISOString();
    if (!row || !EVALUATED.includes(row.lifecycleState)) {
      // A deployment that stopped serving has no load to alarm on: a firing alarm rests at OK.
      if (alarm.state === 'FIRING' && !(row && ['CREATING', 'DELETING'].includes(row.lifecycleState))) {
        const summary = `The deployment is ${row?.lifecycleState ?? 'gone'}: the alarm rests until it serves again.`;
        db.transaction((tx) => {
          updateAlarmRow(tx, alarm.id, { state: 'OK', timeStateChanged: time, lastSummary: summary, timeLastEvaluated: time });
          insertAlarmHistory(tx, { alarmId: alarm.id, modelDeploymentId: alarm.modelDeploymentId, time, kind: 'FIRING_TO_OK', value: null, summary, workRequestId: null });
        });
      }
      return null;
    }
    const parsed = parseAlarmExpression(withResourceId(alarm.query, row.id));
    if (!parsed.ok) {
      updateAlarmRow(db, alarm.id, { lastSummary: `The query cannot be evaluated: ${parsed.error.message}`, timeLastEvaluated: time });
      return { alarmId: alarm.id, evaluation: null };
    }
    const since = now - (alarm.pendingSeconds + 5 * 60) * 1000;
    const series = await customSeries(db, alarm.query, row.id, since, now);
    const evaluation = evaluateAlarm({
      condition: { op: parsed.data.op, threshold: parsed.data.threshold, pendingMs: alarm.pendingSeconds * 1000, repeatMs: alarm.repeatSeconds === null ? null : alarm.repeatSeconds * 1000 },
      status: { state: alarm.state, lastNotifiedAt: alarm.timeLastNotified ? Date.parse(alarm.timeLastNotified) : null },
      series,
      now,
    });
    const { transition } = evaluation;
    const notified = transition === 'OK_TO_FIRING' || transition === 'REPEAT';
    db.transaction((tx) => {
      updateAlarmRow(tx, alarm.id, {
        state: evaluation.state,
        lastValue: evaluation.latest,
        lastSummary: evaluation.summary,
        timeLastEvaluated: time,
        ...(transition && transition !== 'REPEAT' ? { timeStateChanged: time } : {}),
        ...(notified ? { timeLastNotified: time } : {}),
      });
      if (transition) insertAlarmHistory(tx, { alarmId: alarm.id, modelDeploymentId: row.id, time, kind: transition, value: evaluation.latest, summary: evaluation.summary, workRequestId: null });
    });
    if (!notified) return { alarmId: alarm.id, evaluation };
    return { alarmId: alarm.id, evaluation, ...(await act(alarm, row, now, time, evaluation.latest)) };
  }

  async function once(): Promise<AlarmOutcome[]> {
    const outcomes: AlarmOutcome[] = [];
    for (const alarm of listEnabledAlarmRows(db)) {
      try {
        const outcome = await evaluate(alarm);
        if (outcome) outcomes.push(outcome);
      } catch (cause) {
        // One alarm's failure must not stop the others' evaluation.
        logger.error(`alarm ${alarm.id} failed`, cause);
      }
    }
    return outcomes;
  }

  const task = createPeriodicTask(once, { name: 'alarm', logger });

  return {
    /** One pass over every enabled alarm; concurrent callers share it. */
    evaluateOnce: task.runOnce,
    start: task.start,
    stop: task.stop,
  };
}

export type AlarmEngine = ReturnType<typeof createAlarmEngine>;
