import Database from 'better-sqlite3';
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { deploymentInstances, gatewayRoutes } from '@/db/schema/serving';

export type RouteRow = typeof gatewayRoutes.$inferSelect;

/** A RUNNING instance of its route's current generation, with the host ports it is reached on. */
export interface InstanceRow {
  id: string;
  modelDeploymentId: string;
  generation: number;
  serverPort: number;
  healthPort: number;
}

export interface RoutesSnapshot {
  version: number;
  routes: RouteRow[];
  instances: InstanceRow[];
}

export interface RoutesSource {
  /** True when something the routing depends on may have changed since the last read(). */
  changed(): boolean;
  read(): RoutesSnapshot;
  close(): void;
}

const schema = { gatewayRoutes, deploymentInstances };
type ReadDb = BetterSQLite3Database<typeof schema>;

const EMPTY: RoutesSnapshot = { version: 0, routes: [], instances: [] };

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
    return `${row.v ?? 0}:${row.n}:${row.i}:${row.t ?? ''}`;
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
          return { version, routes, instances };
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
