import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deleteApiKeyRow, insertApiKeyRow, listApiKeyRows } from '@/db/queries/api-keys';
import { updateCompartmentRow } from '@/db/queries/compartments-admin';
import { addMemberRow, deleteGrantRow, deleteGroupRow, insertGrantRow, listGrantRows, removeMemberRow, setUserLifecycleState } from '@/db/queries/identity-admin';
import { modelDeployments } from '@/db/schema';
import { createPredictAuthCache, type PredictAuthCache } from '@/server/gateway/predict-auth-cache';
import { createPredictAuthenticator, type PredictAuthenticator } from '@/server/gateway/predict-auth';
import { addCompartment, addGroup, addUser } from '@/tests/support/identity';
import { addApiKey, newApiKeyPair, type ApiKeyPair } from '@/tests/support/oci-sdk';
import { createEchoDeployment } from '@/tests/support/provider-fixtures';
import { dateSignedPredictRequest, signedPredictRequest, withHeaders } from '@/tests/support/signed-predict';
import { createTempContext, type TempContext } from '@/tests/support/temp-context';

// The gateway's caches for signed predict, on a real SQLite file with its real triggers: what is
// read once, what a replayed request skips, and that a change to keys, users, groups, grants or
// compartments is seen at the next look at auth_generation.

let c: TempContext;
let deploymentId: string;
let compartmentId: string;
let userId: string;
let groupId: string;
let key: ApiKeyPair;
let clock: number;
const now = () => clock;
const BODY = '{"x":[1]}';

beforeEach(async () => {
  c = createTempContext();
  const { md } = await createEchoDeployment(c);
  deploymentId = md.id;
  compartmentId = md.compartmentId;
  groupId = addGroup(c.db, 'callers', [{ verb: 'use', resourceType: 'data-science-model-deployments', compartmentId }]);
  userId = await addUser(c.db, 'caller', { groups: ['callers'] });
  key = addApiKey(c.db, userId);
  clock = Date.now();
});
afterEach(() => {
  vi.restoreAllMocks();
  c.dispose();
});

function authenticator(options: { checkMs?: number; maxVerified?: number } = {}): { cache: PredictAuthCache; auth: PredictAuthenticator } {
  const cache = createPredictAuthCache({ db: c.db, tenancyId: c.installation.tenancyId, now, checkMs: options.checkMs ?? 0, ...(options.maxVerified ? { maxVerified: options.maxVerified } : {}) });
  return { cache, auth: createPredictAuthenticator({ db: c.db, tenancyId: c.installation.tenancyId, mode: 'signed', consoleToken: 'token', now, cache }) };
}

const sign = (body = BODY, headers: Record<string, string> = {}, as: { userId: string; key: ApiKeyPair } = { userId, key }) =>
  signedPredictRequest({ tenancyId: c.installation.tenancyId, userId: as.userId, key: as.key, deploymentId, body, headers });
// A new signature is answered as a promise (its RSA check runs in the thread pool), the rest at once.
const call = async (auth: PredictAuthenticator, req: IncomingMessage, body = BODY) => auth(req, Buffer.from(body), deploymentId);
const notKnown = { code: 'NotAuthenticated', message: expect.stringContaining('is not known') };
const notFound = { code: 'NotAuthorizedOrNotFound', message: 'Authorization failed or requested resource not found.' };

