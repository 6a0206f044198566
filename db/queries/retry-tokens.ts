import { and, eq, lt } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { retryTokens } from '../schema';

export type RetryTokenRow = typeof retryTokens.$inferSelect;

/** OCI keeps a retry token's answer for 24 hours. */
export const RETRY_TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

export type RetryClaim = { kind: 'claimed' } | { kind: 'existing'; row: RetryTokenRow };

/**
 * Claims a token for a request, or returns the row that holds it. Expired rows are dropped first,
 * so a token reused after 24 h starts over. One synchronous transaction: two requests with the
 * same token cannot both claim it.
 */
export function claimRetryToken(db: DbOrTx, row: Pick<RetryTokenRow, 'userId' | 'token' | 'operation' | 'requestHash' | 'timeCreated'>, now: Date): RetryClaim {
  return db.transaction((tx) => {
    const expiredBefore = new Date(now.getTime() - RETRY_TOKEN_TTL_MS).toISOString();
    tx.delete(retryTokens).where(lt(retryTokens.timeCreated, expiredBefore)).run();
    const existing = tx.select().from(retryTokens).where(and(eq(retryTokens.userId, row.userId), eq(retryTokens.token, row.token))).get();
    if (existing) return { kind: 'existing', row: existing } as const;
    tx.insert(retryTokens).values(row).run();
    return { kind: 'claimed' } as const;
  });
}

export function storeRetryAnswer(db: DbOrTx, userId: string, token: string, answer: { status: number; headers: Record<string, string>; body: string | null }): void {
  db.update(retryTokens)
    .set({ responseStatus: answer.status, responseHeaders: answer.headers, responseBody: answer.body })
    .where(and(eq(retryTokens.userId, userId), eq(retryTokens.token, token)))
    .run();
}

/** A request that failed gives its token back: only a success is replayed. */
export function releaseRetryToken(db: DbOrTx, userId: string, token: string): void {
  db.delete(retryTokens).where(and(eq(retryTokens.userId, userId), eq(retryTokens.token, token))).run();
}
