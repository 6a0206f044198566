import type { Metadata } from 'next';
import { CreateGroupDialog, GroupsTable } from '@/components/iam/groups-table';
import { listGroups } from '@/server/services/identity/admin/groups';
import { orNotFound, pageScope } from '../scope';

export const metadata: Metadata = { title: 'Groups' };
export const dynamic = 'force-dynamic';

export default async function GroupsPage() {
  const groups = orNotFound(listGroups(await pageScope()));
  return (
    <section aria-labelledby="groups-heading" className="flex flex-col gap-3">
      <div className="flex items-center justify-between">
        <h2 id="groups-heading" className="text-base font-semibold text-gray-900">
          Groups
        </h2>
        <CreateGroupDialog />
      </div>
      <GroupsTable groups={groups.map(({ id, name, description, builtIn, members, grants }) => ({ id, name, description, builtIn, members, grants }))} />
    </section>
  );
}
