import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getIdleGuardRow, lastPredictRequestPoint } from '@/db/queries/idle-guards';
import { getModelDeploymentRow } from '@/db/queries/model-deployments';
import { listScalingEvents } from '@/db/queries/scaling-events';
import { getWorkRequestRow } from '@/db/queries/work-requests';
import { WEEKDAYS } from '@/server/domain/idle-guard';
import { ensureRuntimeImage } from '@/server/providers/local/docker/runtime-images';
import { createIdleGuardService } from '@/server/services/idle-guard/service';
import { docker, postJson, startHarness, zipFolderOf, type Harness } from './support';

// The idle guard end to end: a real conda model (the smallest runtime) behind a real gateway that
// records PredictRequestCount, a guard of one idle minute (the lowered local minimum), evaluated
// every second by the control plane's loop. It deactivates the idle deployment through a DEACTIVATE
// work request, the Scaling tab's event says why, the URL stays; a scheduled activation at the
// next whole minute brings it back ACTIVE through an ACTIVATE work request, serving again.

const GATEWAY_PORT = 7190;
const SCORE_PY = 'def predict(data, model=None):\n    return {"echo": data}\n';
const RUNTIME_YAML = 'MODEL_DEPLOYMENT:\n  INFERENCE_CONDA_ENV:\n    INFERENCE_ENV_SLUG: minimal_p311_cpu_v1\n    INFERENCE_ENV_TYPE: data_science\n';
const MIN = 60_000;

let h: Harness;

beforeAll(async () => {
  const minimal = await ensureRuntimeImage(docker, 'minimal_p311_cpu_v1');
  if (!minimal.ok) throw new Error('runtime images are missing; run the setup first');
  h = await startHarness({ BERTH_GATEWAY_PORT: String(GATEWAY_PORT), BERTH_IDLE_GUARD_MIN_MINUTES: '1', BERTH_IDLE_GUARD_INTERVAL_S: '1' }, { telemetry: true });
}, 900_000);

afterAll(async () => {
  h?.ctx.idleGuard.stop();
  await h?.dispose();
}, 120_000);

