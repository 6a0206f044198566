import type { Metadata } from 'next';
import { PoliciesPanel } from '@/components/iam/policies-panel';
import { listCompartmentTree } from '@/server/services/identity/admin/compartments';
import { listGrants } from '@/server/services/identity/admin/grants';
import { listGroups } from '@/server/services/identity/admin/groups';
import { orNotFound, pageScope } from '../scope';

export const metadata: Metadata = { title: 'Policies' };
export const dynamic = 'force-dynamic';

export default async function PoliciesPage() {
  const scope = await pageScope();
  const grants = orNotFound(listGrants(scope));
  const groups = orNotFound(listGroups(scope));
  const tree = orNotFound(listCompartmentTree(scope));
  return (
    <PoliciesPanel
      tenancyId={scope.installation.tenancyId}
      grants={grants.map(({ id, groupName, statement, removable }) => ({ id, groupName, statement, removable }))}
      groups={groups.map(({ id, name }) => ({ id, name }))}
      compartments={tree.map(({ id, compartmentId, name, depth }) => ({ id, compartmentId, name, depth }))}
    />
  );
}
