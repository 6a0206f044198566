import { and, eq, inArray } from 'drizzle-orm';
import type { ModelDeploymentLifecycleState } from '@/server/domain/oci-types';
import type { DbOrTx } from '../client';
import { modelDeployments } from '../schema';
import { allOf, commonListConditions, listOrder, type ListQuery } from './list-helpers';

export type ModelDeploymentRow = typeof modelDeployments.$inferSelect;
export type NewModelDeploymentRow = typeof modelDeployments.$inferInsert;

export function listModelDeploymentRows(db: DbOrTx, q: ListQuery & { projectId?: string }): ModelDeploymentRow[] {
  const where = allOf([
    q.compartmentId ? eq(modelDeployments.compartmentId, q.compartmentId) : undefined,
    q.projectId ? eq(modelDeployments.projectId, q.projectId) : undefined,
    q.lifecycleState ? eq(modelDeployments.lifecycleState, q.lifecycleState as ModelDeploymentLifecycleState) : undefined,
    ...commonListConditions(modelDeployments, q),
  ]);
  return db.select().from(modelDeployments).where(where).orderBy(...listOrder(modelDeployments, q)).limit(q.limit).offset(q.offset).all();
}

export const getModelDeploymentRow = (db: DbOrTx, id: string): ModelDeploymentRow | undefined =>
  db.select().from(modelDeployments).where(eq(modelDeployments.id, id)).get();

export const insertModelDeploymentRow = (db: DbOrTx, row: NewModelDeploymentRow): void => {
  db.insert(modelDeployments).values(row).run();
};

export const updateModelDeploymentRow = (db: DbOrTx, id: string, patch: Partial<NewModelDeploymentRow>): void => {
  db.update(modelDeployments).set(patch).where(eq(modelDeployments.id, id)).run();
};

export const listModelDeploymentRowsInStates = (db: DbOrTx, states: ModelDeploymentLifecycleState[]): ModelDeploymentRow[] =>
  db.select().from(modelDeployments).where(inArray(modelDeployments.lifecycleState, states)).all();

export const setStateIf = (db: DbOrTx, id: string, from: ModelDeploymentLifecycleState[], patch: Partial<NewModelDeploymentRow>): boolean =>
  db
    .update(modelDeployments)
    .set(patch)
    .where(and(eq(modelDeployments.id, id), inArray(modelDeployments.lifecycleState, from)))
    .run().changes > 0;
