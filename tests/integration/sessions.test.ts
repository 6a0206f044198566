import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { setPasswordHash } from '@/db/queries/users';
import { auditEvents, sessions, signInFailures, users } from '@/db/schema';
import { readInstallation } from '@/db/seed';
import { changePassword, setFirstPassword, signOutEverywhere } from '@/server/services/identity/account';
import { firstRunLink, resetAdministrator } from '@/server/services/identity/administrator';
import { hashPassword } from '@/server/services/identity/passwords';
import { createSession, endAllSessions, principalOfSession, sweepExpiredSessions, tokenHash, type SessionPolicy } from '@/server/services/identity/sessions';
import { signInWithPassword } from '@/server/services/identity/sign-in';
import { createSignInLink, redeemSignInLink, SIGN_IN_LINK_MINUTES } from '@/server/services/identity/sign-in-links';
import { sweepIdentity } from '@/server/services/identity/sweep';

// Sessions, the rate limit and the one-time links against a real SQLite file migrated as the
// console migrates it, with the clock passed in (no waiting).
const POLICY: SessionPolicy = { idleMs: 30 * 60_000, absoluteMs: 8 * 3_600_000 };
const T0 = new Date(Date.UTC(2026, 5, 1, 9, 0, 0));
const at = (ms: number) => new Date(T0.getTime() + ms);
const MIN = 60_000;
const meta = (address = '127.0.0.1') => ({ address, userAgent: 'vitest', requestId: 'req-1' });
const PASSWORD = 'correct horse battery';

let dir: string;
let db: Db;
let adminId: string;
let tenancyId: string;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-sessions-'));
  db = migrateDatabase(path.join(dir, 'berth.sqlite'), { region: 'test', now: () => T0 });
  const installation = readInstallation(db);
  if (!installation) throw new Error('no installation');
  adminId = installation.userId;
  tenancyId = installation.tenancyId;
  setPasswordHash(db, adminId, await hashPassword(PASSWORD), T0.toISOString());
});

