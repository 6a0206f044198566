import { PassThrough } from 'node:stream';
import yazl from 'yazl';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activeFaultSpecs } from '@/server/providers/local/deployments/faults';
import { applyInstanceFaults } from '@/server/providers/local/deployments/instance-faults';
import type { ServingPlan } from '@/server/providers/local/deployments/serving-plan';
import { createTempContext, type TempContext } from '@/tests/support/temp-context';
import { deploymentsServiceOf } from './deployments';
import { createFaultsService } from './faults';

// Fault injection through the service over the real local provider and a SQLite file; no gateway
// runs and the deployment never got a route, so only the records and instance faults are at play.

let ctx: TempContext;
let time = Date.UTC(2026, 0, 1);
const advance = (ms: number) => (time += ms);

beforeEach(() => {
  time = Date.UTC(2026, 0, 1);
  ctx = createTempContext(() => new Date(time));
});
afterEach(() => ctx.dispose());

async function seedDeployment(): Promise<string> {
  const compartmentId = ctx.installation.defaultCompartmentId;
  const project = await ctx.provider.createProject({ compartmentId, displayName: 'p' });
  if (!project.ok) throw new Error(project.error.message);
  const model = await ctx.provider.createModel({ compartmentId, projectId: project.data.id, displayName: 'm' });
  if (!model.ok) throw new Error(model.error.message);
  const z = new yazl.ZipFile();
  z.addBuffer(Buffer.from('def predict(data, model=None):\n    return data\n'), 'score.py');
  z.end();
  const out = new PassThrough();
  z.outputStream.pipe(out);
  const artifact = await ctx.provider.createModelArtifact(model.data.id, out, 'model.zip');
  if (!artifact.ok) throw new Error(artifact.error.message);
  const created = await deploymentsServiceOf(ctx).create({
    compartmentId,
    projectId: project.data.id,
    displayName: 'md',
    modelDeploymentConfigurationDetails: {
      deploymentType: 'SINGLE_MODEL',
      modelConfigurationDetails: {
        modelId: model.data.id,
        instanceConfiguration: { instanceShapeName: 'VM.Standard.E4.Flex', modelDeploymentInstanceShapeConfigDetails: { ocpus: 1, memoryInGBs: 6 } },
      },
    },
  });
  if (!created.ok) throw new Error(created.error.message);
  return created.data.resource.id;
}

const logsOf = async (id: string) => {
  const logs = await ctx.provider.listWorkRequestLogs(id);
  return logs.ok ? logs.data.items.map((l) => l.message) : [];
};

