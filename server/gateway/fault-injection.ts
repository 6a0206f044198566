import Docker from 'dockerode';
import { FAULT_HEADER, decideRequest, isFaultActive, shouldCrash, type FaultSpec, type GatewayFaultDecision } from '@/server/domain/faults';
import type { Instance } from './instance';
import type { RouteState } from './route-table';
import type { FaultRowView } from './routes-source';

// The gateway's half of fault injection: per request, the 5xx rate, 429s and added latency of the
// faults that are on; per instance, the kill after N requests. Expiry is read off the clock, so a
// fault stops on time even while the console is down.

export type KillInstance = (inst: Pick<Instance, 'id' | 'containerName'>) => Promise<void>;

export interface FaultInjector {
  /** null when no fault of the route is on: the request goes its usual way at no cost. */
  decide(route: RouteState): (GatewayFaultDecision & { header: string }) | null;
  /** After an instance answered: counts it under CRASH_AFTER and kills the instance when due. */
  served(route: RouteState, inst: Instance): void;
}

export interface FaultInjectorOptions {
  now: () => number;
  random: () => number;
  killInstance: KillInstance;
  /** The instance is out of rotation at once, before the kill lands. */
  markDown: (inst: Instance, reason: string) => void;
  logger?: Pick<Console, 'error' | 'info'>;
}

const activeOf = (faults: readonly FaultRowView[], now: number) =>
  faults.filter((f) => isFaultActive({ ...f, timeEnded: null }, now));

export function createFaultInjector(options: FaultInjectorOptions): FaultInjector {
  const logger = options.logger ?? console;
  return {
    decide(route) {
      if (route.faults.length === 0) return null;
      const active = activeOf(route.faults, options.now()).filter((f) => f.spec.kind !== 'CRASH_AFTER');
      if (active.length === 0) return null;
      const decision = decideRequest(
        active.map((f) => f.spec),
        options.random,
      );
      if (decision.action === 'forward' && decision.delayMs === 0) return null;
      const by = decision.action === 'reject' ? active.find((f) => f.spec.kind === decision.kind) : active.find((f) => f.spec.kind === 'LATENCY');
      const parts = [decision.action === 'reject' ? decision.kind : 'LATENCY', ...(decision.delayMs > 0 ? [`delay=${decision.delayMs}ms`] : []), ...(by ? [`id=${by.id}`] : [])];
      return { ...decision, header: parts.join('; ') };
    },
    served(route, inst) {
      if (route.faults.length === 0 || inst.killed) return;
      const crash = activeOf(route.faults, options.now()).find((f) => f.spec.kind === 'CRASH_AFTER');
      if (!crash) return;
      if (inst.crashCount.faultId !== crash.id) inst.crashCount = { faultId: crash.id, served: 0 };
      inst.crashCount.served += 1;
      if (!shouldCrash([crash.spec], inst.crashCount.served)) return;
      inst.killed = true;
      const requests = (crash.spec as Extract<FaultSpec, { kind: 'CRASH_AFTER' }>).requests;
      options.markDown(inst, `killed by fault injection after ${requests} request${requests === 1 ? '' : 's'}`);
      logger.info(`gateway: fault injection kills instance ${inst.id} (${inst.containerName}) after ${inst.crashCount.served} requests`);
      options.killInstance(inst).catch((err: unknown) => logger.error(`gateway: could not kill ${inst.containerName} for fault injection:`, err));
    },
  };
}

/** Header name and value for a response the gateway made up or delayed. */
export const faultHeader = (value: string): Record<string, string> => ({ [FAULT_HEADER]: value });

/** The default kill: SIGKILL through the Docker engine, as an OOM or a segfault would end it. */
export function dockerKiller(): KillInstance {
  let docker: Docker | null = null;
  return async (inst) => {
    docker ??= process.env.DOCKER_HOST ? new Docker() : new Docker({ socketPath: '/var/run/docker.sock' });
    try {
      await docker.getContainer(inst.containerName).kill({ signal: 'SIGKILL' });
    } catch (err) {
      // Gone already (404) or not running (409): it is as dead as it will get.
      const status = (err as { statusCode?: number } | null)?.statusCode;
      if (status !== 404 && status !== 409) throw err;
    }
  };
}
