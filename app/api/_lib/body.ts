import { formatBytes } from '@/server/domain/bytes';
import { readBounded } from '@/server/validation/bounded-body';
import { jsonResponse } from '../model-deployments/_lib/respond';

// One way for route handlers to read a request body: bounded, and refused on the declared length
// before a byte is read, so a 50 MB JSON body is never parsed and a huge one never buffered.

/** JSON bodies of the API (CreateModelDeploymentDetails, metric queries) are a few KB. */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;

export type BodyRead<T> = { ok: true; value: T } | { ok: false; response: Response };


export const payloadTooLarge = (requestId: string, maxBytes: number, what = 'The request body') =>
  jsonResponse({ code: 'PayloadTooLarge', message: `${what} is larger than the limit of ${formatBytes(maxBytes)}.` }, requestId, {
    status: 413,
    // The rest of the body is not wanted: the connection is not kept to read it.
    headers: { connection: 'close' },
  });

/** The body's bytes, at most maxBytes of them; a 413 as soon as it is known to be larger. */
export async function readBodyBytes(req: Request, requestId: string, maxBytes: number, what?: string): Promise<BodyRead<Buffer>> {
  const read = await readBounded(req, maxBytes);
  if (read === 'too-large') return { ok: false, response: payloadTooLarge(requestId, maxBytes, what) };
  if (read === 'broken') return { ok: false, response: jsonResponse({ code: 'InvalidParameter', message: 'The request body did not arrive completely.' }, requestId, { status: 400 }) };
  return { ok: true, value: Buffer.from(read.buffer, read.byteOffset, read.byteLength) };
}

/** The body parsed as JSON, within MAX_JSON_BODY_BYTES unless told otherwise; `expected` names it in the 400. */
export async function readJsonBody(req: Request, requestId: string, expected: string, maxBytes = MAX_JSON_BODY_BYTES): Promise<BodyRead<unknown>> {
  const bytes = await readBodyBytes(req, requestId, maxBytes);
  if (!bytes.ok) return bytes;
  try {
    return { ok: true, value: JSON.parse(bytes.value.toString('utf8')) as unknown };
  } catch {
    return { ok: false, response: jsonResponse({ code: 'InvalidParameter', message: `The request body must be JSON (${expected}).` }, requestId, { status: 400 }) };
  }
}