afterEach(() => {
  db.$client.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const resolve = (token: string, now: Date) => principalOfSession(db, token, meta(), POLICY, tenancyId, now);
const signIn = (password: string, now: Date, options: { userName?: string; address?: string; previousToken?: string } = {}) =>
  signInWithPassword(db, { userName: options.userName ?? 'admin', password }, meta(options.address), POLICY, { now, previousToken: options.previousToken });

function addUser(name: string): string {
  const id = `ocid1.user.oc1..${name}`;
  db.insert(users).values({ id, name, timeCreated: T0.toISOString() }).run();
  return id;
}

describe('session expiry', () => {
  it('ends a session left idle longer than the idle limit, and keeps one in use', () => {
    const { token } = createSession(db, adminId, meta(), POLICY, T0);
    expect(resolve(token, at(29 * MIN))?.userName).toBe('admin');
    // Used at 29 min: idle counts from there, so 58 min is still inside.
    expect(resolve(token, at(58 * MIN))?.userId).toBe(adminId);
    expect(resolve(token, at(58 * MIN + 30 * MIN))).toBeNull();
    // Gone from the table, not just refused.
    expect(db.select().from(sessions).where(eq(sessions.tokenHash, tokenHash(token))).all()).toEqual([]);
  });

  it('ends a session at its absolute end however active it is', () => {
    const { token, expires } = createSession(db, adminId, meta(), POLICY, T0);
    expect(expires.getTime()).toBe(T0.getTime() + POLICY.absoluteMs);
    for (let t = 20 * MIN; t < POLICY.absoluteMs; t += 20 * MIN) expect(resolve(token, at(t))).not.toBeNull();
    expect(resolve(token, at(POLICY.absoluteMs))).toBeNull();
  });

  it('sweeps idle and ended sessions and keeps live ones', () => {
    const idle = createSession(db, adminId, meta(), POLICY, T0);
    const live = createSession(db, adminId, meta(), POLICY, at(20 * MIN));
    expect(sweepExpiredSessions(db, POLICY, at(31 * MIN))).toBe(1);
    expect(resolve(idle.token, at(31 * MIN))).toBeNull();
    expect(resolve(live.token, at(31 * MIN))).not.toBeNull();
  });
});

describe('sign-in', () => {
  it('opens a new session and ends the one the browser came with (rotation)', async () => {
    const before = createSession(db, adminId, meta(), POLICY, T0);
    const result = await signIn(PASSWORD, at(MIN), { previousToken: before.token });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.data.token).not.toBe(before.token);
    expect(resolve(before.token, at(2 * MIN))).toBeNull();
    expect(resolve(result.data.token, at(2 * MIN))?.userName).toBe('admin');
  });

  it('signs out everywhere: every session of the user ends, another user keeps theirs', () => {
    const a = createSession(db, adminId, meta(), POLICY, T0);
    const b = createSession(db, adminId, meta('10.0.0.2'), POLICY, T0);
    const other = createSession(db, addUser('ana'), meta(), POLICY, T0);
    const who = resolve(a.token, at(MIN));
    if (!who) throw new Error('no principal');
    const ended = signOutEverywhere(db, who, at(MIN));
    expect(ended).toEqual({ ok: true, data: { sessionsEnded: 2 } });
    expect(resolve(a.token, at(2 * MIN))).toBeNull();
    expect(resolve(b.token, at(2 * MIN))).toBeNull();
    expect(resolve(other.token, at(2 * MIN))?.userName).toBe('ana');
  });

  it('a password change keeps this session and ends the others', async () => {
    const here = createSession(db, adminId, meta(), POLICY, T0);
    const there = createSession(db, adminId, meta('10.0.0.2'), POLICY, T0);
    const who = resolve(here.token, at(MIN));
    if (!who) throw new Error('no principal');
    const wrong = await changePassword(db, who, { token: here.token }, { currentPassword: 'not it at all', password: 'a new password here' }, at(MIN));
    expect(wrong.ok ? null : wrong.error.fieldErrors?.currentPassword).toBe('The current password is not right.');
    expect(resolve(there.token, at(2 * MIN))).not.toBeNull();
    const changed = await changePassword(db, who, { token: here.token }, { currentPassword: PASSWORD, password: 'a new password here' }, at(2 * MIN));
    expect(changed).toEqual({ ok: true, data: { sessionsEnded: 1 } });
    expect(resolve(here.token, at(3 * MIN))).not.toBeNull();
    expect(resolve(there.token, at(3 * MIN))).toBeNull();
    expect((await signIn(PASSWORD, at(4 * MIN))).ok).toBe(false);
    expect((await signIn('a new password here', at(5 * MIN))).ok).toBe(true);
  });
});

describe('rate limit on failed sign-ins', () => {
  it('refuses a user name after 5 failures in 15 minutes, even with the right password, and says when to try again', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await signIn('wrong password', at(i * MIN), { address: `10.0.0.${i}` });
      expect(r.ok ? '' : r.error.code).toBe('NotAuthenticated');
    }
    const refused = await signIn(PASSWORD, at(6 * MIN), { address: '10.0.1.1' });
    if (refused.ok) throw new Error('signed in past the limit');
    expect(refused.error.code).toBe('TooManyRequests');
    // The oldest failure (09:00) leaves the window at 09:15.
    expect(refused.error.message).toMatch(/5 failed sign-ins for this user name in 15 minutes\. Try again in 9 minutes \(at 09:15 UTC\)/);
    // A refused attempt is not a failure of its own: the window does not grow with retries.
    expect(db.select().from(signInFailures).all()).toHaveLength(5);
    expect((await signIn(PASSWORD, at(15 * MIN + 1))).ok).toBe(true);
  });

  it('a success clears the user name\'s count', async () => {
    for (let i = 0; i < 4; i++) await signIn('wrong password', at(i * MIN));
    expect((await signIn(PASSWORD, at(4 * MIN))).ok).toBe(true);
    for (let i = 0; i < 4; i++) await signIn('wrong password', at((5 + i) * MIN));
    expect((await signIn(PASSWORD, at(10 * MIN))).ok).toBe(true);
  });

  it('refuses an address after 20 failures in 15 minutes, whatever the name; other addresses still sign in', async () => {
    for (let i = 0; i < 20; i++) await signIn('guess', at(i * 10_000), { userName: `user${i}`, address: '10.9.9.9' });
    const refused = await signIn(PASSWORD, at(4 * MIN), { address: '10.9.9.9' });
    expect(refused.ok ? '' : refused.error.code).toBe('TooManyRequests');
    expect(refused.ok ? '' : refused.error.message).toMatch(/20 failed sign-ins from your address/);
    expect((await signIn(PASSWORD, at(4 * MIN), { address: '10.9.9.10' })).ok).toBe(true);
    const audited = db.select().from(auditEvents).where(eq(auditEvents.detail, 'TooManyRequests')).all();
    expect(audited.map((e) => [e.action, e.address])).toEqual([['SignInFailed', '10.9.9.9']]);
  });

  it('counts a name in any case as the same name', async () => {
    for (let i = 0; i < 5; i++) await signIn('wrong password', at(i * MIN), { userName: i % 2 ? 'ADMIN' : 'Admin' });
    const refused = await signIn(PASSWORD, at(6 * MIN));
    expect(refused.ok ? '' : refused.error.code).toBe('TooManyRequests');
  });
});

