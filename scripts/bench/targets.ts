import { spawn, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { PROJECT_ROOT } from '@/server/config';
import { gatewayCodeVersion } from '@/server/gateway/code-version';
import { bandwidthBytesPerSecond } from '@/server/gateway/bandwidth';
import { gatewayNodeArgs } from '@/server/gateway/ensure-running';
import { checkHaproxyRules, haproxyRulesConfig } from './haproxy-rules';
import { childPids } from './proc-cpu';

export const NGINX = '/usr/sbin/nginx';
export const HAPROXY = '/usr/sbin/haproxy';
const TSX = path.join(PROJECT_ROOT, 'node_modules/tsx/dist/cli.mjs');

export interface Target {
  port: number;
  /** The processes doing the serving, for CPU per request. */
  pids(): number[];
  stop(): Promise<void>;
}

/** Stops a child this benchmark started, by its own handle, and waits for it to be gone. */
function stopper(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
    });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
    s.once('error', reject);
  });
}

/** The node:http upstream, in its own process; resolves once it says it listens. */
export function startUpstream(): Promise<Target & { answerBytes: number }> {
  const child = spawn(process.execPath, [TSX, path.join(PROJECT_ROOT, 'scripts/bench/upstream.ts')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /listening (\d+) (\d+) (\d+)/.exec(out);
      if (m) resolve({ port: Number(m[1]), answerBytes: Number(m[2]), pids: () => [Number(m[3])], stop: stopper(child) });
    });
    child.once('exit', (code) => reject(new Error(`the upstream exited (${code ?? 'signal'}) before listening`)));
  });
}

/** Polls until `probe` is true (a real answer from the target), failing after a deadline. */
export async function waitUntil(what: string, probe: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await probe().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${what} was not ready within ${timeoutMs} ms`);
}

/** scripts/gateway.ts as its own process on the benchmark's data directory. */
export async function startGateway(dataDir: string, modelDeploymentId: string): Promise<Target> {
  const port = await freePort();
  // The process `npm start` runs: the gateway's bundle (tsx only where it cannot be built).
  const codeVersion = gatewayCodeVersion(PROJECT_ROOT);
  const child = spawn(process.execPath, gatewayNodeArgs(PROJECT_ROOT, codeVersion), {
    cwd: PROJECT_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    // No tenancy rate limit: the benchmarks measure the proxy, not OCI's 150 requests per second.
    env: { ...process.env, BERTH_GATEWAY_CODE_VERSION: codeVersion, BERTH_DATA_DIR: dataDir, BERTH_GATEWAY_PORT: String(port), BERTH_HEALTH_INTERVAL_MS: '1000', BERTH_PREDICT_RATE_LIMIT: '0' },
  });
  const stop = stopper(child);
  // Ready means the route's instance passed its first health check, not just a bound port.
  let pid = 0;
  await waitUntil('the gateway', async () => {
    pid = ((await (await fetch(`http://127.0.0.1:${port}/_berth/health`)).json()) as { pid: number }).pid;
    const res = await fetch(`http://127.0.0.1:${port}/_berth/status`);
    const status = (await res.json()) as { routes: { modelDeploymentId: string; instances: { healthy: boolean }[] }[] };
    return status.routes.some((r) => r.modelDeploymentId === modelDeploymentId && r.instances.some((i) => i.healthy));
  }).catch(async (err: unknown) => {
    await stop();
    throw err;
  });
  // The pid that serves is the one the gateway reports (under the tsx CLI it would be a child).
  return { port, pids: () => [pid], stop };
}

