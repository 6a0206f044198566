// What the proxy decides for a request before any page, action or route sees it. Pure: the
// proxy brings the method, path and headers. Having a session cookie is only the first gate; the
// session itself is checked where the request is served.

export interface GateRequest {
  method: string;
  pathname: string;
  hasSessionCookie: boolean;
}

export type GateDecision =
  | { kind: 'pass' }
  | { kind: 'sign-in'; next: string }
  | { kind: 'refuse'; status: 401 | 403 | 421; code: 'NotAuthenticated' | 'Forbidden'; message: string };

/** Addresses anyone may reach: the sign-in flow, health, Next's assets, and the signed OCI API. */
export function isPublicPath(pathname: string): boolean {
  return (
    pathname === '/sign-in' ||
    pathname.startsWith('/sign-in/') ||
    pathname === '/api/health' ||
    pathname.startsWith('/_next/') ||
    pathname === '/icon.svg' ||
    pathname === '/favicon.ico' ||
    pathname.startsWith('/20190101') ||
    pathname.startsWith('/20180401')
  );
}

export function gateRequest(req: GateRequest): GateDecision {
  if (isPublicPath(req.pathname) || req.hasSessionCookie) return { kind: 'pass' };
  if (req.pathname.startsWith('/api/')) return { kind: 'refuse', status: 401, code: 'NotAuthenticated', message: 'Sign in first: this request carried no session.' };
  // A server action posted without a session gets the same answer as an API call.
  if (req.method !== 'GET' && req.method !== 'HEAD') return { kind: 'refuse', status: 401, code: 'NotAuthenticated', message: 'Sign in first: this request carried no session.' };
  return { kind: 'sign-in', next: req.pathname };
}
