import type { ArtifactsClient } from 'oci-artifacts';
import { ok } from '@/server/domain/result';
import type { ContainerRegistryApi, ProviderResult, RegistryImage } from '../types';
import { call } from './errors';
import { allPages } from './paging';
import { iso } from './wire';

// Container images in OCIR through oci-artifacts, for the BYOC picker. An image is named
// <registry>/<repository>:<version>, pinned by its digest (without a version, by the digest alone).
// The registry is the profile's berth_ocir_registry, or <region key>.ocir.io/<namespace> with the
// namespace read from the tenancy's container repositories.

export interface OciRegistryDeps {
  artifacts: ArtifactsClient;
  tenancyId: string;
  where: string;
  /**
   * `fixed`: the prefix as given (`iad.ocir.io/<namespace>`; empty: the repository names as they
   * are, a Berth cloud). `lookup`: the region's registry host and the namespace OCI answers.
   */
  registry: OcirRegistry;
}

export type OcirRegistry = { kind: 'fixed'; prefix: string } | { kind: 'lookup'; host: string };

/** The most images the picker lists. */
const MOST = 500;

export function createOciRegistry({ artifacts, tenancyId, where, registry }: OciRegistryDeps): ContainerRegistryApi {
  let known: string | null = registry.kind === 'fixed' ? registry.prefix : null;
  /**
   * The namespace of the tenancy's repositories (every repository of a tenancy has the same one),
   * asked once. A refused lookup is the picker's error: references without it would not pull.
   */
  async function prefixOf(compartmentId: string): ProviderResult<string> {
    if (known === null && registry.kind === 'lookup') {
      const r = await call(where, () => artifacts.listContainerRepositories({ compartmentId, compartmentIdInSubtree: compartmentId === tenancyId, limit: 1 }));
      if (!r.ok) return r;
      const namespace = r.data.containerRepositoryCollection.items[0]?.namespace;
      // No repository yet: no image either, so nothing is named with the host alone.
      if (!namespace) return ok(`${registry.host}/`);
      known = `${registry.host}/${namespace}`;
    }
    return ok(known ? `${known.replace(/\/+$/, '')}/` : '');
  }
  return {
    async listContainerImages(compartmentId = tenancyId) {
      const all = await allPages(
        (page) =>
          call(where, async () => {
            const r = await artifacts.listContainerImages({ compartmentId, compartmentIdInSubtree: compartmentId === tenancyId, lifecycleState: 'AVAILABLE', limit: 100, ...(page ? { page } : {}) });
            return { items: r.containerImageCollection.items, ...(r.opcNextPage ? { opcNextPage: r.opcNextPage } : {}) };
          }),
        MOST / 100,
      );
      if (!all.ok) return all;
      if (all.data.length === 0) return ok([]);
      const prefix = await prefixOf(compartmentId);
      if (!prefix.ok) return prefix;
      const out: RegistryImage[] = all.data.map((i) => ({
        reference: `${prefix.data}${i.repositoryName}${i.version ? `:${i.version}` : `@${i.digest}`}`,
        digest: i.digest,
        created: iso(i.timeCreated),
        // The summary has no size; the picker shows what it has.
        sizeBytes: 0,
      }));
      return ok(out.sort((a, b) => b.created.localeCompare(a.created) || a.reference.localeCompare(b.reference)));
    },
  };
}
