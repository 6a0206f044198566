import type { z } from 'zod';
import type { DomainError } from '@/server/domain/result';

/** The first zod issue as OCI's InvalidParameter, naming the field. */
export function invalidParameterOf(error: z.ZodError): DomainError {
  const [first] = error.issues;
  const where = first?.path.length ? `${first.path.map(String).join('.')}: ` : '';
  return { code: 'InvalidParameter', message: `${where}${first?.message ?? 'The request is not valid.'}` };
}
