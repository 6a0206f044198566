import type { Db, DbOrTx } from '@/db/client';
import { deleteIdleGuardRow, getIdleGuardRow, inFlightOperation, lastActivatedAt, lastPredictRequestPoint, listEnabledIdleGuardRows, updateIdleGuardMemory, type IdleGuardRow } from '@/db/queries/idle-guards';
import { getModelDeploymentRow, type ModelDeploymentRow } from '@/db/queries/model-deployments';
import { insertScalingEvent } from '@/db/queries/scaling-events';
import { decideIdleGuard, type GuardAction, type GuardDecision, type IdleFacts, type IdleGuardSettings } from '@/server/domain/idle-guard';
import { startingInstanceCount } from '@/server/domain/scaling-instances';
import { createPeriodicTask } from '@/server/jobs/periodic-task';
import type { WorkRequestRunner } from '@/server/jobs/runner';
import type { DataScienceProvider } from '@/server/providers/types';

// The control plane's idle guard loop: every interval it decides, for each enabled guard, whether
// its deployment has been idle long enough to deactivate or has reached a scheduled activation,
// and carries that out through the provider's ordinary DEACTIVATE / ACTIVATE (the same work
// request, state checks and progress as the console's buttons). Each action, and each hold worth
// knowing about, goes on the Scaling tab's timeline (scaling_events); a hold is recorded once,
// not at every evaluation, by remembering its key on the guard.

export interface IdleGuardOutcome {
  deploymentId: string;
  decision: GuardDecision;
  workRequestId?: string;
  /** Whether this evaluation wrote a timeline entry. */
  recorded: boolean;
}

export interface IdleGuardEngineDeps {
  db: Db;
  /** The unchecked provider: the guard acts on its own, authorized when it was saved. */
  provider: Pick<DataScienceProvider, 'activateModelDeployment' | 'deactivateModelDeployment'>;
  runner: Pick<WorkRequestRunner, 'busyResources'>;
  now: () => Date;
  logger?: Pick<Console, 'error' | 'info'>;
}

export const settingsOf = (g: IdleGuardRow): IdleGuardSettings => ({ isEnabled: g.isEnabled, idleMinutes: g.idleMinutes, schedule: g.schedule ?? null });

/** What the guard reads about a deployment: its newest predict requests and when it became ACTIVE. */
export function idleFactsOf(db: Db, guard: IdleGuardRow, row: ModelDeploymentRow): IdleFacts {
  const point = lastPredictRequestPoint(db, row.id);
  return {
    lastRequestAt: point?.timestamp ?? null,
    lastRequestResolutionMs: point?.resolutionMs ?? 60_000,
    activeSince: lastActivatedAt(db, row.id) ?? Date.parse(row.timeCreated),
    watchingSince: Date.parse(guard.timeUpdated),
  };
}

function workInFlight(db: Db, id: string): 'ACTIVATE' | 'DEACTIVATE' | 'OTHER' {
  const op = inFlightOperation(db, id);
  return op === 'MODEL_DEPLOYMENT_ACTIVATE' ? 'ACTIVATE' : op === 'MODEL_DEPLOYMENT_DEACTIVATE' ? 'DEACTIVATE' : 'OTHER';
}

/** How many instances an activation brings up, as the provider starts them. */
const activatedCount = (row: ModelDeploymentRow) => startingInstanceCount(row.modelDeploymentConfigurationDetails.modelConfigurationDetails.scalingPolicy);

