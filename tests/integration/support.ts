import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import yazl from 'yazl';
import Docker from 'dockerode';
import { createGateway } from '@/server/gateway';
import type { Gateway } from '@/server/gateway';
import { loadConfig } from '@/server/config';
import { createAppContext, type AppContext } from '@/server/services/context';
import { createTelemetryRecorder } from '@/server/gateway/telemetry/recorder';

export const docker = new Docker({ socketPath: process.env.DOCKER_SOCKET ?? '/var/run/docker.sock' });

/** Images the tests built, removed by the harness at the end so runs do not pile them up. */
const builtImages: string[] = [];

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export interface Harness {
  ctx: AppContext;
  gateway: Gateway;
  dataDir: string;
  gatewayUrl: string;
  /** A second console over the same data: what a restart of the console looks like. */
  restartConsole(): AppContext;
  dispose(): Promise<void>;
}

/**
 * A console (context, runner) and a gateway over one fresh data directory, as `npm start` runs them.
 * `telemetry`: the gateway records its predict metrics and access log, flushed every second.
 */
export async function startHarness(overrides: Record<string, string> = {}, options: { telemetry?: boolean } = {}): Promise<Harness> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-it-'));
  // A test given its own port range names the gateway's port; the others take a free one.
  const port = overrides.BERTH_GATEWAY_PORT ? Number(overrides.BERTH_GATEWAY_PORT) : await freePort();
  const env = { BERTH_DATA_DIR: dataDir, BERTH_REGION: 'it', BERTH_GATEWAY_PORT: String(port), BERTH_RECONCILE_INTERVAL_MS: '0', BERTH_STARTUP_TIMEOUT_S: '120', ...overrides };
  const config = loadConfig(env);
  let ctx = createAppContext(config);
  ctx.runner.start();
  const telemetry = options.telemetry ? createTelemetryRecorder({ sqlite: ctx.db.$client, flushIntervalMs: 1000 }) : null;
  telemetry?.start();
  const gateway = createGateway({ dbFile: config.dbFile, port, healthIntervalMs: 300, ...(telemetry ? { onRequestDone: telemetry.record } : {}) });
  await gateway.listen();
  const contexts = [ctx];
  return {
    ctx,
    gateway,
    dataDir,
    gatewayUrl: config.gatewayUrl,
    restartConsole() {
      ctx = createAppContext(loadConfig(env));
      ctx.runner.start();
      contexts.push(ctx);
      return ctx;
    },
    async dispose() {
      for (const c of contexts) await c.runner.idle();
      await removeTestContainers(dataDir);
      for (const tag of builtImages.splice(0)) await docker.getImage(tag).remove({ force: true }).catch(() => undefined);
      await gateway.close();
      telemetry?.stop();
      for (const c of contexts) c.db.$client.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Every container of deployments this harness made (their artifacts live in its data dir). */
async function removeTestContainers(dataDir: string) {
  const all = await docker.listContainers({ all: true, filters: { label: ['berth.managed=true'] } });
  for (const c of all) {
    // The list spans every console on this engine (the e2e one runs beside): one may remove its
    // container between the list and the inspect, and a container gone is nothing to clean up.
    const info = await docker.getContainer(c.Id).inspect().catch(() => null);
    if (!info) continue;
    const binds = info.HostConfig.Binds ?? [];
    const mine = binds.some((b) => b.startsWith(dataDir)) || c.Labels['berth.test'] === 'true';
    if (mine) await docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined);
  }
}

/** A zip of a folder's files, as a stream, the way a browser upload arrives. */
export function zipFolder(dir: string, prefix = ''): Readable {
  const zip = new yazl.ZipFile();
  for (const f of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const abs = path.join(dir, f);
    if (fs.statSync(abs).isFile()) zip.addFile(abs, path.posix.join(prefix, f.split(path.sep).join('/')));
  }
  zip.end();
  const out = new PassThrough();
  zip.outputStream.pipe(out);
  return out;
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: res.status, json, headers: res.headers };
}

/** A zip of in-memory files, as a stream. */
export function zipFolderOf(files: Record<string, string>): Readable {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(files)) zip.addBuffer(Buffer.from(content), name);
  zip.end();
  const out = new PassThrough();
  zip.outputStream.pipe(out);
  return out;
}

/** Runs a one-off command in an image with a host folder mounted read-write, and waits for it. */
export async function runOnce(image: string, cmd: string[], mount: string, target: string): Promise<void> {
  const container = await docker.createContainer({
    Image: image,
    Cmd: cmd,
    User: 'root',
    Labels: { 'berth.test': 'true' },
    HostConfig: { Binds: [`${mount}:${target}`], NetworkMode: 'none' },
  });
  try {
    await container.start();
    const { StatusCode } = (await container.wait()) as { StatusCode: number };
    if (StatusCode !== 0) {
      const logs = await container.logs({ stdout: true, stderr: true });
      throw new Error(`${cmd.join(' ')} exited ${StatusCode}: ${logs.toString('utf8').slice(-2000)}`);
    }
  } finally {
    await container.remove({ force: true });
  }
}

/** Builds a small image from an in-memory Dockerfile and files. */
export async function buildImage(tag: string, files: Record<string, string>): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-img-'));
  try {
    for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
    const stream = await docker.buildImage({ context: dir, src: Object.keys(files) }, { t: tag, labels: { 'berth.test': 'true' } });
    await new Promise<void>((resolve, reject) =>
      docker.modem.followProgress(stream, (e: Error | null, out: { error?: string }[]) => {
        const failed = out.find((o) => o.error);
        if (e || failed) reject(e ?? new Error(failed?.error));
        else resolve();
      }),
    );
    builtImages.push(tag);
    return (await docker.getImage(tag).inspect()).Id;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