describe('what the signed predict check reads once', () => {
  it('reads the key, grants and compartment once, and verifies a replayed request without RSA', async () => {
    const { cache, auth } = authenticator();
    const first = await sign();
    const other = await sign('{"x":[2]}');
    const verify = vi.spyOn(crypto, 'verify');
    expect(await call(auth, first)).toBeNull();
    expect(await call(auth, other, '{"x":[2]}')).toBeNull();
    expect(verify).toHaveBeenCalledTimes(2);
    for (let i = 0; i < 50; i++) expect(await call(auth, first)).toBeNull();
    expect(verify).toHaveBeenCalledTimes(2);
    expect(cache.reads).toMatchObject({ keys: 1, deployments: 1, parents: 1, drops: 0 });
  });

  it('answers a replay at once and checks a new signature off the event loop', async () => {
    const { auth } = authenticator();
    const first = await sign();
    const pending = auth(first, Buffer.from(BODY), deploymentId);
    expect(pending).toBeInstanceOf(Promise);
    expect(await pending).toBeNull();
    expect(auth(first, Buffer.from(BODY), deploymentId)).toBeNull();
  });

  it('knows a replay only while it is the same request: a changed signed header, body or target is checked in full', async () => {
    const { auth } = authenticator();
    const first = await sign();
    expect(await call(auth, first)).toBeNull();
    const verify = vi.spyOn(crypto, 'verify');
    expect(await call(auth, first, '{"x":[3]}')).toEqual({ code: 'NotAuthenticated', message: 'The body does not match its x-content-sha256 header.' });
    expect(await call(auth, withHeaders(first, { 'content-type': 'text/plain' }))).toMatchObject({ message: expect.stringContaining('does not verify') });
    const elsewhere = { ...withHeaders(first, {}), url: `/${deploymentId}/predict?again=1` } as IncomingMessage;
    expect(await call(auth, elsewhere)).toMatchObject({ message: expect.stringContaining('does not verify') });
    // The changed body is refused by its digest before any RSA: two checks, for the header and the target.
    expect(verify).toHaveBeenCalledTimes(2);
    // A header the signature does not cover may differ: the signing string is the same.
    expect(await call(auth, withHeaders(first, { 'opc-request-id': 'another' }))).toBeNull();
    expect(await call(auth, first)).toBeNull();
    expect(verify).toHaveBeenCalledTimes(2);
  });

  it("lets a replay go stale at its date's 5 minutes", async () => {
    const { auth } = authenticator();
    const first = await sign();
    const date = Date.parse(String(first.headers['x-date']));
    expect(Number.isNaN(date)).toBe(false);
    expect(await call(auth, first)).toBeNull();
    clock = date + 5 * 60_000;
    expect(await call(auth, first)).toBeNull();
    clock = date + 5 * 60_000 + 1;
    expect(await call(auth, first)).toMatchObject({ code: 'NotAuthenticated', message: expect.stringContaining('more than 5 minutes') });
  });

  it('does not let a fresh unsigned x-date beside a signed date reopen a stale request', async () => {
    const { auth } = authenticator();
    const first = dateSignedPredictRequest({ tenancyId: c.installation.tenancyId, userId, key, deploymentId, body: BODY, date: new Date(clock) });
    expect(await call(auth, first)).toBeNull();
    clock += 6 * 60_000;
    const refreshed = withHeaders(first, { 'x-date': new Date(clock).toUTCString() });
    expect(await call(auth, refreshed)).toMatchObject({ code: 'NotAuthenticated', message: expect.stringContaining('more than 5 minutes') });
    expect(await call(auth, first)).toMatchObject({ message: expect.stringContaining('more than 5 minutes') });
  });

  it('keeps a bounded number of verified requests, letting the oldest go first', async () => {
    const { auth } = authenticator({ maxVerified: 2 });
    const requests = [await sign('{"x":[1]}'), await sign('{"x":[2]}'), await sign('{"x":[3]}')];
    for (const [i, r] of requests.entries()) expect(await call(auth, r, `{"x":[${i + 1}]}`)).toBeNull();
    const verify = vi.spyOn(crypto, 'verify');
    expect(await call(auth, requests[2] as IncomingMessage, '{"x":[3]}')).toBeNull();
    expect(verify).toHaveBeenCalledTimes(0);
    expect(await call(auth, requests[0] as IncomingMessage, '{"x":[1]}')).toBeNull();
    expect(verify).toHaveBeenCalledTimes(1);
  });
});

