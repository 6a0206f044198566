import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Db } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { deploymentInstances, gatewayRoutes, type InstanceStatus } from '@/db/schema/serving';
import { createGateway } from './gateway';
import type { Gateway, GatewayOptions, GatewayStatus } from './types';

// Helpers for the gateway's tests: a migrated database the tests write routes into as the console
// would, small node:http servers that play serving containers, and a bounded wait on a condition.

export const MD1 = 'ocid1.datasciencemodeldeployment.oc1.test.aaaaaaaaone';
export const MD2 = 'ocid1.datasciencemodeldeployment.oc1.test.aaaaaaaatwo';

const cleanups: (() => Promise<void> | void)[] = [];

/** Runs (in reverse order) everything the helpers opened; call it in afterEach. */
export async function cleanupAll(): Promise<void> {
  for (const fn of cleanups.splice(0).reverse()) await fn();
}

export function tempDb(): { db: Db; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-gateway-'));
  const file = path.join(dir, 'berth.sqlite');
  const db = migrateDatabase(file, { region: 'test' });
  cleanups.push(() => {
    db.$client.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return { db, file };
}

const nextVersion = (db: Db) =>
  (db.get<{ v: number | null }>(sql`SELECT max(version) AS v FROM gateway_routes`).v ?? 0) + 1;

export interface RouteInput {
  modelDeploymentId: string;
  serving?: boolean;
  generation?: number;
  bandwidthMbps?: number;
  predictPath?: string;
  healthPath?: string;
  containerType?: string | null;
}

/** Writes a route as the console does: each write takes a version above every other. */
export function putRoute(db: Db, input: RouteInput): number {
  const version = nextVersion(db);
  const row = {
    serving: true,
    generation: 1,
    bandwidthMbps: 100,
    predictPath: '/predict',
    healthPath: '/health',
    containerType: null,
    ...input,
    version,
    timeUpdated: new Date().toISOString(),
  };
  db.insert(gatewayRoutes).values(row).onConflictDoUpdate({ target: gatewayRoutes.modelDeploymentId, set: row }).run();
  return version;
}

export function putInstance(
  db: Db,
  input: { id: string; modelDeploymentId: string; port: number; healthPort?: number; generation?: number; status?: InstanceStatus },
): void {
  const time = new Date().toISOString();
  const row = {
    id: input.id,
    modelDeploymentId: input.modelDeploymentId,
    generation: input.generation ?? 1,
    ordinal: 0,
    containerName: `berth-${input.id}`,
    containerId: null,
    serverPort: input.port,
    healthPort: input.healthPort ?? input.port,
    status: input.status ?? 'RUNNING',
    detail: null,
    timeCreated: time,
    timeUpdated: time,
  };
  db.insert(deploymentInstances).values(row).onConflictDoUpdate({ target: deploymentInstances.id, set: row }).run();
}

export interface SeenRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface FakeContainer {
  name: string;
  port: number;
  seen: SeenRequest[];
  /** Status /health answers with (200 by default). */
  healthStatus: number;
  /** Replaces the default answer (200 JSON naming the container and echoing the request). */
  onRequest: ((req: SeenRequest, res: http.ServerResponse) => void) | null;
  close(): Promise<void>;
}

/** A stand-in serving container: /health (or /v2/health/ready) and every other path answers. */
export async function startContainer(name: string): Promise<FakeContainer> {
  const c: FakeContainer = { name, port: 0, seen: [], healthStatus: 200, onRequest: null, close: async () => undefined };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = req.url ?? '';
      if (url === '/health' || url === '/v2/health/ready' || url === '/custom-health') {
        res.writeHead(c.healthStatus, { 'content-type': 'text/plain' }).end('health');
        return;
      }
      const seen = { method: req.method ?? '', url, headers: req.headers, body: Buffer.concat(chunks).toString() };
      c.seen.push(seen);
      if (c.onRequest) return c.onRequest(seen, res);
      const body = JSON.stringify({ container: name, url, body: seen.body });
      res.writeHead(200, { 'content-type': 'application/json', 'x-container': name }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  c.port = typeof address === 'object' && address ? address.port : 0;
  let closed = false;
  c.close = () => {
    if (closed) return Promise.resolve();
    closed = true;
    return new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  };
  cleanups.push(() => c.close());
  return c;
}

export async function startGateway(options: GatewayOptions): Promise<{ gateway: Gateway; url: string }> {
  const gateway = createGateway({ healthIntervalMs: 100, pollIntervalMs: 500, drainTimeoutMs: 1000, ...options });
  const { port } = await gateway.listen();
  cleanups.push(() => gateway.close());
  return { gateway, url: `http://127.0.0.1:${port}` };
}

/** MD1 served by two stand-in containers, a and b, both healthy before it returns. */
export async function twoInstanceGateway(options: Omit<GatewayOptions, 'dbFile'> = {}) {
  const { db, file } = tempDb();
  const a = await startContainer('a');
  const b = await startContainer('b');
  putRoute(db, { modelDeploymentId: MD1 });
  putInstance(db, { id: 'a', modelDeploymentId: MD1, port: a.port });
  putInstance(db, { id: 'b', modelDeploymentId: MD1, port: b.port });
  const { gateway, url } = await startGateway({ dbFile: file, ...options });
  await waitHealthy(gateway, MD1, ['a', 'b']);
  return { db, a, b, gateway, url };
}

/** Polls a condition until it holds, failing after a bounded deadline with what was last seen. */
export async function waitFor<T>(probe: () => T | Promise<T>, accept: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await probe();
  while (!accept(last)) {
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 20));
    last = await probe();
  }
  return last;
}

export const healthyIds = (status: GatewayStatus, modelDeploymentId: string): string[] =>
  status.routes
    .find((r) => r.modelDeploymentId === modelDeploymentId)
    ?.instances.filter((i) => i.healthy)
    .map((i) => i.id)
    .sort() ?? [];

/** Waits until exactly these instances of a deployment are healthy in the gateway. */
export function waitHealthy(gateway: Gateway, modelDeploymentId: string, ids: string[], timeoutMs?: number): Promise<GatewayStatus> {
  const want = [...ids].sort().join(',');
  return waitFor(() => gateway.status(), (s) => healthyIds(s, modelDeploymentId).join(',') === want, timeoutMs);
}

export async function predict(
  url: string,
  modelDeploymentId: string,
  body: unknown = { data: [1, 2, 3] },
  init: { headers?: Record<string, string>; kind?: string } = {},
): Promise<{ status: number; headers: Headers; text: string; json: () => Record<string, unknown> }> {
  const res = await fetch(`${url}/${modelDeploymentId}/${init.kind ?? 'predict'}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...init.headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) as Record<string, unknown> };
}
