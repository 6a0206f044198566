import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import { PROJECT_ROOT, loadConfig, type BerthConfig } from '@/server/config';
import { describeServingMode, type ServingMode } from '@/server/domain/serving-mode';
import { MigrationError, migrateDatabase } from '@/db/migrate';
import { Failure, NEXT_BIN, childEnv, run, type EnvVars } from './run';

/** loadConfig, with a bad setting reported as a message rather than a stack trace. */
export function loadConfigOrFail(): BerthConfig {
  try {
    return loadConfig();
  } catch (err) {
    throw new Failure(err instanceof Error ? err.message : String(err));
  }
}

/** Applies migrations and the seed, then closes the handle: the server opens its own. */
export function migrate(config: Pick<BerthConfig, 'dbFile' | 'region'>): void {
  try {
    const db = migrateDatabase(config.dbFile, { region: config.region });
    db.$client.close();
    console.log(`Database ready: ${config.dbFile}`);
  } catch (err) {
    if (err instanceof MigrationError) throw new Failure(err.message);
    throw err;
  }
}

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '']);

/** Where to reach a server bound to host: a wildcard bind answers on loopback. */
export function reachableUrl(host: string, port: number, tls = false): string {
  const h = WILDCARD_HOSTS.has(host) ? '127.0.0.1' : host;
  return `${tls ? 'https' : 'http'}://${h.includes(':') ? `[${h}]` : h}:${port}`;
}

/** Checks at once that the certificate and key can be read, rather than after the build. */
export function assertTlsReadable(serving: ServingMode): void {
  if (serving.kind !== 'tls') return;
  for (const [name, file] of [['BERTH_TLS_CERT', serving.certFile], ['BERTH_TLS_KEY', serving.keyFile]] as const) {
    try {
      fs.accessSync(file, fs.constants.R_OK);
    } catch (err) {
      const why = (err as NodeJS.ErrnoException).code ?? String(err);
      throw new Failure(`${name}=${file} cannot be read (${why}). Point it at a readable PEM file, or unset BERTH_TLS_CERT and BERTH_TLS_KEY to serve plain HTTP on loopback.`);
    }
  }
}

/**
 * GET a URL of our own server: its status and body, or null when nothing answers. A certificate
 * is not verified: this only asks whether the console we started (maybe self-signed) answers.
 */
export function probe(url: string, timeoutMs = 2000): Promise<{ status: number; body: string } | null> {
  return new Promise((resolve) => {
    const get = url.startsWith('https:') ? https.get : http.get;
    const req = get(url, { timeout: timeoutMs, rejectUnauthorized: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body = (body + c).slice(0, 64 * 1024)));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', () => resolve(null));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(null));
  });
}

/**
 * Fails early when something already listens on the port: otherwise the readiness poll could be
 * answered by that other process and announce a console that never started.
 */
export function assertPortFree(host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => {
      const why = err.code === 'EADDRINUSE' ? 'is already in use' : `cannot be opened (${err.code ?? err.message})`;
      reject(new Failure(`Port ${port} on ${host} ${why}. Stop what uses it or choose another with PORT=<port>.`));
    });
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolve()));
  });
}

/**
 * Like assertPortFree, but when the port is taken by a Berth console it says so, with its
 * address: a second `npm start` is almost always someone who forgot the first one runs.
 */
export async function assertNoConsoleRunning(host: string, port: number, tls = false): Promise<void> {
  try {
    await assertPortFree(host, port);
  } catch (e) {
    const url = reachableUrl(host, port, tls);
    const answer = await probe(`${url}/api/health`);
    type Health = { status?: unknown; provider?: unknown };
    let berth: Health | null = null;
    try {
      berth = answer?.status === 200 ? (JSON.parse(answer.body) as Health) : null;
    } catch {
      // Not Berth's health answer.
    }
    if (berth?.status === 'ok' && typeof berth.provider === 'string') {
      throw new Failure(
        `Berth already runs at ${url} (provider ${berth.provider}); open that address.
` +
          `To start this one instead, stop that console first (Ctrl-C in its terminal), or serve this one on another port with PORT=<port>.`,
      );
    }
    throw e;
  }
}

/** Polls until the server answers at all (any HTTP status), or until stop() says it is gone. */
export async function waitUntilAnswering(url: string, stop: () => boolean): Promise<boolean> {
  while (!stop()) {
    if (await probe(url)) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

/** The production server: Next behind our own HTTP limits (header and body timeouts, bad paths). */
export const CONSOLE_SERVER = path.join(PROJECT_ROOT, 'scripts', 'lib', 'console-server.mjs');

export interface ServeOptions {
  /** Printed under the console's address once it answers (the first-run link); null: nothing. */
  announce?: (consoleUrl: string) => string | null;
  /** How the console is served (config.serving): said in one line, and HTTPS for TLS. */
  serving?: ServingMode;
}

/**
 * Runs the production console (or `next dev`) in the foreground until it exits, printing the
 * console's address once it answers, and what `announce` adds last. Resolves with the server's
 * exit code.
 */
export async function serveNext(
  mode: 'start' | 'dev',
  host: string,
  port: number,
  env: EnvVars = {},
  options: ServeOptions = {},
): Promise<number> {
  await assertPortFree(host, port);
  const serving = options.serving ?? { kind: 'loopback-http' };
  const base = reachableUrl(host, port, serving.kind === 'tls');
  if (mode === 'start') console.log(describeServingMode(serving, host));
  let exited = false;
  const args = mode === 'start' ? [CONSOLE_SERVER, host, String(port)] : [NEXT_BIN, 'dev', '-H', host, '-p', String(port)];
  const code = run(process.execPath, args, { env: childEnv(env) });
  void code.then(() => (exited = true));
  void waitUntilAnswering(`${base}/api/health`, () => exited).then((up) => {
    if (!up) return;
    let extra: string | null = null;
    try {
      extra = options.announce?.(base) ?? null;
    } catch (e) {
      extra = `Could not make a sign-in link: ${e instanceof Error ? e.message : String(e)}\nRun \`npm run reset-admin\` to make one.\n`;
    }
    console.log(`\nBerth console: ${base}\n${extra ? `\n${extra}` : ''}`);
  });
  return code;
}
