import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { deploymentFollows } from '../schema';

export type DeploymentFollowRow = typeof deploymentFollows.$inferSelect;

export const getDeploymentFollowRow = (db: DbOrTx, deploymentId: string): DeploymentFollowRow | undefined =>
  db.select().from(deploymentFollows).where(eq(deploymentFollows.modelDeploymentId, deploymentId)).get();

export const listDeploymentFollowRows = (db: DbOrTx, deploymentIds?: string[]): DeploymentFollowRow[] =>
  deploymentIds
    ? deploymentIds.length === 0
      ? []
      : db.select().from(deploymentFollows).where(inArray(deploymentFollows.modelDeploymentId, deploymentIds)).all()
    : db.select().from(deploymentFollows).all();

export const listFollowersOfSet = (db: DbOrTx, setId: string): DeploymentFollowRow[] =>
  db.select().from(deploymentFollows).where(eq(deploymentFollows.modelVersionSetId, setId)).all();

export function upsertDeploymentFollowRow(db: DbOrTx, row: DeploymentFollowRow): void {
  db.insert(deploymentFollows)
    .values(row)
    .onConflictDoUpdate({ target: deploymentFollows.modelDeploymentId, set: { modelVersionSetId: row.modelVersionSetId, versionLabel: row.versionLabel, timeSet: row.timeSet, lastChange: row.lastChange } })
    .run();
}

export const updateDeploymentFollowRow = (db: DbOrTx, deploymentId: string, patch: Partial<DeploymentFollowRow>): void => {
  db.update(deploymentFollows).set(patch).where(eq(deploymentFollows.modelDeploymentId, deploymentId)).run();
};

export const deleteDeploymentFollowRow = (db: DbOrTx, deploymentId: string): void => {
  db.delete(deploymentFollows).where(eq(deploymentFollows.modelDeploymentId, deploymentId)).run();
};
