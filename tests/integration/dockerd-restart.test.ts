import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getModelDeploymentRow } from '@/db/queries/model-deployments';
import { listInstanceRows } from '@/db/queries/serving';
import { restartDockerEngine } from '@/scripts/lib/docker-engine';
import { docker, postJson } from './support';
import { startSupervisedConsole, until, type SupervisedConsole } from './supervised-console';

// The Docker daemon restarted under a running 2-instance deployment: it stops every container, and
// the console's periodic reconciler (as `npm start` runs it) must bring both instances back.
// It restarts the machine's one engine, so it stops every other container on it too.

const GATEWAY_PORT = 3742;
let c: SupervisedConsole;

beforeAll(async () => {
  c = await startSupervisedConsole(GATEWAY_PORT);
}, 600_000);

afterAll(async () => {
  await c?.dispose();
}, 120_000);

const healthyInGateway = async (id: string) => {
  const s = await c.ctx.local.gateway.status();
  return s?.routes.find((r) => r.modelDeploymentId === id)?.instances.filter((i) => i.healthy).length ?? 0;
};

describe('Docker daemon restart', () => {
  it('brings a 2-instance deployment back to 2 healthy instances once the engine answers', async () => {
    const md = await c.deploy(2);
    const before = listInstanceRows(c.ctx.db, md.id).map((r) => r.id);
    c.ctx.reconciler.start(5000);

    const restart = await restartDockerEngine();
    const back = await until(
      'two new healthy instances',
      async () => {
        const rows = listInstanceRows(c.ctx.db, md.id);
        const fresh = rows.filter((r) => !before.includes(r.id) && r.status === 'RUNNING');
        return fresh.length === 2 && (await healthyInGateway(md.id)) === 2 ? rows : null;
      },
      120_000,
    );
    const sinceAnswer = Math.round(performance.now() - restart.answeredAt);
    for (const r of back) expect((await docker.getContainer(r.containerId ?? '').inspect()).State.Running).toBe(true);
    const hosts = new Set<string>();
    for (let i = 0; i < 12; i++) {
      const res = await postJson(`${md.modelDeploymentUrl}/predict`, { i });
      expect(res.status).toBe(200);
      hosts.add((res.json as { host: string }).host);
    }
    expect(hosts.size).toBe(2);
    await until('ACTIVE', () => getModelDeploymentRow(c.ctx.db, md.id)?.lifecycleState === 'ACTIVE', 30_000);
    console.log(
      `dockerd stopped in ${Math.round(restart.stoppedMs)} ms, answered ${Math.round(restart.answeredMs)} ms after SIGTERM; ` +
        `2 healthy instances ${sinceAnswer} ms after the engine answered`,
    );
  }, 300_000);
});
