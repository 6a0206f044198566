import http from 'node:http';
import { createAdminHandler, ADMIN_PREFIX } from './admin';
import { TokenBucket } from './bandwidth';
import { sendError } from './errors';
import { createFaultInjector, dockerKiller } from './fault-injection';
import { HealthChecker } from './health-checker';
import { createPredictHandler } from './proxy';
import { newOpcRequestId, opcRequestIdOf } from './request-id';
import { RequestRecorder } from './request-recorder';
import { PREDICT_PAYLOAD_MAX_BYTES } from '@/server/domain/predict-limits';
import { clientErrorAnswer, markOpened } from '@/scripts/lib/client-error.mjs';
import { RouteTable } from './route-table';
import { openRoutesSource } from './routes-source';
import type { Gateway, GatewayOptions } from './types';
import { parsePredictUrl } from './upstream-path';

export const GATEWAY_DEFAULTS = {
  host: '127.0.0.1',
  healthIntervalMs: 1000,
  requestTimeoutMs: 60_000,
  maxPayloadBytes: PREDICT_PAYLOAD_MAX_BYTES,
  pollIntervalMs: 500,
  drainTimeoutMs: 10_000,
  /** A request head must arrive within this; a body (10 MB at most) within clientBodyTimeoutMs. */
  clientHeadersTimeoutMs: 10_000,
  clientBodyTimeoutMs: 30_000,
} as const;

/**
 * The data plane: routes predict calls for the deployments in `gateway_routes` to their healthy
 * instances, like OCI's per-deployment load balancer. Nothing listens until listen().
 */
export function createGateway(options: GatewayOptions): Gateway {
  const o = { ...GATEWAY_DEFAULTS, ...definedOnly(options) };
  const now = options.now ?? Date.now;
  const source = openRoutesSource(o.dbFile);
  const recorder = new RequestRecorder(options.onRequestDone);
  // A new instance is checked at once: it takes no traffic until a check passes.
  const routes = new RouteTable({ now, requestTimeoutMs: o.requestTimeoutMs, onNewInstance: (inst) => void health.check(inst) });
  const health = new HealthChecker({
    intervalMs: o.healthIntervalMs,
    now,
    instances: () => routes.activeInstances(),
    onHealthy: (inst) => routes.settleHandover(inst.modelDeploymentId),
  });

  const reload = (): number => {
    routes.apply(source.read());
    return routes.version;
  };
  const status = () => routes.status(process.pid, now());
  const rps = options.predictRequestsPerSecond ?? 0;
  const predict = createPredictHandler({
    table: routes,
    tenancyRate: rps > 0 ? { bucket: new TokenBucket(rps, now), perSecond: rps } : null,
    health,
    recorder,
    maxPayloadBytes: o.maxPayloadBytes,
    requestTimeoutMs: o.requestTimeoutMs,
    now,
    ...(options.predictAuth ? { authenticate: options.predictAuth } : {}),
    faults: createFaultInjector({
      now,
      random: options.random ?? Math.random,
      killInstance: options.killInstance ?? dockerKiller(),
      markDown: (inst, reason) => health.markDown(inst, reason),
    }),
  });
  const admin = createAdminHandler({ dbFile: o.dbFile, codeVersion: options.codeVersion ?? null, version: () => routes.version, reload, status });

  // Requests whose response has not closed yet, so close() can let them finish.
  let active = 0;
  let onIdle: (() => void) | null = null;
  const onResponseClose = () => {
    active -= 1;
    if (active === 0) onIdle?.();
  };

  // Slow clients: Node ends a request whose head or whole body is late with a 408. Its clock stops
  // once the request is in, so the model's own 60 s to answer is not shortened by it.
  // Idle kept-alive connections stay 65 s (nginx, which fronts OCI's predict, keeps 75 s), so the
  // gateway is not the side that closes a connection a client is about to reuse: at Node's 5 s, a
  // client's next request after a pause could meet the close and fail with a reset.
  const limits = { headersTimeout: o.clientHeadersTimeoutMs, requestTimeout: o.clientBodyTimeoutMs, connectionsCheckingInterval: 1000, keepAliveTimeout: 65_000 };
  const server = http.createServer({ noDelay: true, ...limits }, (req, res) => {
    active += 1;
    res.once('close', onResponseClose);
    const opcRequestId = opcRequestIdOf(req.headers);
    try {
      const url = req.url ?? '/';
      if (url.startsWith(ADMIN_PREFIX)) return admin(req, res, opcRequestId);
      const target = parsePredictUrl(url);
      if (!target) return void sendError(res, 'NotAuthorizedOrNotFound', 'Authorization failed or requested resource not found.', opcRequestId);
      predict(req, res, target, opcRequestId);
    } catch (err) {
      console.error(`gateway: request ${opcRequestId} failed:`, err);
      sendError(res, 'InternalServerError', 'The gateway failed to handle the request', opcRequestId);
    }
  });
  // A malformed request never reaches the handler; it still gets an OCI-shaped answer.
  server.on('connection', markOpened);
  server.on('clientError', clientErrorAnswer({ server: 'gateway', headersTimeoutMs: o.clientHeadersTimeoutMs, requestTimeoutMs: o.clientBodyTimeoutMs, requestId: newOpcRequestId }));

  let poller: NodeJS.Timeout | null = null;
  let pollFailed = false;
  const poll = () => {
    try {
      if (source.changed()) reload();
      pollFailed = false;
    } catch (err) {
      // Keep serving what is loaded; say so once per failure streak rather than every 500 ms.
      if (!pollFailed) console.error('gateway: reading the routes failed; serving the last ones loaded:', err);
      pollFailed = true;
    }
  };

  return {
    listen() {
      reload();
      health.start();
      poller = setInterval(poll, o.pollIntervalMs);
      poller.unref();
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen({ host: o.host, port: options.port ?? 0 }, () => {
          server.off('error', reject);
          const address = server.address();
          resolve({ port: typeof address === 'object' && address ? address.port : 0 });
        });
      });
    },
    async close() {
      if (poller) clearInterval(poller);
      health.stop();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (active > 0) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, o.drainTimeoutMs);
          onIdle = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      server.closeAllConnections();
      await closed;
      await routes.destroy();
      recorder.flush();
      source.close();
    },
    status,
    reload,
  };
}

/** Spreading `{ x: undefined }` over the defaults would erase them. */
function definedOnly<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
