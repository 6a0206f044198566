import type { Metadata } from 'next';
import { CompartmentsTable, CreateCompartmentDialog } from '@/components/iam/compartments-panel';
import { describeContents } from '@/server/domain/compartment-rules';
import { listCompartmentTree } from '@/server/services/identity/admin/compartments';
import { orNotFound, pageScope } from '../scope';

export const metadata: Metadata = { title: 'Compartments' };
export const dynamic = 'force-dynamic';

export default async function CompartmentsPage() {
  const scope = await pageScope();
  const tree = orNotFound(listCompartmentTree(scope)).map((c) => ({ id: c.id, compartmentId: c.compartmentId, name: c.name, description: c.description, depth: c.depth, holds: describeContents(c.contents) }));
  return (
    <section aria-labelledby="compartments-heading" className="flex flex-col gap-3">
      <div className="flex items-center justify-between">
        <h2 id="compartments-heading" className="text-base font-semibold text-gray-900">
          Compartments
        </h2>
        <CreateCompartmentDialog compartments={tree} defaultParentId={scope.installation.tenancyId} />
      </div>
      <CompartmentsTable compartments={tree} defaultCompartmentId={scope.installation.defaultCompartmentId} />
    </section>
  );
}
