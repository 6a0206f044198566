import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateDatabase } from '@/db/migrate';
import { PROJECT_ROOT } from '@/server/config';
import { gatewayCodeVersion } from './code-version';
import { ensureGatewayRunning } from './ensure-running';
import { MD1, putInstance, putRoute, startContainer, cleanupAll, waitFor } from './test-support';

const started: number[] = [];
const dirs: string[] = [];

afterEach(async () => {
  // Only the gateways this test started, by their pid.
  for (const pid of started.splice(0)) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // Already stopped by the test itself.
    }
  }
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  await cleanupAll();
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function dataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-gateway-proc-'));
  dirs.push(dir);
  return dir;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('ensureGatewayRunning and scripts/gateway.ts', () => {
  it('starts the gateway process once, reuses it, and stops it cleanly on SIGTERM', async () => {
    const dir = dataDir();
    const db = migrateDatabase(path.join(dir, 'berth.sqlite'), { region: 'test' });
    const container = await startContainer('a');
    putRoute(db, { modelDeploymentId: MD1 });
    putInstance(db, { id: 'a', modelDeploymentId: MD1, port: container.port });
    const port = await freePort();

    const first = await ensureGatewayRunning({ dataDir: dir, port, env: { BERTH_HEALTH_INTERVAL_MS: '100' } });
    started.push(first.pid);
    expect(first.reused).toBe(false);
    expect(fs.readFileSync(path.join(dir, 'gateway.pid'), 'utf8').trim()).toBe(String(first.pid));
    expect(fs.readFileSync(path.join(dir, 'gateway.log'), 'utf8')).toContain('listening on');

    const again = await ensureGatewayRunning({ dataDir: dir, port });
    expect(again).toEqual({ url: first.url, pid: first.pid, reused: true });

    // The separate process serves what the console wrote.
    const answer = await waitFor(
      () => fetch(`${first.url}/${MD1}/predict`, { method: 'POST', body: '{}' }).then((r) => r.status),
      (s) => s === 200,
    );
    expect(answer).toBe(200);

    const other = dataDir();
    await expect(ensureGatewayRunning({ dataDir: other, port })).rejects.toThrow(/serving .*berth\.sqlite, not/);

    process.kill(first.pid, 'SIGTERM');
    await waitFor(() => alive(first.pid), (a) => !a, 10_000);
    expect(fs.existsSync(path.join(dir, 'gateway.pid'))).toBe(false);
    db.$client.close();
  }, 30_000);

  it('replaces a running gateway whose code differs from the checkout, and keeps one whose code matches', async () => {
    const dir = dataDir();
    const db = migrateDatabase(path.join(dir, 'berth.sqlite'), { region: 'test' });
    const port = await freePort();
    // What a gateway started before an upgrade reports.
    const old = await ensureGatewayRunning({ dataDir: dir, port, env: { BERTH_GATEWAY_CODE_VERSION: 'before-the-upgrade' } });
    started.push(old.pid);
    const health = (await (await fetch(`${old.url}/_berth/health`)).json()) as { code: string };
    expect(health.code).toBe('before-the-upgrade');

    const current = await ensureGatewayRunning({ dataDir: dir, port });
    started.push(current.pid);
    expect(current).toMatchObject({ reused: false, replaced: old.pid });
    expect(current.pid).not.toBe(old.pid);
    expect(alive(old.pid)).toBe(false);
    expect(((await (await fetch(`${current.url}/_berth/health`)).json()) as { code: string }).code).toBe(gatewayCodeVersion(PROJECT_ROOT));

    expect(await ensureGatewayRunning({ dataDir: dir, port })).toEqual({ url: current.url, pid: current.pid, reused: true });
    db.$client.close();
  }, 60_000);
});
