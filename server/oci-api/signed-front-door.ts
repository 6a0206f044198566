import type { DbOrTx } from '@/db/client';
import type { Principal } from '@/server/domain/principal';
import { newOpcRequestId } from '@/server/gateway/request-id';
import { plainError, readBounded } from './api';
import { formatBytes } from '@/server/domain/bytes';
import { authenticateSignedRequest } from './authenticate';

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

/** The signed request, or the Response that refuses it (413, 400, 401). */
export async function admitSigned(deps: FrontDoorDeps, req: Request, maxBodyBytes: number): Promise<SignedRequest | Response> {
  const requestId = requestIdOf(req);
  const url = new URL(req.url);
  const method = req.method.toUpperCase();
  let body: Uint8Array = new Uint8Array(0);
  if (['POST', 'PUT', 'PATCH'].includes(method)) {
    const read = await readBounded(req, maxBodyBytes);
    if (read === 'too-large') return plainError(413, 'PayloadTooLarge', `The request body is larger than the limit of ${formatBytes(maxBodyBytes)}.`, requestId, { connection: 'close' });
    if (read === 'broken') return plainError(400, 'InvalidParameter', 'The request body did not arrive completely.', requestId);
    body = read;
  }
  const auth = authenticateSignedRequest(
    deps.db,
    deps.tenancyId,
    { method, target: url.pathname + url.search, headers: req.headers, body: method === 'GET' || method === 'HEAD' || method === 'DELETE' ? null : body, address: req.headers.get(CLIENT_ADDRESS_HEADER) ?? '', requestId },
    (deps.now ?? (() => new Date()))(),
  );
  if (!auth.ok) return plainError(401, 'NotAuthenticated', auth.message, requestId);
  return { principal: auth.principal, requestId, url, method, body };
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
