import { and, eq, inArray, max, ne } from 'drizzle-orm';
import { readArtifactIntrospection, type ArtifactIntrospection, type ArtifactIntrospectionState } from '@/server/domain/artifact-introspection';
import type { ModelLifecycleState } from '@/server/domain/oci-types';
import type { DbOrTx } from '../client';
import { modelArtifacts, models } from '../schema';
import { allOf, commonListConditions, listOrder, type ListQuery } from './list-helpers';

export type ModelRow = typeof models.$inferSelect;
export type NewModelRow = typeof models.$inferInsert;
export type NewModelArtifactRow = typeof modelArtifacts.$inferInsert;
/** A stored artifact with its introspection read (see readArtifactIntrospection). */
export type ModelArtifactRow = Omit<typeof modelArtifacts.$inferSelect, 'introspection'> & { introspection: ArtifactIntrospectionState };

export interface ModelVersionFilters {
  modelVersionSetId?: string;
  modelVersionSetName?: string;
  versionLabel?: string;
}

export function listModelRows(db: DbOrTx, q: ListQuery & { projectId?: string } & ModelVersionFilters): ModelRow[] {
  const where = allOf([
    q.modelVersionSetId ? eq(models.modelVersionSetId, q.modelVersionSetId) : undefined,
    q.modelVersionSetName ? eq(models.modelVersionSetName, q.modelVersionSetName) : undefined,
    q.versionLabel ? eq(models.versionLabel, q.versionLabel) : undefined,
    q.compartmentId ? eq(models.compartmentId, q.compartmentId) : undefined,
    q.projectId ? eq(models.projectId, q.projectId) : undefined,
    q.lifecycleState ? eq(models.lifecycleState, q.lifecycleState as ModelRow['lifecycleState']) : undefined,
    ...commonListConditions(models, q),
  ]);
  return db.select().from(models).where(where).orderBy(...listOrder(models, q)).limit(q.limit).offset(q.offset).all();
}

export const getModelRow = (db: DbOrTx, id: string): ModelRow | undefined => db.select().from(models).where(eq(models.id, id)).get();

export const insertModelRow = (db: DbOrTx, row: NewModelRow): void => {
  db.insert(models).values(row).run();
};

export const updateModelRow = (db: DbOrTx, id: string, patch: Partial<NewModelRow>): void => {
  db.update(models).set(patch).where(eq(models.id, id)).run();
};

export function getModelArtifactRow(db: DbOrTx, modelId: string): ModelArtifactRow | undefined {
  const row = db.select().from(modelArtifacts).where(eq(modelArtifacts.modelId, modelId)).get();
  return row && { ...row, introspection: readArtifactIntrospection(row.introspection) };
}

export const insertModelArtifactRow = (db: DbOrTx, row: NewModelArtifactRow): void => {
  db.insert(modelArtifacts).values(row).run();
};

/** A model and its stored artifact in one transaction: the model is never seen without it. */
export function insertModelWithArtifact(db: DbOrTx, model: NewModelRow, artifact: NewModelArtifactRow): void {
  db.transaction((tx) => {
    tx.insert(models).values(model).run();
    tx.insert(modelArtifacts).values(artifact).run();
  });
}

/** DeleteModel: the state, and the artifact row whose files go with it. */
export function markModelDeleted(db: DbOrTx, id: string): void {
  db.transaction((tx) => {
    // A deleted model frees its version label for another model of the set.
    tx.update(models).set({ lifecycleState: 'DELETED', liveVersionLabel: null }).where(eq(models.id, id)).run();
    tx.delete(modelArtifacts).where(eq(modelArtifacts.modelId, id)).run();
  });
}

/** Where each stored artifact lives, with its model's state: what the boot sweep keeps. */
export function listArtifactLocations(db: DbOrTx): { modelId: string; storagePath: string; lifecycleState: ModelLifecycleState }[] {
  return db
    .select({ modelId: modelArtifacts.modelId, storagePath: modelArtifacts.storagePath, lifecycleState: models.lifecycleState })
    .from(modelArtifacts)
    .innerJoin(models, eq(models.id, modelArtifacts.modelId))
    .all();
}

/** Adds facts to an artifact's stored introspection (the load check, once it has run); a record that does not read is left as it is. */
export function mergeModelArtifactIntrospection(db: DbOrTx, modelId: string, patch: Pick<ArtifactIntrospection, 'loadCheck'>): void {
  db.transaction((tx) => {
    const row = tx.select({ introspection: modelArtifacts.introspection }).from(modelArtifacts).where(eq(modelArtifacts.modelId, modelId)).get();
    const current = readArtifactIntrospection(row?.introspection);
    if (current.state !== 'inspected') return;
    tx.update(modelArtifacts).set({ introspection: { ...current.facts, ...patch } }).where(eq(modelArtifacts.modelId, modelId)).run();
  });
}

/** The models of version sets that are not DELETED, with whether each has its artifact. */
export function listLiveModelsInSets(db: DbOrTx, setIds: string[]): (ModelRow & { hasArtifact: boolean })[] {
  if (setIds.length === 0) return [];
  return db
    .select({ model: models, artifact: modelArtifacts.modelId })
    .from(models)
    .leftJoin(modelArtifacts, eq(modelArtifacts.modelId, models.id))
    .where(and(inArray(models.modelVersionSetId, setIds), ne(models.lifecycleState, 'DELETED')))
    .all()
    .map((r) => ({ ...r.model, hasArtifact: r.artifact !== null }));
}

/** The live model of the set holding the label, if any. */
export const liveModelWithLabel = (db: DbOrTx, setId: string, label: string): ModelRow | undefined =>
  db.select().from(models).where(and(eq(models.modelVersionSetId, setId), eq(models.liveVersionLabel, label))).get();

export const highestVersionId = (db: DbOrTx, setId: string): number =>
  db.select({ v: max(models.versionId) }).from(models).where(eq(models.modelVersionSetId, setId)).get()?.v ?? 0;
