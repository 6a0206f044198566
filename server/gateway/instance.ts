import { Pool } from 'undici';
import type { InstanceRow } from './routes-source';

export interface PoolSettings {
  requestTimeoutMs: number;
}

/**
 * One serving container as the gateway sees it: its keep-alive connection pool, its health and the
 * requests it has in flight. Health state is written by the health checker and by the proxy (a
 * refused connection takes it out at once).
 */
export class Instance {
  readonly id: string;
  readonly modelDeploymentId: string;
  readonly generation: number;
  readonly serverPort: number;
  readonly healthPort: number;
  readonly containerName: string;
  readonly pool: Pool;

  /** New instances wait for their first passing check before taking traffic. */
  healthy = false;
  consecutiveFailures = 0;
  inflight = 0;
  lastError: string | undefined;
  lastCheckedAt: number | null = null;
  /** Out of its route; kept until its requests in flight finish. */
  retired = false;
  /** Health-check path, from the route (it may change with a route update). */
  healthPath: string;
  /** Requests served under the CRASH_AFTER fault of that id; a new fault counts from zero. */
  crashCount = { faultId: '', served: 0 };
  /** Killed by fault injection: never killed twice. */
  killed = false;

  private disposed = false;

  constructor(row: InstanceRow, healthPath: string, settings: PoolSettings) {
    this.id = row.id;
    this.modelDeploymentId = row.modelDeploymentId;
    this.generation = row.generation;
    this.serverPort = row.serverPort;
    this.healthPort = row.healthPort;
    this.containerName = row.containerName;
    this.healthPath = healthPath;
    this.pool = new Pool(`http://127.0.0.1:${row.serverPort}`, {
      // Bounds the sockets one container gets; beyond it requests queue in the pool.
      connections: 256,
      pipelining: 1,
      headersTimeout: settings.requestTimeoutMs,
      bodyTimeout: settings.requestTimeoutMs,
      // Below gunicorn's default 2 s keep-alive, what a bring-your-own container often runs (Berth's
      // own model server keeps 30 s), so the pool drops an idle socket before the server does
      // rather than racing it with a request.
      keepAliveTimeout: 1500,
      keepAliveMaxTimeout: 60_000,
      connectTimeout: 5_000,
    });
  }

  /** Same container and ports: a reload keeps the instance (and its health) instead of replacing it. */
  matches(row: InstanceRow): boolean {
    return row.serverPort === this.serverPort && row.healthPort === this.healthPort && row.generation === this.generation && row.containerName === this.containerName;
  }

  get draining(): boolean {
    return this.retired && this.inflight > 0;
  }

  /** Closes the pool once nothing is in flight; a retired instance calls this as its last request ends. */
  disposeWhenIdle(): void {
    if (this.disposed || this.inflight > 0) return;
    this.disposed = true;
    void this.pool.close().catch(() => {
      // Closing an idle pool has nothing left to fail; a late socket error is of no use to anyone.
    });
  }

  /** Gateway shutdown: cut what is left. */
  destroy(): Promise<void> {
    this.disposed = true;
    return this.pool.destroy().catch(() => undefined);
  }
}
