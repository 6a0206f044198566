import { and, desc, eq, isNotNull } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { startupTimings } from '../schema';

export type StartupTimingRow = typeof startupTimings.$inferSelect;

export const upsertStartupTiming = (db: DbOrTx, row: StartupTimingRow): void => {
  db.insert(startupTimings)
    .values(row)
    .onConflictDoUpdate({ target: startupTimings.workRequestId, set: { runtimeKey: row.runtimeKey, marks: row.marks, totalMs: row.totalMs, timeStarted: row.timeStarted } })
    .run();
};

export const getStartupTiming = (db: DbOrTx, workRequestId: string): StartupTimingRow | undefined =>
  db.select().from(startupTimings).where(eq(startupTimings.workRequestId, workRequestId)).get();

/** The latest successful creates of one runtime, newest first. */
export const latestStartupTimings = (db: DbOrTx, runtimeKey: string, limit: number): StartupTimingRow[] =>
  db
    .select()
    .from(startupTimings)
    .where(and(eq(startupTimings.runtimeKey, runtimeKey), isNotNull(startupTimings.totalMs)))
    .orderBy(desc(startupTimings.timeStarted))
    .limit(limit)
    .all();
