import crypto from 'node:crypto';
import type { Db, DbOrTx } from '@/db/client';
import { endFaultRow, getFaultRow, insertFaultRow, listFaultRows, listOpenFaultRows, type FaultRow } from '@/db/queries/faults';
import { getModelDeploymentRow } from '@/db/queries/model-deployments';
import { getRouteRow, upsertRoute } from '@/db/queries/serving';
import { insertWorkRequestLog, insertWorkRequestRow } from '@/db/queries/work-requests';
import {
  GATEWAY_FAULT_KINDS,
  describeFault,
  expiredUnrecorded,
  isFaultActive,
  type Fault,
  type FaultEndReason,
  type FaultSpec,
} from '@/server/domain/faults';
import type { WorkRequestOperationType } from '@/server/domain/oci-types';
import { generateOcid } from '@/server/domain/ocid';
import { domainError, err, notFound, ok } from '@/server/domain/result';
import type { FaultChange, FaultInjectionApi } from '../../types';
import type { GatewayClient } from './gateway-client';

// Fault injection in the local provider. Turning a fault on or off is immediate, so each change is
// recorded as a work request that is already done, with a log line saying what and until when;
// the end of an expired fault is recorded the same way by the sweeper. The gateway applies
// gateway faults by its own clock; instance faults apply when an instance starts (instance-faults.ts).

export interface FaultDeps {
  db: Db;
  gateway: GatewayClient;
  region: string;
  now: () => Date;
}

const RECENT_ENDED = 10;
// Long enough for a loaded machine's gateway to reload; the fault is on in the database either way.
const CONFIRM_TIMEOUT_MS = 5000;

export const toFault = (row: FaultRow): Fault => ({
  id: row.id,
  modelDeploymentId: row.modelDeploymentId,
  spec: row.spec,
  timeStarted: row.timeStarted,
  timeExpires: row.timeExpires,
  timeEnded: row.timeEnded,
  endReason: row.endReason,
});

/** The faults on for a deployment now (what an instance start consults). */
export function activeFaults(db: Db, modelDeploymentId: string, now: number): FaultRow[] {
  return listOpenFaultRows(db, modelDeploymentId).filter((r) => isFaultActive(r, now));
}

export const activeFaultSpecs = (db: Db, modelDeploymentId: string, now: number): FaultSpec[] => activeFaults(db, modelDeploymentId, now).map((r) => r.spec);

