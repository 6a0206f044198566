import { z } from 'zod';
import { containerImagesOf, filterContainerImages, toSummary, type ContainerImageJson } from '@/server/domain/container-images';
import { containerRepositoriesOf, filterContainerRepositories, registryNamespaceOf, repositoryTotals, toRepositorySummary, type ContainerRepositoryJson } from '@/server/domain/container-repositories';
import type { LocalImage } from '@/server/domain/editor-options';
import { accessibleCompartments } from '@/server/domain/compartment-listing';
import { ancestry, type CompartmentParents } from '@/server/domain/iam';
import type { DomainError, Result } from '@/server/domain/result';
import { errorResponse } from './api';
import { queryObject } from './call';
import { slicePage } from './paging';
import { etagOf } from './respond';
import type { ServiceHandler } from './service-api';
import { plainError, jsonAnswer, type SignedRequest } from './signed-front-door';
import { invalidParameterOf } from './validation';

// OCI Artifacts' container images (ListContainerImages, GetContainerImage) and their repositories
// (ListContainerRepositories, GetContainerRepository, with the registry namespace) over the images this
// machine's engine holds, so a BYOC picker in an OCI context lists what a local deployment can
// run, with the digests that pin it. Every image is in the tenancy (see server/domain/container-images.ts).

export interface ArtifactsApiDeps {
  tenancyId: string;
  region: string;
  images: () => Promise<Result<LocalImage[], DomainError>>;
  parents: () => CompartmentParents;
}

const bool = (name: string) => z.enum(['true', 'false'], { error: `${name} must be true or false.` }).optional();
const listSchema = z.strictObject({
  compartmentId: z.string().min(1),
  compartmentIdInSubtree: bool('compartmentIdInSubtree'),
  displayName: z.string().optional(),
  imageId: z.string().optional(),
  isVersioned: bool('isVersioned'),
  repositoryId: z.string().optional(),
  repositoryName: z.string().optional(),
  version: z.string().optional(),
  lifecycleState: z.string().optional(),
  imageDigest: z.string().optional(),
  limit: z.coerce.number({ error: 'limit must be a number.' }).int('limit must be a whole number.').min(1, 'limit must be 1 to 1000.').max(1000, 'limit must be 1 to 1000.').optional(),
  page: z.string().optional(),
  sortBy: z.enum(['TIMECREATED', 'DISPLAYNAME'], { error: 'sortBy must be TIMECREATED or DISPLAYNAME.' }).optional(),
  sortOrder: z.enum(['ASC', 'DESC'], { error: 'sortOrder must be ASC or DESC.' }).optional(),
});

const listRepositoriesSchema = z.strictObject({
  compartmentId: z.string().min(1),
  compartmentIdInSubtree: bool('compartmentIdInSubtree'),
  repositoryId: z.string().optional(),
  displayName: z.string().optional(),
  isPublic: bool('isPublic'),
  lifecycleState: z.string().optional(),
  limit: listSchema.shape.limit,
  page: z.string().optional(),
  sortBy: listSchema.shape.sortBy,
  sortOrder: listSchema.shape.sortOrder,
});

