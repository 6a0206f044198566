import { listAuditActions, listAuditEvents, listResourceAuditEvents, type AuditEventRow } from '@/db/queries/audit';
import { compartmentParents } from '@/db/queries/users';
import { isAllowed } from '@/server/domain/iam';
import type { Principal } from '@/server/domain/principal';
import { err, notFound, ok, type DomainError, type Result } from '@/server/domain/result';
import { AUDIT_PAGE_SIZE, type AuditSearchParams } from '@/server/validation/audit-params';
import type { AppContext } from './context';

type Ctx = Pick<AppContext, 'db' | 'installation' | 'provider'>;

export interface AuditLogPage {
  rows: AuditEventRow[];
  total: number;
  page: number;
  pageSize: number;
  actions: string[];
}

/** The audit log is the ops role's: manage berth-operations in the tenancy. */
export const mayReadAuditLog = (ctx: Ctx, principal: Principal): boolean =>
  isAllowed(principal.grants, 'manage', 'berth-operations', ctx.installation.tenancyId, compartmentParents(ctx.db));

/** One page of the whole log, filtered; to anyone else it does not exist. */
export function auditLogPage(ctx: Ctx, principal: Principal, params: AuditSearchParams): Result<AuditLogPage, DomainError> {
  if (!mayReadAuditLog(ctx, principal)) return err(notFound('Page', '/admin/audit'));
  const page = params.page ?? 1;
  const { rows, total } = listAuditEvents(ctx.db, params, { limit: AUDIT_PAGE_SIZE, offset: (page - 1) * AUDIT_PAGE_SIZE });
  return ok({ rows, total, page, pageSize: AUDIT_PAGE_SIZE, actions: listAuditActions(ctx.db) });
}

/** The most a detail page's History lists; the audit page has the rest. */
export const HISTORY_LIMIT = 100;

/** A deployment's or a model's own events, for whoever may read the resource (the provider checks). */
export async function resourceHistory(ctx: Ctx, kind: 'deployment' | 'model', id: string): Promise<Result<AuditEventRow[], DomainError>> {
  const seen = kind === 'deployment' ? await ctx.provider.getModelDeployment(id) : await ctx.provider.getModel(id);
  if (!seen.ok) return seen;
  return ok(listResourceAuditEvents(ctx.db, id, HISTORY_LIMIT));
}
