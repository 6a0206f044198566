import { isAllowed, OPERATION_VERBS, type CheckedResourceType, type CompartmentParents, type Grant } from './iam';

/** What the UI may offer a principal on one kind of resource in one compartment. */
export interface Access {
  canCreate: boolean;
  canUpdate: boolean;
  canDelete: boolean;
  canMove: boolean;
  canActivate: boolean;
  /** A secret's value is a credential: manage on the resource, not read. */
  canRevealSecrets: boolean;
  /** manage berth-operations in the tenancy: the operations page, image builds, fault injection. */
  isOps: boolean;
}

export const NO_ACCESS: Access = { canCreate: false, canUpdate: false, canDelete: false, canMove: false, canActivate: false, canRevealSecrets: false, isOps: false };

export interface AccessSubject {
  grants: readonly Grant[];
  tenancyId: string;
}

export const isOps = (who: AccessSubject, parents: CompartmentParents): boolean => isAllowed(who.grants, 'manage', 'berth-operations', who.tenancyId, parents);

/**
 * The buttons a principal may see, from the same verbs the provider checks (OPERATION_VERBS): an
 * action the server would refuse is not offered. Hiding is for the user's sake only; the check
 * that counts is the provider's.
 */
export function accessOf(who: AccessSubject, parents: CompartmentParents, compartmentId: string, type: CheckedResourceType): Access {
  const can = (op: keyof typeof OPERATION_VERBS) => isAllowed(who.grants, OPERATION_VERBS[op], type, compartmentId, parents);
  return {
    canCreate: can('create'),
    canUpdate: can('update'),
    canDelete: can('delete'),
    canMove: can('move'),
    canActivate: can('activate'),
    canRevealSecrets: isAllowed(who.grants, 'manage', type, compartmentId, parents),
    isOps: isOps(who, parents),
  };
}
