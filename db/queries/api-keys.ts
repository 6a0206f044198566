import { and, asc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { apiKeys } from '../schema';

export type ApiKeyRow = typeof apiKeys.$inferSelect;

/** OCI allows a user three API signing keys. */
export const MAX_API_KEYS_PER_USER = 3;

export const listApiKeyRows = (db: DbOrTx, userId: string): ApiKeyRow[] => db.select().from(apiKeys).where(eq(apiKeys.userId, userId)).orderBy(asc(apiKeys.timeCreated)).all();

/** The key a signature's keyId names (tenancy/user/fingerprint). */
export const findApiKeyRow = (db: DbOrTx, userId: string, fingerprint: string): ApiKeyRow | undefined =>
  db.select().from(apiKeys).where(and(eq(apiKeys.userId, userId), eq(apiKeys.fingerprint, fingerprint))).get();

export const insertApiKeyRow = (db: DbOrTx, row: ApiKeyRow): void => void db.insert(apiKeys).values(row).run();

export const deleteApiKeyRow = (db: DbOrTx, userId: string, id: string): boolean => db.delete(apiKeys).where(and(eq(apiKeys.userId, userId), eq(apiKeys.id, id))).run().changes > 0;
