// What the proxy decides for a request before any page, action or route sees it. Pure: the
// proxy brings the method, path and headers. In order: the Host allow-list (DNS rebinding), the
// cross-site check of state-changing browser requests (CSRF), then the session cookie. Having a
// session cookie is only the first gate; the session itself is checked where the request is served.
// scripts/lib/console-server.mjs repeats the Host check in plain JavaScript, before Next is
// reached; request-gate.test.ts holds both to the same table of cases.

export interface GateRequest {
  method: string;
  pathname: string;
  hasSessionCookie: boolean;
  /** The Host header as received (name, optional port). */
  host: string | null;
  /** X-Forwarded-Host, taken into account only behind a TLS proxy (see GatePolicy). */
  forwardedHost?: string | null;
  origin?: string | null;
  secFetchSite?: string | null;
  contentType?: string | null;
  /** A body was declared: a non-zero Content-Length or a Transfer-Encoding. */
  hasBody?: boolean;
  /** The request is a server action (Next-Action header): Next checks its own content type. */
  isServerAction?: boolean;
}

export interface GatePolicy {
  allowedHosts: ReadonlySet<string>;
  /** A reverse proxy in front sets X-Forwarded-Host to the name the browser used. */
  trustForwardedHost: boolean;
}

export type GateDecision =
  | { kind: 'pass' }
  | { kind: 'sign-in'; next: string }
  | { kind: 'refuse'; status: 401 | 403; code: 'NotAuthenticated' | 'Forbidden'; message: string };

export const LOOPBACK_HOST_NAMES = ['127.0.0.1', 'localhost', '[::1]'] as const;

const WILDCARD_BIND_HOSTS = new Set(['0.0.0.0', '::', '[::]', '']);

/** A host name or address as a Host header carries it: lowercase, IPv6 in brackets, no port. */
export function normalizeHostName(name: string): string {
  const n = name.trim().toLowerCase();
  return n.includes(':') && !n.startsWith('[') ? `[${n}]` : n;
}

/** Loopback names, the bound address unless it is a wildcard, and the configured extra names. */
export function allowedHostNames(bindHost: string, extra: readonly string[] = []): Set<string> {
  const names = new Set<string>(LOOPBACK_HOST_NAMES);
  const bound = normalizeHostName(bindHost);
  if (!WILDCARD_BIND_HOSTS.has(bound)) names.add(bound);
  for (const e of extra) if (e.trim()) names.add(normalizeHostName(e));
  return names;
}

/** BERTH_ALLOWED_HOSTS: comma-separated names, spaces around them ignored. */
export function splitHostList(text: string | undefined): string[] {
  return (text ?? '').split(',').map((s) => s.trim()).filter((s) => s.length > 0);
}

const NAME = /^(?:\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*)$/;

/** Whether a configured name can be a Host header's name (no port, scheme or path). */
export function isValidHostName(name: string): boolean {
  return NAME.test(normalizeHostName(name));
}

/** The name part of a Host header ('[::1]:3000' -> '[::1]'), or null when it is malformed. */
export function hostNameOf(hostHeader: string | null | undefined): string | null {
  if (!hostHeader) return null;
  const h = hostHeader.trim().toLowerCase();
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/.exec(h);
  if (!m?.[1] || !NAME.test(m[1])) return null;
  return m[1];
}

export function isAllowedHost(hostHeader: string | null | undefined, allowed: ReadonlySet<string>): boolean {
  const name = hostNameOf(hostHeader);
  return name !== null && allowed.has(name);
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The signed OCI APIs (Data Science, Monitoring, Identity and Artifacts, Logging search): signed
 * with API keys, never cookies, so a browser's ambient credentials do not reach them.
 */
const SIGNED_API_PREFIXES = ['/20190101', '/20180401', '/20160918', '/20190909'];
const isSignedApiPath = (pathname: string) => SIGNED_API_PREFIXES.some((p) => pathname.startsWith(p));

/** Addresses anyone may reach: the sign-in flow, health, Next's assets, and the signed OCI API. */
export function isPublicPath(pathname: string): boolean {
  return (
    pathname === '/sign-in' ||
    pathname.startsWith('/sign-in/') ||
    pathname === '/api/health' ||
    pathname.startsWith('/_next/') ||
    pathname === '/icon.svg' ||
    pathname === '/favicon.ico' ||
    isSignedApiPath(pathname)
  );
}

const defaultPort = (protocol: string) => (protocol === 'https:' ? '443' : '80');

/** Whether an Origin header names the host the request was sent to (name and port). */
export function isSameOrigin(origin: string, requestHost: string): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  const name = hostNameOf(requestHost);
  if (name === null || normalizeHostName(url.hostname) !== name) return false;
  const port = /:(\d{1,5})$/.exec(requestHost.trim())?.[1] ?? defaultPort(url.protocol);
  return (url.port || defaultPort(url.protocol)) === port;
}

