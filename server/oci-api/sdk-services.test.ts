import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as common from 'oci-common';
import { ArtifactsClient, requests as requestsArtifacts } from 'oci-artifacts';
import { registryNamespaceOf } from '@/server/domain/container-repositories';
import { IdentityClient, requests as identityRequests } from 'oci-identity';
import { LogSearchClient } from 'oci-loggingsearch';
import { insertModelDeploymentRow } from '@/db/queries/model-deployments';
import { getGroupRowByName } from '@/db/queries/identity-admin';
import { listTagNamespaceRecords } from '@/db/queries/identity';
import { compartmentParents } from '@/db/queries/users';
import { tagDefinitions, tagNamespaces } from '@/db/schema';
import { loadConfig } from '@/server/config';
import type { LocalImage } from '@/server/domain/editor-options';
import { ok } from '@/server/domain/result';
import { createAppContext, type AppContext } from '@/server/services/context';
import { createCompartment } from '@/server/services/identity/admin/compartments';
import { createGrant } from '@/server/services/identity/admin/grants';
import { adminScope, memberScope } from '@/tests/support/admin-scope';
import { createLoggingSearchApiOf } from '@/server/services/oci-service-apis';
import { addApiKey, ociError, serveFetch } from '@/tests/support/oci-sdk';
import { modelDeploymentFixture } from '@/tests/support/model-deployment';
import { createV20160918Api } from './v20160918';

// The official oci-identity, oci-artifacts and oci-loggingsearch clients against Berth's answers
// over real HTTP and a real SQLite file, as an administrator and as a data scientist granted one
// compartment. The SDK's own deserialisation reads every answer. The images are this test's
// list; tests/integration/oci-services.test.ts lists the engine's own.

const PORT = 7620;
const TIMEOUT = 30_000;
const DIGEST = `sha256:${'a'.repeat(64)}`;
const OTHER_DIGEST = `sha256:${'b'.repeat(64)}`;
const IMAGES: LocalImage[] = [
  { reference: 'team/server:1', digest: DIGEST, created: '2026-01-02T00:00:00.000Z', sizeBytes: 5_000_000 },
  { reference: 'team/server:latest', digest: DIGEST, created: '2026-01-02T00:00:00.000Z', sizeBytes: 5_000_000 },
  { reference: 'other:2.0', digest: OTHER_DIGEST, created: '2026-01-01T00:00:00.000Z', sizeBytes: 7_000_000 },
];

let ctx: AppContext;
let dataDir: string;
let server: { url: string; close(): Promise<void> };
let tenancyId: string;
let teamA = '';
let inner = '';
let teamB = '';
type Clients = { identity: IdentityClient; artifacts: ArtifactsClient; logs: LogSearchClient };
let admin: Clients;
let scientist: Clients;

function clients(userId: string): Clients {
  const key = addApiKey(ctx.db, userId);
  const auth = new common.SimpleAuthenticationDetailsProvider(tenancyId, userId, key.fingerprint, key.privateKeyPem, null, common.Region.US_ASHBURN_1);
  const conf = { retryConfiguration: common.NoRetryConfigurationDetails };
  const identity = new IdentityClient({ authenticationDetailsProvider: auth }, conf);
  const artifacts = new ArtifactsClient({ authenticationDetailsProvider: auth }, conf);
  const logs = new LogSearchClient({ authenticationDetailsProvider: auth }, conf);
  for (const c of [identity, artifacts, logs]) c.endpoint = server.url;
  return { identity, artifacts, logs };
}

