import { and, eq, inArray, notInArray } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { deploymentSecrets } from '../schema';

export type SecretRow = typeof deploymentSecrets.$inferSelect;

export const insertSecretRow = (db: DbOrTx, row: SecretRow): void => {
  db.insert(deploymentSecrets).values(row).run();
};

export const getSecretRows = (db: DbOrTx, ids: string[]): SecretRow[] =>
  ids.length === 0 ? [] : db.select().from(deploymentSecrets).where(inArray(deploymentSecrets.id, ids)).all();

export const listSecretRows = (db: DbOrTx, modelDeploymentId: string): SecretRow[] =>
  db.select().from(deploymentSecrets).where(eq(deploymentSecrets.modelDeploymentId, modelDeploymentId)).all();

/** Removes the deployment's secrets but those kept (still referenced by a configuration). */
export const deleteSecretRowsExcept = (db: DbOrTx, modelDeploymentId: string, keep: string[]): number =>
  db
    .delete(deploymentSecrets)
    .where(keep.length === 0 ? eq(deploymentSecrets.modelDeploymentId, modelDeploymentId) : and(eq(deploymentSecrets.modelDeploymentId, modelDeploymentId), notInArray(deploymentSecrets.id, keep)))
    .run().changes;
