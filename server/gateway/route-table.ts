import { isFaultActive } from '@/server/domain/faults';
import { RoundRobin } from './balancer';
import { TokenBucket, bandwidthBytesPerSecond } from './bandwidth';
import { Instance, type PoolSettings } from './instance';
import type { FaultRowView, InstanceRow, RouteRow, RoutesSnapshot } from './routes-source';
import type { GatewayStatus, InstanceStatus, RouteStatus } from './types';
import { healthPathOf } from './upstream-path';

export interface RouteState {
  config: RouteRow;
  /** The RUNNING instances of config.generation, in ordinal order. */
  instances: Instance[];
  /** Retired instances still finishing requests, shown in the status until they are done. */
  draining: Set<Instance>;
  balancer: RoundRobin;
  bucket: TokenBucket;
  /** The row is gone from the database; the state lives on only while instances drain. */
  removed: boolean;
  /**
   * Healthy instances of the previous configuration kept in rotation until one of the new
   * instances passes its first check, so a switch never leaves a moment with nothing to serve.
   */
  handover: Set<Instance>;
  /** Faults not ended; each applies while the clock is before its expiry (fault-injection.ts). */
  faults: FaultRowView[];
}

export interface RouteTableOptions extends PoolSettings {
  now: () => number;
  /** Called for each instance that appears, so it gets checked at once instead of on the next tick. */
  onNewInstance: (inst: Instance) => void;
}

/**
 * The routes in memory, updated from snapshots of the database by diff: an instance whose row is
 * unchanged keeps its health, pool and counters across reloads; one that left its route drains.
 */
export class RouteTable {
  private readonly routes = new Map<string, RouteState>();
  version = 0;

  constructor(private readonly options: RouteTableOptions) {}

  get(modelDeploymentId: string): RouteState | undefined {
    return this.routes.get(modelDeploymentId);
  }

  /** Every instance in rotation (what the health checker visits). */
  *activeInstances(): Iterable<Instance> {
    for (const route of this.routes.values()) yield* route.instances;
  }

  *allInstances(): Iterable<Instance> {
    for (const route of this.routes.values()) {
      yield* route.instances;
      yield* route.draining;
    }
  }

  apply(snapshot: RoutesSnapshot): void {
    const rowsByRoute = new Map<string, InstanceRow[]>();
    for (const row of snapshot.instances) {
      const list = rowsByRoute.get(row.modelDeploymentId);
      if (list) list.push(row);
      else rowsByRoute.set(row.modelDeploymentId, [row]);
    }
    const faultsByRoute = new Map<string, FaultRowView[]>();
    for (const fault of snapshot.faults) faultsByRoute.set(fault.modelDeploymentId, [...(faultsByRoute.get(fault.modelDeploymentId) ?? []), fault]);
    const seen = new Set<string>();
    for (const config of snapshot.routes) {
      seen.add(config.modelDeploymentId);
      const rows = config.serving ? (rowsByRoute.get(config.modelDeploymentId) ?? []) : [];
      this.applyRoute(config, rows, faultsByRoute.get(config.modelDeploymentId) ?? []);
    }
    for (const [id, route] of this.routes) {
      if (seen.has(id)) continue;
      // A deleted route answers 404 at once; it stays in the table (not serving) only while draining.
      route.config = { ...route.config, serving: false };
      route.removed = true;
      this.retireAll(route, route.instances);
      route.instances = [];
      if (route.draining.size === 0) this.routes.delete(id);
    }
    this.version = snapshot.version;
  }

  private applyRoute(config: RouteRow, rows: InstanceRow[], faults: FaultRowView[]): void {
    let route = this.routes.get(config.modelDeploymentId);
    if (!route) {
      route = {
        config,
        instances: [],
        draining: new Set(),
        balancer: new RoundRobin(),
        bucket: new TokenBucket(bandwidthBytesPerSecond(config.bandwidthMbps), this.options.now),
        removed: false,
        handover: new Set(),
        faults,
      };
      this.routes.set(config.modelDeploymentId, route);
    }
    route.config = config;
    route.faults = faults;
    route.removed = false;
    route.bucket.setRate(bandwidthBytesPerSecond(config.bandwidthMbps));
    const healthPath = healthPathOf(config);
    const current = new Map(route.instances.map((i) => [i.id, i]));
    const next: Instance[] = [];
    for (const row of rows) {
      const existing = current.get(row.id);
      if (existing && existing.matches(row)) {
        existing.healthPath = healthPath;
        next.push(existing);
        current.delete(row.id);
        continue;
      }
      const inst = new Instance(row, healthPath, this.options);
      next.push(inst);
      this.options.onNewInstance(inst);
    }
    const leaving = [...current.values()];
    const keep = config.serving && next.length > 0 && !next.some((i) => i.healthy) ? leaving.filter((i) => i.healthy) : [];
    this.retireAll(route, leaving.filter((i) => !keep.includes(i)));
    route.handover = new Set(keep);
    route.instances = [...next, ...keep];
  }

  /** A new instance passed a check: the previous configuration's instances may now go. */
  settleHandover(modelDeploymentId: string): void {
    const route = this.routes.get(modelDeploymentId);
    if (!route || route.handover.size === 0) return;
    if (!route.instances.some((i) => i.healthy && !route.handover.has(i))) return;
    const leaving = [...route.handover];
    route.handover.clear();
    route.instances = route.instances.filter((i) => !leaving.includes(i));
    this.retireAll(route, leaving);
  }

  private retireAll(route: RouteState, instances: Iterable<Instance>): void {
    for (const inst of instances) {
      inst.retired = true;
      if (inst.inflight > 0) route.draining.add(inst);
      else inst.disposeWhenIdle();
    }
  }

  /** The proxy calls this as a request on a retired instance ends. */
  released(inst: Instance): void {
    if (!inst.retired || inst.inflight > 0) return;
    const route = this.routes.get(inst.modelDeploymentId);
    route?.draining.delete(inst);
    inst.disposeWhenIdle();
    if (route && route.removed && route.draining.size === 0) {
      this.routes.delete(inst.modelDeploymentId);
    }
  }

  status(pid: number, now: number): GatewayStatus {
    const routes: RouteStatus[] = [];
    for (const route of this.routes.values()) {
      routes.push({
        modelDeploymentId: route.config.modelDeploymentId,
        serving: route.config.serving,
        generation: route.config.generation,
        bandwidthMbps: route.config.bandwidthMbps,
        instances: [...route.instances, ...route.draining].map((i) => instanceStatus(i, route.handover.has(i))),
        faults: route.faults.filter((f) => isFaultActive({ ...f, timeEnded: null }, now)).map((f) => f.id),
      });
    }
    return { version: this.version, pid, routes };
  }

  async destroy(): Promise<void> {
    const all = [...this.allInstances()];
    this.routes.clear();
    await Promise.all(all.map((i) => i.destroy()));
  }
}

function instanceStatus(inst: Instance, handover: boolean): InstanceStatus {
  return {
    id: inst.id,
    generation: inst.generation,
    healthy: inst.healthy && !inst.retired && !handover,
    inflight: inst.inflight,
    // Handing over counts as draining: it is on its way out and still takes requests.
    draining: inst.retired || handover,
    ...(handover ? { handover: true } : {}),
    ...(inst.lastError ? { lastError: inst.lastError } : {}),
    lastCheckedAt: inst.lastCheckedAt === null ? null : new Date(inst.lastCheckedAt).toISOString(),
  };
}
