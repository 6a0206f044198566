import { z } from 'zod';

// The operations page's URL: as on the list pages, a hand-edited value falls back to the first page.
export const opsSearchParamsSchema = z.object({
  page: z.coerce.number().int().min(1).max(1_000_000).optional().catch(undefined),
});
