import { afterEach, describe, expect, it } from 'vitest';
import {
  MD1,
  cleanupAll,
  predict,
  putInstance,
  putRoute,
  startContainer,
  startGateway,
  tempDb,
  twoInstanceGateway,
  waitFor,
  waitHealthy,
} from './test-support';

afterEach(cleanupAll);

const INTERVAL = 100;

describe('gateway health and failover', () => {
  it('starts a new instance out of rotation until its first check passes', async () => {
    const { db, file } = tempDb();
    const a = await startContainer('a');
    putRoute(db, { modelDeploymentId: MD1 });
    putInstance(db, { id: 'a', modelDeploymentId: MD1, port: a.port });
    const { gateway } = await startGateway({ dbFile: file, healthIntervalMs: INTERVAL });
    expect(gateway.status().routes[0]?.instances[0]).toMatchObject({ id: 'a', healthy: false, lastCheckedAt: null });
    const status = await waitHealthy(gateway, MD1, ['a']);
    expect(status.routes[0]?.instances[0]?.lastCheckedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('takes a failing instance out within two intervals and brings it back after one pass', async () => {
    const { a, gateway, url } = await twoInstanceGateway({ healthIntervalMs: INTERVAL });

    a.healthStatus = 500;
    const failedAt = Date.now();
    const out = await waitHealthy(gateway, MD1, ['b']);
    // Two failed checks, plus one interval of phase and some scheduling slack.
    expect(Date.now() - failedAt).toBeLessThan(3 * INTERVAL + 250);
    expect(out.routes[0]?.instances.find((i) => i.id === 'a')?.lastError).toContain('HTTP 500');
    const during = await Promise.all(Array.from({ length: 6 }, () => predict(url, MD1)));
    expect(during.map((r) => r.json().container)).toEqual(Array(6).fill('b'));

    a.healthStatus = 200;
    await waitHealthy(gateway, MD1, ['a', 'b']);
    const after = await Promise.all(Array.from({ length: 6 }, () => predict(url, MD1)));
    expect(after.map((r) => r.json().container)).toContain('a');
  });

  it('loses no request when an instance stops under load while another is healthy', async () => {
    const { db, file } = tempDb();
    const a = await startContainer('a');
    const b = await startContainer('b');
    putRoute(db, { modelDeploymentId: MD1, bandwidthMbps: 1000 });
    putInstance(db, { id: 'a', modelDeploymentId: MD1, port: a.port });
    putInstance(db, { id: 'b', modelDeploymentId: MD1, port: b.port });
    // Checks every 10 s: only the proxy's own failover can save the requests here.
    const { gateway, url } = await startGateway({ dbFile: file, healthIntervalMs: 10_000 });
    await waitHealthy(gateway, MD1, ['a', 'b']);

    const statuses: number[] = [];
    let sent = 0;
    const worker = async () => {
      while (sent < 300) {
        sent += 1;
        // Stop 'a' (cutting its open connections, like a killed container) a third of the way in.
        if (sent === 100) void a.close();
        statuses.push((await predict(url, MD1)).status);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect(statuses.length).toBeGreaterThanOrEqual(300);
    expect(gateway.status().routes[0]?.instances.find((i) => i.id === 'a')?.healthy).toBe(false);
    expect(b.seen.length).toBeGreaterThan(200);
  });

  it('takes an instance out at once when its connection is refused', async () => {
    const { db, file } = tempDb();
    const a = await startContainer('a');
    putRoute(db, { modelDeploymentId: MD1 });
    putInstance(db, { id: 'a', modelDeploymentId: MD1, port: a.port });
    const { gateway, url } = await startGateway({ dbFile: file, healthIntervalMs: 60_000 });
    await waitHealthy(gateway, MD1, ['a']);
    await a.close();
    const first = await predict(url, MD1);
    expect(first.status).toBe(502);
    expect(first.json()).toMatchObject({ code: 'BadGateway' });
    expect(gateway.status().routes[0]?.instances[0]).toMatchObject({ healthy: false, lastError: expect.stringContaining('ECONNREFUSED') });
    const next = await predict(url, MD1);
    expect(next.status).toBe(503);
  });

  it('answers 503 when no instance is healthy', async () => {
    const { db, file } = tempDb();
    const a = await startContainer('a');
    a.healthStatus = 503;
    putRoute(db, { modelDeploymentId: MD1 });
    putInstance(db, { id: 'a', modelDeploymentId: MD1, port: a.port });
    putRoute(db, { modelDeploymentId: 'ocid1.datasciencemodeldeployment.oc1.test.empty' });
    const { gateway, url } = await startGateway({ dbFile: file, healthIntervalMs: INTERVAL });
    await waitFor(() => gateway.status().routes.find((r) => r.modelDeploymentId === MD1)?.instances[0]?.lastCheckedAt, Boolean);
    const res = await predict(url, MD1);
    expect(res.status).toBe(503);
    expect(res.json()).toEqual({ code: 'ServiceUnavailable', message: expect.stringContaining('no healthy instance') });
    expect((await predict(url, 'ocid1.datasciencemodeldeployment.oc1.test.empty')).status).toBe(503);
    expect(a.seen).toHaveLength(0);
  });

  it('shows a switched-out instance as draining until its requests finish, then drops it', async () => {
    const { db, file } = tempDb();
    const blue = await startContainer('blue');
    const green = await startContainer('green');
    let release: () => void = () => undefined;
    blue.onRequest = (_req, res) => {
      release = () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"container":"blue"}');
    };
    putRoute(db, { modelDeploymentId: MD1, generation: 1 });
    putInstance(db, { id: 'blue', modelDeploymentId: MD1, port: blue.port, generation: 1 });
    putInstance(db, { id: 'green', modelDeploymentId: MD1, port: green.port, generation: 2 });
    const { gateway, url } = await startGateway({ dbFile: file, healthIntervalMs: INTERVAL });
    await waitHealthy(gateway, MD1, ['blue']);

    const slow = predict(url, MD1);
    await waitFor(() => blue.seen.length, (n) => n === 1);
    putRoute(db, { modelDeploymentId: MD1, generation: 2 });
    gateway.reload();
    const draining = gateway.status().routes[0]?.instances.find((i) => i.id === 'blue');
    expect(draining).toMatchObject({ draining: true, inflight: 1, healthy: false });

    await waitHealthy(gateway, MD1, ['green']);
    expect((await predict(url, MD1)).json().container).toBe('green');
    release();
    expect((await slow).json().container).toBe('blue');
    const done = await waitFor(() => gateway.status().routes[0]?.instances.map((i) => i.id), (ids) => ids?.join() === 'green');
    expect(done).toEqual(['green']);
  });

  it('stops routing to an instance the console marks STOPPING', async () => {
    const { db, a, gateway, url } = await twoInstanceGateway({ healthIntervalMs: INTERVAL });
    putInstance(db, { id: 'a', modelDeploymentId: MD1, port: a.port, status: 'STOPPING' });
    putRoute(db, { modelDeploymentId: MD1 });
    gateway.reload();
    const results = await Promise.all(Array.from({ length: 4 }, () => predict(url, MD1)));
    expect(results.map((r) => r.json().container)).toEqual(Array(4).fill('b'));
  });
});
