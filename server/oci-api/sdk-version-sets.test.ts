import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as common from 'oci-common';
import { requests, type DataScienceClient } from 'oci-datascience';
import { users } from '@/db/schema';
import type { AppContext } from '@/server/services/context';
import { createSdkTestContext, type SdkTestContext } from '@/tests/support/sdk-context';
import { addApiKey, ociError, sdkClient, serveFetch } from '@/tests/support/oci-sdk';
import { createOciApi } from './api';

// Model version sets and the per-user rate limit through the official oci-datascience SDK, over
// real HTTP and a real SQLite file; the SDK's own deserialisation reads every answer.

const PORT = 4700;
const LIMITED_PORT = 4701;
const TIMEOUT = 30_000;

let ctx: AppContext;
let temp: SdkTestContext | undefined;
let server: { url: string; close(): Promise<void> };
let limited: { url: string; close(): Promise<void> };
let client: DataScienceClient;
let compartmentId: string;

// One attempt: the SDK would otherwise retry a 429 itself and hide it.
const once = { retryConfiguration: { terminationStrategy: new common.MaxAttemptsTerminationStrategy(1) } };

beforeAll(async () => {
  temp = createSdkTestContext('mvs');
  ctx = temp.ctx;
  compartmentId = ctx.installation.defaultCompartmentId;
  ctx.runner.start();
  const deps = { db: ctx.db, provider: ctx.provider, tenancyId: ctx.installation.tenancyId };
  server = await serveFetch(createOciApi(deps), PORT);
  // A bucket of two that takes 100 s to give one request back: the third in a row is refused.
  limited = await serveFetch(createOciApi({ ...deps, rateLimit: { perSecond: 0.01, burst: 2 } }), LIMITED_PORT);
  client = sdkClient(server.url, ctx.installation.tenancyId, ctx.installation.userId, addApiKey(ctx.db, ctx.installation.userId));
}, TIMEOUT);

afterAll(async () => {
  await server?.close();
  await limited?.close();
  temp?.dispose();
});

