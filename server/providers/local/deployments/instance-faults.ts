import type { Db } from '@/db/client';
import { instanceStartFaults } from '@/server/domain/faults';
import { activeFaults } from './faults';
import type { ServingPlan } from './serving-plan';

// Instance faults act where an instance starts: a slow start holds the container's start, and a
// failing bootstrap replaces its command with one that says so and exits 1, so the startup watcher
// sees a real container exit with real output, as with a model that cannot start.

export interface InstanceFaultEffect {
  plan: ServingPlan;
  /** Held this long before the container starts (ms). */
  heldMs: number;
  /** For the instance row: what fault injection did to this start; null: nothing. */
  note: string | null;
}

export async function applyInstanceFaults(db: Db, deploymentId: string, plan: ServingPlan, now: () => number = Date.now): Promise<InstanceFaultEffect> {
  const at = now();
  const active = activeFaults(db, deploymentId, at);
  const effect = instanceStartFaults(active.map((f) => f.spec));
  const notes: string[] = [];
  // Never held past the fault's own end: it stops by itself, holds included.
  const slowUntil = active.find((f) => f.spec.kind === 'SLOW_START')?.timeExpires;
  const holdMs = slowUntil ? Math.min(effect.holdMs, Math.max(0, Date.parse(slowUntil) - at)) : 0;
  if (holdMs > 0) {
    notes.push(`Start held ${Math.round(holdMs / 100) / 10} s by fault injection (slow start).`);
    // The fault itself is the wait: an instance that starts late is what the user asked for.
    await new Promise((resolve) => setTimeout(resolve, holdMs));
  }
  let next = plan;
  if (effect.failMessage) {
    notes.push('Bootstrap made to fail by fault injection.');
    next = { ...plan, entrypoint: ['/bin/sh', '-c', `echo "${effect.failMessage}" >&2; exit 1`], cmd: ['berth-fault'] };
  }
  return { plan: next, heldMs: holdMs, note: notes.length ? notes.join(' ') : null };
}