describe('when keys, users, groups, grants or compartments change', () => {
  it('refuses a deleted key at the next look at auth_generation, its replayed request included', async () => {
    const { cache, auth } = authenticator({ checkMs: 100 });
    const first = await sign();
    expect(await call(auth, first)).toBeNull();
    deleteApiKeyRow(c.db, userId, listApiKeyRows(c.db, userId)[0]?.id ?? '');
    // Within one check interval the gateway has not looked yet: that is the bound on staleness.
    expect(await call(auth, first)).toBeNull();
    clock += 100;
    expect(await call(auth, first)).toEqual(notKnown);
    expect(cache.reads.drops).toBe(1);
  });

  it('judges a signature by the identity rows of its answer when they changed while its RSA check ran', async () => {
    const { cache, auth } = authenticator();
    const first = await sign();
    const pending = auth(first, Buffer.from(BODY), deploymentId);
    deleteApiKeyRow(c.db, userId, listApiKeyRows(c.db, userId)[0]?.id ?? '');
    // Any other request looks at auth_generation and drops the cache before the check answers.
    expect(await call(auth, await sign('{"x":[9]}'), '{"x":[9]}')).toEqual(notKnown);
    expect(await pending).toEqual(notKnown);
    expect(cache.reads.drops).toBe(1);
    // Nothing of it was kept: the same request is refused again, not passed as a replay.
    expect(await call(auth, first)).toEqual(notKnown);
  });

  it('follows the user, the membership, the grant, the deployment and the compartment tree', async () => {
    const { auth } = authenticator();
    const first = await sign();
    expect(await call(auth, first)).toBeNull();

    setUserLifecycleState(c.db, userId, 'INACTIVE');
    expect(await call(auth, first)).toEqual(notKnown);
    setUserLifecycleState(c.db, userId, 'ACTIVE');
    expect(await call(auth, first)).toBeNull();

    removeMemberRow(c.db, groupId, userId);
    expect(await call(auth, first)).toEqual(notFound);
    addMemberRow(c.db, groupId, userId);
    expect(await call(auth, first)).toBeNull();

    const grant = listGrantRows(c.db).find((g) => g.groupId === groupId);
    if (!grant) throw new Error('the test group has no grant');
    deleteGrantRow(c.db, grant.id);
    expect(await call(auth, first)).toEqual(notFound);
    insertGrantRow(c.db, grant);
    expect(await call(auth, first)).toBeNull();

    // A grant on a parent holds below it, until the child moves out from under it.
    const tenancy = c.installation.tenancyId;
    const parent = addCompartment(c.db, 'parent', tenancy);
    const child = addCompartment(c.db, 'child', parent);
    const moveDeployment = (to: string) => c.db.update(modelDeployments).set({ compartmentId: to }).where(eq(modelDeployments.id, deploymentId)).run();
    moveDeployment(child);
    expect(await call(auth, first)).toEqual(notFound);
    insertGrantRow(c.db, { ...grant, id: `${grant.id}-parent`, compartmentId: parent });
    expect(await call(auth, first)).toBeNull();
    updateCompartmentRow(c.db, child, { compartmentId: tenancy });
    expect(await call(auth, first)).toEqual(notFound);
    moveDeployment(compartmentId);
    expect(await call(auth, first)).toBeNull();

    // Deleting the group takes its memberships and grants with it (the foreign keys cascade).
    deleteGroupRow(c.db, groupId);
    expect(await call(auth, first)).toEqual(notFound);
  });

  it('takes a key added after a request with it was refused as unknown', async () => {
    const { auth } = authenticator();
    const pair = newApiKeyPair();
    const req = await sign(BODY, {}, { userId, key: pair });
    expect(await call(auth, req)).toEqual(notKnown);
    insertApiKeyRow(c.db, { id: crypto.randomUUID(), userId, fingerprint: pair.fingerprint, publicKeyPem: pair.publicKeyPem, timeCreated: new Date().toISOString() });
    expect(await call(auth, req)).toBeNull();
  });

  it('is not dropped by a sign-in or a deployment changing state', async () => {
    const { cache, auth } = authenticator();
    const other = await addUser(c.db, 'other', { groups: [] });
    const first = await sign();
    expect(await call(auth, first)).toBeNull();
    const drops = cache.reads.drops;
    c.db.$client.prepare('UPDATE users SET time_last_sign_in = ? WHERE id = ?').run(new Date().toISOString(), other);
    c.db.$client.prepare("UPDATE model_deployments SET lifecycle_state = 'INACTIVE' WHERE id = ?").run(deploymentId);
    expect(await call(auth, first)).toBeNull();
    expect(cache.reads.drops).toBe(drops);
  });

  it('has a trigger on every table and change the check depends on (a migration that recreates a table must recreate them)', () => {
    const names = (c.db.$client.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_auth_generation_%'").pluck().all() as string[]).sort();
    const expected = [
      ...['api_keys', 'group_members', 'grants'].flatMap((t) => ['insert', 'delete', 'update'].map((op) => `${t}_auth_generation_${op}`)),
      ...['users', 'compartments', 'model_deployments'].flatMap((t) => ['insert', 'delete', 'update'].map((op) => `${t}_auth_generation_${op}`)),
      'groups_auth_generation_delete',
    ].sort();
    expect(names).toEqual(expected);
  });
});
