// The console's HTTP server in production: Next's request handler behind a Node server whose
// limits are ours. `next start` only lets keepAliveTimeout be set, so a client sending its head
// or body a byte a second held a connection for minutes. Plain JavaScript: Next's server must not
// run under a TypeScript loader. Run as: node scripts/lib/console-server.mjs <host> <port>.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { pathToFileURL } from 'node:url';
import { clientErrorAnswer, markOpened } from './client-error.mjs';
import { LOOPBACK_HOST_NAMES, allowedHostNames, hostRefusalMessage, isAllowedHost, isLoopbackAddress } from './host-gate.mjs';

export const CONSOLE_LIMITS = {
  /** The whole request head (request line and headers) must arrive within this. */
  headersTimeoutMs: 10_000,
  /** A body must bring at least minBodyBytes in every window of this length until it ends. */
  bodyWindowMs: 10_000,
  minBodyBytes: 16 * 1024,
  /** A backstop for a whole request; the largest artifact over loopback takes well under it. */
  requestTimeoutMs: 30 * 60_000,
  /**
   * How long an idle kept-alive connection stays open. Long, so the server is never the side that
   * closes a connection a client is about to reuse: at 5 s (Node's default) a client whose next
   * request came after a pause (a poll, a loaded host's stalled loop) could send it just as the
   * server closed, and got ECONNRESET. Slow clients are held by headersTimeout, not by this.
   */
  keepAliveTimeoutMs: 65_000,
  /** How often Node looks for connections past headersTimeout or requestTimeout (default 30 s). */
  checkIntervalMs: 1_000,
};

/**
 * The path with every segment that is not valid percent-encoding taken literally (its `%` written
 * as `%25`). Next answers such a path (`/models/%ff`) with a bare 500; taken literally it reaches
 * the route, whose own validation answers it (a 404 or 400 with OCI's error body).
 * Paths outside /api/ go to the 404 page instead (createConsoleServer).
 * @param {string} url
 * @returns {string}
 */
export function literalizeBadEscapes(url) {
  const q = url.indexOf('?');
  const pathname = q === -1 ? url : url.slice(0, q);
  if (!pathname.includes('%')) return url;
  let changed = false;
  const segments = pathname.split('/').map((segment) => {
    try {
      decodeURIComponent(segment);
      return segment;
    } catch {
      changed = true;
      return segment.replaceAll('%', '%25');
    }
  });
  return changed ? segments.join('/') + (q === -1 ? '' : url.slice(q)) : url;
}

/**
 * Ends a request whose body trickles: fewer than minBodyBytes in a window while the handler had
 * room to take more (a full buffer means the handler is the slow side, not the client).
 * @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res
 * @param {{ bodyWindowMs: number, minBodyBytes: number }} limits
 */
export function watchBody(req, res, limits) {
  const hasBody = (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0') || req.headers['transfer-encoding'] !== undefined;
  if (!hasBody || req.complete) return;
  const socket = req.socket;
  let seen = socket.bytesRead;
  const timer = setInterval(() => {
    if (req.complete || socket.destroyed) return stop();
    const arrived = socket.bytesRead - seen;
    seen = socket.bytesRead;
    if (arrived >= limits.minBodyBytes || req.readableLength >= req.readableHighWaterMark) return;
    stop();
    if (res.headersSent) return void socket.destroy();
    const seconds = limits.bodyWindowMs / 1000;
    const body = JSON.stringify({ code: 'RequestTimeout', message: `The request body arrived slower than ${limits.minBodyBytes / 1024} KB in ${seconds} s; the connection is closed.` });
    res.writeHead(408, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), connection: 'close' });
    // The rest of the body will never be read: the socket goes once the answer is out.
    res.end(body, () => socket.destroy());
  }, limits.bodyWindowMs);
  timer.unref();
  const stop = () => clearInterval(timer);
  req.once('end', stop);
  res.once('close', stop);
}

/** The one route that takes multipart/form-data (a model's details and artifact). */
const MULTIPART_ROUTES = new Set(['/api/models']);

