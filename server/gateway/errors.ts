import type { ServerResponse } from 'node:http';

// The predict endpoint's error codes (OCI-SPEC B.5), plus the load balancer's own 5xx answers.
export const GATEWAY_ERRORS = {
  InvalidParameter: 400,
  NotAuthenticated: 401,
  NotAuthorizedOrNotFound: 404,
  MethodNotAllowed: 405,
  LengthRequired: 411,
  PayloadTooLarge: 413,
  TooManyRequests: 429,
  InternalServerError: 500,
  BadGateway: 502,
  ServiceUnavailable: 503,
  GatewayTimeout: 504,
} as const;
export type GatewayErrorCode = keyof typeof GATEWAY_ERRORS;

export interface ErrorOptions {
  /** Extra response headers, e.g. `allow` on a 405. */
  headers?: Record<string, string>;
  /**
   * Close the connection after answering: used when the request body was not read (411, 413), so
   * Node does not have to drain up to 10 MB of it to keep the connection usable.
   */
  close?: boolean;
}

/** Answers with OCI's error body `{"code","message"}`; returns the body's size for the access record. */
export function sendError(
  res: ServerResponse,
  code: GatewayErrorCode,
  message: string,
  opcRequestId: string,
  options: ErrorOptions = {},
): number {
  const body = JSON.stringify({ code, message });
  const length = Buffer.byteLength(body);
  if (res.headersSent) {
    // A response already under way cannot change its status: cutting it is the only honest signal.
    res.destroy();
    return 0;
  }
  res.writeHead(GATEWAY_ERRORS[code], {
    'content-type': 'application/json',
    'content-length': String(length),
    'opc-request-id': opcRequestId,
    ...(options.close ? { connection: 'close' } : {}),
    ...options.headers,
  });
  res.end(body);
  return length;
}

/** Node's and undici's error code, if any (`ECONNREFUSED`, `UND_ERR_SOCKET`, ...). */
export function errorCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  // undici wraps a connect failure's cause in some paths.
  const cause = (err as { cause?: unknown }).cause;
  return cause === err ? undefined : errorCode(cause);
}

export function errorMessage(err: unknown): string {
  const code = errorCode(err);
  const message = err instanceof Error ? err.message : String(err);
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}
