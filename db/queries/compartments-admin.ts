import { and, count, eq, ne } from 'drizzle-orm';
import type { CompartmentContents } from '@/server/domain/compartment-rules';
import type { DbOrTx } from '../client';
import { compartments, grants, modelDeployments, models, projects } from '../schema';
import type { CompartmentRow } from './identity';

export const insertCompartmentRow = (db: DbOrTx, row: typeof compartments.$inferInsert): void => {
  db.insert(compartments).values(row).run();
};

export function updateCompartmentRow(db: DbOrTx, id: string, patch: Partial<Pick<CompartmentRow, 'name' | 'description' | 'compartmentId' | 'lifecycleState'>>): void {
  db.update(compartments).set(patch).where(eq(compartments.id, id)).run();
}

/** Live compartments (not DELETED), for the sibling-name and cycle rules. */
export const liveCompartmentRows = (db: DbOrTx): CompartmentRow[] =>
  db.select().from(compartments).where(ne(compartments.lifecycleState, 'DELETED')).all();

/** What a compartment still holds: a delete waits until every count is zero. */
export function compartmentContents(db: DbOrTx, id: string): CompartmentContents {
  const n = (rows: { n: number }[]) => rows[0]?.n ?? 0;
  return {
    compartments: n(db.select({ n: count() }).from(compartments).where(and(eq(compartments.compartmentId, id), ne(compartments.lifecycleState, 'DELETED'))).all()),
    projects: n(db.select({ n: count() }).from(projects).where(and(eq(projects.compartmentId, id), ne(projects.lifecycleState, 'DELETED'))).all()),
    models: n(db.select({ n: count() }).from(models).where(and(eq(models.compartmentId, id), ne(models.lifecycleState, 'DELETED'))).all()),
    modelDeployments: n(db.select({ n: count() }).from(modelDeployments).where(and(eq(modelDeployments.compartmentId, id), ne(modelDeployments.lifecycleState, 'DELETED'))).all()),
    grants: n(db.select({ n: count() }).from(grants).where(eq(grants.compartmentId, id)).all()),
  };
}
