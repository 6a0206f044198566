import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertModelDeploymentRow } from '@/db/queries/model-deployments';
import { tagDefinitions, tagNamespaces } from '@/db/schema';
import { loadConfig } from '@/server/config';
import { HOW_TO_ENABLE_LOGGING } from '@/server/domain/deployment-log-query';
import * as common from 'oci-common';
import { registryNamespaceOf } from '@/server/domain/container-repositories';
import { createOciProvider } from '@/server/providers/oci';
import { openProfile } from '@/server/providers/oci/profiles';
import type { DataScienceProvider } from '@/server/providers/types';
import { createAppContext, type AppContext } from '@/server/services/context';
import { createCompartment } from '@/server/services/identity/admin/compartments';
import { adminScope, memberScope } from '@/tests/support/admin-scope';
import { addApiKey } from '@/tests/support/oci-sdk';
import { searchOciLogging } from '@/server/services/oci-logs';
import { modelDeploymentFixture } from '@/tests/support/model-deployment';
import { startOciCloud, type OciCloud } from './oci-cloud';
import { docker } from './support';

// The OCI provider's compartment tree (oci-identity), a deployment's logs (oci-loggingsearch)
// and the BYOC picker's images (oci-artifacts), each through the real SDK client against a
// second Berth as the cloud, whose answers come from its own data: its compartments, its log
// records and its engine's images.

const PORT = 7610;
const GATEWAY_PORT = 7611;
const IMAGE = 'berth-it-ocisvc/picker:1';
const GROUP = 'ocid1.loggroup.oc1.it.aaaaaaaagroup';
const ACCESS_LOG = 'ocid1.log.oc1.it.aaaaaaaaaccess';
const PREDICT_LOG = 'ocid1.log.oc1.it.aaaaaaaapredict';
const LOGGED = 'ocid1.datasciencemodeldeployment.oc1.it.aaaaaaaalogged';
const SILENT = 'ocid1.datasciencemodeldeployment.oc1.it.aaaaaaaasilent';

let world: OciCloud | undefined;
let cloudCtx: AppContext | undefined;
let oci: DataScienceProvider;
let tagged = false;

function ok<T>(r: { ok: true; data: T } | { ok: false; error: { code: string; message: string } }): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.data;
}

beforeAll(async () => {
  world = await startOciCloud({ port: PORT, gatewayPort: GATEWAY_PORT });
  // The cloud's own data, written beside it as its console would: its database is shared.
  cloudCtx = createAppContext(loadConfig({ BERTH_DATA_DIR: world.cloud.dataDir, BERTH_REGION: 'it' }));
  fs.appendFileSync(world.source.configFile, `\n${fs.readFileSync(world.source.configFile, 'utf8').split('\n[NO_KEY]')[0]!.replace('[DEFAULT]', '[OCIR]')}berth_ocir_registry=iad.ocir.io/berthns\n`);
  oci = openProfile(world.source, 'DEFAULT').provider!;
});

afterAll(async () => {
  if (tagged) await docker.getImage(IMAGE).remove().catch(() => undefined);
  cloudCtx?.db.$client.close();
  await world?.stop();
});

