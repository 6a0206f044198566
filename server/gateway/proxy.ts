import type { PredictAuthenticator } from './predict-auth';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { payloadLimitMessage } from '@/server/domain/predict-limits';
import type { TokenBucket } from './bandwidth';
import { hasHealthy } from './balancer';
import { errorCode, errorMessage, sendError, type ErrorOptions, type GatewayErrorCode } from './errors';
import { Attempt, type Exchange } from './exchange';
import { upstreamRequestHeaders } from './headers';
import { injectedMessage } from '@/server/domain/faults';
import { faultHeader, type FaultInjector } from './fault-injection';
import type { HealthChecker } from './health-checker';
import type { Instance } from './instance';
import type { RequestRecorder } from './request-recorder';
import type { RouteTable } from './route-table';
import { upstreamPathOf, type PredictTarget } from './upstream-path';

export interface ProxyOptions {
  table: RouteTable;
  /** The tenancy's predict rate limit, shared by all its deployments; null: none. */
  tenancyRate: { bucket: TokenBucket; perSecond: number } | null;
  health: HealthChecker;
  recorder: RequestRecorder;
  maxPayloadBytes: number;
  requestTimeoutMs: number;
  now: () => number;
  faults: FaultInjector;
  /** Signed predict (predict-auth.ts); absent: every request passes, as before. */
  authenticate?: PredictAuthenticator;
}

/** Tries per request: the first instance and up to two others. */
const MAX_ATTEMPTS = 3;

// The connection never opened: nothing reached the container, and it is not there to answer.
const CONNECT_FAILURES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL', 'ETIMEDOUT', 'UND_ERR_CONNECT_TIMEOUT']);
// The connection closed before a response byte: a container stopping, docker-proxy accepting for a
// container that is gone, a worker that died on the request, or a keep-alive socket the server
// closed as the request went out (rare: the pool drops idle sockets first, instance.ts).
const RESETS = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

const EMPTY = Buffer.alloc(0);
const INJECTED_CODES = { 429: 'TooManyRequests', 500: 'InternalServerError', 502: 'BadGateway', 503: 'ServiceUnavailable' } as const satisfies Record<number, GatewayErrorCode>;
const NOT_FOUND = 'Authorization failed or requested resource not found.';

export type PredictHandler = (req: IncomingMessage, res: ServerResponse, target: PredictTarget, opcRequestId: string) => void;

/**
 * Predict requests: OCI's checks in its order (404, 405, 411, 413, then bandwidth), the body read
 * in full (it is at most 10 MB, and a buffered body can be replayed on another instance), then
 * forwarded with retries on connection failures.
 */
