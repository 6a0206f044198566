import type { Db, DbOrTx } from '@/db/client';
import type { Installation } from '@/db/seed';
import { compartmentParents } from '@/db/queries/users';
import { isAllowed } from '@/server/domain/iam';
import type { Principal } from '@/server/domain/principal';
import { domainError, err, type DomainError, type Result } from '@/server/domain/result';
import { recordAudit } from '../audit';

/** What every identity administration call runs with: the database and who is asking. */
export interface AdminScope {
  db: Db;
  installation: Installation;
  principal: Principal;
  now: () => Date;
}

export interface AdminChange {
  /** OCI Identity's operation name where one exists (CreateCompartment, AddUserToGroup). */
  action: string;
  resourceType: 'compartment' | 'user' | 'group' | 'policy';
  resourceId?: string | undefined;
  compartmentId?: string | undefined;
}

// A refusal of the gate is tagged so the audit log records it as DENIED, not FAILED.
const DENIED = Symbol('denied');
type GateError = DomainError & { [DENIED]?: true };

/**
 * Manage on berth-operations in the compartment (inherited from above): what every change to
 * users, groups, grants and compartments needs. Refused, the compartment reads as not found, as
 * OCI answers a caller who may not see it.
 */
export function gateOps(scope: AdminScope, compartmentId: string): Result<void, DomainError> {
  if (isAllowed(scope.principal.grants, 'manage', 'berth-operations', compartmentId, compartmentParents(scope.db))) return { ok: true, data: undefined };
  const error: GateError = { ...domainError('NotAuthorizedOrNotFound', `Compartment ${compartmentId} was not found.`), [DENIED]: true };
  return err(error);
}

/** The users, groups and grants pages: manage on berth-operations in the tenancy. */
export const gateTenancyOps = (scope: AdminScope): Result<void, DomainError> => gateOps(scope, scope.installation.tenancyId);

/**
 * Runs a change in one transaction and writes its audit event, whatever the outcome: the body
 * returns the resource id it made (for a create) and a short note (the grant as a statement).
 */
export function audited<T>(scope: AdminScope, change: AdminChange, body: (tx: DbOrTx) => Result<{ value: T; resourceId?: string; detail?: string }, DomainError>): Result<T, DomainError> {
  const result = scope.db.transaction((tx) => body(tx));
  const now = scope.now();
  if (result.ok) {
    recordAudit(scope.db, scope.principal, { ...change, resourceId: change.resourceId ?? result.data.resourceId, outcome: 'SUCCEEDED', detail: result.data.detail ?? '' }, now);
    return { ok: true, data: result.data.value };
  }
  const denied = (result.error as GateError)[DENIED] === true;
  recordAudit(scope.db, scope.principal, { ...change, outcome: denied ? 'DENIED' : 'FAILED', detail: result.error.code }, now);
  const { [DENIED]: _tag, ...plain } = result.error as GateError;
  return err(plain);
}