describe('the OCI provider’s other services against a Berth cloud', () => {
  it('reads the compartment tree through oci-identity, the tenancy first and each branch in order', async () => {
    expect(oci.capabilities).toMatchObject({ compartmentTree: true, ociLogging: true, ocir: true, containerLogs: false });
    const scope = adminScope(cloudCtx!);
    const made = (parentId: string, name: string) => {
      const r = createCompartment(scope, { parentId, name, description: '' });
      if (!r.ok) throw new Error(r.error.message);
      return r.data.id;
    };
    const teamA = made(world!.tenancyId, 'TeamA');
    const inner = made(teamA, 'Inner');
    const tree = ok(await oci.listCompartments());
    expect(tree[0]).toMatchObject({ id: world!.tenancyId, compartmentId: null });
    const names = tree.map((c) => c.name);
    expect(names.slice(1).sort()).toEqual(['Inner', 'TeamA', 'default']);
    expect(names.indexOf('Inner')).toBe(names.indexOf('TeamA') + 1);
    expect(tree.find((c) => c.id === inner)).toMatchObject({ compartmentId: teamA, lifecycleState: 'ACTIVE', timeCreated: expect.stringMatching(/^\d{4}-/) });

    // A user OCI refuses the list to (no grants at all) still gets the tenancy and the profile's compartment.
    const nobody = memberScope(cloudCtx!, 'nobody', []).principal.userId;
    const key = addApiKey(cloudCtx!.db, nobody);
    fs.writeFileSync(`${world!.dir}/nobody.pem`, key.privateKeyPem, { mode: 0o600 });
    fs.appendFileSync(
      world!.source.configFile,
      `\n[NOBODY]\nuser=${nobody}\nfingerprint=${key.fingerprint}\nkey_file=${world!.dir}/nobody.pem\ntenancy=${world!.tenancyId}\nregion=us-ashburn-1\nberth_endpoint=${world!.cloud.url}\nberth_compartment=${world!.compartmentId}\n`,
    );
    const bare = ok(await openProfile(world!.source, 'NOBODY').provider!.listCompartments());
    expect(bare.map((c) => [c.id, c.compartmentId])).toEqual([
      [world!.tenancyId, null],
      [world!.compartmentId, world!.tenancyId],
    ]);

    const down = openProfile({ ...world!.source, endpoints: { DEFAULT: 'http://127.0.0.1:7612' } }, 'DEFAULT').provider!;
    const unreachable = await down.listCompartments();
    expect(unreachable.ok ? null : [unreachable.error.code, unreachable.error.message]).toEqual(['ServiceUnavailable', expect.stringContaining('OCI could not be reached at http://127.0.0.1:7612/20160918')]);
  });

  it('offers the cloud’s active tag namespaces and their tags to the defined-tags inputs through oci-identity', async () => {
    // A retired namespace of the cloud's, written as its database holds one: not offered.
    cloudCtx!.db.insert(tagNamespaces).values({ id: 'ocid1.tagnamespace.oc1..itretired', compartmentId: world!.tenancyId, name: 'Retired', isRetired: true, timeCreated: new Date().toISOString() }).run();
    cloudCtx!.db.insert(tagDefinitions).values({ id: 'ocid1.tagdefinition.oc1..itretiredkey', tagNamespaceId: 'ocid1.tagnamespace.oc1..itretired', name: 'Gone', timeCreated: new Date().toISOString() }).run();
    expect(ok(await oci.listTagNamespaces())).toEqual([{ name: 'Operations', keys: ['CostCenter', 'Environment', 'Owner'] }]);
  });

  it('searches a deployment’s logs through LogSearchClient, and says how to enable them where there are none', async () => {
    const f = modelDeploymentFixture();
    const db = cloudCtx!.db;
    for (const [id, logs] of [
      [LOGGED, { access: { logGroupId: GROUP, logId: ACCESS_LOG }, predict: { logGroupId: GROUP, logId: PREDICT_LOG } }],
      [SILENT, null],
    ] as const) {
      // INACTIVE: no containers to run, so nothing of the cloud reconciles it away.
      insertModelDeploymentRow(db, {
        id,
        compartmentId: world!.compartmentId,
        projectId: f.projectId,
        modelId: 'ocid1.datasciencemodel.oc1.it.m',
        displayName: id.slice(-6),
        createdBy: f.createdBy,
        timeCreated: f.timeCreated,
        lifecycleState: 'INACTIVE',
        modelDeploymentUrl: `http://127.0.0.1:${GATEWAY_PORT}/${id}`,
        modelDeploymentConfigurationDetails: f.modelDeploymentConfigurationDetails!,
        categoryLogDetails: logs,
        currentInstanceCount: 0,
        freeformTags: {},
        definedTags: {},
      });
    }
    const now = Date.now();
    const insert = db.$client.prepare('INSERT INTO log_records (resource_id, category, instance_id, level, message, data, timestamp) VALUES (?, ?, ?, ?, ?, ?, ?)');
    insert.run(LOGGED, 'access', null, 'INFO', 'POST /predict 200', JSON.stringify({ status: 200, requestId: 'r-ok' }), now - 30_000);
    insert.run(LOGGED, 'access', null, 'ERROR', 'POST /predict 500', JSON.stringify({ status: 500, requestId: 'r-bad' }), now - 20_000);
    insert.run(LOGGED, 'predict', 'inst-1', 'ERROR', 'Traceback: score.py line 3', null, now - 10_000);
    insert.run(SILENT, 'access', null, 'INFO', 'POST /predict 200', null, now - 10_000);

    const api = oci.ociLogging!;
    const window = { startTime: now - 3_600_000, endTime: now + 1000, limit: 10 };
    const all = ok(await api.searchDeploymentLogs(LOGGED, window));
    if (!all.configured) throw new Error('logging should be configured');
    expect(all.records.map((r) => [r.category, r.level, r.message])).toEqual([
      ['predict', 'ERROR', 'Traceback: score.py line 3'],
      ['access', 'ERROR', 'POST /predict 500'],
      ['access', 'INFO', 'POST /predict 200'],
    ]);
    expect(all.records[0]).toMatchObject({ instanceId: 'inst-1', timestamp: now - 10_000 });
    expect(all.records[1]?.data).toEqual({ status: 500, requestId: 'r-bad' });

    const errors = ok(await api.searchDeploymentLogs(LOGGED, { ...window, categories: ['access'], levels: ['ERROR', 'CRITICAL'] }));
    expect(errors.configured && errors.records.map((r) => r.data?.requestId)).toEqual(['r-bad']);
    const text = ok(await api.searchDeploymentLogs(LOGGED, { ...window, text: 'TRACEBACK' }));
    expect(text.configured && text.records.map((r) => r.category)).toEqual(['predict']);

    // Paged as the Logs tab pages: OCI's token is the cursor of the older page.
    const first = ok(await searchOciLogging(api, LOGGED, { category: [], level: [], limit: 2, startTime: window.startTime, endTime: window.endTime }));
    expect([first.records.length, first.source, first.nextCursor !== null]).toEqual([2, 'oci-logging', true]);
    const older = ok(await searchOciLogging(api, LOGGED, { category: [], level: [], limit: 2, startTime: window.startTime, endTime: window.endTime, cursor: first.nextCursor! }));
    expect([older.records.map((r) => r.message), older.nextCursor]).toEqual([['POST /predict 200'], null]);

    expect(ok(await api.searchDeploymentLogs(SILENT, window))).toEqual({ configured: false, howToEnable: HOW_TO_ENABLE_LOGGING });
    expect(ok(await searchOciLogging(api, SILENT, { category: [], level: [], limit: 25 }))).toMatchObject({ records: [], notConfigured: HOW_TO_ENABLE_LOGGING });
    const missing = await api.searchDeploymentLogs('ocid1.datasciencemodeldeployment.oc1.it.aaaaaaaanothere', window);
    expect(missing.ok ? null : missing.error.code).toBe('NotAuthorizedOrNotFound');
  });

  it('lists the cloud engine’s images with their digests for the BYOC picker through oci-artifacts', async () => {
    const base = await docker.getImage('berth/debian:bookworm-slim').inspect();
    await docker.getImage(base.Id).tag({ repo: 'berth-it-ocisvc/picker', tag: '1' });
    tagged = true;
    const images = ok(await oci.containerRegistry!.listContainerImages());
    expect(images).toContainEqual({ reference: IMAGE, digest: base.Id, created: expect.stringMatching(/^\d{4}-/), sizeBytes: 0 });
    // The console's own runtime images are not for BYOC: the cloud lists none of them.
    expect(images.some((i) => i.reference.startsWith('berth-runtime/') || i.reference.startsWith('berth/debian'))).toBe(false);

    // A profile naming its registry gets OCIR references; the cloud runs them by the digest.
    const named = openProfile(world!.source, 'OCIR').provider!;
    const refs = ok(await named.containerRegistry!.listContainerImages()).map((i) => [i.reference, i.digest]);
    expect(refs).toContainEqual([`iad.ocir.io/berthns/${IMAGE}`, base.Id]);

    // A real OCI profile names no registry: the namespace comes from listContainerRepositories,
    // asked of the cloud as OCI would be asked, and starts every reference after the region's host.
    const profile = openProfile(world!.source, 'DEFAULT');
    const lookup = createOciProvider({
      auth: new common.ConfigFileAuthenticationDetailsProvider(world!.source.configFile, 'DEFAULT'),
      tenancyId: profile.tenancyId,
      endpoint: profile.endpoint!,
      registry: { kind: 'lookup', host: 'iad.ocir.io' },
    });
    const namespace = registryNamespaceOf(profile.tenancyId);
    const looked = ok(await lookup.containerRegistry!.listContainerImages()).map((i) => [i.reference, i.digest]);
    expect(looked).toContainEqual([`iad.ocir.io/${namespace}/${IMAGE}`, base.Id]);
    expect(looked.every(([reference]) => reference!.startsWith(`iad.ocir.io/${namespace}/`))).toBe(true);
  });
});
