import { NextResponse, type NextRequest } from 'next/server';
import { gateInputOf, gatePolicyOf, gateRequest, type GatePolicy } from '@/server/domain/request-gate';

// Names shared with server/auth (imported there from here would pull next/server into services).
const SESSION_COOKIE = 'berth_session';
const PATH_HEADER = 'x-berth-path';

// Read once: the console server sets BERTH_HOST from the address it binds before Next loads.
let policy: GatePolicy | null = null;

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  const decision = gateRequest(gateInputOf(request.method, pathname, request.headers, request.cookies.has(SESSION_COOKIE)), (policy ??= gatePolicyOf(process.env)));
  if (decision.kind === 'refuse') {
    return NextResponse.json({ code: decision.code, message: decision.message }, { status: decision.status });
  }
  if (decision.kind === 'sign-in') {
    const url = request.nextUrl.clone();
    url.pathname = '/sign-in';
    url.search = decision.next === '/' ? '' : `?next=${encodeURIComponent(decision.next + search)}`;
    return NextResponse.redirect(url);
  }
  const forwarded = new Headers(request.headers);
  forwarded.set(PATH_HEADER, pathname + search);
  return NextResponse.next({ request: { headers: forwarded } });
}

export const config = {
  // Next's static assets need no gate; everything else, server actions included, passes it,
  // except the routes that stream artifacts: Next buffers a body the proxy sees (10 MB at most),
  // which would cut a multi-GB upload. Those routes, and the signed OCI API, check the caller
  // themselves before they read a byte of the body.
  matcher: ['/((?!_next/static|_next/image|api/models|20190101|20180401|20160918|20190909).*)'],
};
