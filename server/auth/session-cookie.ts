import { cookies } from 'next/headers';
import { SESSION_COOKIE } from '@/server/services/identity/sessions';

/**
 * httpOnly (no script reads it), SameSite=Lax (a cross-site POST carries no session), Secure when
 * the console is served over TLS, here or at a proxy in front of it.
 */
export const sessionCookieOptions = (expires: Date, secure: boolean) => ({ httpOnly: true, sameSite: 'lax' as const, secure, path: '/', expires });

export async function setSessionCookie(token: string, expires: Date, secure: boolean): Promise<void> {
  (await cookies()).set(SESSION_COOKIE, token, sessionCookieOptions(expires, secure));
}

/** The session token the request came with, if any. */
export async function currentSessionToken(): Promise<string | undefined> {
  return (await cookies()).get(SESSION_COOKIE)?.value;
}

export async function clearSessionCookie(): Promise<string | undefined> {
  const jar = await cookies();
  const token = jar.get(SESSION_COOKIE)?.value;
  jar.delete(SESSION_COOKIE);
  return token;
}
