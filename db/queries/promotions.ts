import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { promotions } from '../schema';

export type PromotionRow = typeof promotions.$inferSelect;

export const getPromotionRow = (db: DbOrTx, deploymentId: string): PromotionRow | undefined =>
  db.select().from(promotions).where(eq(promotions.modelDeploymentId, deploymentId)).get();

/** Records a promotion; a second one for the same deployment fails on the primary key. */
export function insertPromotionRow(db: DbOrTx, row: PromotionRow): void {
  db.insert(promotions).values(row).run();
}
