import { z } from 'zod';
import { accessibleCompartments } from '@/server/domain/compartment-listing';
import { ancestry, type CompartmentParents } from '@/server/domain/iam';
import { errorResponse } from './api';
import { queryObject } from './call';
import { slicePage } from './paging';
import type { ServiceHandler } from './service-api';
import { plainError, jsonAnswer } from './signed-front-door';
import { invalidParameterOf } from './validation';

// OCI Identity's tag namespaces and their tags (ListTagNamespaces, ListTags) over Berth's own, so
// the defined-tags inputs of a console in an OCI context offer what the tenancy defines. A
// namespace is seen where its compartment is (the compartments the caller may inspect something
// in, or above them); a retired one is INACTIVE, as OCI shows a retired namespace or tag.

interface TagRecord {
  id: string;
  name: string;
  description: string;
  isRetired: boolean;
  timeCreated: string;
}

export interface TagNamespaceRecord {
  namespace: TagRecord & { compartmentId: string };
  tags: TagRecord[];
}

export interface IdentityTagsDeps {
  tagNamespaces: () => TagNamespaceRecord[];
  parents: () => CompartmentParents;
}

const limit = z.coerce.number({ error: 'limit must be a number.' }).int('limit must be a whole number.').min(1, 'limit must be 1 to 1000.').max(1000, 'limit must be 1 to 1000.').optional();
const lifecycleState = z.enum(['ACTIVE', 'INACTIVE', 'DELETING', 'DELETED'], { error: 'lifecycleState must be ACTIVE, INACTIVE, DELETING or DELETED.' }).optional();
const namespacesSchema = z.strictObject({
  compartmentId: z.string().min(1),
  includeSubcompartments: z.enum(['true', 'false'], { error: 'includeSubcompartments must be true or false.' }).optional(),
  lifecycleState,
  limit,
  page: z.string().optional(),
});
const tagsSchema = z.strictObject({ lifecycleState, limit, page: z.string().optional() });

const common = (r: TagRecord) => ({
  id: r.id,
  name: r.name,
  description: r.description,
  freeformTags: {},
  definedTags: {},
  isRetired: r.isRetired,
  lifecycleState: r.isRetired ? 'INACTIVE' : 'ACTIVE',
  timeCreated: r.timeCreated,
});

export function identityTagHandlers(deps: IdentityTagsDeps): Record<string, ServiceHandler> {
  const visible = (grants: Parameters<typeof accessibleCompartments>[0]) => {
    const seen = accessibleCompartments(grants, deps.parents());
    return deps.tagNamespaces().filter((r) => seen.has(r.namespace.compartmentId));
  };

  return {
    async listTagNamespaces(req) {
      const q = queryObject(req.url.searchParams);
      if (!q.ok) return errorResponse(q.error, req.requestId);
      if (!q.value.compartmentId) return plainError(400, 'MissingParameter', 'The query parameter compartmentId is required.', req.requestId);
      const parsed = namespacesSchema.safeParse(q.value);
      if (!parsed.success) return errorResponse(invalidParameterOf(parsed.error), req.requestId);
      const { compartmentId, includeSubcompartments, page } = parsed.data;
      const parents = deps.parents();
      if (!accessibleCompartments(req.principal.grants, parents).has(compartmentId)) return plainError(404, 'NotAuthorizedOrNotFound', `Compartment ${compartmentId} was not found.`, req.requestId);
      const within = (c: string) => c === compartmentId || (includeSubcompartments === 'true' && ancestry(c, parents).includes(compartmentId));
      const items = visible(req.principal.grants)
        .filter((r) => within(r.namespace.compartmentId))
        .map((r) => ({ ...common(r.namespace), compartmentId: r.namespace.compartmentId }))
        .filter((n) => parsed.data.lifecycleState === undefined || n.lifecycleState === parsed.data.lifecycleState);
      const sliced = slicePage(items, parsed.data.limit ?? 100, page ?? null);
      if (!sliced.ok) return errorResponse(sliced.error, req.requestId);
      return jsonAnswer(sliced.items, req.requestId, sliced.nextPage ? { 'opc-next-page': sliced.nextPage } : {});
    },

    async listTags(req, params) {
      const id = params.tagNamespaceId ?? '';
      const q = queryObject(req.url.searchParams);
      if (!q.ok) return errorResponse(q.error, req.requestId);
      const parsed = tagsSchema.safeParse(q.value);
      if (!parsed.success) return errorResponse(invalidParameterOf(parsed.error), req.requestId);
      const found = visible(req.principal.grants).find((r) => r.namespace.id === id);
      if (!found) return plainError(404, 'NotAuthorizedOrNotFound', `Tag namespace ${id} was not found.`, req.requestId);
      const items = found.tags
        // A tag of a retired namespace is retired with it.
        .map((t) => ({ ...common({ ...t, isRetired: t.isRetired || found.namespace.isRetired }), compartmentId: found.namespace.compartmentId, isCostTracking: false }))
        .filter((t) => parsed.data.lifecycleState === undefined || t.lifecycleState === parsed.data.lifecycleState);
      const sliced = slicePage(items, parsed.data.limit ?? 100, parsed.data.page ?? null);
      if (!sliced.ok) return errorResponse(sliced.error, req.requestId);
      return jsonAnswer(sliced.items, req.requestId, sliced.nextPage ? { 'opc-next-page': sliced.nextPage } : {});
    },
  };
}
