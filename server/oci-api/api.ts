import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { DbOrTx } from '@/db/client';
import type { DomainError } from '@/server/domain/result';
import type { DataScienceProvider } from '@/server/providers/types';
import { runAs } from '@/server/services/identity/principal-scope';
import type { OciCall } from './call';
import { OCI_HANDLERS, STREAMED_BODY_OPERATIONS } from './handlers';
import { errorBody, type OciAnswer, type OciOutcome } from './respond';
import { createRateLimiter, type RateLimit } from './rate-limit';
import { withRetryToken } from './retry-tokens';
import { authenticateBody, plainError, requestIdOf } from './signed-front-door';
import { matchOperation } from './router';

// The OCI-compatible Data Science API (/20190101): one front door to the same provider the console
// uses. Each request is matched to its SDK operation, its signature verified against the user's
// API key, and the operation run as that user (runAs), so the compartment roles and the audit log
// apply as they do to the console.

export const OCI_API_VERSION_PREFIX = '/20190101';

/** JSON request bodies of the API (CreateModelDeploymentDetails and the like) are a few KB. */
const MAX_SIGNED_BODY_BYTES = 1024 * 1024;

export interface OciApiDeps {
  db: DbOrTx;
  provider: DataScienceProvider;
  tenancyId: string;
  now?: () => Date;
  /** Per user; null or absent: unlimited. */
  rateLimit?: RateLimit | null;
}

export function toResponse(a: OciAnswer, requestId: string, head: boolean): Response {
  const headers = new Headers({ ...a.headers, 'opc-request-id': requestId });
  if (head || (a.json === undefined && !a.stream)) {
    if (head) a.stream?.destroy();
    return new Response(null, { status: a.status, headers });
  }
  if (a.stream) return new Response(Readable.toWeb(a.stream) as ReadableStream<Uint8Array>, { status: a.status, headers });
  headers.set('content-type', 'application/json');
  return new Response(JSON.stringify(a.json), { status: a.status, headers });
}

export function errorResponse(error: DomainError, requestId: string, extra: Record<string, string> = {}): Response {
  const { status, body } = errorBody(error);
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'opc-request-id': requestId, ...extra } });
}

export function createOciApi(deps: OciApiDeps): (req: Request) => Promise<Response> {
  const now = deps.now ?? (() => new Date());
  const limiter = deps.rateLimit ? createRateLimiter(deps.rateLimit) : null;

  return async function handle(req: Request): Promise<Response> {
    const requestId = requestIdOf(req);
    const url = new URL(req.url);
    if (!url.pathname.startsWith(OCI_API_VERSION_PREFIX)) return plainError(404, 'NotAuthorizedOrNotFound', `${url.pathname} is not part of the API.`, requestId);
    const method = req.method.toUpperCase();
    const match = matchOperation(method, url.pathname.slice(OCI_API_VERSION_PREFIX.length));
    if (match.kind === 'unknown') return plainError(404, 'NotAuthorizedOrNotFound', `No operation of the Data Science API has the path ${url.pathname}.`, requestId);
    if (match.kind === 'method-not-allowed') {
      return plainError(405, 'MethodNotAllowed', `${method} is not an operation on ${url.pathname}; allowed: ${match.allowed.join(', ')}.`, requestId, { allow: match.allowed.join(', ') });
    }
    const { name, params } = match.operation;
    const streamed = STREAMED_BODY_OPERATIONS.has(name);

    const auth = await authenticateBody(deps, req, { url, method, requestId, maxBodyBytes: MAX_SIGNED_BODY_BYTES, readBody: !streamed && ['POST', 'PUT', 'PATCH'].includes(method) });
    if (auth instanceof Response) return auth;
    const bytes = auth.body;

    const rate = limiter?.(auth.principal.userId, now().getTime());
    if (rate && !rate.allowed) {
      return plainError(429, 'TooManyRequests', `Too many requests for this user; retry after ${rate.retryAfterSeconds} s.`, requestId, { 'retry-after': String(rate.retryAfterSeconds) });
    }

    const handler = OCI_HANDLERS[name];
    if (!handler) return plainError(501, 'NotImplemented', `The operation ${name} is not offered by the local provider.`, requestId);

    let body: unknown;
    if (bytes && bytes.byteLength > 0) {
      try {
        body = JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown;
      } catch {
        return plainError(400, 'InvalidParameter', 'The request body must be JSON.', requestId);
      }
    }
    const call: OciCall = {
      provider: deps.provider,
      params,
      query: url.searchParams,
      headers: req.headers,
      body,
      ...(streamed ? { stream: req.body ? Readable.fromWeb(req.body as NodeReadableStream<Uint8Array>) : Readable.from([]) } : {}),
    };
    const principal = auth.principal;
    const retryToken = req.headers.get('opc-retry-token');
    const run = () => runAs(principal, () => handler(call));
    let outcome: OciOutcome;
    try {
      outcome =
        retryToken !== null && method === 'POST' && !streamed
          ? await withRetryToken({ db: deps.db, userId: principal.userId, token: retryToken, operation: `${name} ${url.pathname}`, body: bytes ?? new Uint8Array(0), now: now() }, run)
          : await run();
    } catch (cause) {
      console.error(`OCI API ${name} failed`, cause);
      return plainError(500, 'InternalServerError', 'The operation failed on the server. The details are in the server log.', requestId);
    }
    if (!outcome.ok) return errorResponse(outcome.error, requestId);
    return toResponse(outcome.answer, requestId, method === 'HEAD');
  };
}
