import type { Db } from '@/db/client';
import { getCompartmentRow, listCompartmentRows, listTagNamespaceRows } from '@/db/queries/identity';
import type { DefinedTags } from '@/server/domain/oci-types';
import { domainError, err, ok, type DomainError, type Result } from '@/server/domain/result';
import type { IdentityApi } from '../types';
import { toCompartment } from './mappers';

export function createLocalIdentity(db: Db): IdentityApi {
  return {
    async listCompartments() {
      const rows = listCompartmentRows(db).filter((r) => r.lifecycleState !== 'DELETED');
      // Root first, then depth-first so a tree renders in order.
      const byParent = new Map<string | null, typeof rows>();
      for (const r of rows) byParent.set(r.compartmentId, [...(byParent.get(r.compartmentId) ?? []), r]);
      const ordered: typeof rows = [];
      const walk = (parent: string | null) => {
        for (const r of byParent.get(parent) ?? []) {
          ordered.push(r);
          walk(r.id);
        }
      };
      walk(null);
      return ok(ordered.map(toCompartment));
    },
    async listTagNamespaces() {
      return ok(listTagNamespaceRows(db));
    },
  };
}

export function checkCompartment(db: Db, compartmentId: string): Result<void, DomainError> {
  const row = getCompartmentRow(db, compartmentId);
  if (!row || row.lifecycleState === 'DELETED') {
    return err(domainError('NotAuthorizedOrNotFound', `Compartment ${compartmentId} was not found.`, { compartmentId: 'No such compartment' }));
  }
  if (row.lifecycleState !== 'ACTIVE') {
    return err(domainError('IncorrectState', `Compartment ${row.name} is ${row.lifecycleState}.`));
  }
  return ok(undefined);
}

/** Defined tags must name a namespace and key that exist, as OCI requires. */
export function checkDefinedTags(db: Db, definedTags: DefinedTags | undefined): Result<void, DomainError> {
  if (!definedTags) return ok(undefined);
  const namespaces = listTagNamespaceRows(db);
  for (const [ns, keys] of Object.entries(definedTags)) {
    const known = namespaces.find((n) => n.name.toLowerCase() === ns.toLowerCase());
    if (!known) {
      return err(domainError('InvalidParameter', `Tag namespace "${ns}" does not exist.`, { [`definedTags.${ns}`]: `Unknown tag namespace "${ns}"` }));
    }
    for (const key of Object.keys(keys)) {
      if (!known.keys.some((k) => k.toLowerCase() === key.toLowerCase())) {
        return err(
          domainError('InvalidParameter', `Tag key "${key}" does not exist in namespace "${known.name}".`, {
            [`definedTags.${ns}.${key}`]: `Unknown tag key "${key}"`,
          }),
        );
      }
    }
  }
  return ok(undefined);
}
