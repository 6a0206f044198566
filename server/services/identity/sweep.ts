import type { Db } from '@/db/client';
import { sweepSignInRecords } from '@/db/queries/sign-in';
import { SIGN_IN_LIMITS } from '@/server/domain/sign-in-limit';
import { sweepExpiredSessions, type SessionPolicy } from './sessions';

// Every session is checked when it is used; the sweep only keeps the tables from growing with
// sessions nobody comes back to, failures out of the window and links long dead.
const SWEEP_EVERY_MS = 10 * 60_000;
// An ended link is kept a day, so opening it says "expired" or "used" rather than "unknown".
const KEEP_ENDED_LINKS_MS = 24 * 3_600_000;

export function sweepIdentity(db: Db, policy: SessionPolicy, now = new Date()): { sessions: number; failures: number; tokens: number } {
  const sessions = sweepExpiredSessions(db, policy, now);
  const rest = sweepSignInRecords(db, new Date(now.getTime() - SIGN_IN_LIMITS.windowMs).toISOString(), new Date(now.getTime() - KEEP_ENDED_LINKS_MS).toISOString());
  return { sessions, ...rest };
}

/** Once at boot, then every ten minutes; the timer never keeps the process alive. */
export function startIdentitySweep(db: Db, policy: SessionPolicy): () => void {
  const sweep = () => {
    try {
      sweepIdentity(db, policy);
    } catch (e) {
      console.error('Berth: the sweep of expired sessions failed', e);
    }
  };
  sweep();
  const timer = setInterval(sweep, SWEEP_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
