import type { Db } from '@/db/client';
import {
  getWorkRequestRow,
  insertWorkRequestError,
  insertWorkRequestLog,
  insertWorkRequestRow,
  listWorkRequestRowsByStatus,
  updateWorkRequestRow,
  type WorkRequestRow,
} from '@/db/queries/work-requests';
import { parseJobPayload, type JobPayloadOf } from '@/server/domain/job-payload';
import { generateOcid } from '@/server/domain/ocid';
import type { JobOperationType, WorkRequestResource } from '@/server/domain/oci-types';
import { domainError, err, ok, type DomainError, type Result } from '@/server/domain/result';

export interface JobContext<Op extends JobOperationType = JobOperationType> {
  workRequest: WorkRequestRow;
  /** Parsed for the work request's operation type (server/domain/job-payload.ts) before the handler runs. */
  payload: JobPayloadOf<Op>;
  /** True when this run picks up work that a previous process left unfinished. */
  resumed: boolean;
  log(message: string): void;
  progress(percentComplete: number): void;
}

/** A handler must be idempotent: after a restart it runs again from the start. */
export type JobHandler<Op extends JobOperationType = JobOperationType> = (ctx: JobContext<Op>) => Promise<Result<void, DomainError>>;

/** Each operation type with the handler of its own payload. */
export type JobHandlers = { [Op in JobOperationType]?: JobHandler<Op> };

interface EnqueueBase {
  compartmentId: string;
  resourceId: string;
  resources: WorkRequestResource[];
  planId?: string;
  planStep?: number;
}

/** A work request to queue: its operation type decides the payload it must carry. */
export type EnqueueInput = { [Op in JobOperationType]: EnqueueBase & { operationType: Op; payload: JobPayloadOf<Op> } }[JobOperationType];

export interface RunnerDeps {
  db: Db;
  region: string;
  handlers: JobHandlers;
  now?: () => Date;
  logger?: Pick<Console, 'error' | 'info'>;
}

export interface WorkRequestRunner {
  enqueue(input: EnqueueInput): WorkRequestRow;
  cancel(id: string): Result<WorkRequestRow, DomainError>;
  /** Reconciles work left unfinished by a previous process, then starts running. Idempotent. */
  start(): void;
  /** Resolves once nothing is queued or running: for tests and orderly shutdown. */
  idle(): Promise<void>;
  /** Resources with work queued or running: nothing else should touch them now. */
  busyResources(): Set<string>;
}

