import { describe, expect, it } from 'vitest';
import { tempContextPerTest } from '@/tests/support/temp-context';
import { claimRetryToken, releaseRetryToken, RETRY_TOKEN_TTL_MS, storeRetryAnswer } from './retry-tokens';

// opc-retry-token rows on a real SQLite file: one claim per user and token, an answer kept 24 h.

const { ctx } = tempContextPerTest();
const T0 = new Date(Date.UTC(2026, 11, 1, 12, 0, 0));
const row = (token: string, time = T0) => ({ userId: 'u1', token, operation: 'createProject /20190101/projects', requestHash: 'h1', timeCreated: time.toISOString() });

describe('retry tokens', () => {
  it('lets one request claim a token; the next sees it running, then its answer', () => {
    const db = ctx().db;
    expect(claimRetryToken(db, row('t'), T0)).toEqual({ kind: 'claimed' });
    const running = claimRetryToken(db, row('t'), T0);
    expect(running).toMatchObject({ kind: 'existing', row: { responseStatus: null } });
    storeRetryAnswer(db, 'u1', 't', { status: 200, headers: { etag: 'e' }, body: '{"id":"p"}' });
    expect(claimRetryToken(db, row('t'), T0)).toMatchObject({ kind: 'existing', row: { responseStatus: 200, responseHeaders: { etag: 'e' }, responseBody: '{"id":"p"}' } });
  });

  it('keeps tokens apart per user, and forgets one after 24 hours or when its request failed', () => {
    const db = ctx().db;
    claimRetryToken(db, row('t'), T0);
    expect(claimRetryToken(db, { ...row('t'), userId: 'u2' }, T0)).toEqual({ kind: 'claimed' });
    const later = new Date(T0.getTime() + RETRY_TOKEN_TTL_MS + 1000);
    expect(claimRetryToken(db, row('t', later), later)).toEqual({ kind: 'claimed' });
    releaseRetryToken(db, 'u1', 't');
    expect(claimRetryToken(db, row('t', later), later)).toEqual({ kind: 'claimed' });
  });
});