export function createIdleGuardEngine(deps: IdleGuardEngineDeps) {
  const { db } = deps;
  const logger = deps.logger ?? console;

  function record(tx: DbOrTx, row: ModelDeploymentRow, time: string, action: GuardAction, reason: string, workRequestId: string | null, heldBy: 'BUSY' | 'STATE' | null) {
    const from = row.currentInstanceCount ?? 0;
    const to = heldBy ? from : action === 'DEACTIVATE' ? 0 : activatedCount(row);
    insertScalingEvent(tx, { modelDeploymentId: row.id, time, action, fromCount: from, toCount: to, reason, heldBy, observations: [], workRequestId });
  }

  async function act(guard: IdleGuardRow, row: ModelDeploymentRow, decision: Extract<GuardDecision, { kind: GuardAction }>, time: string): Promise<IdleGuardOutcome> {
    const accepted = decision.kind === 'DEACTIVATE' ? await deps.provider.deactivateModelDeployment(row.id) : await deps.provider.activateModelDeployment(row.id);
    const slot = decision.slot === undefined ? {} : { handledSlot: decision.slot };
    if (!accepted.ok) {
      // The deployment changed between the decision and the call (a click, another loop): said once.
      const key = `${decision.kind}:REFUSED:${accepted.error.code}`;
      const recorded = guard.lastHoldKey !== key;
      if (recorded) record(db, row, time, decision.kind, `${decision.reason.replace(/\.$/, '')}: not carried out: ${accepted.error.message}`, null, 'STATE');
      updateIdleGuardMemory(db, guard.modelDeploymentId, { ...slot, lastHoldKey: key });
      return { deploymentId: row.id, decision, recorded };
    }
    db.transaction((tx) => {
      record(tx, row, time, decision.kind, decision.reason, accepted.data.workRequestId, null);
      updateIdleGuardMemory(tx, guard.modelDeploymentId, { ...slot, lastHoldKey: null });
    });
    logger.info(`idle guard ${row.id}: ${decision.reason} (${accepted.data.workRequestId})`);
    return { deploymentId: row.id, decision, workRequestId: accepted.data.workRequestId, recorded: true };
  }

  async function evaluate(guard: IdleGuardRow): Promise<IdleGuardOutcome | null> {
    const row = getModelDeploymentRow(db, guard.modelDeploymentId);
    if (!row || row.lifecycleState === 'DELETED') {
      // Nothing left to guard: the guard goes with its deployment.
      deleteIdleGuardRow(db, guard.modelDeploymentId);
      return null;
    }
    const now = deps.now().getTime();
    const time = new Date(now).toISOString();
    const decision = decideIdleGuard({
      settings: settingsOf(guard),
      state: row.lifecycleState,
      work: deps.runner.busyResources().has(row.id) ? workInFlight(db, row.id) : 'NONE',
      now,
      facts: idleFactsOf(db, guard, row),
      handledSlot: guard.handledSlot,
    });
    if (decision.kind === 'NONE') {
      // Nothing holds it back any more: a later hold of the same kind is news again.
      if (guard.lastHoldKey !== null || decision.handledSlot !== undefined) {
        updateIdleGuardMemory(db, guard.modelDeploymentId, { lastHoldKey: null, ...(decision.handledSlot === undefined ? {} : { handledSlot: decision.handledSlot }) });
      }
      return { deploymentId: row.id, decision, recorded: false };
    }
    if (decision.kind !== 'HELD') return act(guard, row, decision, time);
    const recorded = guard.lastHoldKey !== decision.key;
    if (recorded) record(db, row, time, decision.action, decision.reason, null, decision.heldBy);
    if (recorded || decision.handledSlot !== undefined) updateIdleGuardMemory(db, guard.modelDeploymentId, { lastHoldKey: decision.key, ...(decision.handledSlot === undefined ? {} : { handledSlot: decision.handledSlot }) });
    return { deploymentId: row.id, decision, recorded };
  }

  async function once(): Promise<IdleGuardOutcome[]> {
    const outcomes: IdleGuardOutcome[] = [];
    for (const listed of listEnabledIdleGuardRows(db)) {
      try {
        // Read again: a save since the list was read starts the guard's watch afresh.
        const guard = getIdleGuardRow(db, listed.modelDeploymentId);
        const outcome = guard?.isEnabled ? await evaluate(guard) : null;
        if (outcome) outcomes.push(outcome);
      } catch (cause) {
        // One deployment's failure must not stop the other guards.
        logger.error(`idle guard ${listed.modelDeploymentId} failed`, cause);
      }
    }
    return outcomes;
  }

  const task = createPeriodicTask(once, { name: 'idle guard', logger });
  return {
    /** One pass over every enabled guard; concurrent callers share it. */
    evaluateOnce: task.runOnce,
    start: task.start,
    stop: task.stop,
  };
}

export type IdleGuardEngine = ReturnType<typeof createIdleGuardEngine>;
