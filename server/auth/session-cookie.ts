import { cookies } from 'next/headers';
import { SESSION_COOKIE } from '@/server/services/identity/sessions';

/**
 * httpOnly (no script reads it), SameSite=Lax (a cross-site POST carries no session), Secure when
 * the console is served over TLS, here or at a proxy in front of it.
 */
export async function setSessionCookie(token: string, expires: Date, secure: boolean): Promise<void> {
  (await cookies()).set(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/', expires });
}

export async function clearSessionCookie(): Promise<string | undefined> {
  const jar = await cookies();
  const token = jar.get(SESSION_COOKIE)?.value;
  jar.delete(SESSION_COOKIE);
  return token;
}
