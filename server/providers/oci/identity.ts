import type { IdentityClient } from 'oci-identity';
import { requests } from 'oci-identity';
import { treeOrder } from '@/server/domain/compartment-listing';
import type { Compartment } from '@/server/domain/oci-types';
import { ok } from '@/server/domain/result';
import type { IdentityApi, TagNamespaceSummary } from '../types';
import { call } from './errors';
import { allPages } from './paging';
import { fromSdk } from './wire';

// The compartment tree through oci-identity: the tenancy, then every compartment beneath it the
// profile's user may reach (ACCESSIBLE, the whole subtree), depth-first. A user who may not
// list compartments still gets the tenancy and the profile's own berth_compartment. Tag namespaces
// and their tags come from oci-identity too.

export interface OciIdentityDeps {
  identity: IdentityClient;
  tenancyId: string;
  where: string;
  /** The profile's berth_compartment and the like: always offered, even when OCI lists none. */
  compartmentIds: readonly string[];
  now: () => Date;
}

export function createOciIdentity(deps: OciIdentityDeps): IdentityApi {
  const { identity, tenancyId, where } = deps;
  const stub = (id: string, parent: string | null, name: string): Compartment => ({ id, compartmentId: parent, name, description: '', lifecycleState: 'ACTIVE', timeCreated: deps.now().toISOString() });
  const toCompartment = (c: object, root: boolean): Compartment => {
    const plain = fromSdk<Compartment>(c);
    return { ...plain, compartmentId: root ? null : plain.compartmentId };
  };

  return {
    async listCompartments() {
      const [root, listed] = await Promise.all([
        call(where, async () => toCompartment((await identity.getCompartment({ compartmentId: tenancyId })).compartment, true)),
        allPages((page) =>
          call(where, async () => {
            const r = await identity.listCompartments({
              compartmentId: tenancyId,
              compartmentIdInSubtree: true,
              accessLevel: requests.ListCompartmentsRequest.AccessLevel.Accessible,
              lifecycleState: 'ACTIVE',
              limit: 1000,
              ...(page ? { page } : {}),
            });
            return { items: r.items.map((c) => toCompartment(c, false)), ...(r.opcNextPage ? { opcNextPage: r.opcNextPage } : {}) };
          }),
        ),
      ]);
      // OCI answers 404 to a user without `inspect compartments`: the profile's own compartments still work.
      const refused = (r: { ok: boolean; error?: { code: string } }) => !r.ok && r.error?.code === 'NotAuthorizedOrNotFound';
      if (!root.ok && !refused(root)) return root;
      if (!listed.ok && !refused(listed)) return listed;
      const tenancy = root.ok ? root.data : stub(tenancyId, null, 'tenancy');
      const below = listed.ok ? listed.data.filter((c) => c.id !== tenancyId) : [];
      const extra = deps.compartmentIds.filter((id) => id !== tenancyId && !below.some((c) => c.id === id)).map((id, i) => stub(id, tenancyId, `compartment ${i + 1}`));
      return ok(treeOrder([tenancy, ...below, ...extra], tenancyId));
    },

    // The defined-tags inputs offer the tenancy's active namespaces (the tenancy and below) and
    // their active tags. A user OCI refuses (no `inspect tag-namespaces`) gets none: free-form tags still work.
    async listTagNamespaces() {
      const namespaces = await allPages((page) =>
        call(where, async () => {
          const r = await identity.listTagNamespaces({ compartmentId: tenancyId, includeSubcompartments: true, lifecycleState: 'ACTIVE', limit: 1000, ...(page ? { page } : {}) });
          return { items: r.items, ...(r.opcNextPage ? { opcNextPage: r.opcNextPage } : {}) };
        }),
      );
      if (!namespaces.ok) return namespaces.error.code === 'NotAuthorizedOrNotFound' ? ok([]) : namespaces;
      // One listTags per namespace, side by side: the forms that offer them wait for all.
      const listed = await Promise.all(
        namespaces.data.flatMap((ns) => {
          const { id, name } = ns;
          if (!id || !name) return [];
          return [
            allPages((page) =>
              call(where, async () => {
                const r = await identity.listTags({ tagNamespaceId: id, lifecycleState: 'ACTIVE', limit: 1000, ...(page ? { page } : {}) });
                return { items: r.items, ...(r.opcNextPage ? { opcNextPage: r.opcNextPage } : {}) };
              }),
            ).then((tags) => ({ name, tags })),
          ];
        }),
      );
      const out: TagNamespaceSummary[] = [];
      for (const { name, tags } of listed) {
        if (!tags.ok) return tags;
        const keys = tags.data.flatMap((t) => (t.name ? [t.name] : [])).sort();
        // A namespace without an active tag has nothing to fill in.
        if (keys.length > 0) out.push({ name, keys });
      }
      return ok(out.sort((a, b) => a.name.localeCompare(b.name)));
    },
  };
}
