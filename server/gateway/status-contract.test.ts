import { afterEach, describe, expect, it } from 'vitest';
import { createGatewayClient } from '@/server/providers/local/deployments/gateway-client';
import { probeGateway } from './ensure-running';
import { gatewayHealthSchema, gatewayStatusSchema } from './status-contract';
import { MD1, cleanupAll, putInstance, putRoute, startContainer, startGateway, tempDb, waitHealthy } from './test-support';

afterEach(cleanupAll);

describe('the gateway status contract', () => {
  it('is what a real gateway answers on /_berth/status and /_berth/health, and what the console reads back', async () => {
    const { db, file } = tempDb();
    const a = await startContainer('a');
    putRoute(db, { modelDeploymentId: MD1, bandwidthMbps: 20 });
    putInstance(db, { id: 'a', modelDeploymentId: MD1, port: a.port });
    const { gateway, url } = await startGateway({ dbFile: file, codeVersion: 'test-code' });
    await waitHealthy(gateway, MD1, ['a']);

    const raw: unknown = await (await fetch(`${url}/_berth/status`)).json();
    const parsed = gatewayStatusSchema.parse(raw);
    expect(parsed).toEqual(raw);
    expect(parsed.routes[0]).toMatchObject({ modelDeploymentId: MD1, bandwidthMbps: 20, faults: [], instances: [{ id: 'a', healthy: true, draining: false }] });
    const read = await createGatewayClient(url).status();
    // A second answer, with the health checker's clock moved on in between (it runs every 100 ms here).
    const unclocked = (s: typeof parsed | null) => s && { ...s, routes: s.routes.map((r) => ({ ...r, instances: r.instances.map((i) => ({ ...i, lastCheckedAt: null })) })) };
    expect(unclocked(read)).toEqual(unclocked(parsed));

    const health = gatewayHealthSchema.parse(await (await fetch(`${url}/_berth/health`)).json());
    expect(health).toMatchObject({ status: 'ok', pid: process.pid, dbFile: file, code: 'test-code' });
    expect(await probeGateway(url)).toEqual({ ok: true, health });
  });

  it('reads a route of a gateway older than fault injection as applying no faults, and refuses a status without its fields', () => {
    const withoutBandwidth = { modelDeploymentId: MD1, serving: true, generation: 1, instances: [] };
    const route = { ...withoutBandwidth, bandwidthMbps: 10 };
    expect(gatewayStatusSchema.parse({ version: 3, pid: 1, routes: [route] }).routes[0]?.faults).toEqual([]);
    expect(gatewayStatusSchema.safeParse({ version: 3, pid: 1, routes: [withoutBandwidth] }).success).toBe(false);
  });

  it('takes a health answer without a code version (an older gateway) and refuses one that is not ok', () => {
    expect(gatewayHealthSchema.safeParse({ status: 'ok', pid: 7 }).success).toBe(true);
    expect(gatewayHealthSchema.safeParse({ status: 'starting', pid: 7 }).success).toBe(false);
  });
});