const ACCEPTED_BODY_TYPES = new Set(['application/json', 'multipart/form-data']);

const mediaType = (contentType: string | null | undefined) => (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

const forbidden = (message: string): GateDecision => ({ kind: 'refuse', status: 403, code: 'Forbidden', message });

/** The cross-site check of a state-changing request that carries the session cookie; null: it passes. */
export function crossSiteRefusal(req: GateRequest, requestHost: string): GateDecision | null {
  if (!req.hasSessionCookie || !STATE_CHANGING.has(req.method.toUpperCase()) || isSignedApiPath(req.pathname)) return null;
  if (req.origin != null) {
    if (!isSameOrigin(req.origin, requestHost)) {
      return forbidden(`This ${req.method.toUpperCase()} came from another site (Origin ${req.origin.slice(0, 200)}); a request that changes something must come from a page of this console.`);
    }
  } else if (req.secFetchSite?.toLowerCase() !== 'same-origin') {
    return forbidden(`This ${req.method.toUpperCase()} says neither where it came from (no Origin) nor that it is same-origin (Sec-Fetch-Site); a request that changes something must come from a page of this console.`);
  }
  // Forms and no-cors fetches can send text/plain or urlencoded bodies cross-site without a preflight.
  if (req.hasBody && !req.isServerAction && !ACCEPTED_BODY_TYPES.has(mediaType(req.contentType))) {
    const declared = req.contentType ? `declared ${req.contentType.slice(0, 100)}` : 'declared no content type';
    return forbidden(`A request that changes something must declare its body as application/json or multipart/form-data; this one ${declared}.`);
  }
  return null;
}

export function gateRequest(req: GateRequest, policy: GatePolicy): GateDecision {
  const forwarded = policy.trustForwardedHost && req.forwardedHost ? req.forwardedHost.split(',')[0]?.trim() : undefined;
  for (const h of forwarded ? [req.host, forwarded] : [req.host]) {
    if (!isAllowedHost(h, policy.allowedHosts)) return forbidden(hostRefusalMessage(h));
  }
  const crossSite = crossSiteRefusal(req, forwarded ?? req.host ?? '');
  if (crossSite) return crossSite;
  if (isPublicPath(req.pathname) || req.hasSessionCookie) return { kind: 'pass' };
  if (req.pathname.startsWith('/api/')) return { kind: 'refuse', status: 401, code: 'NotAuthenticated', message: 'Sign in first: this request carried no session.' };
  // A server action posted without a session gets the same answer as an API call.
  if (req.method !== 'GET' && req.method !== 'HEAD') return { kind: 'refuse', status: 401, code: 'NotAuthenticated', message: 'Sign in first: this request carried no session.' };
  return { kind: 'sign-in', next: req.pathname };
}

/** What the gate reads of a request's headers (a Fetch API Headers object fits). */
export interface HeaderSource {
  get(name: string): string | null;
  has(name: string): boolean;
}

/** The gate's view of a request, from its method, path and headers. */
export function gateInputOf(method: string, pathname: string, headers: HeaderSource, hasSessionCookie: boolean): GateRequest {
  const length = headers.get('content-length');
  return {
    method,
    pathname,
    hasSessionCookie,
    host: headers.get('host'),
    forwardedHost: headers.get('x-forwarded-host'),
    origin: headers.get('origin'),
    secFetchSite: headers.get('sec-fetch-site'),
    contentType: headers.get('content-type'),
    hasBody: (length !== null && length.trim() !== '0') || headers.has('transfer-encoding'),
    isServerAction: headers.has('next-action'),
  };
}

/** The policy from the environment the console server runs with (it sets BERTH_HOST from its bind address). */
export function gatePolicyOf(env: Record<string, string | undefined>): GatePolicy {
  return {
    allowedHosts: allowedHostNames(env.BERTH_HOST ?? '127.0.0.1', splitHostList(env.BERTH_ALLOWED_HOSTS)),
    trustForwardedHost: env.BERTH_BEHIND_TLS_PROXY === '1',
  };
}

export function hostRefusalMessage(hostHeader: string | null | undefined): string {
  const shown = hostHeader ? `'${hostHeader.slice(0, 200)}'` : 'none';
  return `This console does not answer to the host name ${shown}. Open it by an address it serves (127.0.0.1, localhost, or a name in BERTH_ALLOWED_HOSTS).`;
}
