import { and, eq, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { modelDeployments, models, projects } from '../schema';
import { allOf, commonListConditions, listOrder, type ListQuery } from './list-helpers';

export type ProjectRow = typeof projects.$inferSelect;
export type NewProjectRow = typeof projects.$inferInsert;

export function listProjectRows(db: DbOrTx, q: ListQuery): ProjectRow[] {
  const where = allOf([
    q.compartmentId ? eq(projects.compartmentId, q.compartmentId) : undefined,
    q.lifecycleState ? eq(projects.lifecycleState, q.lifecycleState as ProjectRow['lifecycleState']) : undefined,
    ...commonListConditions(projects, q),
  ]);
  return db
    .select()
    .from(projects)
    .where(where)
    .orderBy(...listOrder(projects, q))
    .limit(q.limit)
    .offset(q.offset)
    .all();
}

export const getProjectRow = (db: DbOrTx, id: string): ProjectRow | undefined =>
  db.select().from(projects).where(eq(projects.id, id)).get();

export const insertProjectRow = (db: DbOrTx, row: NewProjectRow): void => {
  db.insert(projects).values(row).run();
};

export const updateProjectRow = (db: DbOrTx, id: string, patch: Partial<NewProjectRow>): void => {
  db.update(projects).set(patch).where(eq(projects.id, id)).run();
};

/** Models and deployments of a project that are not DELETED: they block the project's delete. */
export function countLiveChildren(db: DbOrTx, projectId: string): { models: number; modelDeployments: number } {
  const m = db
    .select({ n: sql<number>`count(*)` })
    .from(models)
    .where(and(eq(models.projectId, projectId), ne(models.lifecycleState, 'DELETED')))
    .get();
  const d = db
    .select({ n: sql<number>`count(*)` })
    .from(modelDeployments)
    .where(and(eq(modelDeployments.projectId, projectId), ne(modelDeployments.lifecycleState, 'DELETED')))
    .get();
  return { models: m?.n ?? 0, modelDeployments: d?.n ?? 0 };
}