describe('model version sets through the SDK', () => {
  it('creates, gets, lists with filters and paging, updates, moves and deletes with a work request', async () => {
    const project = (await client.createProject({ createProjectDetails: { compartmentId, displayName: 'versioned' } })).project;
    const created = [];
    for (const name of ['fraud', 'churn', 'lift']) {
      created.push((await client.createModelVersionSet({ createModelVersionSetDetails: { compartmentId, projectId: project.id, name, description: `${name} models`, freeformTags: { team: 'sdk' } } })).modelVersionSet);
    }
    const [fraud, churn, lift] = created as [(typeof created)[number], (typeof created)[number], (typeof created)[number]];
    expect(fraud).toMatchObject({ name: 'fraud', projectId: project.id, compartmentId, lifecycleState: 'ACTIVE', category: 'USER', createdBy: ctx.installation.userId, freeformTags: { team: 'sdk' } });
    expect(fraud.id).toMatch(/^ocid1\.datasciencemodelversionset\.oc1\.test\./);
    expect(new Date(fraud.timeCreated).getTime()).toBeGreaterThan(0);

    const got = await client.getModelVersionSet({ modelVersionSetId: fraud.id });
    expect(got.modelVersionSet.description).toBe('fraud models');
    expect(got.etag).toMatch(/^[0-9a-f]{64}$/);

    const byName = { sortBy: requests.ListModelVersionSetsRequest.SortBy.Name, sortOrder: requests.ListModelVersionSetsRequest.SortOrder.Asc };
    const first = await client.listModelVersionSets({ compartmentId, projectId: project.id, limit: 2, ...byName });
    expect(first.items.map((s) => s.name)).toEqual(['churn', 'fraud']);
    expect(first.opcNextPage).toBeTruthy();
    const second = await client.listModelVersionSets({ compartmentId, projectId: project.id, limit: 2, page: first.opcNextPage, ...byName });
    expect(second.items.map((s) => s.name)).toEqual(['lift']);
    expect(second.opcNextPage).toBeUndefined();
    expect((await client.listModelVersionSets({ compartmentId, name: 'churn' })).items.map((s) => s.id)).toEqual([churn.id]);
    expect((await client.listModelVersionSets({ compartmentId, id: lift.id })).items.map((s) => s.name)).toEqual(['lift']);
    expect((await client.listModelVersionSets({ compartmentId, createdBy: 'ocid1.user.oc1..nobody' })).items).toEqual([]);
    const newestFirst = await client.listModelVersionSets({ compartmentId, projectId: project.id });
    expect(newestFirst.items.map((s) => s.name)).toEqual(['lift', 'churn', 'fraud']);

    const updated = await client.updateModelVersionSet({ modelVersionSetId: fraud.id, ifMatch: got.etag, updateModelVersionSetDetails: { description: 'fraud, v2', freeformTags: { team: 'risk' } } });
    expect(updated.modelVersionSet).toMatchObject({ name: 'fraud', description: 'fraud, v2', freeformTags: { team: 'risk' } });
    expect(updated.etag).not.toBe(got.etag);
    const stale = await ociError(client.updateModelVersionSet({ modelVersionSetId: fraud.id, ifMatch: got.etag, updateModelVersionSetDetails: { description: 'again' } }));
    expect([stale.statusCode, stale.serviceCode]).toEqual([412, 'PreconditionFailed']);

    await client.changeModelVersionSetCompartment({ modelVersionSetId: lift.id, changeModelVersionSetCompartmentDetails: { compartmentId: ctx.installation.tenancyId } });
    expect((await client.getModelVersionSet({ modelVersionSetId: lift.id })).modelVersionSet.compartmentId).toBe(ctx.installation.tenancyId);

    const deleted = await client.deleteModelVersionSet({ modelVersionSetId: churn.id });
    expect(deleted.opcWorkRequestId).toMatch(/^ocid1\.datascienceworkrequest\./);
    const wr = await client.getWorkRequest({ workRequestId: deleted.opcWorkRequestId });
    expect(wr.workRequest.operationType).toBe('MODELVERSIONSET_DELETE');
    expect(wr.workRequest.resources.map((r) => r.identifier)).toEqual([churn.id]);
    // The runner finishes the delete; the set then reads as DELETED, as on OCI, and frees its name.
    await ctx.runner.idle();
    expect((await client.getModelVersionSet({ modelVersionSetId: churn.id })).modelVersionSet.lifecycleState).toBe('DELETED');
    expect((await client.getWorkRequest({ workRequestId: deleted.opcWorkRequestId })).workRequest.status).toBe('SUCCEEDED');
    const again = await client.createModelVersionSet({ createModelVersionSetDetails: { compartmentId, projectId: project.id, name: 'churn' } });
    expect(again.modelVersionSet.id).not.toBe(churn.id);
    const gone = await ociError(client.updateModelVersionSet({ modelVersionSetId: churn.id, updateModelVersionSetDetails: { description: 'x' } }));
    expect(gone.statusCode).toBe(404);
  }, TIMEOUT);

  it('refuses a second set of the same name in a project with 409, and a bad body with 400', async () => {
    const project = (await client.createProject({ createProjectDetails: { compartmentId, displayName: 'twins' } })).project;
    const other = (await client.createProject({ createProjectDetails: { compartmentId, displayName: 'elsewhere' } })).project;
    await client.createModelVersionSet({ createModelVersionSetDetails: { compartmentId, projectId: project.id, name: 'same' } });
    const twin = await ociError(client.createModelVersionSet({ createModelVersionSetDetails: { compartmentId, projectId: project.id, name: 'same' } }));
    expect([twin.statusCode, twin.serviceCode]).toEqual([409, 'Conflict']);
    expect((await client.listModelVersionSets({ compartmentId, projectId: project.id, name: 'same' })).items).toHaveLength(1);
    // Another project may use the name.
    await client.createModelVersionSet({ createModelVersionSetDetails: { compartmentId, projectId: other.id, name: 'same' } });

    const unnamed = await ociError(client.createModelVersionSet({ createModelVersionSetDetails: { compartmentId, projectId: project.id, name: '' } }));
    expect([unnamed.statusCode, unnamed.serviceCode]).toEqual([400, 'InvalidParameter']);
    const badState = await ociError(client.listModelVersionSets({ compartmentId, lifecycleState: 'SLEEPING' as never }));
    expect([badState.statusCode, badState.serviceCode]).toEqual([400, 'InvalidParameter']);
    const missing = await ociError(client.listModelVersionSets({ compartmentId: '' }));
    expect([missing.statusCode, missing.serviceCode]).toEqual([400, 'MissingParameter']);
  }, TIMEOUT);

  it('hides a set from a user without grants: 404 NotAuthorizedOrNotFound, nothing changed', async () => {
    const project = (await client.createProject({ createProjectDetails: { compartmentId, displayName: 'private' } })).project;
    const set = (await client.createModelVersionSet({ createModelVersionSetDetails: { compartmentId, projectId: project.id, name: 'secret' } })).modelVersionSet;
    const strangerId = 'ocid1.user.oc1..aaaaaaaastranger';
    ctx.db.insert(users).values({ id: strangerId, name: 'stranger', timeCreated: new Date().toISOString() }).run();
    const stranger = sdkClient(server.url, ctx.installation.tenancyId, strangerId, addApiKey(ctx.db, strangerId));
    for (const call of [
      () => stranger.getModelVersionSet({ modelVersionSetId: set.id }),
      () => stranger.listModelVersionSets({ compartmentId }),
      () => stranger.updateModelVersionSet({ modelVersionSetId: set.id, updateModelVersionSetDetails: { description: 'mine now' } }),
      () => stranger.deleteModelVersionSet({ modelVersionSetId: set.id }),
    ]) {
      const e = await ociError(call());
      expect([e.statusCode, e.serviceCode]).toEqual([404, 'NotAuthorizedOrNotFound']);
    }
    const after = (await client.getModelVersionSet({ modelVersionSetId: set.id })).modelVersionSet;
    expect([after.lifecycleState, after.description]).toEqual(['ACTIVE', '']);
  }, TIMEOUT);
});

