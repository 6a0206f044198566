import { compartmentContents, insertCompartmentRow, liveCompartmentRows, updateCompartmentRow } from '@/db/queries/compartments-admin';
import { getCompartmentRow, type CompartmentRow } from '@/db/queries/identity';
import type { DbOrTx } from '@/db/client';
import { compartmentParents } from '@/db/queries/users';
import { describeContents, isSelfOrDescendant, siblingNamed, treeOrder, type CompartmentContents } from '@/server/domain/compartment-rules';
import { generateOcid } from '@/server/domain/ocid';
import { domainError, err, ok, type DomainError, type Result } from '@/server/domain/result';
import type { CreateCompartmentInput, MoveCompartmentInput, UpdateCompartmentInput } from '@/server/validation/identity-admin';
import { audited, gateOps, gateTenancyOps, type AdminScope } from './scope';

export type CompartmentTreeRow = CompartmentRow & { depth: number; contents: CompartmentContents };

const notFound = (id: string): DomainError => domainError('NotAuthorizedOrNotFound', `Compartment ${id} was not found.`);

/** The live compartment, or not found (a DELETED one is gone for every purpose but the audit log). */
function live(tx: DbOrTx, id: string): Result<CompartmentRow, DomainError> {
  const row = getCompartmentRow(tx, id);
  return row && row.lifecycleState !== 'DELETED' ? ok(row) : err(notFound(id));
}

const nameTaken = (name: string, parentName: string): DomainError =>
  domainError('Conflict', `A compartment named ${name} already exists in ${parentName}. Names are unique among a compartment's children.`, { name: `${parentName} already has a compartment named ${name}` });

/** The tenancy is the root: it is not renamed, moved or deleted from here. */
const rootRefused = (what: string): DomainError => domainError('InvalidParameter', `The tenancy is the root compartment and cannot be ${what}.`);

/** The whole live tree with what each compartment holds, for the compartments page. */
export function listCompartmentTree(scope: AdminScope): Result<CompartmentTreeRow[], DomainError> {
  const gate = gateTenancyOps(scope);
  if (!gate.ok) return gate;
  return ok(treeOrder(liveCompartmentRows(scope.db)).map((c) => ({ ...c, contents: compartmentContents(scope.db, c.id) })));
}

export function createCompartment(scope: AdminScope, input: CreateCompartmentInput): Result<CompartmentRow, DomainError> {
  return audited(scope, { action: 'CreateCompartment', resourceType: 'compartment', compartmentId: input.parentId }, (tx) => {
    const gate = gateOps(scope, input.parentId);
    if (!gate.ok) return gate;
    const parent = live(tx, input.parentId);
    if (!parent.ok) return parent;
    if (siblingNamed(liveCompartmentRows(tx), input.parentId, input.name)) return err(nameTaken(input.name, parent.data.name));
    const row: CompartmentRow = {
      id: generateOcid('compartment', { region: '' }),
      compartmentId: input.parentId,
      name: input.name,
      description: input.description,
      lifecycleState: 'ACTIVE',
      timeCreated: scope.now().toISOString(),
      freeformTags: {},
      definedTags: {},
    };
    insertCompartmentRow(tx, row);
    return ok({ value: row, resourceId: row.id, detail: `${input.name} in ${parent.data.name}` });
  });
}

/** Rename and describe, as OCI's UpdateCompartment. */
export function updateCompartment(scope: AdminScope, input: UpdateCompartmentInput): Result<CompartmentRow, DomainError> {
  return audited(scope, { action: 'UpdateCompartment', resourceType: 'compartment', resourceId: input.compartmentId }, (tx) => {
    const found = live(tx, input.compartmentId);
    if (!found.ok) return found;
    const row = found.data;
    const gate = gateOps(scope, row.compartmentId ?? row.id);
    if (!gate.ok) return gate;
    if (row.compartmentId === null) return err(rootRefused('renamed'));
    const parent = getCompartmentRow(tx, row.compartmentId);
    if (siblingNamed(liveCompartmentRows(tx), row.compartmentId, input.name, row.id)) return err(nameTaken(input.name, parent?.name ?? row.compartmentId));
    updateCompartmentRow(tx, row.id, { name: input.name, description: input.description });
    return ok({ value: { ...row, name: input.name, description: input.description }, detail: row.name === input.name ? '' : `${row.name} renamed ${input.name}` });
  });
}

/** Moves the compartment (and everything in and below it) under another parent. */
export function moveCompartment(scope: AdminScope, input: MoveCompartmentInput): Result<CompartmentRow, DomainError> {
  return audited(scope, { action: 'MoveCompartment', resourceType: 'compartment', resourceId: input.compartmentId, compartmentId: input.targetParentId }, (tx) => {
    const found = live(tx, input.compartmentId);
    if (!found.ok) return found;
    const row = found.data;
    const from = gateOps(scope, row.compartmentId ?? row.id);
    if (!from.ok) return from;
    if (row.compartmentId === null) return err(rootRefused('moved'));
    const to = gateOps(scope, input.targetParentId);
    if (!to.ok) return to;
    const target = live(tx, input.targetParentId);
    if (!target.ok) return target;
    if (row.compartmentId === target.data.id) {
      return err(domainError('InvalidParameter', `Compartment ${row.name} is already in ${target.data.name}.`, { targetParentId: `${row.name} is already there` }));
    }
    if (isSelfOrDescendant(row.id, target.data.id, compartmentParents(tx))) {
      const where = target.data.id === row.id ? 'itself' : `${target.data.name}, which lies inside it`;
      return err(domainError('InvalidParameter', `Compartment ${row.name} cannot move into ${where}: the tree would have a cycle.`, { targetParentId: 'Choose a compartment outside the one being moved' }));
    }
    if (siblingNamed(liveCompartmentRows(tx), target.data.id, row.name, row.id)) return err(nameTaken(row.name, target.data.name));
    updateCompartmentRow(tx, row.id, { compartmentId: target.data.id });
    return ok({ value: { ...row, compartmentId: target.data.id }, detail: `${row.name} moved to ${target.data.name}` });
  });
}

/** Deletes an empty compartment; one that still holds anything is refused, naming what. */
export function deleteCompartment(scope: AdminScope, compartmentId: string): Result<{ id: string }, DomainError> {
  return audited(scope, { action: 'DeleteCompartment', resourceType: 'compartment', resourceId: compartmentId }, (tx) => {
    const found = live(tx, compartmentId);
    if (!found.ok) return found;
    const row = found.data;
    const gate = gateOps(scope, row.compartmentId ?? row.id);
    if (!gate.ok) return gate;
    if (row.compartmentId === null) return err(rootRefused('deleted'));
    if (row.id === scope.installation.defaultCompartmentId) {
      return err(domainError('IncorrectState', `Compartment ${row.name} is this installation's default compartment, where new resources go; it cannot be deleted.`));
    }
    const held = describeContents(compartmentContents(tx, row.id));
    if (held) return err(domainError('IncorrectState', `Compartment ${row.name} still holds ${held}. Move or delete them first.`));
    updateCompartmentRow(tx, row.id, { lifecycleState: 'DELETED' });
    return ok({ value: { id: row.id }, detail: row.name });
  });
}
