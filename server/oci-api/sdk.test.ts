import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as common from 'oci-common';
import { requests, type DataScienceClient } from 'oci-datascience';
import { eq } from 'drizzle-orm';
import { auditEvents, groupMembers, groups, users } from '@/db/schema';
import type { AppContext } from '@/server/services/context';
import { createSdkTestContext, type SdkTestContext } from '@/tests/support/sdk-context';
import { addApiKey, newApiKeyPair, ociError, sdkClient, serveFetch } from '@/tests/support/oci-sdk';
import { zipStream, ECHO_SCORE_PY } from '@/tests/support/provider-fixtures';
import { createOciApi } from './api';

// The official oci-datascience SDK against the API's handler over real HTTP and a real SQLite
// file, signing with an API key of the administrator; the SDK's own deserialisation reads every
// answer. No containers: the deployment flow with Docker is tests/integration/oci-sdk.test.ts.

const PORT = 4611;

// A generous bound for a loaded machine: each test makes a dozen or more signed round trips.
const TIMEOUT = 30_000;

let ctx: AppContext;
let temp: SdkTestContext | undefined;
let server: { url: string; close(): Promise<void> };
let client: DataScienceClient;
let compartmentId: string;

beforeAll(async () => {
  temp = createSdkTestContext('sdk');
  ctx = temp.ctx;
  compartmentId = ctx.installation.defaultCompartmentId;
  server = await serveFetch(createOciApi({ db: ctx.db, provider: ctx.provider, tenancyId: ctx.installation.tenancyId }), PORT);
  client = sdkClient(server.url, ctx.installation.tenancyId, ctx.installation.userId, addApiKey(ctx.db, ctx.installation.userId));
}, TIMEOUT);

afterAll(async () => {
  await server?.close();
  temp?.dispose();
});

describe('projects through the SDK', () => {
  it('creates, gets, lists with paging and filters, updates, moves and deletes', async () => {
    const names = ['alpha', 'bravo', 'charlie'];
    const created = [];
    for (const displayName of names) created.push((await client.createProject({ createProjectDetails: { compartmentId, displayName, freeformTags: { team: 'sdk' } } })).project);
    expect(created.map((p) => p.lifecycleState)).toEqual(['ACTIVE', 'ACTIVE', 'ACTIVE']);

    const got = await client.getProject({ projectId: created[0]!.id });
    expect(got.project.displayName).toBe('alpha');
    expect(got.etag).toMatch(/^[0-9a-f]{64}$/);

    const first = await client.listProjects({ compartmentId, limit: 2, sortBy: requests.ListProjectsRequest.SortBy.DisplayName, sortOrder: requests.ListProjectsRequest.SortOrder.Asc });
    expect(first.items.map((p) => p.displayName)).toEqual(['alpha', 'bravo']);
    expect(first.opcNextPage).toBeTruthy();
    const second = await client.listProjects({ compartmentId, limit: 2, page: first.opcNextPage, sortBy: requests.ListProjectsRequest.SortBy.DisplayName, sortOrder: requests.ListProjectsRequest.SortOrder.Asc });
    expect(second.items.map((p) => p.displayName)).toEqual(['charlie']);
    expect(second.opcNextPage).toBeUndefined();

    const byName = await client.listProjects({ compartmentId, displayName: 'bravo' });
    expect(byName.items.map((p) => p.id)).toEqual([created[1]!.id]);
    const byId = await client.listProjects({ compartmentId, id: created[2]!.id });
    expect(byId.items.map((p) => p.displayName)).toEqual(['charlie']);

    const updated = await client.updateProject({ projectId: created[0]!.id, ifMatch: got.etag, updateProjectDetails: { description: 'first' } });
    expect(updated.project.description).toBe('first');
    expect(updated.etag).not.toBe(got.etag);

    const stale = await ociError(client.updateProject({ projectId: created[0]!.id, ifMatch: got.etag, updateProjectDetails: { description: 'again' } }));
    expect(stale.statusCode).toBe(412);
    expect(stale.serviceCode).toBe('PreconditionFailed');

    await client.changeProjectCompartment({ projectId: created[2]!.id, changeProjectCompartmentDetails: { compartmentId: ctx.installation.tenancyId } });
    expect((await client.getProject({ projectId: created[2]!.id })).project.compartmentId).toBe(ctx.installation.tenancyId);

    const deleted = await client.deleteProject({ projectId: created[1]!.id });
    expect(deleted.opcWorkRequestId).toMatch(/^ocid1\.datascienceworkrequest\./);
    const wr = await client.getWorkRequest({ workRequestId: deleted.opcWorkRequestId });
    expect(wr.workRequest.operationType).toBe('PROJECT_DELETE');
    const listed = await client.listWorkRequests({ compartmentId, resourceId: created[1]!.id });
    expect(listed.items.map((w) => w.id)).toContain(deleted.opcWorkRequestId);
    const logs = await client.listWorkRequestLogs({ workRequestId: deleted.opcWorkRequestId });
    expect(Array.isArray(logs.items)).toBe(true);
  }, TIMEOUT);

  it('answers a missing compartmentId with MissingParameter and a bad enum with InvalidParameter', async () => {
    const missing = await ociError(client.listProjects({ compartmentId: '' }));
    expect([missing.statusCode, missing.serviceCode]).toEqual([400, 'MissingParameter']);
    const bad = await ociError(client.listProjects({ compartmentId, lifecycleState: 'SLEEPING' as never }));
    expect([bad.statusCode, bad.serviceCode]).toEqual([400, 'InvalidParameter']);
  }, TIMEOUT);
});

