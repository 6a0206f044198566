import { asc, desc, eq, sql, type SQL } from 'drizzle-orm';
import type { ModelVersionSetListParams } from '@/server/domain/model-version-sets';
import type { DbOrTx } from '../client';
import { modelVersionSets } from '../schema';
import { allOf } from './list-helpers';

export type ModelVersionSetRow = typeof modelVersionSets.$inferSelect;
export type NewModelVersionSetRow = typeof modelVersionSets.$inferInsert;

type ListQuery = Omit<ModelVersionSetListParams, 'limit' | 'page'> & { limit: number; offset: number };

export function listModelVersionSetRows(db: DbOrTx, q: ListQuery): ModelVersionSetRow[] {
  const t = modelVersionSets;
  const where = allOf([
    eq(t.compartmentId, q.compartmentId),
    q.id !== undefined ? eq(t.id, q.id) : undefined,
    q.projectId !== undefined ? eq(t.projectId, q.projectId) : undefined,
    q.name !== undefined ? eq(t.name, q.name) : undefined,
    q.lifecycleState !== undefined ? eq(t.lifecycleState, q.lifecycleState) : undefined,
    q.createdBy !== undefined ? eq(t.createdBy, q.createdBy) : undefined,
  ]);
  // OCI's defaults: timeCreated newest first, the others ascending; id breaks ties for stable pages.
  const by = q.sortBy ?? 'timeCreated';
  const order = q.sortOrder ?? (by === 'timeCreated' ? 'DESC' : 'ASC');
  const col = by === 'name' ? t.name : by === 'lifecycleState' ? t.lifecycleState : t.timeCreated;
  const dir = (c: typeof col | typeof t.id): SQL => (order === 'ASC' ? asc(c) : desc(c));
  return db.select().from(t).where(where).orderBy(dir(col), dir(t.id)).limit(q.limit).offset(q.offset).all();
}

export const getModelVersionSetRow = (db: DbOrTx, id: string): ModelVersionSetRow | undefined =>
  db.select().from(modelVersionSets).where(eq(modelVersionSets.id, id)).get();

/** A set in the project holding the name and not DELETED (the unique index enforces the same). */
export const liveModelVersionSetNamed = (db: DbOrTx, projectId: string, name: string): ModelVersionSetRow | undefined =>
  db
    .select()
    .from(modelVersionSets)
    .where(sql`${modelVersionSets.projectId} = ${projectId} and ${modelVersionSets.liveName} = ${name}`)
    .get();

export const insertModelVersionSetRow = (db: DbOrTx, row: NewModelVersionSetRow): void => {
  db.insert(modelVersionSets).values(row).run();
};

export const updateModelVersionSetRow = (db: DbOrTx, id: string, patch: Partial<NewModelVersionSetRow>): void => {
  db.update(modelVersionSets).set(patch).where(eq(modelVersionSets.id, id)).run();
};