async function waitUntil<T>(what: string, read: () => T | undefined | null | false, timeoutMs: number, seen?: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = read();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${seen ? `; ${seen()}` : ''}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const finished = (id: string | null | undefined) => {
  const w = getWorkRequestRow(h.ctx.db, id ?? '');
  return w && w.status !== 'ACCEPTED' && w.status !== 'IN_PROGRESS' ? w : undefined;
};

describe('the idle guard', () => {
  it('deactivates an idle deployment through a work request, keeps its URL, and activates it again at the scheduled time', async () => {
    const c = h.ctx;
    const compartmentId = c.installation.defaultCompartmentId;
    const project = await c.provider.createProject({ compartmentId, displayName: 'idle-guard' });
    if (!project.ok) throw new Error(project.error.message);
    const model = await c.provider.createModel({ compartmentId, projectId: project.data.id, displayName: 'echo' });
    if (!model.ok) throw new Error(model.error.message);
    const artifact = await c.provider.createModelArtifact(model.data.id, zipFolderOf({ 'score.py': SCORE_PY, 'runtime.yaml': RUNTIME_YAML }), 'model.zip');
    if (!artifact.ok) throw new Error(artifact.error.message);
    const created = await c.provider.createModelDeployment({
      compartmentId,
      projectId: project.data.id,
      displayName: 'idle',
      modelDeploymentConfigurationDetails: {
        deploymentType: 'SINGLE_MODEL',
        modelConfigurationDetails: {
          modelId: model.data.id,
          instanceConfiguration: { instanceShapeName: 'VM.Standard.E4.Flex', modelDeploymentInstanceShapeConfigDetails: { ocpus: 1, memoryInGBs: 6 } },
          scalingPolicy: { policyType: 'FIXED_SIZE', instanceCount: 1 },
          bandwidthMbps: 10,
        },
      },
    });
    if (!created.ok) throw new Error(created.error.message);
    const id = created.data.resource.id;
    const url = created.data.resource.modelDeploymentUrl;
    await c.runner.idle();
    expect(getModelDeploymentRow(c.db, id)).toMatchObject({ lifecycleState: 'ACTIVE', currentInstanceCount: 1 });

    const service = createIdleGuardService({ db: c.db, provider: c.provider, principal: c.principal, minMinutes: c.config.idleGuardMinMinutes });
    // One minute is the local setting's: Berth's own minimum refuses it, naming the field.
    const strict = await createIdleGuardService({ db: c.db, provider: c.provider, principal: c.principal, minMinutes: null }).save(id, { isEnabled: true, idleMinutes: 1 });
    expect(!strict.ok && strict.error.fieldErrors).toEqual({ idleMinutes: 'Idle minutes must be a whole number from 5 to 10080.' });
    const saved = await service.save(id, { isEnabled: true, idleMinutes: 1 });
    if (!saved.ok) throw new Error(saved.error.message);
    expect(saved.data.lowered).toBe(true);

    expect((await postJson(`${url}/predict`, { x: 1 })).status).toBe(200);
    const point = await waitUntil('the request in PredictRequestCount', () => lastPredictRequestPoint(c.db, id), 30_000);
    c.idleGuard.start(c.config.idleGuardIntervalMs);

    const events = () => listScalingEvents(c.db, id, 50);
    const seen = () => `events: ${JSON.stringify(events())}; guard: ${JSON.stringify(getIdleGuardRow(c.db, id))}`;
    const off = await waitUntil('the idle deactivation', () => events().find((e) => e.action === 'DEACTIVATE' && e.workRequestId), 240_000, seen);
    const offWr = await waitUntil('the deactivation to finish', () => finished(off.workRequestId), 120_000);
    expect(offWr).toMatchObject({ operationType: 'MODEL_DEPLOYMENT_DEACTIVATE', status: 'SUCCEEDED' });
    const hhmm = new Date(point.timestamp).toISOString().slice(11, 16);
    expect(off.reason).toMatch(new RegExp(`^Idle guard: no predict requests for \\d+ min \\(last at ${hhmm} UTC\\)\\.$`));
    expect(off).toMatchObject({ fromCount: 1, toCount: 0, heldBy: null });
    // Never sooner than a minute after the end of the minute the request was counted in.
    expect(Date.parse(off.time)).toBeGreaterThanOrEqual(point.timestamp + point.resolutionMs + MIN);
    expect(getModelDeploymentRow(c.db, id)).toMatchObject({ lifecycleState: 'INACTIVE', modelDeploymentUrl: url });
    expect((await postJson(`${url}/predict`, { x: 1 })).status).toBe(404);
    // Its own deactivation was not reported as a hold.
    expect(events().filter((e) => e.heldBy)).toEqual([]);

    // The next whole minute at least 5 s away, on its weekday (UTC): the save lands before it even
    // on a loaded host, so the schedule's next time is this one, not next week's.
    const slot = Math.ceil((Date.now() + 5_000) / MIN) * MIN;
    const day = WEEKDAYS[(new Date(slot).getUTCDay() + 6) % 7] ?? 'MON';
    const time = new Date(slot).toISOString().slice(11, 16);
    const scheduled = await service.save(id, { isEnabled: true, idleMinutes: 1, scheduleEnabled: true, days: [day], time });
    if (!scheduled.ok) throw new Error(scheduled.error.message);
    expect(scheduled.data.words[1]).toContain(`next ${time} UTC`);

    const on = await waitUntil('the scheduled activation', () => events().find((e) => e.action === 'ACTIVATE' && e.workRequestId), 180_000, seen);
    const onWr = await waitUntil('the activation to finish', () => finished(on.workRequestId), 180_000);
    expect(onWr).toMatchObject({ operationType: 'MODEL_DEPLOYMENT_ACTIVATE', status: 'SUCCEEDED' });
    expect(Date.parse(on.time)).toBeGreaterThanOrEqual(slot);
    expect(on).toMatchObject({ fromCount: 0, toCount: 1, reason: `Idle guard: scheduled activation (${day.charAt(0)}${day.slice(1).toLowerCase()} at ${time} UTC).` });
    expect(getModelDeploymentRow(c.db, id)).toMatchObject({ lifecycleState: 'ACTIVE', currentInstanceCount: 1, modelDeploymentUrl: url });
    expect(await postJson(`${url}/predict`, { x: 2 })).toMatchObject({ status: 200, json: { echo: { x: 2 } } });

    // Just activated (and just asked): the guard waits its minute again, and acts on that time once.
    await c.idleGuard.evaluateOnce();
    expect(getModelDeploymentRow(c.db, id)?.lifecycleState).toBe('ACTIVE');
    expect(events().filter((e) => e.workRequestId).map((e) => e.action)).toEqual(['ACTIVATE', 'DEACTIVATE']);
    console.info(`idle guard: deactivated ${Date.parse(off.time) - point.timestamp} ms after the request's minute began; activated ${Date.parse(on.time) - slot} ms after its scheduled time`);
  }, 600_000);
});