export function createLocalFaultInjection(deps: FaultDeps): FaultInjectionApi & { sweepExpired(): number } {
  const { db } = deps;
  const stamp = () => deps.now().toISOString();

  const newWorkRequestId = () => generateOcid('datascienceworkrequest', { region: deps.region });

  function record(tx: DbOrTx, id: string, md: { id: string; compartmentId: string }, op: WorkRequestOperationType, lines: string[], time: string): void {
    insertWorkRequestRow(tx, {
      id,
      operationType: op,
      status: 'SUCCEEDED',
      compartmentId: md.compartmentId,
      percentComplete: 100,
      resources: [{ actionType: 'UPDATED', entityType: 'model-deployment', identifier: md.id, entityUri: `/modelDeployments/${md.id}` }],
      timeAccepted: time,
      timeStarted: time,
      timeFinished: time,
      resourceId: md.id,
      payload: {},
    });
    for (const line of lines) insertWorkRequestLog(tx, id, line, time);
  }

  /** Makes the gateway read the faults now (a route write is the contract), and waits for its word. */
  async function tellGateway(modelDeploymentId: string, check: (faults: string[]) => boolean): Promise<boolean> {
    const route = getRouteRow(db, modelDeploymentId);
    if (!route) return false;
    const { version: _version, ...rest } = route;
    upsertRoute(db, { ...rest, timeUpdated: stamp() });
    await deps.gateway.reload();
    return deps.gateway.waitFor((s) => {
      const r = s.routes.find((x) => x.modelDeploymentId === modelDeploymentId);
      return r !== undefined && check(r.faults ?? []);
    }, CONFIRM_TIMEOUT_MS);
  }

  /** Ends a fault and records it, once: a second end (the sweeper racing a turn-off) records nothing. */
  function end(row: FaultRow, reason: FaultEndReason, time: string): string | null {
    const md = getModelDeploymentRow(db, row.modelDeploymentId);
    const what = describeFault(row.spec);
    const line = reason === 'EXPIRED' ? `Fault injection ended by itself at its set time: ${what}.` : `Fault injection turned off: ${what}.`;
    const wrId = newWorkRequestId();
    return db.transaction((tx) => {
      if (!endFaultRow(tx, row.id, { timeEnded: time, endReason: reason, endWorkRequestId: wrId })) return null;
      record(tx, wrId, { id: row.modelDeploymentId, compartmentId: md?.compartmentId ?? '' }, 'MODEL_DEPLOYMENT_FAULT_OFF', [line], time);
      return wrId;
    });
  }

  function sweepExpired(): number {
    const due = expiredUnrecorded(listOpenFaultRows(db), deps.now().getTime());
    // The end is stamped with the expiry, not the sweep: that is when the fault stopped acting.
    for (const row of due) end(row, 'EXPIRED', row.timeExpires);
    return due.length;
  }

  return {
    sweepExpired,

    async listFaults(modelDeploymentId) {
      if (!getModelDeploymentRow(db, modelDeploymentId)) return err(notFound('Model deployment', modelDeploymentId));
      sweepExpired();
      const rows = listFaultRows(db, modelDeploymentId, 50);
      const open = rows.filter((r) => r.timeEnded === null);
      const ended = rows.filter((r) => r.timeEnded !== null).slice(0, RECENT_ENDED);
      return ok([...open, ...ended].map(toFault));
    },

    async startFault(modelDeploymentId, { spec, durationSeconds }) {
      const md = getModelDeploymentRow(db, modelDeploymentId);
      if (!md || md.lifecycleState === 'DELETED') return err(notFound('Model deployment', modelDeploymentId));
      if (md.lifecycleState === 'DELETING') return err(domainError('IncorrectState', 'The model deployment is being deleted; no fault can be turned on.'));
      sweepExpired();
      const now = deps.now();
      const same = listOpenFaultRows(db, modelDeploymentId).find((r) => r.kind === spec.kind && isFaultActive(r, now.getTime()));
      if (same) {
        return err(domainError('IncorrectState', `${describeFault(same.spec)} is already on until ${same.timeExpires}; turn it off first.`, { kind: 'Already on' }));
      }
      const time = now.toISOString();
      const expires = new Date(now.getTime() + durationSeconds * 1000).toISOString();
      const gatewayFault = GATEWAY_FAULT_KINDS.includes(spec.kind);
      const row: FaultRow = {
        id: `fault-${crypto.randomBytes(6).toString('hex')}`,
        modelDeploymentId,
        kind: spec.kind,
        spec,
        timeStarted: time,
        timeExpires: expires,
        timeEnded: null,
        endReason: null,
        startWorkRequestId: null,
        endWorkRequestId: null,
      };
      const lines = [
        `Fault injection on for ${durationSeconds} s (until ${expires}): ${describeFault(spec)}.`,
        gatewayFault
          ? 'The gateway applies it to predict requests; injected answers carry the x-berth-fault header.'
          : 'It applies to each instance started while it is on (create, activate, update, or a replaced instance).',
      ];
      const workRequestId = newWorkRequestId();
      db.transaction((tx) => {
        record(tx, workRequestId, md, 'MODEL_DEPLOYMENT_FAULT_ON', lines, time);
        insertFaultRow(tx, { ...row, startWorkRequestId: workRequestId });
      });
      if (gatewayFault) {
        const confirmed = await tellGateway(modelDeploymentId, (faults) => faults.includes(row.id));
        insertWorkRequestLog(db, workRequestId, confirmed ? 'The gateway confirmed it applies the fault.' : 'The gateway applies the fault when it next serves this deployment.', stamp());
      }
      return ok({ fault: toFault({ ...row, startWorkRequestId: workRequestId }), workRequestId } satisfies FaultChange);
    },

    async stopFault(modelDeploymentId, faultId) {
      const row = getFaultRow(db, faultId);
      if (!row || row.modelDeploymentId !== modelDeploymentId) return err(notFound('Fault', faultId));
      if (row.timeEnded !== null) return err(domainError('IncorrectState', `The fault ${faultId} already ended (${row.endReason === 'EXPIRED' ? 'expired' : 'turned off'}).`));
      const expired = Date.parse(row.timeExpires) <= deps.now().getTime();
      const workRequestId = end(row, expired ? 'EXPIRED' : 'TURNED_OFF', expired ? row.timeExpires : stamp());
      if (!workRequestId) return err(domainError('IncorrectState', `The fault ${faultId} already ended.`));
      if (GATEWAY_FAULT_KINDS.includes(row.spec.kind)) await tellGateway(modelDeploymentId, (faults) => !faults.includes(row.id));
      const ended = getFaultRow(db, faultId);
      return ok({ fault: toFault(ended ?? row), workRequestId });
    },
  };
}