/** nginx as a keep-alive reverse proxy to the upstream, with one worker like the one-process gateway. */
export async function startNginx(dir: string, upstreamPort: number, workers: number): Promise<Target> {
  const port = await freePort();
  const prefix = path.join(dir, 'nginx');
  fs.mkdirSync(prefix, { recursive: true });
  // Workers run as nobody when started as root: their temp directories must be theirs to write.
  fs.chmodSync(dir, 0o755);
  fs.chmodSync(prefix, 0o777);
  const conf = path.join(prefix, 'nginx.conf');
  fs.writeFileSync(
    conf,
    `worker_processes ${workers};
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  upstream model { server 127.0.0.1:${upstreamPort}; keepalive 256; }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://model/predict;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
`,
  );
  const child = spawn(NGINX, ['-p', prefix, '-c', conf, '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const stop = stopper(child, 'SIGQUIT');
  await waitUntil('nginx', async () => (await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: '{}' })).ok).catch(
    async (err: unknown) => {
      await stop();
      throw err;
    },
  );
  return { port, pids: () => (child.pid ? [child.pid, ...childPids(child.pid)] : []), stop };
}

/**
 * HAProxy (Debian's 2.6) as a plain reverse proxy on the same upstream, one thread as nginx has one
 * worker: what a data plane built on it would start from, measured beside the gateway and nginx.
 */
export async function startHaproxy(dir: string, upstreamPort: number, threads: number): Promise<Target> {
  const port = await freePort();
  return runHaproxy(
    path.join(dir, 'haproxy.cfg'),
    port,
    `global
  nbthread ${threads}
  maxconn 4096
defaults
  mode http
  timeout connect 5s
  timeout client 60s
  timeout server 60s
  http-reuse always
frontend predict
  bind 127.0.0.1:${port}
  default_backend model
backend model
  http-request set-path /predict
  server m 127.0.0.1:${upstreamPort}
`,
    '/',
  );
}

/**
 * HAProxy with the gateway's predict rules in its configuration (haproxy-rules.ts), on the same
 * upstream; its sampled access log lines are received and counted, as telemetry would read them.
 */
export async function startHaproxyWithRules(dir: string, upstreamPort: number, threads: number, modelDeploymentId: string): Promise<Target & { logLines(): number }> {
  const port = await freePort();
  const log = dgram.createSocket('udp4');
  let lines = 0;
  log.on('message', () => lines++);
  await new Promise<void>((resolve) => log.bind(0, '127.0.0.1', resolve));
  const routesMap = path.join(dir, 'haproxy-routes.map');
  const bandwidthMap = path.join(dir, 'haproxy-bandwidth.map');
  const { config, routes, bandwidth } = haproxyRulesConfig({
    port,
    upstreamPort,
    threads,
    modelDeploymentId,
    // As the gateway's benchmark route: 8000 Mbps, no tenancy limit in practice.
    bandwidthBytesPerSecond: bandwidthBytesPerSecond(8000),
    requestsPerSecond: 1_000_000,
    logPort: log.address().port,
    routesMap,
    bandwidthMap,
  });
  fs.writeFileSync(routesMap, routes);
  fs.writeFileSync(bandwidthMap, bandwidth);
  const target = await runHaproxy(path.join(dir, 'haproxy-rules.cfg'), port, config, `/${modelDeploymentId}/predict`).catch((err: unknown) => {
    log.close();
    throw err;
  });
  await checkHaproxyRules(port, modelDeploymentId).catch(async (err: unknown) => {
    await target.stop();
    log.close();
    throw err;
  });
  return {
    ...target,
    logLines: () => lines,
    stop: async () => {
      await target.stop();
      log.close();
    },
  };
}

async function runHaproxy(conf: string, port: number, config: string, probePath: string): Promise<Target> {
  fs.writeFileSync(conf, config);
  const child = spawn(HAPROXY, ['-db', '-q', '-f', conf], { stdio: ['ignore', 'ignore', 'inherit'] });
  const stop = stopper(child, 'SIGUSR1');
  await waitUntil('haproxy', async () => (await fetch(`http://127.0.0.1:${port}${probePath}`, { method: 'POST', body: '{}' })).ok).catch(
    async (err: unknown) => {
      await stop();
      throw err;
    },
  );
  return { port, pids: () => (child.pid ? [child.pid, ...childPids(child.pid)] : []), stop };
}
