import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db/client';
import { deploymentFaults } from '@/db/schema/faults';
import { seededRandom, type FaultSpec } from '@/server/domain/faults';
import type { KillInstance } from './fault-injection';
import type { RequestRecord } from './types';
import { MD1, cleanupAll, predict, putInstance, putRoute, startContainer, startGateway, tempDb, waitFor, waitHealthy } from './test-support';

afterEach(cleanupAll);

let faultSeq = 0;
function putFault(db: Db, spec: FaultSpec, window: { startedMsAgo?: number; expiresInMs?: number } = {}): string {
  const now = Date.now();
  const id = `fault-${(faultSeq += 1)}`;
  db.insert(deploymentFaults)
    .values({
      id,
      modelDeploymentId: MD1,
      kind: spec.kind,
      spec,
      timeStarted: new Date(now - (window.startedMsAgo ?? 1000)).toISOString(),
      timeExpires: new Date(now + (window.expiresInMs ?? 60_000)).toISOString(),
      timeEnded: null,
      endReason: null,
      startWorkRequestId: null,
      endWorkRequestId: null,
    })
    .run();
  return id;
}

async function faultyGateway(killInstance?: KillInstance, records: RequestRecord[] = []) {
  const { db, file } = tempDb();
  const a = await startContainer('a');
  putRoute(db, { modelDeploymentId: MD1 });
  putInstance(db, { id: 'a', modelDeploymentId: MD1, port: a.port });
  const { gateway, url } = await startGateway({
    dbFile: file,
    random: seededRandom(1234),
    // Checks a second apart with a second to answer: on a loaded host, 20 requests at once must not
    // get the one instance ejected by two slow checks, which would answer 503s the dice never drew.
    healthIntervalMs: 1000,
    predictRequestsPerSecond: 0,
    onRequestDone: (r) => records.push(r),
    ...(killInstance ? { killInstance } : {}),
  });
  await waitHealthy(gateway, MD1, ['a']);
  const applied = (id: string) => waitFor(() => gateway.status(), (s) => s.routes.some((r) => r.faults.includes(id)));
  return { db, a, gateway, url, applied };
}

describe('gateway fault injection', () => {
  it('answers the requested share with OCI-shaped, marked errors and forwards the rest', async () => {
    const { db, a, url, applied } = await faultyGateway();
    const id = putFault(db, { kind: 'ERROR_RATE', percent: 40, status: 503 });
    await applied(id);
    const results = [];
    for (let batch = 0; batch < 10; batch += 1) results.push(...(await Promise.all(Array.from({ length: 20 }, () => predict(url, MD1)))));
    // Only the marked answers: a 503 for another reason (no healthy instance on a loaded host) is not a draw.
    const injected = results.filter((r) => r.status === 503 && r.headers.get('x-berth-fault') !== null);
    expect(injected.length).toBeGreaterThan(200 * 0.3);
    expect(injected.length).toBeLessThan(200 * 0.5);
    expect(results.filter((r) => r.status === 200).length + injected.length).toBe(200);
    const first = injected[0];
    expect(first?.json()).toEqual({ code: 'ServiceUnavailable', message: expect.stringContaining('injected by fault injection') });
    expect(first?.headers.get('x-berth-fault')).toBe(`ERROR_RATE; id=${id}`);
    expect(first?.headers.get('opc-request-id')).toBeTruthy();
    // Injected answers never reached the container.
    expect(a.seen.length).toBe(200 - injected.length);
  }, 30_000);

  it('throttles with 429 TooManyRequests, counted in the metrics like a real one', async () => {
    const records: RequestRecord[] = [];
    const { db, url, applied } = await faultyGateway(undefined, records);
    await applied(putFault(db, { kind: 'THROTTLE', percent: 100 }));
    const r = await predict(url, MD1);
    expect(r.status).toBe(429);
    expect(r.json().code).toBe('TooManyRequests');
    expect(r.headers.get('x-berth-fault')).toMatch(/^THROTTLE; id=/);
    const record = await waitFor(() => records.find((x) => x.opcRequestId === r.headers.get('opc-request-id')), (x) => x !== undefined);
    expect(record).toMatchObject({ modelDeploymentId: MD1, status: 429 });
  });

  it('adds latency to forwarded answers and says so', async () => {
    const { db, url, applied } = await faultyGateway();
    await applied(putFault(db, { kind: 'LATENCY', ms: 300 }));
    const t0 = performance.now();
    const r = await predict(url, MD1);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(295);
    expect(r.status).toBe(200);
    expect(r.json().container).toBe('a');
    expect(r.headers.get('x-berth-fault')).toMatch(/^LATENCY; delay=300ms; id=/);
  });

  it('stops applying a fault at its expiry, by its own clock', async () => {
    const { db, url, applied } = await faultyGateway();
    const id = putFault(db, { kind: 'THROTTLE', percent: 100 }, { expiresInMs: 1500 });
    await applied(id);
    expect((await predict(url, MD1)).status).toBe(429);
    const after = await waitFor(() => predict(url, MD1), (r) => r.status === 200, 5000);
    expect(after.headers.get('x-berth-fault')).toBeNull();
  });

  it('ignores a fault that is ended', async () => {
    const { db, gateway, url } = await faultyGateway();
    putFault(db, { kind: 'THROTTLE', percent: 100 }, { startedMsAgo: 5000, expiresInMs: -1000 });
    gateway.reload();
    expect((await predict(url, MD1)).status).toBe(200);
    expect(gateway.status().routes[0]?.faults).toEqual([]);
  });

  it('serves as before from a database that has no faults table', async () => {
    const { db, gateway, url } = await faultyGateway();
    db.run(sql`DROP TABLE deployment_faults`);
    putRoute(db, { modelDeploymentId: MD1 });
    gateway.reload();
    expect((await predict(url, MD1)).status).toBe(200);
    expect(gateway.status().routes[0]?.faults).toEqual([]);
  });

  it('kills an instance after it served N requests and takes it out of rotation', async () => {
    const killed: string[] = [];
    // The kill ends the instance's server, as SIGKILL would: a health check that runs before the
    // assertions must find it gone rather than bring it back.
    let instance: { close(): Promise<void> } | undefined;
    const { db, a, gateway, url, applied } = await faultyGateway(async (inst) => {
      killed.push(inst.containerName);
      await instance?.close();
    });
    instance = a;
    await applied(putFault(db, { kind: 'CRASH_AFTER', requests: 3 }));
    for (let i = 0; i < 3; i += 1) expect((await predict(url, MD1)).status).toBe(200);
    expect(killed).toEqual(['berth-a']);
    expect(gateway.status().routes[0]?.instances[0]).toMatchObject({ healthy: false, lastError: expect.stringContaining('fault injection') });
    expect((await predict(url, MD1)).status).toBe(503);
  });
});
