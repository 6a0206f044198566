import { getUserRow, type UserRow } from '@/db/queries/users';
import { activeMemberIds, addMemberRow, getGroupRow, getGroupRowByName, insertSignInToken, insertUserRow, isMember, listUsersWithGroups, removeMemberRow, setUserLifecycleState, type UserWithGroups } from '@/db/queries/identity-admin';
import type { DbOrTx } from '@/db/client';
import { generateOcid } from '@/server/domain/ocid';
import { domainError, err, ok, type DomainError, type Result } from '@/server/domain/result';
import type { CreateUserInput } from '@/server/validation/identity-admin';
import { endAllSessions, newToken, tokenHash } from '../sessions';
import { audited, gateTenancyOps, type AdminScope } from './scope';

/** A one-time link to set a password, as the sign-in token route consumes it. */
export const SIGN_IN_LINK_PATH = '/sign-in/token';
export const SIGN_IN_LINK_HOURS = 24;
export const ADMINISTRATORS = 'Administrators';

export interface SignInLink {
  /** The path with the token (`/sign-in/token?t=...`); shown once, only its hash is kept. */
  path: string;
  timeExpires: string;
}

const userNotFound = (id: string): DomainError => domainError('NotAuthorizedOrNotFound', `User ${id} was not found.`);
const groupNotFound = (id: string): DomainError => domainError('NotAuthorizedOrNotFound', `Group ${id} was not found.`);

export function listUsers(scope: AdminScope): Result<UserWithGroups[], DomainError> {
  const gate = gateTenancyOps(scope);
  return gate.ok ? ok(listUsersWithGroups(scope.db)) : gate;
}

function issueLink(tx: DbOrTx, userId: string, now: Date): SignInLink {
  const token = newToken();
  const expires = new Date(now.getTime() + SIGN_IN_LINK_HOURS * 3_600_000).toISOString();
  insertSignInToken(tx, { tokenHash: tokenHash(token), userId, purpose: 'reset', timeCreated: now.toISOString(), timeExpires: expires });
  return { path: `${SIGN_IN_LINK_PATH}?t=${token}`, timeExpires: expires };
}

/** A new user with no password yet, and the one-time link with which they set one. */
export function createUser(scope: AdminScope, input: CreateUserInput): Result<{ user: Omit<UserRow, 'passwordHash'>; link: SignInLink }, DomainError> {
  return audited(scope, { action: 'CreateUser', resourceType: 'user' }, (tx) => {
    const gate = gateTenancyOps(scope);
    if (!gate.ok) return gate;
    const taken = listUsersWithGroups(tx).find((u) => u.name.toLowerCase() === input.name.toLowerCase());
    if (taken) return err(domainError('Conflict', `A user named ${taken.name} already exists.`, { name: 'This name is taken' }));
    const now = scope.now();
    const user = { id: generateOcid('user', { region: '' }), name: input.name, email: input.email ?? null, description: input.description, lifecycleState: 'ACTIVE' as const, timeCreated: now.toISOString(), timePasswordChanged: null, timeLastSignIn: null };
    insertUserRow(tx, user);
    return ok({ value: { user, link: issueLink(tx, user.id, now) }, resourceId: user.id, detail: `${user.name}; sign-in link valid ${SIGN_IN_LINK_HOURS} h` });
  });
}

/** A fresh one-time link for a user who forgot their password or never used the first. */
export function issueSignInLink(scope: AdminScope, userId: string): Result<SignInLink, DomainError> {
  return audited(scope, { action: 'CreateSignInLink', resourceType: 'user', resourceId: userId }, (tx) => {
    const gate = gateTenancyOps(scope);
    if (!gate.ok) return gate;
    const user = getUserRow(tx, userId);
    if (!user) return err(userNotFound(userId));
    if (user.lifecycleState !== 'ACTIVE') return err(domainError('IncorrectState', `User ${user.name} is deactivated: reactivate them before sending a sign-in link.`));
    return ok({ value: issueLink(tx, user.id, scope.now()), detail: `${user.name}; valid ${SIGN_IN_LINK_HOURS} h` });
  });
}

/** Whether taking `userId` out of Administrators (or deactivating them) leaves nobody who can administer. */
function isLastAdministrator(tx: DbOrTx, userId: string): boolean {
  const admins = getGroupRowByName(tx, ADMINISTRATORS);
  if (!admins) return false;
  const active = activeMemberIds(tx, admins.id);
  return active.includes(userId) && active.length === 1;
}

/** Deactivating ends every session of the user at once; reactivating lets them sign in again. */
export function setUserState(scope: AdminScope, userId: string, state: 'ACTIVE' | 'INACTIVE'): Result<{ id: string; lifecycleState: 'ACTIVE' | 'INACTIVE'; sessionsEnded: number }, DomainError> {
  return audited(scope, { action: state === 'ACTIVE' ? 'ActivateUser' : 'DeactivateUser', resourceType: 'user', resourceId: userId }, (tx) => {
    const gate = gateTenancyOps(scope);
    if (!gate.ok) return gate;
    const user = getUserRow(tx, userId);
    if (!user) return err(userNotFound(userId));
    if (state === 'INACTIVE') {
      if (user.id === scope.principal.userId) return err(domainError('InvalidParameter', 'You cannot deactivate yourself: another administrator has to.'));
      if (isLastAdministrator(tx, user.id)) return err(domainError('IncorrectState', `${user.name} is the last active member of ${ADMINISTRATORS}; add another administrator first.`));
    }
    setUserLifecycleState(tx, user.id, state);
    const sessionsEnded = state === 'INACTIVE' ? endAllSessions(tx, user.id) : 0;
    return ok({ value: { id: user.id, lifecycleState: state, sessionsEnded }, detail: state === 'INACTIVE' ? `${user.name}; ${sessionsEnded} sessions ended` : user.name });
  });
}

export function addUserToGroup(scope: AdminScope, userId: string, groupId: string): Result<void, DomainError> {
  return audited(scope, { action: 'AddUserToGroup', resourceType: 'group', resourceId: groupId }, (tx) => {
    const gate = gateTenancyOps(scope);
    if (!gate.ok) return gate;
    const user = getUserRow(tx, userId);
    if (!user) return err(userNotFound(userId));
    const group = getGroupRow(tx, groupId);
    if (!group) return err(groupNotFound(groupId));
    if (isMember(tx, groupId, userId)) return err(domainError('Conflict', `${user.name} is already a member of ${group.name}.`));
    addMemberRow(tx, groupId, userId);
    return ok({ value: undefined, detail: `${user.name} added to ${group.name}` });
  });
}

export function removeUserFromGroup(scope: AdminScope, userId: string, groupId: string): Result<void, DomainError> {
  return audited(scope, { action: 'RemoveUserFromGroup', resourceType: 'group', resourceId: groupId }, (tx) => {
    const gate = gateTenancyOps(scope);
    if (!gate.ok) return gate;
    const user = getUserRow(tx, userId);
    if (!user) return err(userNotFound(userId));
    const group = getGroupRow(tx, groupId);
    if (!group) return err(groupNotFound(groupId));
    if (!isMember(tx, groupId, userId)) return err(domainError('InvalidParameter', `${user.name} is not a member of ${group.name}.`));
    if (group.name === ADMINISTRATORS && isLastAdministrator(tx, user.id)) {
      return err(domainError('IncorrectState', `${user.name} is the last active member of ${ADMINISTRATORS}: without one, nobody could manage users, groups or grants. Add another administrator first.`));
    }
    removeMemberRow(tx, groupId, userId);
    return ok({ value: undefined, detail: `${user.name} removed from ${group.name}` });
  });
}
