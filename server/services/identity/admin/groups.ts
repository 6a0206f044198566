import { deleteGroupRow, getGroupRow, insertGroupRow, listGroupsWithCounts, updateGroupRow, type GroupRow, type GroupWithCounts } from '@/db/queries/identity-admin';
import type { DbOrTx } from '@/db/client';
import { generateOcid } from '@/server/domain/ocid';
import { domainError, err, ok, type DomainError, type Result } from '@/server/domain/result';
import type { CreateGroupInput, UpdateGroupInput } from '@/server/validation/identity-admin';
import { audited, gateTenancyOps, type AdminScope } from './scope';

const groupNotFound = (id: string): DomainError => domainError('NotAuthorizedOrNotFound', `Group ${id} was not found.`);

function nameTaken(tx: DbOrTx, name: string, exceptId?: string): DomainError | null {
  const other = listGroupsWithCounts(tx).find((g) => g.id !== exceptId && g.name.toLowerCase() === name.toLowerCase());
  return other ? domainError('Conflict', `A group named ${other.name} already exists.`, { name: 'This name is taken' }) : null;
}

export function listGroups(scope: AdminScope): Result<GroupWithCounts[], DomainError> {
  const gate = gateTenancyOps(scope);
  return gate.ok ? ok(listGroupsWithCounts(scope.db)) : gate;
}

export function createGroup(scope: AdminScope, input: CreateGroupInput): Result<GroupRow, DomainError> {
  return audited(scope, { action: 'CreateGroup', resourceType: 'group' }, (tx) => {
    const gate = gateTenancyOps(scope);
    if (!gate.ok) return gate;
    const taken = nameTaken(tx, input.name);
    if (taken) return err(taken);
    const row: GroupRow = { id: generateOcid('group', { region: '' }), name: input.name, description: input.description, builtIn: false, timeCreated: scope.now().toISOString() };
    insertGroupRow(tx, row);
    return ok({ value: row, resourceId: row.id, detail: row.name });
  });
}

/** Renames and describes a group; a built-in group keeps its name (the card's roles hang on it). */
export function updateGroup(scope: AdminScope, input: UpdateGroupInput): Result<GroupRow, DomainError> {
  return audited(scope, { action: 'UpdateGroup', resourceType: 'group', resourceId: input.groupId }, (tx) => {
    const gate = gateTenancyOps(scope);
    if (!gate.ok) return gate;
    const group = getGroupRow(tx, input.groupId);
    if (!group) return err(groupNotFound(input.groupId));
    if (group.builtIn && group.name !== input.name) return err(domainError('InvalidParameter', `${group.name} is a built-in group and cannot be renamed.`, { name: 'Built-in groups keep their names' }));
    const taken = nameTaken(tx, input.name, group.id);
    if (taken) return err(taken);
    updateGroupRow(tx, group.id, { name: input.name, description: input.description });
    return ok({ value: { ...group, name: input.name, description: input.description }, detail: group.name === input.name ? group.name : `${group.name} renamed ${input.name}` });
  });
}

/** Deletes a group with its memberships and grants; the built-in groups stay. */
export function deleteGroup(scope: AdminScope, groupId: string): Result<{ id: string }, DomainError> {
  return audited(scope, { action: 'DeleteGroup', resourceType: 'group', resourceId: groupId }, (tx) => {
    const gate = gateTenancyOps(scope);
    if (!gate.ok) return gate;
    const group = listGroupsWithCounts(tx).find((g) => g.id === groupId);
    if (!group) return err(groupNotFound(groupId));
    if (group.builtIn) return err(domainError('InvalidParameter', `${group.name} is a built-in group and cannot be deleted.`));
    deleteGroupRow(tx, group.id);
    return ok({ value: { id: group.id }, detail: `${group.name}; ${group.members} memberships and ${group.grants} grants removed` });
  });
}
