// Hop-by-hop headers (RFC 9110 7.6.1) belong to one connection and are never forwarded. undici
// refuses some of them outright (expect, upgrade), and it sets host and content-length itself.
const REQUEST_DROPPED = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'expect',
  'host',
  'content-length',
  'opc-request-id',
  // The console's own trust token (predict-auth.ts) and the caller's signature stay at the gateway:
  // a signed request is replayable for 5 minutes, so the model server (or its log) never sees it.
  'x-berth-console-token',
  'authorization',
]);

// The model server's identity (gunicorn, uvicorn, a framework) is not the client's business: OCI's
// load balancer does not pass it on either.
const RESPONSE_DROPPED = new Set([
  'server',
  'x-powered-by',
  'via',
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'opc-request-id',
]);

/** The client's headers for the container, as a flat [name, value, ...] list, with the request id. */
export function upstreamRequestHeaders(rawHeaders: readonly string[], opcRequestId: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i] as string;
    if (REQUEST_DROPPED.has(name.toLowerCase())) continue;
    out.push(name, rawHeaders[i + 1] as string);
  }
  out.push('opc-request-id', opcRequestId);
  return out;
}

/** The container's response headers for the client (undici hands them over as raw bytes). */
export function clientResponseHeaders(raw: readonly Buffer[], opcRequestId: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = (raw[i] as Buffer).toString('latin1');
    if (RESPONSE_DROPPED.has(name.toLowerCase())) continue;
    out.push(name, (raw[i + 1] as Buffer).toString('latin1'));
  }
  out.push('opc-request-id', opcRequestId);
  return out;
}