describe('rate limit', () => {
  it('answers past the bucket with 429 TooManyRequests and Retry-After, per user', async () => {
    const fast = sdkClient(limited.url, ctx.installation.tenancyId, ctx.installation.userId, addApiKey(ctx.db, ctx.installation.userId));
    await fast.listProjects({ compartmentId, ...once });
    await fast.listProjects({ compartmentId, ...once });
    const refused = await ociError(fast.listProjects({ compartmentId, ...once }));
    expect([refused.statusCode, refused.serviceCode]).toEqual([429, 'TooManyRequests']);

    // The raw answer: OCI's error body and a whole number of seconds to wait.
    const raw = await rawSignedGet(limited.url, `/20190101/projects?compartmentId=${compartmentId}`);
    expect(raw.status).toBe(429);
    expect(await raw.json()).toMatchObject({ code: 'TooManyRequests', message: expect.any(String) });
    const wait = Number(raw.headers.get('retry-after'));
    expect(Number.isInteger(wait) && wait >= 1 && wait <= 100).toBe(true);

    // Another user has a bucket of their own.
    const otherId = 'ocid1.user.oc1..aaaaaaaaotherlimited';
    ctx.db.insert(users).values({ id: otherId, name: 'other', timeCreated: new Date().toISOString() }).run();
    const other = sdkClient(limited.url, ctx.installation.tenancyId, otherId, addApiKey(ctx.db, otherId));
    const e = await ociError(other.listProjects({ compartmentId, ...once }));
    expect(e.statusCode).toBe(404); // refused by its grants, not by the limit
  }, TIMEOUT);
});

let rawKey: ReturnType<typeof addApiKey> | null = null;

/** A GET signed as the SDK signs it, to read the raw status, headers and body. */
async function rawSignedGet(base: string, target: string): Promise<Response> {
  rawKey ??= addApiKey(ctx.db, ctx.installation.userId);
  const auth = new common.SimpleAuthenticationDetailsProvider(ctx.installation.tenancyId, ctx.installation.userId, rawKey.fingerprint, rawKey.privateKeyPem, null, common.Region.US_ASHBURN_1);
  const signer = new common.DefaultRequestSigner(auth);
  const url = `${base}${target}`;
  const headers = new Headers();
  const request: common.HttpRequest = { uri: url, method: 'GET', headers, body: undefined };
  await signer.signHttpRequest(request);
  return fetch(url, { headers });
}
