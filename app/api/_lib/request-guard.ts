import { gateInputOf, gatePolicyOf, gateRequest, type GatePolicy } from '@/server/domain/request-gate';
import { SESSION_COOKIE } from '@/server/services/identity/sessions';

// The proxy's gate (Host allow-list, cross-site check, session cookie) for a route the proxy does
// not see: a streaming upload, whose body the proxy would buffer. Called before a byte is read.

let policy: GatePolicy | null = null;

const hasCookie = (header: string | null, name: string) => (header ?? '').split(';').some((part) => part.trim().startsWith(`${name}=`));

/** The answer refusing the request, or null when it may go on. */
export function gateRefusal(request: Request): Response | null {
  const { pathname } = new URL(request.url);
  const input = gateInputOf(request.method, pathname, request.headers, hasCookie(request.headers.get('cookie'), SESSION_COOKIE));
  const decision = gateRequest(input, (policy ??= gatePolicyOf(process.env)));
  if (decision.kind === 'pass') return null;
  const refusal =
    decision.kind === 'refuse' ? decision : { status: 401, code: 'NotAuthenticated', message: 'Sign in first: this request carried no session.' };
  // The body is left unread: the connection goes with the answer.
  return Response.json({ code: refusal.code, message: refusal.message }, { status: refusal.status, headers: { connection: 'close' } });
}