beforeAll(async () => {
  common.CircuitBreaker.EnableGlobalCircuitBreaker = false;
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-oci-services-'));
  ctx = createAppContext(loadConfig({ BERTH_DATA_DIR: dataDir, BERTH_REGION: 'test', BERTH_LOAD_CHECK_S: '0' }));
  tenancyId = ctx.installation.tenancyId;
  const scope = adminScope(ctx);
  const made = (parentId: string, name: string) => {
    const r = createCompartment(scope, { parentId, name, description: `${name} team` });
    if (!r.ok) throw new Error(r.error.message);
    return r.data.id;
  };
  teamA = made(tenancyId, 'TeamA');
  inner = made(teamA, 'Inner');
  teamB = made(tenancyId, 'TeamB');
  const member = memberScope(ctx, 'dana', ['DataScientists']);
  const group = getGroupRowByName(ctx.db, 'DataScientists');
  const granted = createGrant(scope, { groupId: group!.id, verb: 'manage', resourceType: 'data-science-family', compartmentId: inner });
  if (!granted.ok) throw new Error(granted.error.message);

  // A retired namespace of TeamB's, beside the installation's own Operations in the tenancy.
  const retiredId = 'ocid1.tagnamespace.oc1..retiredteamb';
  ctx.db.insert(tagNamespaces).values({ id: retiredId, compartmentId: teamB, name: 'Legacy', description: 'Old keys.', isRetired: true, timeCreated: '2026-01-01T00:00:00.000Z' }).run();
  ctx.db.insert(tagDefinitions).values({ id: 'ocid1.tagdefinition.oc1..legacyowner', tagNamespaceId: retiredId, name: 'Owner', timeCreated: '2026-01-01T00:00:00.000Z' }).run();

  const v20160918 = createV20160918Api(
    { db: ctx.db, tenancyId },
    { tenancyId, region: 'test', compartments: () => ctx.system.listCompartments(), parents: () => compartmentParents(ctx.db), tagNamespaces: () => listTagNamespaceRecords(ctx.db) },
    { tenancyId, region: 'test', images: async () => ok(IMAGES), parents: () => compartmentParents(ctx.db) },
  );
  const logging = createLoggingSearchApiOf(ctx);
  server = await serveFetch((req) => (new URL(req.url).pathname.startsWith('/20190909') ? logging(req) : v20160918(req)), PORT);
  admin = clients(ctx.installation.userId);
  scientist = clients(member.principal.userId);
}, TIMEOUT);

