import { desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { imageBuilds } from '../schema';

export type ImageBuildRow = typeof imageBuilds.$inferSelect;
export type NewImageBuild = Omit<typeof imageBuilds.$inferInsert, 'id'>;

export const insertImageBuild = (db: DbOrTx, row: NewImageBuild): number =>
  db.insert(imageBuilds).values(row).returning({ id: imageBuilds.id }).get().id;

export const updateImageBuild = (db: DbOrTx, id: number, patch: Partial<NewImageBuild>): void => {
  db.update(imageBuilds).set(patch).where(eq(imageBuilds.id, id)).run();
};

export const listRecentImageBuilds = (db: DbOrTx, limit: number): ImageBuildRow[] =>
  db.select().from(imageBuilds).orderBy(desc(imageBuilds.timeStarted), desc(imageBuilds.id)).limit(limit).all();
