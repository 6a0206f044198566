import { eq } from 'drizzle-orm';
import type { Db } from '../client';
import { authGeneration } from '../schema';

/** A prepared read of the counter the identity triggers bump; 0 before the migration's row. */
export function authGenerationReader(db: Db): () => number {
  const statement = db.select({ generation: authGeneration.generation }).from(authGeneration).where(eq(authGeneration.id, 1)).prepare();
  return () => statement.get()?.generation ?? 0;
}