afterAll(async () => {
  await server?.close();
  ctx?.db.$client.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('Identity through the SDK', () => {
  it('lists the tree as OCI does: children, the whole subtree from the tenancy, paging and sorting', async () => {
    const children = await admin.identity.listCompartments({ compartmentId: tenancyId });
    expect(children.items.map((c) => c.name).sort()).toEqual(['TeamA', 'TeamB', 'default']);
    expect(children.items.find((c) => c.name === 'TeamA')).toMatchObject({ id: teamA, compartmentId: tenancyId, description: 'TeamA team', lifecycleState: 'ACTIVE' });
    expect(children.items[0]!.timeCreated).toBeDefined();

    const all = await admin.identity.listCompartments({ compartmentId: tenancyId, compartmentIdInSubtree: true, accessLevel: identityRequests.ListCompartmentsRequest.AccessLevel.Any, sortBy: identityRequests.ListCompartmentsRequest.SortBy.Name });
    expect(all.items.map((c) => c.name)).toEqual(['Inner', 'TeamA', 'TeamB', 'default']);
    expect(all.items.find((c) => c.id === inner)?.compartmentId).toBe(teamA);

    const first = await admin.identity.listCompartments({ compartmentId: tenancyId, compartmentIdInSubtree: true, limit: 3, sortBy: identityRequests.ListCompartmentsRequest.SortBy.Name });
    expect(first.items).toHaveLength(3);
    expect(first.opcNextPage).toBeTruthy();
    const second = await admin.identity.listCompartments({ compartmentId: tenancyId, compartmentIdInSubtree: true, limit: 3, page: first.opcNextPage, sortBy: identityRequests.ListCompartmentsRequest.SortBy.Name });
    expect(second.items.map((c) => c.name)).toEqual(['default']);
    expect(second.opcNextPage).toBeUndefined();

    // Below the tenancy the subtree flag is refused, as OCI refuses it.
    const refused = await ociError(admin.identity.listCompartments({ compartmentId: teamA, compartmentIdInSubtree: true }));
    expect([refused.statusCode, refused.serviceCode, refused.message]).toEqual([400, 'InvalidParameter', 'compartmentIdInSubtree can only be used on the tenancy (the root compartment).']);
  });

  it('shows a data scientist the path down to their compartment and nothing beside it', async () => {
    const accessible = await scientist.identity.listCompartments({ compartmentId: tenancyId, compartmentIdInSubtree: true, accessLevel: identityRequests.ListCompartmentsRequest.AccessLevel.Accessible });
    // The built-in group starts with a grant in the default compartment too.
    expect(accessible.items.map((c) => [c.name, c.isAccessible]).sort()).toEqual([
      ['Inner', true],
      ['TeamA', true],
      ['default', true],
    ]);
    const any = await scientist.identity.listCompartments({ compartmentId: tenancyId, compartmentIdInSubtree: true, accessLevel: identityRequests.ListCompartmentsRequest.AccessLevel.Any });
    expect(any.items.map((c) => [c.name, c.isAccessible]).sort()).toEqual([
      ['Inner', true],
      ['TeamA', true],
      ['TeamB', false],
      ['default', true],
    ]);
    expect((await scientist.identity.getCompartment({ compartmentId: inner })).compartment).toMatchObject({ id: inner, name: 'Inner', compartmentId: teamA });
    const hidden = await ociError(scientist.identity.getCompartment({ compartmentId: teamB }));
    expect([hidden.statusCode, hidden.serviceCode]).toEqual([404, 'NotAuthorizedOrNotFound']);
    const below = await ociError(scientist.identity.listCompartments({ compartmentId: teamB }));
    expect(below.statusCode).toBe(404);
  });

  it('gets the tenancy, and names an operation it does not offer', async () => {
    const { tenancy } = await admin.identity.getTenancy({ tenancyId });
    expect(tenancy).toMatchObject({ id: tenancyId, homeRegionKey: 'TEST' });
    expect((await admin.identity.getCompartment({ compartmentId: tenancyId })).compartment).toMatchObject({ id: tenancyId, compartmentId: tenancyId });
    const missing = await ociError(admin.identity.getTenancy({ tenancyId: 'ocid1.tenancy.oc1..other' }));
    expect(missing.statusCode).toBe(404);
    const unoffered = await ociError(admin.identity.listUsers({ compartmentId: tenancyId }));
    expect([unoffered.statusCode, unoffered.serviceCode, unoffered.message]).toEqual([501, 'NotImplemented', 'The operation listUsers of the Identity API is not offered by the local provider.']);
  });
});

describe('Tag namespaces through the SDK', () => {
  it('lists the namespaces of a compartment (and below it), their tags, retired ones INACTIVE, with paging', async () => {
    const here = await admin.identity.listTagNamespaces({ compartmentId: tenancyId });
    expect(here.items.map((n) => [n.name, n.lifecycleState, n.isRetired, n.compartmentId])).toEqual([['Operations', 'ACTIVE', false, tenancyId]]);
    const below = await admin.identity.listTagNamespaces({ compartmentId: tenancyId, includeSubcompartments: true });
    expect(below.items.map((n) => [n.name, n.lifecycleState])).toEqual([
      ['Legacy', 'INACTIVE'],
      ['Operations', 'ACTIVE'],
    ]);
    const active = await admin.identity.listTagNamespaces({ compartmentId: tenancyId, includeSubcompartments: true, lifecycleState: 'ACTIVE' });
    expect(active.items.map((n) => n.name)).toEqual(['Operations']);
    const paged = await admin.identity.listTagNamespaces({ compartmentId: tenancyId, includeSubcompartments: true, limit: 1 });
    expect([paged.items.length, !!paged.opcNextPage]).toEqual([1, true]);

    const operations = here.items[0]!.id!;
    const tags = await admin.identity.listTags({ tagNamespaceId: operations });
    expect(tags.items.map((t) => [t.name, t.lifecycleState, t.isCostTracking])).toEqual([
      ['CostCenter', 'ACTIVE', false],
      ['Environment', 'ACTIVE', false],
      ['Owner', 'ACTIVE', false],
    ]);
    const legacy = below.items[0]!.id!;
    expect((await admin.identity.listTags({ tagNamespaceId: legacy })).items.map((t) => [t.name, t.lifecycleState])).toEqual([['Owner', 'INACTIVE']]);
    const bad = await ociError(admin.identity.listTagNamespaces({ compartmentId: tenancyId, lifecycleState: 'GONE' }));
    expect([bad.statusCode, bad.serviceCode]).toEqual([400, 'InvalidParameter']);
  });

  it('shows a data scientist the namespaces of the compartments on their way, not TeamB’s', async () => {
    const seen = await scientist.identity.listTagNamespaces({ compartmentId: tenancyId, includeSubcompartments: true });
    expect(seen.items.map((n) => n.name)).toEqual(['Operations']);
    const hidden = await ociError(scientist.identity.listTags({ tagNamespaceId: 'ocid1.tagnamespace.oc1..retiredteamb' }));
    expect(hidden.statusCode).toBe(404);
    const elsewhere = await ociError(scientist.identity.listTagNamespaces({ compartmentId: teamB }));
    expect(elsewhere.statusCode).toBe(404);
  });
});

describe('the signed front door of each service', () => {
  it('refuses an unsigned call, and names an unknown path or a wrong method', async () => {
    const unsigned = await fetch(`${server.url}/20160918/compartments?compartmentId=${tenancyId}`);
    expect([unsigned.status, ((await unsigned.json()) as { code: string }).code]).toEqual([401, 'NotAuthenticated']);
    const search = await fetch(`${server.url}/20190909/search`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(search.status).toBe(401);
    const unknown = await fetch(`${server.url}/20160918/nothing/here`);
    expect([unknown.status, ((await unknown.json()) as { message: string }).message]).toEqual([404, 'No operation of the Identity API has the path /20160918/nothing/here.']);
    const wrong = await fetch(`${server.url}/20190909/search`);
    expect([wrong.status, wrong.headers.get('allow')]).toEqual([405, 'POST']);
  });
});

describe('Artifacts through the SDK', () => {
  it('lists container images with digests and versions, filters, and gets one', async () => {
    const listed = await admin.artifacts.listContainerImages({ compartmentId: tenancyId });
    expect(listed.containerImageCollection.items.map((i) => [i.repositoryName, i.version, i.digest, i.displayName])).toEqual([
      // Two tags of one build share its time: the first by name is the version shown.
      ['team/server', '1', DIGEST, 'team/server:1'],
      ['other', '2.0', OTHER_DIGEST, 'other:2.0'],
    ]);
    expect(listed.containerImageCollection.remainingItemsCount).toBe(0);
    const byRepo = await admin.artifacts.listContainerImages({ compartmentId: tenancyId, repositoryName: 'team*' });
    expect(byRepo.containerImageCollection.items.map((i) => i.repositoryName)).toEqual(['team/server']);
    const paged = await admin.artifacts.listContainerImages({ compartmentId: tenancyId, limit: 1 });
    expect([paged.containerImageCollection.items.length, paged.containerImageCollection.remainingItemsCount, !!paged.opcNextPage]).toEqual([1, 1, true]);

    const id = byRepo.containerImageCollection.items[0]!.id;
    const { containerImage } = await admin.artifacts.getContainerImage({ imageId: id });
    expect(containerImage).toMatchObject({ id, digest: DIGEST, layersSizeInBytes: 5_000_000, lifecycleState: 'AVAILABLE' });
    expect(containerImage.versions.map((v) => v.version).sort()).toEqual(['1', 'latest']);
    // Images are in the tenancy: a compartment below lists none of them.
    expect((await admin.artifacts.listContainerImages({ compartmentId: teamA })).containerImageCollection.items).toEqual([]);
    const unoffered = await ociError(admin.artifacts.listContainerImageSignatures({ compartmentId: tenancyId }));
    expect([unoffered.statusCode, unoffered.message]).toEqual([501, 'The operation listContainerImageSignatures of the Artifacts API is not offered by the local provider.']);
  });

  it('lists the repositories of those images under the tenancy’s registry namespace, with totals, filters and paging, and gets one', async () => {
    const { containerRepositoryCollection: listed } = await admin.artifacts.listContainerRepositories({ compartmentId: tenancyId, compartmentIdInSubtree: true });
    const namespace = registryNamespaceOf(tenancyId);
    expect(namespace).toMatch(/^[a-z][a-z0-9]{11}$/);
    expect(listed.items.map((r) => [r.displayName, r.namespace, r.imageCount, r.layersSizeInBytes, r.isPublic, r.lifecycleState])).toEqual([
      ['team/server', namespace, 1, 5_000_000, false, 'AVAILABLE'],
      ['other', namespace, 1, 7_000_000, false, 'AVAILABLE'],
    ]);
    expect([listed.repositoryCount, listed.imageCount, listed.layersSizeInBytes, listed.remainingItemsCount]).toEqual([2, 2, 12_000_000, 0]);
    // Each image names its repository by the id the repository has.
    const images = (await admin.artifacts.listContainerImages({ compartmentId: tenancyId })).containerImageCollection.items;
    expect(images.find((i) => i.repositoryName === 'other')?.repositoryId).toBe(listed.items[1]?.id);

    const byName = await admin.artifacts.listContainerRepositories({ compartmentId: tenancyId, displayName: 'other' });
    expect(byName.containerRepositoryCollection.items.map((r) => r.displayName)).toEqual(['other']);
    const sortedByName = await admin.artifacts.listContainerRepositories({ compartmentId: tenancyId, sortBy: requestsArtifacts.ListContainerRepositoriesRequest.SortBy.Displayname });
    expect(sortedByName.containerRepositoryCollection.items.map((r) => r.displayName)).toEqual(['other', 'team/server']);
    const first = await admin.artifacts.listContainerRepositories({ compartmentId: tenancyId, limit: 1 });
    expect([first.containerRepositoryCollection.items.length, first.containerRepositoryCollection.remainingItemsCount, !!first.opcNextPage]).toEqual([1, 1, true]);
    const second = await admin.artifacts.listContainerRepositories({ compartmentId: tenancyId, limit: 1, page: first.opcNextPage });
    expect(second.containerRepositoryCollection.items.map((r) => r.displayName)).toEqual(['other']);
    // Repositories are in the tenancy: a compartment below lists none.
    expect((await admin.artifacts.listContainerRepositories({ compartmentId: teamA })).containerRepositoryCollection.items).toEqual([]);

    const id = listed.items[0]!.id;
    const { containerRepository } = await admin.artifacts.getContainerRepository({ repositoryId: id });
    expect(containerRepository).toMatchObject({ id, displayName: 'team/server', namespace, imageCount: 1, isImmutable: false, compartmentId: tenancyId });
    const missing = await ociError(admin.artifacts.getContainerRepository({ repositoryId: 'ocid1.containerrepo.oc1.test.nope' }));
    expect(missing.statusCode).toBe(404);
    const bad = await ociError(admin.artifacts.listContainerRepositories({ compartmentId: tenancyId, limit: 5000 }));
    expect([bad.statusCode, bad.serviceCode]).toEqual([400, 'InvalidParameter']);
  });

  it('lists nothing to a caller who cannot see the tenancy', async () => {
    const refused = await ociError(scientist.artifacts.getContainerImage({ imageId: 'ocid1.containerimage.oc1.test.x' }));
    expect(refused.statusCode).toBe(404);
  });
});

describe('Logging search through the SDK', () => {
  const GROUP = 'ocid1.loggroup.oc1.test.aaaaaaaagroup';
  const ACCESS = 'ocid1.log.oc1.test.aaaaaaaaaccess';
  const PREDICT = 'ocid1.log.oc1.test.aaaaaaaapredict';
  const T0 = Date.parse('2026-03-01T10:00:00.000Z');
  const logged = 'ocid1.datasciencemodeldeployment.oc1.test.aaaaaaaalogged';
  const silent = 'ocid1.datasciencemodeldeployment.oc1.test.aaaaaaaasilent';

  beforeAll(() => {
    const f = modelDeploymentFixture();
    for (const [id, logs] of [
      [logged, { access: { logGroupId: GROUP, logId: ACCESS }, predict: { logGroupId: GROUP, logId: PREDICT } }],
      [silent, null],
    ] as const) {
      insertModelDeploymentRow(ctx.db, {
        id,
        compartmentId: inner,
        projectId: f.projectId,
        modelId: 'ocid1.datasciencemodel.oc1.test.m',
        displayName: id.slice(-6),
        createdBy: f.createdBy,
        timeCreated: f.timeCreated,
        lifecycleState: 'ACTIVE',
        modelDeploymentUrl: `http://127.0.0.1/${id}`,
        modelDeploymentConfigurationDetails: f.modelDeploymentConfigurationDetails!,
        categoryLogDetails: logs,
        currentInstanceCount: 1,
        freeformTags: {},
        definedTags: {},
      });
    }
    const insert = ctx.db.$client.prepare('INSERT INTO log_records (resource_id, category, instance_id, level, message, data, timestamp) VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const id of [logged, silent]) {
      insert.run(id, 'access', null, 'INFO', 'POST /predict 200', JSON.stringify({ status: 200, requestId: 'req-1' }), T0 + 1000);
      insert.run(id, 'access', null, 'ERROR', 'POST /predict 500', JSON.stringify({ status: 500, requestId: 'req-2' }), T0 + 2000);
      insert.run(id, 'predict', 'inst-1', 'WARNING', 'model warming up', null, T0 + 3000);
    }
  });

  const window = { timeStart: new Date(T0), timeEnd: new Date(T0 + 60_000) };

  it('finds a deployment’s records in the logs its categoryLogDetails name, newest first, with where and paging', async () => {
    const all = await admin.logs.searchLogs({ searchLogsDetails: { ...window, searchQuery: `search "${inner}/${GROUP}" | sort by datetime desc`, isReturnFieldInfo: true } });
    const results = all.searchResponse.results ?? [];
    expect(results.map((r) => [r.data.logContent.type, r.data.logContent.data.message])).toEqual([
      ['com.oraclecloud.datascience.modeldeployment.predict', 'model warming up'],
      ['com.oraclecloud.datascience.modeldeployment.access', 'POST /predict 500'],
      ['com.oraclecloud.datascience.modeldeployment.access', 'POST /predict 200'],
    ]);
    expect(results[0]!.data).toMatchObject({ datetime: T0 + 3000, logContent: { source: logged, subject: 'inst-1', oracle: { logid: PREDICT, loggroupid: GROUP, compartmentid: inner } } });
    expect(all.searchResponse.summary).toEqual({ resultCount: 3, fieldCount: 2 });

    const errors = await admin.logs.searchLogs({ searchLogsDetails: { ...window, searchQuery: `search "${inner}/${GROUP}/${ACCESS}" | where data.level in ('ERROR', 'CRITICAL') and data.message = '*predict*'` } });
    expect(errors.searchResponse.results?.map((r) => r.data.logContent.data.requestId)).toEqual(['req-2']);

    const page1 = await admin.logs.searchLogs({ limit: 2, searchLogsDetails: { ...window, searchQuery: `search "${inner}/${GROUP}/${ACCESS}", "${inner}/${GROUP}/${PREDICT}" | sort by datetime asc` } });
    expect(page1.searchResponse.results?.map((r) => r.data.datetime)).toEqual([T0 + 1000, T0 + 2000]);
    const page2 = await admin.logs.searchLogs({ limit: 2, page: page1.opcNextPage, searchLogsDetails: { ...window, searchQuery: `search "${inner}/${GROUP}/${ACCESS}", "${inner}/${GROUP}/${PREDICT}" | sort by datetime asc` } });
    expect(page2.searchResponse.results?.map((r) => r.data.datetime)).toEqual([T0 + 3000]);
    expect(page2.opcNextPage).toBeUndefined();

    const earlier = await admin.logs.searchLogs({ searchLogsDetails: { timeStart: new Date(T0 - 60_000), timeEnd: new Date(T0 + 1500), searchQuery: `search "${inner}"` } });
    expect(earlier.searchResponse.results?.map((r) => r.data.logContent.data.message)).toEqual(['POST /predict 200']);
  });

  it('lets a granted data scientist search, hides other compartments, and refuses a query it cannot read', async () => {
    const mine = await scientist.logs.searchLogs({ searchLogsDetails: { ...window, searchQuery: `search "${inner}"` } });
    expect(mine.searchResponse.results).toHaveLength(3);
    const other = await ociError(scientist.logs.searchLogs({ searchLogsDetails: { ...window, searchQuery: `search "${teamB}"` } }));
    expect([other.statusCode, other.serviceCode]).toEqual([404, 'NotAuthorizedOrNotFound']);
    const bad = await ociError(admin.logs.searchLogs({ searchLogsDetails: { ...window, searchQuery: `search "${inner}" | stats count` } }));
    expect([bad.statusCode, bad.message]).toEqual([400, 'searchQuery: "stats" after | is not a command Berth answers (where, sort).']);
    const backwards = await ociError(admin.logs.searchLogs({ searchLogsDetails: { timeStart: window.timeEnd, timeEnd: window.timeStart, searchQuery: `search "${inner}"` } }));
    expect([backwards.statusCode, backwards.message]).toEqual([400, 'timeStart must be before timeEnd.']);
  });
});
