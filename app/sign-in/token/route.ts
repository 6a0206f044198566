import { NextResponse, type NextRequest } from 'next/server';
import { requestMeta } from '@/server/auth/request-principal';
import { sessionCookieOptions } from '@/server/auth/session-cookie';
import { getAppContext } from '@/server/services/context';
import { SESSION_COOKIE } from '@/server/services/identity/sessions';
import { redeemSignInLink } from '@/server/services/identity/sign-in-links';
import { signInLinkQuerySchema } from '@/server/validation/identity';

export const dynamic = 'force-dynamic';

// A relative Location: the answer never echoes the Host header back. no-store and no-referrer
// keep the token out of caches and out of what the next page tells other sites.
function goTo(path: string): NextResponse {
  return new NextResponse(null, { status: 303, headers: { location: path, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' } });
}

/** The one-time link `npm start` and `npm run reset-admin` print: signs in once, then asks for a password. */
export async function GET(request: NextRequest) {
  const parsed = signInLinkQuerySchema.safeParse({ t: request.nextUrl.searchParams.get('t') });
  if (!parsed.success) return goTo('/sign-in/link-ended?reason=unknown');
  const ctx = getAppContext();
  const previousToken = request.cookies.get(SESSION_COOKIE)?.value;
  const redeemed = redeemSignInLink(ctx.db, parsed.data.t, await requestMeta(), ctx.config.session, { previousToken });
  if (!redeemed.ok) return goTo(`/sign-in/link-ended?reason=${redeemed.error}`);
  const response = goTo('/sign-in/new-password');
  response.cookies.set(SESSION_COOKIE, redeemed.data.token, sessionCookieOptions(redeemed.data.expires, ctx.config.secureCookies));
  return response;
}
