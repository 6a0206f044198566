'use client';

import { useId, useState } from 'react';
import { FormattedTime } from '@/components/formatted-time';
import { OcidText } from '@/components/ocid/ocid-text';
import { StateBadge } from '@/components/state-badge';
import { Button } from '@/components/ui/button';
import { Select } from '@/components/ui/select';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { addGroupMemberAction } from '@/server/actions/iam/add-group-member';
import { issueSignInLinkAction } from '@/server/actions/iam/issue-sign-in-link';
import { removeGroupMemberAction } from '@/server/actions/iam/remove-group-member';
import { setUserStateAction } from '@/server/actions/iam/set-user-state';
import { FormAlert } from '@/components/forms/form-alert';
import { SignInLink } from './sign-in-link';
import { useAdminAction } from './use-admin-action';

export interface UserRowView {
  id: string;
  name: string;
  email: string | null;
  lifecycleState: 'ACTIVE' | 'INACTIVE';
  timeLastSignIn: string | null;
  hasPassword: boolean;
  groups: { id: string; name: string }[];
}

export interface GroupOption {
  id: string;
  name: string;
}

export function UsersTable({ users, groups, selfId }: { users: UserRowView[]; groups: GroupOption[]; selfId: string }) {
  const action = useAdminAction();
  const [link, setLink] = useState<{ userName: string; path: string; timeExpires: string } | null>(null);
  return (
    <div className="flex flex-col gap-3">
      {action.error && <FormAlert message={action.error} />}
      {link && <SignInLink {...link} />}
      <Table label="Users">
        <THead>
          <tr>
            <TH>Name</TH>
            <TH>OCID</TH>
            <TH>Groups</TH>
            <TH>Last sign-in</TH>
            <TH>State</TH>
            <TH>
              <span className="sr-only">Actions</span>
            </TH>
          </tr>
        </THead>
        <TBody>
          {users.map((u) => (
            <TR key={u.id}>
              <TD>
                <div className="font-medium">{u.name}</div>
                {u.email && <div className="text-xs text-gray-500">{u.email}</div>}
              </TD>
              <TD>
                <OcidText ocid={u.id} label={`Copy OCID of ${u.name}`} />
              </TD>
              <TD>
                <Memberships user={u} groups={groups} action={action} />
              </TD>
              <TD>{u.timeLastSignIn ? <FormattedTime iso={u.timeLastSignIn} /> : u.hasPassword ? 'Never' : 'No password set yet'}</TD>
              <TD>
                <StateBadge state={u.lifecycleState} />
              </TD>
              <TD className="text-right whitespace-nowrap">
                <div className="flex justify-end gap-1.5">
                  {u.lifecycleState === 'ACTIVE' && (
                    <Button
                      size="sm"
                      aria-label={`New sign-in link for ${u.name}`}
                      disabled={action.pending}
                      onClick={() => action.run(() => issueSignInLinkAction({ userId: u.id }), { onDone: (d) => setLink({ userName: u.name, ...d }) })}
                    >
                      New sign-in link
                    </Button>
                  )}
                  {u.id !== selfId && (
                    <Button
                      size="sm"
                      variant={u.lifecycleState === 'ACTIVE' ? 'danger' : 'secondary'}
                      aria-label={`${u.lifecycleState === 'ACTIVE' ? 'Deactivate' : 'Reactivate'} ${u.name}`}
                      disabled={action.pending}
                      onClick={() =>
                        action.run(() => setUserStateAction({ userId: u.id, state: u.lifecycleState === 'ACTIVE' ? 'INACTIVE' : 'ACTIVE' }), {
                          success: (d) => (d.lifecycleState === 'INACTIVE' ? `${u.name} deactivated; ${d.sessionsEnded} sessions ended` : `${u.name} reactivated`),
                        })
                      }
                    >
                      {u.lifecycleState === 'ACTIVE' ? 'Deactivate' : 'Reactivate'}
                    </Button>
                  )}
                </div>
              </TD>
            </TR>
          ))}
        </TBody>
      </Table>
    </div>
  );
}

function Memberships({ user, groups, action }: { user: UserRowView; groups: GroupOption[]; action: ReturnType<typeof useAdminAction> }) {
  const selectId = useId();
  const [groupId, setGroupId] = useState('');
  const others = groups.filter((g) => !user.groups.some((m) => m.id === g.id));
  return (
    <div className="flex flex-col gap-1.5">
      <ul aria-label={`Groups of ${user.name}`} className="flex flex-wrap gap-1">
        {user.groups.map((g) => (
          <li key={g.id} className="inline-flex items-center gap-1 rounded bg-gray-100 px-1.5 py-0.5 text-xs">
            {g.name}
            <button
              type="button"
              aria-label={`Remove ${user.name} from ${g.name}`}
              disabled={action.pending}
              className="focus-ring rounded text-gray-500 hover:text-red-700"
              onClick={() => action.run(() => removeGroupMemberAction({ userId: user.id, groupId: g.id }), { success: () => `${user.name} removed from ${g.name}` })}
            >
              ×
            </button>
          </li>
        ))}
        {user.groups.length === 0 && <li className="text-xs text-gray-500">No groups</li>}
      </ul>
      {others.length > 0 && (
        <form
          className="flex items-center gap-1"
          onSubmit={(e) => {
            e.preventDefault();
            const group = others.find((g) => g.id === groupId);
            if (!group) return;
            action.run(() => addGroupMemberAction({ userId: user.id, groupId }), { success: () => `${user.name} added to ${group.name}`, onDone: () => setGroupId('') });
          }}
        >
          <label htmlFor={selectId} className="sr-only">{`Add ${user.name} to a group`}</label>
          <Select id={selectId} value={groupId} onChange={(e) => setGroupId(e.target.value)} placeholder="Add to group" className="h-7 w-40 text-xs" options={others.map((g) => ({ value: g.id, label: g.name }))} />
          <Button type="submit" size="sm" disabled={!groupId || action.pending} aria-label={`Add ${user.name} to the group`}>
            Add
          </Button>
        </form>
      )}
    </div>
  );
}