describe('one-time sign-in links', () => {
  it('signs in once: a second use is refused as used', () => {
    const link = createSignInLink(db, adminId, 'first-run', T0);
    const first = redeemSignInLink(db, link.token, meta(), POLICY, { now: at(MIN) });
    if (!first.ok) throw new Error(first.error);
    expect(first.data.purpose).toBe('first-run');
    expect(resolve(first.data.token, at(2 * MIN))?.userId).toBe(adminId);
    expect(redeemSignInLink(db, link.token, meta(), POLICY, { now: at(2 * MIN) })).toEqual({ ok: false, error: 'used' });
  });

  it(`works for ${SIGN_IN_LINK_MINUTES} minutes and is expired after`, () => {
    const link = createSignInLink(db, adminId, 'first-run', T0);
    expect(link.expires.getTime() - T0.getTime()).toBe(15 * MIN);
    expect(redeemSignInLink(db, link.token, meta(), POLICY, { now: at(15 * MIN) })).toEqual({ ok: false, error: 'expired' });
    const fresh = createSignInLink(db, adminId, 'first-run', T0);
    expect(redeemSignInLink(db, fresh.token, meta(), POLICY, { now: at(15 * MIN - 1) }).ok).toBe(true);
  });

  it('stores only the hash; an unknown or replaced token signs nobody in', () => {
    const older = createSignInLink(db, adminId, 'first-run', T0);
    const newer = createSignInLink(db, adminId, 'first-run', at(MIN));
    const stored = db.$client.prepare('select token_hash from sign_in_tokens').all() as { token_hash: string }[];
    expect(stored.map((r) => r.token_hash)).not.toContain(newer.token);
    expect(redeemSignInLink(db, older.token, meta(), POLICY, { now: at(2 * MIN) })).toEqual({ ok: false, error: 'expired' });
    expect(redeemSignInLink(db, 'x'.repeat(43), meta(), POLICY, { now: at(2 * MIN) })).toEqual({ ok: false, error: 'unknown' });
    expect(redeemSignInLink(db, newer.token, meta(), POLICY, { now: at(2 * MIN) }).ok).toBe(true);
  });

  it('the first-run link exists only while the administrator has no password and none is configured', async () => {
    expect(firstRunLink(db, adminId, null, T0)).toBeNull();
    db.update(users).set({ passwordHash: null }).where(eq(users.id, adminId)).run();
    expect(firstRunLink(db, adminId, 'from-the-environment', T0)).toBeNull();
    const link = firstRunLink(db, adminId, null, T0);
    if (!link) throw new Error('no first-run link');
    const redeemed = redeemSignInLink(db, link.token, meta(), POLICY, { now: at(MIN) });
    if (!redeemed.ok) throw new Error(redeemed.error);
    const who = resolve(redeemed.data.token, at(MIN));
    if (!who) throw new Error('no principal');
    expect((await setFirstPassword(db, who, { token: redeemed.data.token }, 'the first password', at(2 * MIN))).ok).toBe(true);
    // Once set, a session alone cannot replace it.
    const again = await setFirstPassword(db, who, { token: redeemed.data.token }, 'another password', at(3 * MIN));
    expect(again.ok ? '' : again.error.code).toBe('IncorrectState');
    expect((await signIn('the first password', at(4 * MIN))).ok).toBe(true);
  });

  it('a reset clears the password, ends every session and gives a reset link', async () => {
    const a = createSession(db, adminId, meta(), POLICY, T0);
    const reset = resetAdministrator(db, adminId, at(MIN));
    expect(reset.sessionsEnded).toBe(1);
    expect(resolve(a.token, at(2 * MIN))).toBeNull();
    expect((await signIn(PASSWORD, at(2 * MIN))).ok).toBe(false);
    const redeemed = redeemSignInLink(db, reset.token, meta(), POLICY, { now: at(3 * MIN) });
    expect(redeemed.ok && redeemed.data.purpose).toBe('reset');
    expect(db.select().from(auditEvents).where(eq(auditEvents.action, 'ResetAdministratorPassword')).all()).toHaveLength(1);
  });

  it('the sweep removes failures out of the window and links ended a day ago', async () => {
    await signIn('wrong password', T0);
    createSignInLink(db, adminId, 'first-run', T0);
    expect(sweepIdentity(db, POLICY, at(16 * MIN))).toMatchObject({ failures: 1, tokens: 0 });
    expect(sweepIdentity(db, POLICY, at(25 * 60 * MIN))).toMatchObject({ tokens: 1 });
    expect(endAllSessions(db, adminId)).toBe(0);
  });
});
