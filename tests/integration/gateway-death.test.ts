import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getModelDeploymentRow } from '@/db/queries/model-deployments';
import { listInstanceRows, setInstanceStatus } from '@/db/queries/serving';
import { DATA_PLANE_DOWN_PREFIX } from '@/server/providers/local/deployments/data-plane';
import type { ModelDeployment } from '@/server/domain/oci-types';
import { docker, postJson } from './support';
import { startSupervisedConsole, until, type SupervisedConsole } from './supervised-console';

// The fault probe's defects, for real: a killed gateway process is brought back by the console
// and the deployment says NEEDS_ATTENTION meanwhile; an instance row left STARTING over an exited
// container (what a Docker daemon restart leaves) is replaced by the reconciler.

const GATEWAY_PORT = 3741;
let c: SupervisedConsole;
let md: ModelDeployment;

beforeAll(async () => {
  c = await startSupervisedConsole(GATEWAY_PORT);
  md = await c.deploy(2);
}, 600_000);

afterAll(async () => {
  await c?.dispose();
}, 120_000);

const predictHosts = async (n: number) => {
  const hosts = new Set<string>();
  for (let i = 0; i < n; i++) {
    const r = await postJson(`${md.modelDeploymentUrl}/predict`, { i });
    if (r.status !== 200) throw new Error(`predict answered ${r.status}: ${JSON.stringify(r.json)}`);
    hosts.add((r.json as { host: string }).host);
  }
  return hosts;
};

describe('reconciler', () => {
  it('replaces an instance whose row says STARTING over a container that is not running', async () => {
    const [victim, other] = listInstanceRows(c.ctx.db, md.id);
    if (!victim?.containerId || !other) throw new Error('expected two instances');
    await docker.getContainer(victim.containerId).kill();
    // What a daemon restart left behind: the row never got past STARTING, its container exited.
    setInstanceStatus(c.ctx.db, victim.id, 'STARTING', null, new Date().toISOString());

    const report = await c.ctx.reconciler.reconcileOnce();
    expect(report.replaced).toEqual([victim.containerName]);
    const rows = listInstanceRows(c.ctx.db, md.id);
    expect(rows.map((r) => r.status)).toEqual(['RUNNING', 'RUNNING']);
    expect(rows.some((r) => r.id === victim.id)).toBe(false);
    for (const r of rows) expect((await docker.getContainer(r.containerId ?? '').inspect()).State.Running).toBe(true);
    expect((await predictHosts(12)).size).toBe(2);
  }, 120_000);
});

describe('gateway death', () => {
  it('restarts a killed gateway; the deployment shows NEEDS_ATTENTION while none answers, then ACTIVE', async () => {
    expect((await predictHosts(2)).size).toBeGreaterThan(0);
    const before = c.supervision.state();
    if (!before.pid) throw new Error('no gateway pid');
    c.watch(md.id);
    const killedAt = performance.now();
    process.kill(before.pid, 'SIGKILL');

    const back = await until('a restarted gateway', () => {
      const s = c.supervision.state();
      return s.restarts === before.restarts + 1 && s.status === 'up' ? s : null;
    });
    const answeredMs = Math.round(performance.now() - killedAt);
    expect(back.pid).not.toBe(before.pid);
    // Reset when the kill came while a health probe was open.
    expect(['connection refused', 'connection reset']).toContain(back.lastDown?.cause);

    // What the supervisor logged, with the deployment's state as each line was written.
    const marked = c.lines.find((l) => l.line.includes('marked NEEDS_ATTENTION'));
    expect(marked?.state).toBe('NEEDS_ATTENTION');
    expect(c.lines.some((l) => l.line.startsWith(`The gateway at ${c.gatewayUrl} stopped answering`))).toBe(true);
    expect(c.lines.some((l) => /^Gateway restarted \(pid \d+\)/.test(l.line))).toBe(true);

    const row = getModelDeploymentRow(c.ctx.db, md.id);
    expect(row?.lifecycleState).toBe('ACTIVE');
    expect(row?.lifecycleDetails?.startsWith(DATA_PLANE_DOWN_PREFIX)).toBe(false);
    expect(c.lines.some((l) => l.line.includes('back to ACTIVE') && l.state === 'ACTIVE')).toBe(true);
    // The new gateway finds the instances from the database and serves both.
    await until('both instances healthy behind the new gateway', async () => (await predictHosts(8).catch(() => new Set())).size === 2, 30_000);
    console.log(`gateway killed -> a new one answered after ${answeredMs} ms (restart itself ${back.lastRestart?.tookMs} ms)`);
  }, 120_000);

  it('marks the deployment while the gateway cannot be started, and backs off between tries', async () => {
    // A gateway that dies again and again: kill each one as soon as it answers, three times.
    const first = c.supervision.state().restarts;
    for (let i = 0; i < 3; i++) {
      const s = c.supervision.state();
      if (s.pid) process.kill(s.pid, 'SIGKILL');
      await until(`restart ${i + 1}`, () => c.supervision.state().restarts === first + i + 1 && c.supervision.state().status === 'up', 60_000);
    }
    const s = c.supervision.state();
    expect(s.consecutiveFailures).toBeGreaterThanOrEqual(3);
    // The pause before the last restart followed the back-off, not the 250 ms poll.
    const pauses = c.lines.filter((l) => l.line.includes('stopped answering')).length;
    expect(pauses).toBeGreaterThanOrEqual(4);
    expect(getModelDeploymentRow(c.ctx.db, md.id)?.lifecycleState).toBe('ACTIVE');
  }, 180_000);
});