export function createPredictHandler(options: ProxyOptions): PredictHandler {
  const { table, health, recorder } = options;

  const record = (x: Exchange, inst?: Instance) => {
    if (!recorder.enabled) return;
    recorder.push({
      modelDeploymentId: x.route.config.modelDeploymentId,
      ...(inst ? { instanceId: inst.id } : {}),
      status: x.status,
      latencyMs: performance.now() - x.startedAt,
      bytesIn: x.bytesIn,
      bytesOut: x.bytesOut,
      opcRequestId: x.opcRequestId,
      timestamp: x.timestamp,
    });
  };

  const fail = (x: Exchange, code: GatewayErrorCode, message: string, opts?: ErrorOptions, inst?: Instance) => {
    x.bytesOut += sendError(x.res, code, message, x.opcRequestId, opts);
    x.status = x.res.statusCode;
    record(x, inst);
  };

  const attempt = (x: Exchange, inst: Instance) => {
    x.tried.push(inst);
    inst.inflight += 1;
    const a = new Attempt(x, inst, settle);
    x.current = a;
    inst.pool.dispatch({ path: x.path, method: 'POST', headers: x.headers, body: x.body }, a);
  };

  const settle = (a: Attempt, err: Error | null) => {
    const { x, inst } = a;
    inst.inflight -= 1;
    if (inst.retired) table.released(inst);
    x.current = null;
    if (!err) {
      options.faults.served(x.route, inst);
      return record(x, inst);
    }
    if (x.clientGone) {
      x.status = 499;
      return record(x, inst);
    }
    if (a.responded) {
      // Mid-response the status is already on the wire: cutting the connection is all that is left.
      x.res.destroy(err);
      return record(x, inst);
    }
    const code = errorCode(err);
    if (code === 'UND_ERR_HEADERS_TIMEOUT') {
      const seconds = Math.round(options.requestTimeoutMs / 100) / 10;
      return fail(x, 'GatewayTimeout', `The model server did not answer within ${seconds} s`, undefined, inst);
    }
    const refused = code !== undefined && CONNECT_FAILURES.has(code);
    const reset = code !== undefined && RESETS.has(code);
    if (!refused && !reset) return fail(x, 'BadGateway', `The model server failed: ${errorMessage(err)}`, undefined, inst);
    if (refused) {
      health.markDown(inst, `connection failed: ${errorMessage(err)}`);
      return retry(x, inst, err);
    }
    // Reset with no answer: either nothing reached a live server (docker-proxy accepting for a
    // container that is gone, a retired container being stopped), and another instance may serve
    // it, or a live server took the request and dropped it (a worker that crashed on its input).
    // A predict is not idempotent, and the same input sent on could crash every copy in turn, so
    // it is sent on only when the instance's health check says the server is not there (nginx
    // sends a POST on only when it never reached the server, for the same reason).
    if (inst.retired) return retry(x, inst, err);
    void health.check(inst).then((alive) => {
      if (x.clientGone) {
        x.status = 499;
        return record(x, inst);
      }
      if (!alive) return retry(x, inst, err);
      fail(
        x,
        'BadGateway',
        `The model server closed the connection without answering (${errorMessage(err)}). The request was not sent again: the server may have processed it, and a model server worker that crashes on an input would crash again on it.`,
        undefined,
        inst,
      );
    });
  };

  /** Sends the request on to another instance, if there is one and attempts are left. */
  const retry = (x: Exchange, inst: Instance, err: Error) => {
    const next = x.route.balancer.pick(x.route.instances, x.tried);
    if (next && x.tried.length < MAX_ATTEMPTS) return attempt(x, next);
    fail(x, 'BadGateway', `Could not reach a model server: ${errorMessage(err)}`, undefined, inst);
  };

  const forward = (x: Exchange) => {
    const fault = options.faults.decide(x.route);
    if (!fault) return dispatch(x);
    const go = () => {
      if (x.clientGone) return;
      if (fault.action === 'reject') {
        return fail(x, INJECTED_CODES[fault.status], injectedMessage(fault.kind, fault.status), { headers: faultHeader(fault.header) });
      }
      x.faultHeader = fault.header;
      dispatch(x);
    };
    if (fault.delayMs > 0) setTimeout(go, fault.delayMs);
    else go();
  };

  const dispatch = (x: Exchange) => {
    const inst = x.route.balancer.pick(x.route.instances);
    if (!inst) return fail(x, 'ServiceUnavailable', 'The model deployment has no healthy instance to serve the request');
    attempt(x, inst);
  };

  return (req, res, target, opcRequestId) => {
    const startedAt = performance.now();
    const route = table.get(target.modelDeploymentId);
    if (!route || !route.config.serving) {
      sendError(res, 'NotAuthorizedOrNotFound', NOT_FOUND, opcRequestId);
      return;
    }
    const x: Exchange = {
      req,
      res,
      route,
      opcRequestId,
      startedAt,
      timestamp: options.now(),
      path: '',
      headers: [],
      body: EMPTY,
      tried: [],
      status: 0,
      bytesIn: 0,
      bytesOut: 0,
      clientGone: false,
      current: null,
      faultHeader: null,
    };
    if (req.method !== 'POST') {
      return fail(x, 'MethodNotAllowed', `Method ${req.method ?? ''} is not allowed on the predict endpoint`, { headers: { allow: 'POST' } });
    }
    const contentLength = req.headers['content-length'];
    // A chunked body has no length to check against the limit up front, so OCI refuses it too.
    if (contentLength === undefined) return fail(x, 'LengthRequired', 'Missing content length header', { close: true });
    const length = Number(contentLength);
    if (length > options.maxPayloadBytes) {
      return fail(x, 'PayloadTooLarge', payloadLimitMessage(options.maxPayloadBytes), { close: true });
    }
    const path = upstreamPathOf(route.config, target, req.headers);
    if (!path.ok) return fail(x, 'InvalidParameter', path.message);
    if (!hasHealthy(route.instances)) {
      return fail(x, 'ServiceUnavailable', 'The model deployment has no healthy instance to serve the request');
    }
    if (options.tenancyRate && !options.tenancyRate.bucket.tryAdmit(1)) {
      return fail(x, 'TooManyRequests', `The tenancy's limit of ${options.tenancyRate.perSecond} predict requests per second is exceeded`);
    }
    if (!route.bucket.tryAdmit(length)) {
      return fail(x, 'TooManyRequests', `The load balancer bandwidth of ${route.config.bandwidthMbps} Mbps for this model deployment is exhausted`);
    }
    x.path = path.path;
    x.headers = upstreamRequestHeaders(req.rawHeaders, opcRequestId);
    x.bytesIn = length;
    res.once('close', () => {
      if (res.writableFinished) return;
      x.clientGone = true;
      x.current?.abort(new Error('the client closed the connection'));
      // Still reading the body: nothing went upstream, so this is the request's end.
      if (!x.current && x.tried.length === 0) {
        x.status = 499;
        record(x);
      }
    });
    // The signature covers the body's digest, so the check waits for the whole body.
    const admit = () => {
      const decision = options.authenticate?.(req, x.body, route.config.modelDeploymentId);
      if (decision instanceof Promise) {
        // A new signature: the RSA check runs off the event loop, which serves others meanwhile.
        decision.then(
          (late) => {
            if (x.clientGone) return;
            if (late) return fail(x, late.code, late.message);
            forward(x);
          },
          (err: unknown) => {
            if (x.clientGone) return;
            fail(x, 'InternalServerError', `The signature could not be checked: ${err instanceof Error ? err.message : String(err)}`);
          },
        );
        return;
      }
      if (decision) return fail(x, decision.code, decision.message);
      forward(x);
    };
    if (length === 0) return admit();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => {
      if (x.clientGone) return;
      x.body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
      admit();
    });
  };
}
