import { z } from 'zod';
import { accessibleCompartments, listCompartmentsOf, toOciCompartment } from '@/server/domain/compartment-listing';
import type { CompartmentParents } from '@/server/domain/iam';
import type { Compartment } from '@/server/domain/oci-types';
import type { DomainError, Result } from '@/server/domain/result';
import { errorResponse } from './api';
import { queryObject } from './call';
import { slicePage } from './paging';
import { IDENTITY_OPERATIONS } from './service-operations';
import { orError, type ServiceHandler } from './service-api';
import { plainError, jsonAnswer, type SignedRequest } from './signed-front-door';
import { invalidParameterOf } from './validation';
import { etagOf } from './respond';
import { identityTagHandlers, type IdentityTagsDeps } from './identity-tags';

// OCI Identity's read side for the compartment tree (GetCompartment, ListCompartments,
// GetTenancy; tag namespaces in identity-tags.ts) over Berth's own compartments, as the caller's grants let them see it: the
// compartments where they may inspect something, and those above on the way down to them.

export const IDENTITY_API_PREFIX = '/20160918';

export interface IdentityApiDeps {
  tenancyId: string;
  region: string;
  /** The whole tree, unfiltered: what the caller sees is decided here from their grants. */
  compartments: () => Promise<Result<Compartment[], DomainError>>;
  parents: () => CompartmentParents;
  /** Every tag namespace with its tags, unfiltered, for ListTagNamespaces and ListTags. */
  tagNamespaces: IdentityTagsDeps['tagNamespaces'];
}

const listSchema = z.strictObject({
  compartmentId: z.string().min(1),
  page: z.string().optional(),
  limit: z.coerce.number({ error: 'limit must be a number.' }).int('limit must be a whole number.').min(1, 'limit must be 1 to 1000.').max(1000, 'limit must be 1 to 1000.').optional(),
  accessLevel: z.enum(['ANY', 'ACCESSIBLE'], { error: 'accessLevel must be ANY or ACCESSIBLE.' }).optional(),
  compartmentIdInSubtree: z.enum(['true', 'false'], { error: 'compartmentIdInSubtree must be true or false.' }).optional(),
  name: z.string().optional(),
  sortBy: z.enum(['TIMECREATED', 'NAME'], { error: 'sortBy must be TIMECREATED or NAME.' }).optional(),
  sortOrder: z.enum(['ASC', 'DESC'], { error: 'sortOrder must be ASC or DESC.' }).optional(),
  lifecycleState: z.string().optional(),
});

export function identityHandlers(deps: IdentityApiDeps): Record<string, ServiceHandler> {
  async function tree(req: SignedRequest): Promise<Result<{ all: Compartment[]; accessible: Set<string> }, DomainError>> {
    const all = await deps.compartments();
    if (!all.ok) return all;
    return { ok: true, data: { all: all.data, accessible: accessibleCompartments(req.principal.grants, deps.parents()) } };
  }

  const notFound = (kind: string, id: string, requestId: string) => plainError(404, 'NotAuthorizedOrNotFound', `${kind} ${id} was not found.`, requestId);

  return {
    ...identityTagHandlers(deps),
    async listCompartments(req) {
      const q = queryObject(req.url.searchParams);
      if (!q.ok) return errorResponse(q.error, req.requestId);
      if (!q.value.compartmentId) return plainError(400, 'MissingParameter', 'The query parameter compartmentId is required.', req.requestId);
      const parsed = listSchema.safeParse(q.value);
      if (!parsed.success) return errorResponse(invalidParameterOf(parsed.error), req.requestId);
      const { page, limit, compartmentIdInSubtree, ...rest } = parsed.data;
      const t = await tree(req);
      if (!t.ok) return errorResponse(t.error, req.requestId);
      const listed = listCompartmentsOf(t.data.all, deps.tenancyId, { ...rest, compartmentIdInSubtree: compartmentIdInSubtree === 'true' }, t.data.accessible);
      return orError(listed, req.requestId, (items) => {
        const sliced = slicePage(items, limit ?? 100, page ?? null);
        if (!sliced.ok) return errorResponse(sliced.error, req.requestId);
        return jsonAnswer(sliced.items, req.requestId, sliced.nextPage ? { 'opc-next-page': sliced.nextPage } : {});
      });
    },

    async getCompartment(req, params) {
      const id = params.compartmentId ?? '';
      const t = await tree(req);
      if (!t.ok) return errorResponse(t.error, req.requestId);
      const found = t.data.all.find((c) => c.id === id);
      if (!found || !t.data.accessible.has(id)) return notFound('Compartment', id, req.requestId);
      const body = toOciCompartment(found, true);
      return jsonAnswer(body, req.requestId, { etag: etagOf(body) });
    },

    async getTenancy(req, params) {
      const id = params.tenancyId ?? '';
      const t = await tree(req);
      if (!t.ok) return errorResponse(t.error, req.requestId);
      const root = t.data.all.find((c) => c.id === deps.tenancyId);
      if (id !== deps.tenancyId || !root) return notFound('Tenancy', id, req.requestId);
      return jsonAnswer(
        { id: root.id, name: root.name, description: root.description, homeRegionKey: deps.region.toUpperCase(), freeformTags: root.freeformTags ?? {}, definedTags: root.definedTags ?? {} },
        req.requestId,
      );
    },
  };
}

export const IDENTITY_SERVICE = { prefix: IDENTITY_API_PREFIX, service: 'Identity', operations: IDENTITY_OPERATIONS, maxBodyBytes: 64 * 1024 } as const;