/**
 * Next takes a multipart POST to a page (or to an address no route has, which renders the 404
 * page) without a Next-Action header for a form submitted without JavaScript, and answers a
 * malformed one with a bare 500. The console has no such forms (its server actions always send
 * Next-Action), so such a post is refused before Next sees it.
 * @param {http.IncomingMessage} req
 */
export function isFormPostToPage(req) {
  const pathname = (req.url ?? '/').split('?')[0] ?? '/';
  return (
    req.method === 'POST' &&
    !MULTIPART_ROUTES.has(pathname) &&
    req.headers['next-action'] === undefined &&
    /^multipart\/form-data/i.test(req.headers['content-type'] ?? '')
  );
}

const OCI_API_PREFIX = '/20190101/';
/** Where the OCI API's route puts a Content-Length, which Next drops from route handlers' answers. */
export const CONTENT_LENGTH_RELAY = 'x-berth-content-length';

/**
 * Next drops content-length from a route handler's answer (its body may have been decoded), but
 * OCI's artifact HEAD and GET carry one: the route relays it in CONTENT_LENGTH_RELAY and it is put
 * back here, so the body goes out with a length (not chunked) and HEAD tells the size.
 * @param {http.ServerResponse} res
 */
function restoreContentLength(res) {
  const set = res.setHeader.bind(res);
  const append = res.appendHeader.bind(res);
  const relayed = (name) => name.toLowerCase() === CONTENT_LENGTH_RELAY;
  // Next's response wrapper writes headers with setHeader; appendHeader is covered as well.
  res.setHeader = (name, value) => set(relayed(name) ? 'content-length' : name, value);
  res.appendHeader = (name, value) => (relayed(name) ? set('content-length', value) : append(name, value));
}

/** Set from the socket on every request (a client's own copy is overwritten); the audit log reads it. */
export const CLIENT_ADDRESS_HEADER = 'x-berth-client-address';

/**
 * Refuses a request whose Host (or, behind a TLS proxy, X-Forwarded-Host) is not a name this
 * console serves, before anything else reads it. Returns true when it answered.
 * @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res
 * @param {{ allowedHosts: ReadonlySet<string>, trustForwardedHost: boolean }} gate
 */
export function refuseMisdirected(req, res, gate) {
  const forwarded = req.headers['x-forwarded-host'];
  const given = typeof forwarded === 'string' ? forwarded.split(',')[0]?.trim() : undefined;
  const hosts = gate.trustForwardedHost && given ? [req.headers.host, given] : [req.headers.host];
  const bad = hosts.findIndex((h) => !isAllowedHost(h, gate.allowedHosts));
  if (bad === -1) {
    // Next compares a server action's Origin with X-Forwarded-Host when there is one: only a proxy may set it.
    if (!gate.trustForwardedHost) delete req.headers['x-forwarded-host'];
    return false;
  }
  const body = JSON.stringify({ code: 'Forbidden', message: hostRefusalMessage(hosts[bad]) });
  res.writeHead(403, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), connection: 'close' });
  res.end(body);
  return true;
}

/**
 * An HTTP (or, with tls, HTTPS) server for a request handler, with the console's limits and Host check.
 * @param {(req: http.IncomingMessage, res: http.ServerResponse) => void | Promise<void>} handler
 * @param {typeof CONSOLE_LIMITS} [limits]
 * @param {{ allowedHosts?: ReadonlySet<string>, trustForwardedHost?: boolean, tls?: { cert: Buffer, key: Buffer } }} [options]
 */
