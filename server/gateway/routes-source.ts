import Database from 'better-sqlite3';
import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { deploymentFaults } from '@/db/schema/faults';
import { deploymentInstances, gatewayRoutes } from '@/db/schema/serving';
import type { FaultSpec } from '@/server/domain/faults';

export type RouteRow = typeof gatewayRoutes.$inferSelect;

/** A RUNNING instance of its route's current generation, with the host ports it is reached on. */
export interface InstanceRow {
  id: string;
  modelDeploymentId: string;
  generation: number;
  serverPort: number;
  healthPort: number;
  /** What a CRASH_AFTER fault kills. */
  containerName: string;
}

/** A fault not ended yet; the gateway applies it while its clock is before timeExpires. */
export interface FaultRowView {
  id: string;
  modelDeploymentId: string;
  spec: FaultSpec;
  timeStarted: string;
  timeExpires: string;
}

export interface RoutesSnapshot {
  version: number;
  routes: RouteRow[];
  instances: InstanceRow[];
  faults: FaultRowView[];
}

export interface RoutesSource {
  /** True when something the routing depends on may have changed since the last read(). */
  changed(): boolean;
  read(): RoutesSnapshot;
  close(): void;
}

const schema = { gatewayRoutes, deploymentInstances, deploymentFaults };
type ReadDb = BetterSQLite3Database<typeof schema>;

const EMPTY: RoutesSnapshot = { version: 0, routes: [], instances: [], faults: [] };

/**
 * Reads the console's routing tables. The file is opened read-only (the console owns it and its
 * migrations); a missing file or table (the console not migrated yet) reads as no routes and is
 * retried on the next poll.
 */
export function openRoutesSource(dbFile: string): RoutesSource {
  let sqlite: Database.Database | null = null;
  let db: ReadDb | null = null;
  let lastFingerprint: string | null = null;

  const connect = (): ReadDb | null => {
    if (db) return db;
    try {
      sqlite = new Database(dbFile, { readonly: true, fileMustExist: true });
      // Rides out the console's short write locks instead of failing a poll with SQLITE_BUSY.
      sqlite.pragma('busy_timeout = 2000');
      db = drizzle(sqlite, { schema });
      return db;
    } catch {
      return null;
    }
  };

  // Beyond max(version) (the contract), counts and the instances' last update are folded in, so a
  // deleted route or an instance change the console forgot to version still gets picked up.
  const fingerprint = (d: ReadDb): string => {
    const row = d.get<{ v: number | null; n: number; i: number; t: string | null }>(sql`
      SELECT (SELECT max(version) FROM gateway_routes) AS v,
             (SELECT count(*) FROM gateway_routes) AS n,
             (SELECT count(*) FROM deployment_instances) AS i,
             (SELECT max(time_updated) FROM deployment_instances) AS t`);
    return `${row.v ?? 0}:${row.n}:${row.i}:${row.t ?? ''}:${faultFingerprint(d)}`;
  };

  // A database from before fault injection has no faults table: that reads as no faults, and
  // must not make the routes unreadable.
  const faultFingerprint = (d: ReadDb): string => {
    try {
      const row = d.get<{ n: number; s: string | null; e: string | null }>(
        sql`SELECT count(*) AS n, max(time_started) AS s, max(time_ended) AS e FROM deployment_faults`,
      );
      return `${row.n}:${row.s ?? ''}:${row.e ?? ''}`;
    } catch (err) {
      if (isMissingSchema(err)) return 'none';
      throw err;
    }
  };

  const readFaults = (d: ReadDb): FaultRowView[] => {
    try {
      return d
        .select({
          id: deploymentFaults.id,
          modelDeploymentId: deploymentFaults.modelDeploymentId,
          spec: deploymentFaults.spec,
          timeStarted: deploymentFaults.timeStarted,
          timeExpires: deploymentFaults.timeExpires,
        })
        .from(deploymentFaults)
        .where(isNull(deploymentFaults.timeEnded))
        .all();
    } catch (err) {
      if (isMissingSchema(err)) return [];
      throw err;
    }
  };

  const isMissingSchema = (err: unknown) => err instanceof Error && /no such table/i.test(err.message);

  return {
    changed() {
      const d = connect();
      if (!d) return lastFingerprint !== null;
      try {
        return fingerprint(d) !== lastFingerprint;
      } catch (err) {
        if (isMissingSchema(err)) return lastFingerprint !== null;
        throw err;
      }
    },
    read() {
      const d = connect();
      if (!d) {
        lastFingerprint = null;
        return EMPTY;
      }
      try {
        // One read transaction, so routes and instances come from the same commit.
        return (sqlite as Database.Database).transaction(() => {
          lastFingerprint = fingerprint(d);
          const routes = d.select().from(gatewayRoutes).all();
          const instances = d
            .select({
              id: deploymentInstances.id,
              modelDeploymentId: deploymentInstances.modelDeploymentId,
              generation: deploymentInstances.generation,
              serverPort: deploymentInstances.serverPort,
              healthPort: deploymentInstances.healthPort,
              containerName: deploymentInstances.containerName,
            })
            .from(deploymentInstances)
            .innerJoin(
              gatewayRoutes,
              and(
                eq(gatewayRoutes.modelDeploymentId, deploymentInstances.modelDeploymentId),
                eq(gatewayRoutes.generation, deploymentInstances.generation),
              ),
            )
            .where(and(eq(deploymentInstances.status, 'RUNNING'), isNotNull(deploymentInstances.serverPort)))
            .orderBy(deploymentInstances.modelDeploymentId, deploymentInstances.ordinal)
            .all()
            .flatMap((r): InstanceRow[] =>
              r.serverPort === null ? [] : [{ ...r, serverPort: r.serverPort, healthPort: r.healthPort ?? r.serverPort }],
            );
          const version = routes.reduce((max, r) => Math.max(max, r.version), 0);
          return { version, routes, instances, faults: readFaults(d) };
        })();
      } catch (err) {
        if (isMissingSchema(err)) {
          lastFingerprint = null;
          return EMPTY;
        }
        throw err;
      }
    },
    close() {
      sqlite?.close();
      sqlite = null;
      db = null;
    },
  };
}
