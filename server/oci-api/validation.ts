import type { z } from 'zod';
import { firstIssueText } from '@/server/domain/field-errors';
import type { DomainError } from '@/server/domain/result';

/** The first zod issue as OCI's InvalidParameter, naming the field. */
export function invalidParameterOf(error: z.ZodError): DomainError {
  return { code: 'InvalidParameter', message: firstIssueText(error.issues, 'The request is not valid.') };
}
