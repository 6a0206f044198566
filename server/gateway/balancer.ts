import type { Instance } from './instance';

/**
 * Round robin over the healthy instances of one route, skipping those already tried for this
 * request. It walks the list in place rather than filtering it, so a pick allocates nothing.
 */
export class RoundRobin {
  private next = 0;

  pick(instances: readonly Instance[], tried: readonly Instance[] = NONE): Instance | undefined {
    const n = instances.length;
    for (let k = 0; k < n; k++) {
      const i = (this.next + k) % n;
      const inst = instances[i];
      if (inst && inst.healthy && !tried.includes(inst)) {
        this.next = i + 1;
        return inst;
      }
    }
    return undefined;
  }
}

const NONE: readonly Instance[] = [];

export const hasHealthy = (instances: readonly Instance[]): boolean => instances.some((i) => i.healthy);
