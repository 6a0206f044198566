import { deleteGrantRow, getGrantRow, getGroupRow, insertGrantRow, listGrantRows, listGroupsWithCounts, type GrantRow } from '@/db/queries/identity-admin';
import { liveCompartmentRows } from '@/db/queries/compartments-admin';
import type { DbOrTx } from '@/db/client';
import { compartmentPath } from '@/server/domain/compartment-rules';
import { policyStatement, type Grant } from '@/server/domain/iam';
import { generateOcid } from '@/server/domain/ocid';
import { domainError, err, ok, type DomainError, type Result } from '@/server/domain/result';
import type { CreateGrantInput } from '@/server/validation/identity-admin';
import { audited, gateTenancyOps, type AdminScope } from './scope';
import { ADMINISTRATORS } from './users';

export interface GrantView extends GrantRow {
  groupName: string;
  compartmentName: string;
  /** As OCI's policy language writes it: "Allow group X to manage data-science-family in compartment Y". */
  statement: string;
  /** False for the one statement that keeps this page reachable (see isKeystone). */
  removable: boolean;
}

/** The grants' statements read with the tree as it is now (a compartment's path, by name). */
function statementOf(tx: DbOrTx, tenancyId: string): (groupName: string, grant: Grant) => string {
  const nodes = new Map(liveCompartmentRows(tx).map((c) => [c.id, c]));
  return (groupName, grant) => policyStatement(groupName, grant, (id) => compartmentPath(id, nodes), tenancyId);
}

/** Administrators' manage all-resources in the tenancy is what keeps this page reachable. */
const isKeystone = (groupName: string, g: GrantRow, tenancyId: string) => groupName === ADMINISTRATORS && g.verb === 'manage' && g.resourceType === 'all-resources' && g.compartmentId === tenancyId;

export function listGrants(scope: AdminScope): Result<GrantView[], DomainError> {
  const gate = gateTenancyOps(scope);
  if (!gate.ok) return gate;
  const groupName = new Map(listGroupsWithCounts(scope.db).map((g) => [g.id, g.name]));
  const names = new Map(liveCompartmentRows(scope.db).map((c) => [c.id, c.name]));
  const statement = statementOf(scope.db, scope.installation.tenancyId);
  return ok(
    listGrantRows(scope.db).map((g) => {
      const group = groupName.get(g.groupId) ?? g.groupId;
      return { ...g, groupName: group, compartmentName: names.get(g.compartmentId) ?? g.compartmentId, statement: statement(group, g), removable: !isKeystone(group, g, scope.installation.tenancyId) };
    }),
  );
}

export function createGrant(scope: AdminScope, input: CreateGrantInput): Result<GrantView, DomainError> {
  return audited(scope, { action: 'CreateGrant', resourceType: 'policy', compartmentId: input.compartmentId }, (tx) => {
    const gate = gateTenancyOps(scope);
    if (!gate.ok) return gate;
    const group = getGroupRow(tx, input.groupId);
    if (!group) return err(domainError('NotAuthorizedOrNotFound', `Group ${input.groupId} was not found.`, { groupId: 'No such group' }));
    const compartment = liveCompartmentRows(tx).find((c) => c.id === input.compartmentId);
    if (!compartment || compartment.lifecycleState !== 'ACTIVE') return err(domainError('NotAuthorizedOrNotFound', `Compartment ${input.compartmentId} was not found.`, { compartmentId: 'No such compartment' }));
    const statement = statementOf(tx, scope.installation.tenancyId)(group.name, input);
    const same = listGrantRows(tx).find((g) => g.groupId === group.id && g.verb === input.verb && g.resourceType === input.resourceType && g.compartmentId === input.compartmentId);
    if (same) return err(domainError('Conflict', `The policy already says: ${statement}.`));
    const row: GrantRow = { id: generateOcid('policy', { region: '' }), groupId: group.id, verb: input.verb, resourceType: input.resourceType, compartmentId: input.compartmentId, timeCreated: scope.now().toISOString() };
    insertGrantRow(tx, row);
    return ok({ value: { ...row, groupName: group.name, compartmentName: compartment.name, statement, removable: true }, resourceId: row.id, detail: statement });
  });
}

export function deleteGrant(scope: AdminScope, grantId: string): Result<{ id: string }, DomainError> {
  return audited(scope, { action: 'DeleteGrant', resourceType: 'policy', resourceId: grantId }, (tx) => {
    const gate = gateTenancyOps(scope);
    if (!gate.ok) return gate;
    const grant = getGrantRow(tx, grantId);
    if (!grant) return err(domainError('NotAuthorizedOrNotFound', `Grant ${grantId} was not found.`));
    const groupName = getGroupRow(tx, grant.groupId)?.name ?? grant.groupId;
    const statement = statementOf(tx, scope.installation.tenancyId)(groupName, grant);
    if (isKeystone(groupName, grant, scope.installation.tenancyId)) {
      return err(domainError('InvalidParameter', `"${statement}" cannot be removed: without it nobody could manage users, groups and grants.`));
    }
    deleteGrantRow(tx, grant.id);
    return ok({ value: { id: grant.id }, detail: statement });
  });
}
