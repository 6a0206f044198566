import { fitResources, type HostCapacity } from './fit-resources';
import type { ModelConfigurationDetails } from './oci-types';
import { startingInstanceCount } from './scaling-instances';
import { resolveShapeResources } from './shapes';

// What the deployments of this installation hold of the host, each instance as fitted to it
// (1 OCPU = 1 host CPU), and whether one more deployment would ask for more than the host has.
// The operations page shows the sum; the wizard warns before a create or edit overcommits.

/** States whose instances run, or are being started, and so hold CPU and memory. */
export const RESERVING_STATES = ['CREATING', 'ACTIVE', 'UPDATING'] as const;

export interface Reservation {
  cpus: number;
  memoryBytes: number;
  deployments: number;
  instances: number;
}

export interface ReservingDeployment {
  lifecycleState: string;
  modelConfigurationDetails: ModelConfigurationDetails;
  /** What runs now (the system data); the scaling policy's count when unknown or while starting. */
  currentInstanceCount?: number | null;
  /** How many deployments this entry stands for (the operations page groups equal ones in SQL); 1 when absent. */
  count?: number;
}

export const NO_RESERVATION: Reservation = { cpus: 0, memoryBytes: 0, deployments: 0, instances: 0 };

/** The instance count a configuration asks for: a fixed size, or an autoscaling policy's initial count. */
export function askedInstanceCount(mc: Pick<ModelConfigurationDetails, 'scalingPolicy'>): number {
  return startingInstanceCount(mc.scalingPolicy);
}

/** CPU and memory one instance of this configuration gets here; null when the shape is not valid. */
export function fittedInstance(mc: Pick<ModelConfigurationDetails, 'instanceConfiguration'>, host: HostCapacity): { cpus: number; memoryBytes: number } | null {
  const shape = resolveShapeResources(mc.instanceConfiguration);
  if (!shape.ok) return null;
  const fitted = fitResources(shape.data, host, false);
  return fitted.ok ? { cpus: fitted.data.nanoCpus / 1e9, memoryBytes: fitted.data.memoryBytes } : null;
}

export function reservationOf(deployments: readonly ReservingDeployment[], host: HostCapacity): Reservation {
  const out = { ...NO_RESERVATION };
  for (const d of deployments) {
    if (!(RESERVING_STATES as readonly string[]).includes(d.lifecycleState)) continue;
    const each = fittedInstance(d.modelConfigurationDetails, host);
    if (!each) continue;
    // While a deployment starts or changes, the instances being started count before they run.
    const asked = askedInstanceCount(d.modelConfigurationDetails);
    const instances = d.lifecycleState === 'ACTIVE' ? (d.currentInstanceCount ?? asked) : Math.max(d.currentInstanceCount ?? 0, asked);
    const n = d.count ?? 1;
    out.deployments += n;
    out.instances += instances * n;
    out.cpus += each.cpus * instances * n;
    out.memoryBytes += each.memoryBytes * instances * n;
  }
  return out;
}

export interface Overcommit {
  /** CPUs asked beyond the host's, 0 when CPU fits. */
  cpus: number;
  /** Bytes of memory asked beyond the host's, 0 when memory fits. */
  memoryBytes: number;
  /** What the host would then hold in all: the existing reservation plus the new deployment. */
  total: { cpus: number; memoryBytes: number };
}

/** How far the existing reservation plus `adding` exceeds the host, or null when it fits. */
export function overcommitOf(host: HostCapacity, reserved: Reservation, adding: { cpus: number; memoryBytes: number }): Overcommit | null {
  const total = { cpus: reserved.cpus + adding.cpus, memoryBytes: reserved.memoryBytes + adding.memoryBytes };
  // Float sums of fractional OCPUs must not report 0.0000001 CPU over.
  const cpus = Math.max(0, Math.round((total.cpus - host.cpus) * 1000) / 1000);
  const memoryBytes = Math.max(0, total.memoryBytes - host.memoryBytes);
  return cpus > 0 || memoryBytes > 0 ? { cpus, memoryBytes, total } : null;
}