describe('retry tokens', () => {
  it('replays the first answer for the same token and body, and refuses another body with 409', async () => {
    const first = await client.createProject({ opcRetryToken: 'token-1', createProjectDetails: { compartmentId, displayName: 'once' } });
    const again = await client.createProject({ opcRetryToken: 'token-1', createProjectDetails: { compartmentId, displayName: 'once' } });
    expect(again.project.id).toBe(first.project.id);
    expect(again.etag).toBe(first.etag);
    const listed = await client.listProjects({ compartmentId, displayName: 'once' });
    expect(listed.items).toHaveLength(1);

    const other = await ociError(client.createProject({ opcRetryToken: 'token-1', createProjectDetails: { compartmentId, displayName: 'twice' } }));
    expect([other.statusCode, other.serviceCode]).toEqual([409, 'Conflict']);
  }, TIMEOUT);
});

describe('signatures', () => {
  it('refuses an unknown key and an unsigned request with 401 NotAuthenticated and an opc-request-id', async () => {
    const stranger = sdkClient(server.url, ctx.installation.tenancyId, ctx.installation.userId, newApiKeyPair());
    const refused = await ociError(stranger.listProjects({ compartmentId, opcRequestId: 'REQ-401' }));
    expect([refused.statusCode, refused.serviceCode]).toEqual([401, 'NotAuthenticated']);
    expect(refused.opcRequestId).toBe('REQ-401');

    const unsigned = await fetch(`${server.url}/20190101/projects?compartmentId=${compartmentId}`);
    expect(unsigned.status).toBe(401);
    expect(await unsigned.json()).toMatchObject({ code: 'NotAuthenticated' });
    expect(unsigned.headers.get('opc-request-id')).toBeTruthy();
  }, TIMEOUT);

  it('runs as the key\'s user: a Viewer reads projects but cannot create one', async () => {
    const viewerId = 'ocid1.user.oc1..aaaaaaaaviewer';
    ctx.db.insert(users).values({ id: viewerId, name: 'viewer', timeCreated: new Date().toISOString() }).run();
    const viewers = ctx.db.select().from(groups).where(eq(groups.name, 'Viewers')).get();
    ctx.db.insert(groupMembers).values({ groupId: viewers!.id, userId: viewerId }).run();
    const viewer = sdkClient(server.url, ctx.installation.tenancyId, viewerId, addApiKey(ctx.db, viewerId));
    expect(Array.isArray((await viewer.listProjects({ compartmentId })).items)).toBe(true);
    const refused = await ociError(viewer.createProject({ createProjectDetails: { compartmentId, displayName: 'not mine' }, opcRequestId: 'VIEWER-CREATE' }));
    expect([refused.statusCode, refused.serviceCode]).toEqual([404, 'NotAuthorizedOrNotFound']);
    // The audit log names the key's user and the request.
    const audited = ctx.db.select().from(auditEvents).where(eq(auditEvents.requestId, 'VIEWER-CREATE')).all();
    expect(audited).toEqual([expect.objectContaining({ principalId: viewerId, principalName: 'viewer', action: 'CreateProject', outcome: 'DENIED' })]);
  }, TIMEOUT);

  it('names an operation it does not offer in a 501', async () => {
    const e = await ociError(client.listJobs({ compartmentId }));
    expect([e.statusCode, e.serviceCode]).toEqual([501, 'NotImplemented']);
    expect(e.message).toContain('listJobs');
  }, TIMEOUT);
});

