import { and, eq, max, ne } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { deploymentInstances, gatewayRoutes, type InstanceStatus } from '../schema';

export type InstanceRow = typeof deploymentInstances.$inferSelect;
export type RouteRow = typeof gatewayRoutes.$inferSelect;

export const listInstanceRows = (db: DbOrTx, modelDeploymentId: string): InstanceRow[] =>
  db.select().from(deploymentInstances).where(eq(deploymentInstances.modelDeploymentId, modelDeploymentId)).all();

export const listAllInstanceRows = (db: DbOrTx): InstanceRow[] => db.select().from(deploymentInstances).all();

export const insertInstanceRow = (db: DbOrTx, row: InstanceRow): void => {
  db.insert(deploymentInstances).values(row).run();
};

export const updateInstanceRow = (db: DbOrTx, id: string, patch: Partial<InstanceRow>): void => {
  db.update(deploymentInstances).set(patch).where(eq(deploymentInstances.id, id)).run();
};

export const deleteInstanceRow = (db: DbOrTx, id: string): void => {
  db.delete(deploymentInstances).where(eq(deploymentInstances.id, id)).run();
};

export const setInstanceStatus = (db: DbOrTx, id: string, status: InstanceStatus, detail: string | null, time: string): void =>
  updateInstanceRow(db, id, { status, detail, timeUpdated: time });

export const getRouteRow = (db: DbOrTx, modelDeploymentId: string): RouteRow | undefined =>
  db.select().from(gatewayRoutes).where(eq(gatewayRoutes.modelDeploymentId, modelDeploymentId)).get();

export const maxGeneration = (db: DbOrTx, modelDeploymentId: string): number =>
  db.select({ g: max(deploymentInstances.generation) }).from(deploymentInstances).where(eq(deploymentInstances.modelDeploymentId, modelDeploymentId)).get()?.g ?? 0;

/** Writes a route and bumps the table-wide version the gateway watches. */
export function upsertRoute(db: DbOrTx, route: Omit<RouteRow, 'version'>): number {
  const next = (db.select({ v: max(gatewayRoutes.version) }).from(gatewayRoutes).get()?.v ?? 0) + 1;
  db.insert(gatewayRoutes)
    .values({ ...route, version: next })
    .onConflictDoUpdate({ target: gatewayRoutes.modelDeploymentId, set: { ...route, version: next } })
    .run();
  return next;
}

export const instancesOfOtherGenerations = (db: DbOrTx, modelDeploymentId: string, generation: number): InstanceRow[] =>
  db
    .select()
    .from(deploymentInstances)
    .where(and(eq(deploymentInstances.modelDeploymentId, modelDeploymentId), ne(deploymentInstances.generation, generation)))
    .all();

