import { z } from 'zod';
import { AUDIT_OUTCOMES } from '@/server/domain/audit';

// The audit page's URL: as on the list pages, a hand-edited value that does not parse is dropped
// rather than breaking the page.
const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

/** A time from the form's datetime-local field (read as UTC) or a full RFC 3339 time, as RFC 3339. */
const time = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/)
  .transform((s, ctx) => {
    const ms = Date.parse(/(Z|[+-]\d{2}:\d{2})$/.test(s) ? s : `${s}Z`);
    if (Number.isNaN(ms)) {
      ctx.addIssue({ code: 'custom', message: 'Not a time' });
      return z.NEVER;
    }
    return new Date(ms).toISOString();
  });

const text = z.string().trim().min(1).max(255);

export const auditSearchParamsSchema = z.object({
  principal: optional(text),
  action: optional(z.string().trim().regex(/^[A-Za-z]{1,80}$/)),
  resourceId: optional(text),
  outcome: optional(z.enum(AUDIT_OUTCOMES)),
  from: optional(time),
  to: optional(time),
  page: optional(z.coerce.number().int().min(1).max(1_000_000)),
});

export type AuditSearchParams = z.output<typeof auditSearchParamsSchema>;

export const AUDIT_PAGE_SIZE = 50;
