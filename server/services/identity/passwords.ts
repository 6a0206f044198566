import { hash, verify } from '@node-rs/argon2';

// argon2id with the library's defaults (OWASP's minimums: 19 MiB, 2 passes): a well-kept
// implementation, no hashing of our own.
export const hashPassword = (password: string): Promise<string> => hash(password);

/** False for a wrong password and for a malformed stored hash alike: neither signs anyone in. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}
