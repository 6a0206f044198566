'use client';

import { Badge } from '@/components/ui/badge';
import { OcidText } from '@/components/ocid/ocid-text';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import { createGroupAction } from '@/server/actions/iam/create-group';
import { deleteGroupAction } from '@/server/actions/iam/delete-group';
import { updateGroupAction } from '@/server/actions/iam/update-group';
import { ConfirmDeleteDialog } from './confirm-delete-dialog';
import { NameDescriptionDialog } from './name-description-dialog';

export interface GroupRowView {
  id: string;
  name: string;
  description: string;
  builtIn: boolean;
  members: number;
  grants: number;
}

const NAME_HINT = 'Letters, digits and - _ . @ + (no spaces); unique in the tenancy.';

export function CreateGroupDialog() {
  return (
    <NameDescriptionDialog
      title="Create group"
      description="Grants give a group's members access; add members on the Users tab."
      trigger={{ label: 'Create group', variant: 'primary' }}
      nameHint={NAME_HINT}
      submitLabel="Create"
      submit={(v) => createGroupAction(v)}
      success="Group created"
    />
  );
}

export function GroupsTable({ groups }: { groups: GroupRowView[] }) {
  return (
    <Table label="Groups">
      <THead>
        <tr>
          <TH>Name</TH>
          <TH>Description</TH>
          <TH>OCID</TH>
          <TH>Members</TH>
          <TH>Policy statements</TH>
          <TH>
            <span className="sr-only">Actions</span>
          </TH>
        </tr>
      </THead>
      <TBody>
        {groups.map((g) => (
          <TR key={g.id}>
            <TD>
              <span className="font-medium">{g.name}</span> {g.builtIn && <Badge tone="info">Built-in</Badge>}
            </TD>
            <TD className="text-gray-600">{g.description}</TD>
            <TD>
              <OcidText ocid={g.id} label={`Copy OCID of ${g.name}`} />
            </TD>
            <TD>{g.members}</TD>
            <TD>{g.grants}</TD>
            <TD className="text-right whitespace-nowrap">
              <div className="flex justify-end gap-1.5">
                <NameDescriptionDialog
                  title="Edit group"
                  description={g.name}
                  trigger={{ label: 'Edit', ariaLabel: `Edit group ${g.name}`, size: 'sm' }}
                  initial={{ name: g.name, description: g.description }}
                  nameLocked={g.builtIn}
                  nameHint={NAME_HINT}
                  submitLabel="Save"
                  submit={(v) => updateGroupAction({ groupId: g.id, ...v })}
                  success="Changes saved"
                />
                {!g.builtIn && (
                  <ConfirmDeleteDialog kind="group" name={g.name} remove={() => deleteGroupAction({ groupId: g.id })}>
                    Its {g.members} memberships and {g.grants} policy statements go with it.
                  </ConfirmDeleteDialog>
                )}
              </div>
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
