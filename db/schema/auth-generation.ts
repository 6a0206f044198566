import { integer, sqliteTable } from 'drizzle-orm/sqlite-core';

// One row whose counter triggers (migration predict_auth_triggers) bump on every change a signed
// predict's check depends on: API keys, users' state, group members, grants, compartments and a
// deployment's compartment. The gateway, another process, reads it to know when its caches of
// keys and decisions are stale, at the cost of one small read instead of re-reading them all.
export const authGeneration = sqliteTable('auth_generation', {
  id: integer('id').primaryKey(),
  generation: integer('generation').notNull(),
});
