import { eq } from 'drizzle-orm';
import { auditEvents } from '@/db/schema';
import { addMemberRow, getGroupRowByName, insertUserRow } from '@/db/queries/identity-admin';
import { generateOcid } from '@/server/domain/ocid';
import type { AppContext } from '@/server/services/context';
import { principalOfUser } from '@/server/services/identity/sessions';
import type { AdminScope } from '@/server/services/identity/admin/scope';

const META = { address: '127.0.0.1', userAgent: 'vitest', requestId: 'test-request' };

/** The seeded administrator as the principal of an admin call, on the test's real database. */
export function adminScope(ctx: AppContext, now: () => Date = () => new Date()): AdminScope {
  const principal = principalOfUser(ctx.db, ctx.installation.userId, 'admin', ctx.installation.tenancyId, 'session', META);
  return { db: ctx.db, installation: ctx.installation, principal, now };
}

/** A user of the given built-in groups (with no password), as the principal of a call. */
export function memberScope(ctx: AppContext, name: string, groupNames: string[], now: () => Date = () => new Date()): AdminScope {
  const id = generateOcid('user', { region: '' });
  insertUserRow(ctx.db, { id, name, timeCreated: now().toISOString() });
  for (const g of groupNames) {
    const group = getGroupRowByName(ctx.db, g);
    if (!group) throw new Error(`no group ${g}`);
    addMemberRow(ctx.db, group.id, id);
  }
  const principal = principalOfUser(ctx.db, id, name, ctx.installation.tenancyId, 'session', META);
  return { db: ctx.db, installation: ctx.installation, principal, now };
}

export const auditOf = (ctx: AppContext, action: string) => ctx.db.select().from(auditEvents).where(eq(auditEvents.action, action)).all();
