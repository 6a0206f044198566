import { z } from 'zod';
import { decodeTagFilters } from '@/server/domain/tag-filter-codec';
import { ocidSchema } from './common';

// A list page's URL: anything malformed falls back to the default rather than breaking the page,
// since URLs get hand-edited and shared.
const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);

export const listSearchParamsSchema = z.object({
  compartmentId: optional(ocidSchema('compartment')),
  state: optional(z.string().regex(/^[A-Z_]{3,30}$/)),
  q: optional(z.string().trim().min(1).max(255)),
  sort: optional(z.enum(['newest', 'oldest', 'name', 'name-desc'])),
  page: optional(z.string().min(1).max(200)),
  tag: z.union([z.string(), z.array(z.string())]).optional().catch(undefined).transform((t) => decodeTagFilters(t)),
});

export type ListSearchParams = z.output<typeof listSearchParamsSchema>;

/** A list page that can be narrowed to one project (models, model deployments). */
export const projectListSearchParamsSchema = listSearchParamsSchema.extend({ projectId: optional(ocidSchema('datascienceproject')) });

/** Whether filters other than compartment and project narrow the list (for the empty state). */
export const hasListFilters = (params: ListSearchParams): boolean => Boolean(params.state || params.q || params.tag.length);