function sorted<T extends { timeCreated: string; displayName: string }>(items: T[], sortBy: 'TIMECREATED' | 'DISPLAYNAME' | undefined, sortOrder: 'ASC' | 'DESC' | undefined): T[] {
  // OCI: TIMECREATED newest first, DISPLAYNAME A to Z, unless sortOrder says otherwise.
  const by = sortBy ?? 'TIMECREATED';
  const sign = (sortOrder ?? (by === 'TIMECREATED' ? 'DESC' : 'ASC')) === 'ASC' ? 1 : -1;
  const key = (i: T) => (by === 'TIMECREATED' ? i.timeCreated : i.displayName);
  return [...items].sort((a, b) => sign * (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

export function artifactsHandlers(deps: ArtifactsApiDeps): Record<string, ServiceHandler> {
  /** The images, when the caller may see the tenancy's compartment they are in. */
  async function visibleImages(req: SignedRequest): Promise<Result<ContainerImageJson[], DomainError> | null> {
    if (!accessibleCompartments(req.principal.grants, deps.parents()).has(deps.tenancyId)) return null;
    const images = await deps.images();
    return images.ok ? { ok: true, data: containerImagesOf(images.data, deps.tenancyId, deps.region) } : images;
  }

  const namespace = registryNamespaceOf(deps.tenancyId);
  async function visibleRepositories(req: SignedRequest): Promise<Result<ContainerRepositoryJson[], DomainError> | null> {
    const images = await visibleImages(req);
    return images && images.ok ? { ok: true, data: containerRepositoriesOf(images.data, namespace) } : images;
  }

  return {
    async listContainerRepositories(req) {
      const q = queryObject(req.url.searchParams);
      if (!q.ok) return errorResponse(q.error, req.requestId);
      if (!q.value.compartmentId) return plainError(400, 'MissingParameter', 'The query parameter compartmentId is required.', req.requestId);
      const parsed = listRepositoriesSchema.safeParse(q.value);
      if (!parsed.success) return errorResponse(invalidParameterOf(parsed.error), req.requestId);
      const { compartmentId, compartmentIdInSubtree, isPublic, limit, page, sortBy, sortOrder, ...filter } = parsed.data;
      const parents = deps.parents();
      if (!accessibleCompartments(req.principal.grants, parents).has(compartmentId)) return plainError(404, 'NotAuthorizedOrNotFound', `Compartment ${compartmentId} was not found.`, req.requestId);
      // Repositories live in the tenancy, as the images do.
      const reaches = compartmentId === deps.tenancyId || (compartmentIdInSubtree === 'true' && ancestry(deps.tenancyId, parents).includes(compartmentId));
      const all = reaches ? await visibleRepositories(req) : { ok: true as const, data: [] };
      if (all === null) return plainError(404, 'NotAuthorizedOrNotFound', `Compartment ${compartmentId} was not found.`, req.requestId);
      if (!all.ok) return errorResponse(all.error, req.requestId);
      const items = sorted(filterContainerRepositories(all.data, { ...filter, ...(isPublic ? { isPublic: isPublic === 'true' } : {}) }), sortBy, sortOrder);
      const sliced = slicePage(items, limit ?? 100, page ?? null);
      if (!sliced.ok) return errorResponse(sliced.error, req.requestId);
      const last = sliced.items.at(-1);
      const remainingItemsCount = last ? items.length - 1 - items.indexOf(last) : 0;
      return jsonAnswer({ items: sliced.items.map(toRepositorySummary), remainingItemsCount, ...repositoryTotals(items) }, req.requestId, sliced.nextPage ? { 'opc-next-page': sliced.nextPage } : {});
    },

    async getContainerRepository(req, params) {
      const id = params.repositoryId ?? '';
      const all = await visibleRepositories(req);
      if (all && !all.ok) return errorResponse(all.error, req.requestId);
      const found = all?.data.find((r) => r.id === id);
      if (!found) return plainError(404, 'NotAuthorizedOrNotFound', `Container repository ${id} was not found.`, req.requestId);
      return jsonAnswer(found, req.requestId, { etag: etagOf(found) });
    },

    async listContainerImages(req) {
      const q = queryObject(req.url.searchParams);
      if (!q.ok) return errorResponse(q.error, req.requestId);
      if (!q.value.compartmentId) return plainError(400, 'MissingParameter', 'The query parameter compartmentId is required.', req.requestId);
      const parsed = listSchema.safeParse(q.value);
      if (!parsed.success) return errorResponse(invalidParameterOf(parsed.error), req.requestId);
      const { compartmentId, compartmentIdInSubtree, isVersioned, limit, page, sortBy, sortOrder, ...filter } = parsed.data;
      const parents = deps.parents();
      if (!accessibleCompartments(req.principal.grants, parents).has(compartmentId)) return plainError(404, 'NotAuthorizedOrNotFound', `Compartment ${compartmentId} was not found.`, req.requestId);
      // Images live in the tenancy: listed there, or from above it with the subtree (nothing is above it).
      const reaches = compartmentId === deps.tenancyId || (compartmentIdInSubtree === 'true' && ancestry(deps.tenancyId, parents).includes(compartmentId));
      const all = reaches ? await visibleImages(req) : { ok: true as const, data: [] };
      if (all === null) return plainError(404, 'NotAuthorizedOrNotFound', `Compartment ${compartmentId} was not found.`, req.requestId);
      if (!all.ok) return errorResponse(all.error, req.requestId);
      const items = sorted(filterContainerImages(all.data, { ...filter, ...(isVersioned ? { isVersioned: isVersioned === 'true' } : {}) }), sortBy, sortOrder);
      const sliced = slicePage(items, limit ?? 100, page ?? null);
      if (!sliced.ok) return errorResponse(sliced.error, req.requestId);
      const last = sliced.items.at(-1);
      const remainingItemsCount = last ? items.length - 1 - items.indexOf(last) : 0;
      return jsonAnswer({ items: sliced.items.map(toSummary), remainingItemsCount }, req.requestId, sliced.nextPage ? { 'opc-next-page': sliced.nextPage } : {});
    },

    async getContainerImage(req, params) {
      const id = params.imageId ?? '';
      const all = await visibleImages(req);
      if (all && !all.ok) return errorResponse(all.error, req.requestId);
      const found = all?.data.find((i) => i.id === id);
      if (!found) return plainError(404, 'NotAuthorizedOrNotFound', `Container image ${id} was not found.`, req.requestId);
      return jsonAnswer(found, req.requestId, { etag: etagOf(found) });
    },
  };
}