describe('fault injection service', () => {
  it('records turning a fault on and off as finished work requests of the deployment', async () => {
    const id = await seedDeployment();
    const faults = createFaultsService(ctx.provider);
    const on = await faults.start(id, { kind: 'LATENCY', ms: 250, durationSeconds: 60 });
    if (!on.ok) throw new Error(on.error.message);
    expect(on.data.fault).toMatchObject({ spec: { kind: 'LATENCY', ms: 250 }, timeStarted: '2026-01-01T00:00:00.000Z', timeExpires: '2026-01-01T00:01:00.000Z', timeEnded: null });
    const onWr = await ctx.provider.getWorkRequest(on.data.workRequestId);
    expect(onWr.ok && onWr.data).toMatchObject({ operationType: 'MODEL_DEPLOYMENT_FAULT_ON', status: 'SUCCEEDED', percentComplete: 100 });
    expect((await logsOf(on.data.workRequestId))[0]).toBe('Fault injection on for 60 s (until 2026-01-01T00:01:00.000Z): Added latency: +250 ms per request.');

    advance(10_000);
    const off = await faults.stop(id, on.data.fault.id);
    if (!off.ok) throw new Error(off.error.message);
    expect(off.data.fault).toMatchObject({ endReason: 'TURNED_OFF', timeEnded: '2026-01-01T00:00:10.000Z' });
    expect(await logsOf(off.data.workRequestId)).toEqual(['Fault injection turned off: Added latency: +250 ms per request.']);
    const again = await faults.stop(id, on.data.fault.id);
    expect(again.ok ? null : again.error.code).toBe('IncorrectState');
    // The deployment's state still follows its create work request, not the fault records.
    const view = await deploymentsServiceOf(ctx).detailsView(id);
    expect(view.ok && view.data.latestWorkRequest?.operationType).toBe('MODEL_DEPLOYMENT_CREATE');
  });

  it('records the end of an expired fault once, stamped with its expiry', async () => {
    const id = await seedDeployment();
    const faults = createFaultsService(ctx.provider);
    const on = await faults.start(id, { kind: 'THROTTLE', percent: 10, durationSeconds: 5 });
    if (!on.ok) throw new Error(on.error.message);
    advance(4000);
    let listed = await faults.list(id);
    expect(listed.ok && listed.data[0]?.timeEnded).toBeNull();
    advance(60_000);
    listed = await faults.list(id);
    expect(listed.ok && listed.data[0]).toMatchObject({ endReason: 'EXPIRED', timeEnded: '2026-01-01T00:00:05.000Z' });
    await faults.list(id);
    const offs = await ctx.provider.listWorkRequests({ compartmentId: ctx.installation.defaultCompartmentId, resourceId: id, operationType: 'MODEL_DEPLOYMENT_FAULT_OFF' });
    expect(offs.ok && offs.data.items.map((w) => w.timeAccepted)).toEqual(['2026-01-01T00:00:05.000Z']);
    // A new fault of the same kind may start once the old one is over.
    expect((await faults.start(id, { kind: 'THROTTLE', percent: 20, durationSeconds: 5 })).ok).toBe(true);
  });

  it('refuses what is not a fault or not a deployment, and writes nothing', async () => {
    const id = await seedDeployment();
    const faults = createFaultsService(ctx.provider);
    const bad = await faults.start(id, { kind: 'LATENCY', ms: 250 });
    expect(bad.ok ? null : bad.error).toMatchObject({ code: 'InvalidParameter', fieldErrors: { durationSeconds: expect.stringContaining('Duration') } });
    const missing = await faults.start('ocid1.datasciencemodeldeployment.oc1.test.nope', { kind: 'FAILING_BOOTSTRAP', durationSeconds: 60 });
    expect(missing.ok ? null : missing.error.code).toBe('NotAuthorizedOrNotFound');
    const listed = await faults.list(id);
    expect(listed.ok && listed.data).toEqual([]);
  });

  it('is not offered by a provider without the capability', async () => {
    const { faultInjection: _none, ...withoutFaults } = ctx.provider;
    const faults = createFaultsService(withoutFaults);
    expect(faults.supported).toBe(false);
    const r = await faults.list('ocid1.datasciencemodeldeployment.oc1.test.x');
    expect(r.ok ? null : r.error.code).toBe('NotImplemented');
  });

  it('turns instance faults into a held start and a command that fails with a message', async () => {
    const id = await seedDeployment();
    const faults = createFaultsService(ctx.provider);
    await faults.start(id, { kind: 'FAILING_BOOTSTRAP', durationSeconds: 60 });
    await faults.start(id, { kind: 'SLOW_START', seconds: 1, durationSeconds: 60 });
    expect(activeFaultSpecs(ctx.db, id, time).map((s) => s.kind).sort()).toEqual(['FAILING_BOOTSTRAP', 'SLOW_START']);
    const plan = { kind: 'container', env: {}, serverPort: 8080, healthPort: 8080, predictPath: '/predict', healthPath: '/health', containerType: null, artifactDir: null } satisfies ServingPlan;
    const effect = await applyInstanceFaults(ctx.db, id, plan, () => time);
    expect(effect.heldMs).toBe(1000);
    expect(effect.plan.entrypoint?.[0]).toBe('/bin/sh');
    expect(effect.plan.entrypoint?.[2]).toMatch(/fault injection: failing bootstrap.*exit 1/);
    expect(effect.note).toMatch(/slow start.*Bootstrap made to fail/);
    // Past their expiry they change nothing.
    const later = await applyInstanceFaults(ctx.db, id, plan, () => time + 61_000);
    expect(later).toEqual({ plan, heldMs: 0, note: null });
  });

  it('never holds a start past the end of the slow start fault', async () => {
    const id = await seedDeployment();
    await createFaultsService(ctx.provider).start(id, { kind: 'SLOW_START', seconds: 600, durationSeconds: 5 });
    advance(4000);
    const plan = { kind: 'container', env: {}, serverPort: 8080, healthPort: 8080, predictPath: '/predict', healthPath: '/health', containerType: null, artifactDir: null } satisfies ServingPlan;
    const effect = await applyInstanceFaults(ctx.db, id, plan, () => time);
    expect(effect.heldMs).toBe(1000);
    expect(effect.note).toBe('Start held 1 s by fault injection (slow start).');
  });
});