describe('models and artifacts through the SDK', () => {
  it('creates a model, uploads its artifact, and reads it back with OCI\'s headers', async () => {
    const project = (await client.createProject({ createProjectDetails: { compartmentId, displayName: 'models' } })).project;
    const model = (await client.createModel({ createModelDetails: { compartmentId, projectId: project.id, displayName: 'echo' } })).model;
    expect(model.lifecycleState).toBe('ACTIVE');

    const chunks: Buffer[] = [];
    for await (const c of zipStream({ 'score.py': ECHO_SCORE_PY })) chunks.push(c as Buffer);
    const zip = Buffer.concat(chunks);
    const uploaded = await client.createModelArtifact({
      modelId: model.id,
      modelArtifact: Readable.from([zip]),
      contentLength: zip.length,
      contentDisposition: 'attachment; filename=echo.zip',
    });
    expect(uploaded.etag).toBeTruthy();

    const head = await client.headModelArtifact({ modelId: model.id });
    expect(head.contentLength).toBe(zip.length);
    expect(head.contentDisposition).toContain('echo.zip');
    expect(head.contentMd5).toBe(crypto.createHash('md5').update(zip).digest('base64'));

    const content = await client.getModelArtifactContent({ modelId: model.id });
    const back: Buffer[] = [];
    for await (const c of content.value as Readable) back.push(Buffer.from(c as Uint8Array));
    expect(Buffer.concat(back).equals(zip)).toBe(true);

    const part = await client.getModelArtifactContent({ modelId: model.id, range: new common.Range(10, 29, null) });
    expect(part.contentLength).toBe(20);
    const partBytes: Buffer[] = [];
    for await (const c of part.value as Readable) partBytes.push(Buffer.from(c as Uint8Array));
    expect(Buffer.concat(partBytes).equals(zip.subarray(10, 30))).toBe(true);
    const outside = await ociError(client.getModelArtifactContent({ modelId: model.id, range: new common.Range(zip.length, null, null) }));
    expect([outside.statusCode, outside.serviceCode]).toEqual([416, 'InvalidRange']);

    const models = await client.listModels({ compartmentId, projectId: project.id });
    expect(models.items.map((m) => m.id)).toEqual([model.id]);

    const deactivated = await client.deactivateModel({ modelId: model.id });
    expect(deactivated.model.lifecycleState).toBe('INACTIVE');
    const activated = await client.activateModel({ modelId: model.id, ifMatch: deactivated.etag });
    expect(activated.model.lifecycleState).toBe('ACTIVE');

    const updated = await client.updateModel({ modelId: model.id, updateModelDetails: { description: 'echoes' } });
    expect(updated.model.description).toBe('echoes');

    const shapes = await client.listModelDeploymentShapes({ compartmentId, limit: 3 });
    expect(shapes.items).toHaveLength(3);
    expect(shapes.items[0]).toMatchObject({ name: expect.any(String), coreCount: expect.any(Number), memoryInGBs: expect.any(Number) });

    await client.deleteModel({ modelId: model.id });
    // As on OCI, a deleted model still reads, as DELETED.
    expect((await client.getModel({ modelId: model.id })).model.lifecycleState).toBe('DELETED');
    const again = await ociError(client.headModelArtifact({ modelId: model.id }));
    expect(again.statusCode).toBe(404);
  }, TIMEOUT);
});
