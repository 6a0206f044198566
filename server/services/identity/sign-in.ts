import type { Db } from '@/db/client';
import { getUserRowByName } from '@/db/queries/users';
import { domainError, err, ok, type DomainError, type Result } from '@/server/domain/result';
import { recordAudit } from './audit';
import { verifyPassword } from './passwords';
import { createSession, type RequestMeta, type SessionPolicy } from './sessions';

export interface SignedIn {
  token: string;
  expires: Date;
  userId: string;
}

// One message for an unknown name and a wrong password: which one it was is not told.
const REFUSED = 'The user name or password is not right.';

/** Checks a name and password and opens a session; every attempt is in the audit log. */
export async function signInWithPassword(db: Db, input: { userName: string; password: string }, meta: RequestMeta, policy: SessionPolicy): Promise<Result<SignedIn, DomainError>> {
  const user = getUserRowByName(db, input.userName);
  const good = user?.passwordHash && user.lifecycleState === 'ACTIVE' ? await verifyPassword(user.passwordHash, input.password) : false;
  if (!user || !good) {
    recordAudit(db, user ? { userId: user.id, userName: user.name, address: meta.address, requestId: meta.requestId, tenancyId: '', groupNames: [], grants: [], via: 'session' } : { userName: input.userName.slice(0, 100), address: meta.address, requestId: meta.requestId }, { action: 'SignInFailed', resourceType: 'users', resourceId: user?.id, outcome: 'FAILED', detail: 'NotAuthenticated' });
    return err(domainError('NotAuthenticated', REFUSED));
  }
  const session = createSession(db, user.id, meta, policy);
  recordAudit(db, { userId: user.id, userName: user.name, address: meta.address, requestId: meta.requestId, tenancyId: '', groupNames: [], grants: [], via: 'session' }, { action: 'SignIn', resourceType: 'users', resourceId: user.id, outcome: 'SUCCEEDED' });
  return ok({ ...session, userId: user.id });
}
