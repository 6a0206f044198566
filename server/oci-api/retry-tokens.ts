import crypto from 'node:crypto';
import type { DbOrTx } from '@/db/client';
import { claimRetryToken, releaseRetryToken, storeRetryAnswer } from '@/db/queries/retry-tokens';
import type { DomainError } from '@/server/domain/result';
import type { OciAnswer, OciOutcome } from './respond';

// opc-retry-token: the same token and request within 24 h get the first success again, without
// doing it twice; the same token with another request is a 409. Failures are not kept, so a retry
// after one runs the operation anew (as the SDK's retrier expects).

const MAX_TOKEN_LENGTH = 64;

export interface RetryScope {
  db: DbOrTx;
  userId: string;
  token: string;
  operation: string;
  body: Uint8Array;
  now: Date;
}

const conflict = (message: string): OciOutcome => ({ ok: false, error: { code: 'Conflict', message } satisfies DomainError });

export async function withRetryToken(scope: RetryScope, run: () => Promise<OciOutcome>): Promise<OciOutcome> {
  if (scope.token.length === 0 || scope.token.length > MAX_TOKEN_LENGTH) {
    return { ok: false, error: { code: 'InvalidParameter', message: `opc-retry-token must be 1 to ${MAX_TOKEN_LENGTH} characters.` } };
  }
  const requestHash = crypto.createHash('sha256').update(scope.operation).update('\n').update(scope.body).digest('hex');
  const claim = claimRetryToken(
    scope.db,
    { userId: scope.userId, token: scope.token, operation: scope.operation, requestHash, timeCreated: scope.now.toISOString() },
    scope.now,
  );
  if (claim.kind === 'existing') {
    const row = claim.row;
    if (row.operation !== scope.operation || row.requestHash !== requestHash) {
      return conflict('The opc-retry-token was already used within the last 24 hours for a different request.');
    }
    if (row.responseStatus === null) return conflict('A request with this opc-retry-token is still in progress.');
    const replay: OciAnswer = { status: row.responseStatus, headers: row.responseHeaders ?? {}, ...(row.responseBody !== null ? { json: JSON.parse(row.responseBody) as unknown } : {}) };
    return { ok: true, answer: replay };
  }
  let outcome: OciOutcome;
  try {
    outcome = await run();
  } catch (cause) {
    releaseRetryToken(scope.db, scope.userId, scope.token);
    throw cause;
  }
  if (outcome.ok && !outcome.answer.stream) {
    const a = outcome.answer;
    storeRetryAnswer(scope.db, scope.userId, scope.token, { status: a.status, headers: a.headers ?? {}, body: a.json === undefined ? null : JSON.stringify(a.json) });
  } else {
    releaseRetryToken(scope.db, scope.userId, scope.token);
  }
  return outcome;
}
