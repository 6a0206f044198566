import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

// Printable ASCII without spaces: anything else could not be written back as a header value.
const ECHOABLE = /^[\x21-\x7e]{1,128}$/;

/**
 * The client's `opc-request-id` when it can be echoed, else a new one shaped like the OCI SDK's
 * (an uppercase UUID with the first dash removed, OCI-SPEC B).
 */
export function opcRequestIdOf(headers: IncomingHttpHeaders): string {
  const given = headers['opc-request-id'];
  if (typeof given === 'string' && ECHOABLE.test(given)) return given;
  return newOpcRequestId();
}

export function newOpcRequestId(): string {
  return randomUUID().toUpperCase().replace('-', '');
}
