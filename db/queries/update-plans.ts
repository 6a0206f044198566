import { desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { updatePlans } from '../schema';

export type UpdatePlanRow = typeof updatePlans.$inferSelect;

export const getUpdatePlanRow = (db: DbOrTx, id: string): UpdatePlanRow | undefined => db.select().from(updatePlans).where(eq(updatePlans.id, id)).get();

export const insertUpdatePlanRow = (db: DbOrTx, row: UpdatePlanRow): void => {
  db.insert(updatePlans).values(row).run();
};

export const updateUpdatePlanRow = (db: DbOrTx, id: string, patch: Partial<UpdatePlanRow>): void => {
  db.update(updatePlans).set(patch).where(eq(updatePlans.id, id)).run();
};

/** The plan still running for a deployment (at most one runs at a time). */
export const runningUpdatePlanRowOf = (db: DbOrTx, deploymentId: string): UpdatePlanRow | undefined =>
  db.select().from(updatePlans).where(eq(updatePlans.modelDeploymentId, deploymentId)).orderBy(desc(updatePlans.timeCreated)).all().find((r) => r.status === 'RUNNING');

export const listRunningUpdatePlanRows = (db: DbOrTx): UpdatePlanRow[] => db.select().from(updatePlans).where(eq(updatePlans.status, 'RUNNING')).all();
