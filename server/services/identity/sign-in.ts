import type { Db } from '@/db/client';
import { clearSignInFailures, insertSignInFailure, signInFailureTimes } from '@/db/queries/sign-in';
import { getUserRowByName, type UserRow } from '@/db/queries/users';
import type { Principal } from '@/server/domain/principal';
import { decideSignInLimit, failureKeyOf, SIGN_IN_LIMITS, signInLimitMessage, type SignInLimits } from '@/server/domain/sign-in-limit';
import { domainError, err, ok, type DomainError, type Result } from '@/server/domain/result';
import { recordAudit } from './audit';
import { verifyPassword } from './passwords';
import { createSession, endSession, type RequestMeta, type SessionPolicy } from './sessions';

export interface SignedIn {
  token: string;
  expires: Date;
  userId: string;
}

export interface SignInOptions {
  now?: Date;
  /** The session the browser came with: ended, so each sign-in starts a new session id. */
  previousToken?: string | undefined;
  limits?: SignInLimits;
}

// One message for an unknown name and a wrong password: which one it was is not told.
const REFUSED = 'The user name or password is not right.';

/** The user as the audit log's "who" (no grants needed for that). */
export const auditWho = (user: Pick<UserRow, 'id' | 'name'>, meta: RequestMeta): Principal => ({
  userId: user.id,
  userName: user.name,
  address: meta.address,
  requestId: meta.requestId,
  tenancyId: '',
  groupNames: [],
  grants: [],
  via: 'session',
});

/**
 * Opens a session for the user: the browser's previous session (a token planted before sign-in
 * included) ends, and the sign-in is in the audit log.
 */
export function openSignedInSession(db: Db, user: Pick<UserRow, 'id' | 'name'>, meta: RequestMeta, policy: SessionPolicy, options: { now: Date; previousToken?: string | undefined; how?: string }): SignedIn {
  if (options.previousToken) endSession(db, options.previousToken);
  const session = createSession(db, user.id, meta, policy, options.now);
  recordAudit(db, auditWho(user, meta), { action: 'SignIn', resourceType: 'users', resourceId: user.id, outcome: 'SUCCEEDED', detail: options.how ?? '' }, options.now);
  return { ...session, userId: user.id };
}

/** TooManyRequests (with when to try again) while the name or the address is past its limit. */
export function signInLimitRefusal(db: Db, userName: string, address: string, now: Date, limits: SignInLimits = SIGN_IN_LIMITS): DomainError | null {
  const since = new Date(now.getTime() - limits.windowMs).toISOString();
  const decision = decideSignInLimit({ byUserName: signInFailureTimes(db, { userName: failureKeyOf(userName) }, since), byAddress: signInFailureTimes(db, { address }, since) }, limits);
  return decision.allowed ? null : domainError('TooManyRequests', signInLimitMessage(decision, now, limits));
}

/**
 * Checks a name and password and opens a session; every attempt is in the audit log. Past the
 * rate limit (per user name and per address) the attempt is refused before the password is read.
 */
export async function signInWithPassword(db: Db, input: { userName: string; password: string }, meta: RequestMeta, policy: SessionPolicy, options: SignInOptions = {}): Promise<Result<SignedIn, DomainError>> {
  const now = options.now ?? new Date();
  const limits = options.limits ?? SIGN_IN_LIMITS;
  const user = getUserRowByName(db, input.userName);
  const who = user ? auditWho(user, meta) : { userName: input.userName.slice(0, 100), address: meta.address, requestId: meta.requestId };
  const limited = signInLimitRefusal(db, input.userName, meta.address, now, limits);
  if (limited) {
    recordAudit(db, who, { action: 'SignInFailed', resourceType: 'users', resourceId: user?.id, outcome: 'FAILED', detail: 'TooManyRequests' }, now);
    return err(limited);
  }
  const good = user?.passwordHash && user.lifecycleState === 'ACTIVE' ? await verifyPassword(user.passwordHash, input.password) : false;
  if (!user || !good) {
    insertSignInFailure(db, failureKeyOf(input.userName), meta.address, now.toISOString());
    recordAudit(db, who, { action: 'SignInFailed', resourceType: 'users', resourceId: user?.id, outcome: 'FAILED', detail: 'NotAuthenticated' }, now);
    return err(domainError('NotAuthenticated', REFUSED));
  }
  clearSignInFailures(db, failureKeyOf(input.userName));
  return ok(openSignedInSession(db, user, meta, policy, { now, previousToken: options.previousToken }));
}
