import type { Metadata } from 'next';
import { CreateUserDialog } from '@/components/iam/create-user-dialog';
import { UsersTable } from '@/components/iam/users-table';
import { listGroups } from '@/server/services/identity/admin/groups';
import { listUsers } from '@/server/services/identity/admin/users';
import { orNotFound, pageScope } from './scope';

export const metadata: Metadata = { title: 'Users' };
export const dynamic = 'force-dynamic';

export default async function UsersPage() {
  const scope = await pageScope();
  const users = orNotFound(listUsers(scope));
  const groups = orNotFound(listGroups(scope));
  return (
    <section aria-labelledby="users-heading" className="flex flex-col gap-3">
      <div className="flex items-center justify-between">
        <h2 id="users-heading" className="text-base font-semibold text-gray-900">
          Users
        </h2>
        <CreateUserDialog />
      </div>
      <UsersTable
        selfId={scope.principal.userId}
        groups={groups.map(({ id, name }) => ({ id, name }))}
        users={users.map((u) => ({ id: u.id, name: u.name, email: u.email, lifecycleState: u.lifecycleState, timeLastSignIn: u.timeLastSignIn, hasPassword: u.hasPassword, groups: u.groups }))}
      />
    </section>
  );
}
