import { cookies } from 'next/headers';

/** The cookie holding the context a browser session works in: `local` or `oci:<profile>`. */
export const CONTEXT_COOKIE = 'berth_context';

/** The context the request's session chose; null outside a request or without a choice. */
export async function requestContextId(): Promise<string | null> {
  try {
    return (await cookies()).get(CONTEXT_COOKIE)?.value ?? null;
  } catch {
    return null;
  }
}