export function createConsoleServer(handler, limits = CONSOLE_LIMITS, options = {}) {
  const gate = { allowedHosts: options.allowedHosts ?? new Set(LOOPBACK_HOST_NAMES), trustForwardedHost: options.trustForwardedHost === true };
  const serverOptions = {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: limits.checkIntervalMs,
  };
  /** @type {http.RequestListener} */
  const listener = (req, res) => {
    if (refuseMisdirected(req, res, gate)) return;
    req.headers[CLIENT_ADDRESS_HEADER] = req.socket.remoteAddress ?? '';
    const url = req.url ?? '/';
    const literal = literalizeBadEscapes(url);
    // No page has such an address (OCIDs are ASCII): a page gets the console's 404 page.
    req.url = literal === url || url.startsWith('/api/') ? literal : '/_not-found';
    if (isFormPostToPage(req)) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
      return void res.end('This address takes no form posts.\n');
    }
    watchBody(req, res, limits);
    if (url.startsWith(OCI_API_PREFIX)) restoreContentLength(res);
    Promise.resolve(handler(req, res)).catch((err) => {
      console.error(`Failed to handle ${req.method} ${req.url}:`, err);
      if (res.headersSent) return void res.destroy();
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 'InternalServerError', message: 'The console failed to handle the request. The details are in the server log.' }));
    });
  };
  const server = options.tls ? https.createServer({ ...serverOptions, cert: options.tls.cert, key: options.tls.key }, listener) : http.createServer(serverOptions, listener);
  server.on(options.tls ? 'secureConnection' : 'connection', markOpened);
  // The request id in the OCI SDK's shape: an uppercase UUID with its first dash removed (OCI-SPEC B).
  server.on('clientError', clientErrorAnswer({ server: 'Console server', headersTimeoutMs: limits.headersTimeoutMs, requestTimeoutMs: limits.requestTimeoutMs, requestId: () => randomUUID().toUpperCase().replace('-', '') }));
  return server;
}

/**
 * The certificate and key named by BERTH_TLS_CERT / BERTH_TLS_KEY, or null for plain HTTP; throws
 * an Error whose message says what to fix. Off loopback, plain HTTP needs BERTH_BEHIND_TLS_PROXY=1.
 * @param {string} host
 * @param {Record<string, string | undefined>} env
 * @returns {{ cert: Buffer, key: Buffer } | null}
 */
export function tlsFromEnv(host, env) {
  const certFile = env.BERTH_TLS_CERT || undefined;
  const keyFile = env.BERTH_TLS_KEY || undefined;
  if ((certFile === undefined) !== (keyFile === undefined)) throw new Error('BERTH_TLS_CERT and BERTH_TLS_KEY go together: set both (the certificate and its private key, PEM files) or neither.');
  if (certFile === undefined || keyFile === undefined) {
    if (isLoopbackAddress(host) || env.BERTH_BEHIND_TLS_PROXY === '1') return null;
    throw new Error(`BERTH_HOST=${host} would serve the console over plain HTTP to the network. Set BERTH_TLS_CERT and BERTH_TLS_KEY, or BERTH_BEHIND_TLS_PROXY=1 when a reverse proxy in front terminates TLS.`);
  }
  /** @param {string} what @param {string} file */
  const read = (what, file) => {
    try {
      return fs.readFileSync(file);
    } catch (err) {
      const why = err instanceof Error && 'code' in err ? String(err.code) : String(err);
      throw new Error(`The TLS ${what} ${file} cannot be read (${why}). Point ${what === 'certificate' ? 'BERTH_TLS_CERT' : 'BERTH_TLS_KEY'} at a readable PEM file.`);
    }
  };
  return { cert: read('certificate', certFile), key: read('private key', keyFile) };
}

async function main() {
  const [host = '127.0.0.1', portText = '3000'] = process.argv.slice(2);
  const port = Number(portText);
  let tls;
  try {
    tls = tlsFromEnv(host, process.env);
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  }
  // The proxy inside Next builds the same allow-list from these.
  process.env.BERTH_HOST = host;
  const allowedHosts = allowedHostNames(host, process.env.BERTH_ALLOWED_HOSTS);
  // Next reads NODE_ENV when it loads; a custom server must say production itself.
  process.env.NODE_ENV = 'production';
  const { default: next } = await import('next');
  const app = next({ dev: false, hostname: host, port, dir: process.cwd() });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = createConsoleServer((req, res) => handle(req, res), CONSOLE_LIMITS, {
    allowedHosts,
    trustForwardedHost: process.env.BERTH_BEHIND_TLS_PROXY === '1',
    tls: tls ?? undefined,
  });
  server.on('error', (err) => {
    console.error(`The console could not listen on ${host}:${port}: ${err.message}`);
    process.exit(1);
  });
  server.listen(port, host, () => console.log(`Console server listening on ${tls ? 'https' : 'http'}://${host}:${port}`));
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    // Requests in flight get a moment; a poll or a stuck upload must not keep the process.
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
