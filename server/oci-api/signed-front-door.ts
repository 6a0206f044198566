import type { DbOrTx } from '@/db/client';
import type { Principal } from '@/server/domain/principal';
import { newOpcRequestId } from '@/server/gateway/request-id';
import { formatBytes } from '@/server/domain/bytes';
import { authenticateSignedRequest } from './authenticate';
import { readBounded } from '@/server/validation/bounded-body';

// The door every small OCI service Berth answers goes through (Identity, Logging search,
// Artifacts): the opc-request-id, a bounded body, and the signature checked against the user's API
// key, so each service's own code starts from a principal and a parsed request.

const CLIENT_ADDRESS_HEADER = 'x-berth-client-address';
const ECHOABLE = /^[\x21-\x7e]{1,128}$/;

export interface SignedRequest {
  principal: Principal;
  requestId: string;
  url: URL;
  method: string;
  /** The body's bytes (empty for GET). */
  body: Uint8Array;
}

export interface FrontDoorDeps {
  db: DbOrTx;
  tenancyId: string;
  now?: () => Date;
}

export const requestIdOf = (req: Request): string => {
  const given = req.headers.get('opc-request-id');
  return given && ECHOABLE.test(given) ? given : newOpcRequestId();
};

export const plainError = (status: number, code: string, message: string, requestId: string, extra: Record<string, string> = {}) =>
  new Response(JSON.stringify({ code, message }), { status, headers: { 'content-type': 'application/json', 'opc-request-id': requestId, ...extra } });

export interface BodyToCheck {
  url: URL;
  method: string;
  requestId: string;
  maxBodyBytes: number;
  /** Whether the body is read and signed (its digest checked); false: the signature covers none. */
  readBody: boolean;
}

/**
 * Reads the body within maxBodyBytes (when it is to be read) and checks the signature: the
 * principal and the bytes (null when not read), or the Response that refuses it (413, 400, 401).
 */
export async function authenticateBody(deps: FrontDoorDeps, req: Request, r: BodyToCheck): Promise<{ principal: Principal; body: Uint8Array | null } | Response> {
  let body: Uint8Array | null = null;
  if (r.readBody) {
    const read = await readBounded(req, r.maxBodyBytes);
    if (read === 'too-large') return plainError(413, 'PayloadTooLarge', `The request body is larger than the limit of ${formatBytes(r.maxBodyBytes)}.`, r.requestId, { connection: 'close' });
    if (read === 'broken') return plainError(400, 'InvalidParameter', 'The request body did not arrive completely.', r.requestId);
    body = read;
  }
  const auth = authenticateSignedRequest(
    deps.db,
    deps.tenancyId,
    { method: r.method, target: r.url.pathname + r.url.search, headers: req.headers, body, address: req.headers.get(CLIENT_ADDRESS_HEADER) ?? '', requestId: r.requestId },
    (deps.now ?? (() => new Date()))(),
  );
  if (!auth.ok) return plainError(401, 'NotAuthenticated', auth.message, r.requestId);
  return { principal: auth.principal, body };
}

/** The signed request, or the Response that refuses it (413, 400, 401). */
export async function admitSigned(deps: FrontDoorDeps, req: Request, maxBodyBytes: number): Promise<SignedRequest | Response> {
  const requestId = requestIdOf(req);
  const url = new URL(req.url);
  const method = req.method.toUpperCase();
  const checked = await authenticateBody(deps, req, { url, method, requestId, maxBodyBytes, readBody: ['POST', 'PUT', 'PATCH'].includes(method) });
  if (checked instanceof Response) return checked;
  return { principal: checked.principal, requestId, url, method, body: checked.body ?? new Uint8Array(0) };
}

/** A JSON answer with OCI's headers. */
export function jsonAnswer(json: unknown, requestId: string, headers: Record<string, string> = {}, status = 200): Response {
  return new Response(JSON.stringify(json), { status, headers: { 'content-type': 'application/json', 'opc-request-id': requestId, ...headers } });
}

/** The parsed JSON body, or the 400 that says it is not JSON. */
export function jsonBody(signed: SignedRequest): { ok: true; value: unknown } | { ok: false; response: Response } {
  try {
    return { ok: true, value: JSON.parse(Buffer.from(signed.body).toString('utf8') || '{}') as unknown };
  } catch {
    return { ok: false, response: plainError(400, 'InvalidParameter', 'The request body must be JSON.', signed.requestId) };
  }
}