export function createWorkRequestRunner(deps: RunnerDeps): WorkRequestRunner {
  const { db, handlers } = deps;
  const now = deps.now ?? (() => new Date());
  const logger = deps.logger ?? console;
  const running = new Map<string, Promise<void>>(); // resourceId -> the run in flight
  const resumedIds = new Set<string>();
  let started = false;
  let idleWaiters: (() => void)[] = [];

  const stamp = () => now().toISOString();
  const log = (id: string, message: string) => insertWorkRequestLog(db, id, message, stamp());

  function finish(row: WorkRequestRow, outcome: Result<void, DomainError>) {
    const time = stamp();
    db.transaction((tx) => {
      if (outcome.ok) {
        updateWorkRequestRow(tx, row.id, { status: 'SUCCEEDED', percentComplete: 100, timeFinished: time });
      } else {
        // A named startup failure is the error's code (IMPORT_ERROR, OOM_KILLED...), as OCI's
        // work request errors carry a service-specific code.
        const failure = outcome.error.failure ?? null;
        insertWorkRequestError(tx, row.id, failure?.failureClass ?? outcome.error.code, outcome.error.message, time, failure);
        updateWorkRequestRow(tx, row.id, { status: 'FAILED', timeFinished: time });
      }
    });
  }

  async function run(row: WorkRequestRow) {
    // The handler of this operation type, given the payload parsed for that same type below.
    const handler: JobHandler | undefined = handlers[row.operationType];
    const resumed = resumedIds.delete(row.id);
    if (!handler) {
      finish(row, err(domainError('NotImplemented', `No handler for ${row.operationType} work requests.`)));
      return;
    }
    const payload = parseJobPayload(row.operationType, row.payload);
    if (!payload.ok) {
      finish(row, err(domainError('InvalidParameter', payload.message)));
      return;
    }
    updateWorkRequestRow(db, row.id, { status: 'IN_PROGRESS', timeStarted: row.timeStarted ?? stamp() });
    const ctx: JobContext = {
      workRequest: row,
      payload: payload.data,
      resumed,
      log: (message) => log(row.id, message),
      progress: (pct) => updateWorkRequestRow(db, row.id, { percentComplete: Math.max(0, Math.min(100, pct)) }),
    };
    let outcome: Result<void, DomainError>;
    try {
      outcome = await handler(ctx);
    } catch (cause) {
      // Unexpected: keep the cause in the server log, give the user the message and a code.
      logger.error(`work request ${row.id} (${row.operationType}) failed unexpectedly`, cause);
      outcome = err(domainError('InternalServerError', `Unexpected failure: ${(cause as Error)?.message ?? String(cause)}`));
    }
    finish(row, outcome);
  }

  function pump() {
    const pending = listWorkRequestRowsByStatus(db, ['ACCEPTED']);
    for (const row of pending) {
      if (running.has(row.resourceId)) continue; // serialised per resource: wait for the one in flight
      const p = run(row)
        .catch((cause) => logger.error(`work request runner error on ${row.id}`, cause))
        .finally(() => {
          running.delete(row.resourceId);
          pump();
        });
      running.set(row.resourceId, p);
    }
    if (running.size === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const w of waiters) w();
    }
  }

  return {
    enqueue(input) {
      const row: WorkRequestRow = {
        id: generateOcid('datascienceworkrequest', { region: deps.region }),
        operationType: input.operationType,
        status: 'ACCEPTED',
        compartmentId: input.compartmentId,
        percentComplete: 0,
        resources: input.resources,
        timeAccepted: stamp(),
        timeStarted: null,
        timeFinished: null,
        resourceId: input.resourceId,
        payload: input.payload,
        planId: input.planId ?? null,
        planStep: input.planStep ?? null,
      };
      insertWorkRequestRow(db, row);
      if (started) queueMicrotask(pump);
      return row;
    },

    cancel(id) {
      const row = getWorkRequestRow(db, id);
      if (!row) return err(domainError('NotAuthorizedOrNotFound', `Work request ${id} was not found.`));
      // OCI cancels only work that has not started; once running, it runs to its end.
      if (row.status !== 'ACCEPTED') {
        return err(domainError('IncorrectState', `Work request ${id} is ${row.status}; only ACCEPTED work can be canceled.`));
      }
      const time = stamp();
      updateWorkRequestRow(db, id, { status: 'CANCELED', timeFinished: time });
      log(id, 'Canceled before it started.');
      return ok({ ...row, status: 'CANCELED', timeFinished: time });
    },

    start() {
      if (started) return;
      started = true;
      for (const row of listWorkRequestRowsByStatus(db, ['IN_PROGRESS', 'CANCELING'])) {
        if (row.status === 'CANCELING') {
          updateWorkRequestRow(db, row.id, { status: 'CANCELED', timeFinished: stamp() });
          continue;
        }
        log(row.id, 'The console restarted while this work was in progress; resuming it.');
        resumedIds.add(row.id);
        updateWorkRequestRow(db, row.id, { status: 'ACCEPTED' });
      }
      pump();
    },

    busyResources() {
      const busy = new Set(running.keys());
      for (const r of listWorkRequestRowsByStatus(db, ['ACCEPTED', 'IN_PROGRESS'])) busy.add(r.resourceId);
      return busy;
    },

    idle() {
      if (!started || (running.size === 0 && listWorkRequestRowsByStatus(db, ['ACCEPTED']).length === 0)) {
        return Promise.resolve();
      }
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
  };
}
