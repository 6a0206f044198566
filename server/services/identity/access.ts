import { compartmentParents } from '@/db/queries/users';
import { accessOf, isOps, NO_ACCESS, type Access } from '@/server/domain/access';
import { isAllowed, type CheckedResourceType, type IamVerb } from '@/server/domain/iam';
import type { ModelDeployment } from '@/server/domain/oci-types';
import type { Principal } from '@/server/domain/principal';
import { domainError, err, notFound, ok, type DomainError, type Result } from '@/server/domain/result';
import type { AppContext } from '../context';
import { recordAudit } from './audit';

// Checks for the paths that reach a resource without the authorizing provider (the operations
// page, image builds, secret reveal, invoke, update plans): the same verbs, the same 404 words.

type Ctx = Pick<AppContext, 'db' | 'provider' | 'principal'> & Partial<Pick<AppContext, 'session'>>;

// Where the context's service decides itself (OCI's policies, for the profile's key; a context only
// the ops role may choose), the console offers every action and shows the service's refusal in
// words. Secrets are OCI's plain environment variables there, nothing to reveal.
const OCI_ACCESS: Access = { canCreate: true, canUpdate: true, canDelete: true, canMove: true, canActivate: true, canRevealSecrets: false, isOps: false };

const signInAgain = (): DomainError => domainError('NotAuthenticated', 'Sign in to continue: the session has ended or the request carried none.');

/** Whether the session's context has policies of its own instead of the console's. */
const serviceDecides = async (ctx: Ctx): Promise<boolean> => (ctx.session ? !(await ctx.session()).capabilities.consolePolicies : false);

/** What the UI may offer the request's principal in a compartment; nothing without one. */
export async function accessIn(ctx: Ctx, compartmentId: string, type: CheckedResourceType): Promise<Access> {
  const principal = await ctx.principal();
  if (!principal) return NO_ACCESS;
  if (await serviceDecides(ctx)) return OCI_ACCESS;
  return accessOf(principal, compartmentParents(ctx.db), compartmentId, type);
}

/** Whether the request's principal holds the ops role (manage berth-operations in the tenancy). */
export async function principalIsOps(ctx: Ctx): Promise<boolean> {
  const principal = await ctx.principal();
  return principal ? isOps(principal, compartmentParents(ctx.db)) : false;
}

/**
 * The ops role or a not-found for `what`; a refused change (`action` given) lands in the audit
 * log like the provider's refusals.
 */
export async function authorizeOps(ctx: Ctx, what: { kind: string; id: string }, action?: string): Promise<Result<Principal, DomainError>> {
  const principal = await ctx.principal();
  if (!principal) return err(signInAgain());
  if (isOps(principal, compartmentParents(ctx.db))) return ok(principal);
  if (action) recordAudit(ctx.db, principal, { action, resourceType: 'berth-operations', resourceId: what.id, outcome: 'DENIED', detail: 'NotAuthorizedOrNotFound' });
  return err(notFound(what.kind, what.id));
}

/**
 * `verb` on a deployment: it must be readable (the provider's check) and the verb held in its
 * compartment; otherwise the same not-found as a missing one.
 */
export async function authorizeDeployment(ctx: Ctx, verb: IamVerb, deploymentId: string, action?: string): Promise<Result<{ principal: Principal; deployment: ModelDeployment }, DomainError>> {
  const principal = await ctx.principal();
  if (!principal) return err(signInAgain());
  const md = await ctx.provider.getModelDeployment(deploymentId);
  const type: CheckedResourceType = 'data-science-model-deployments';
  // The service checked the read itself; what else it allows, it says when asked to do it.
  if (md.ok && (await serviceDecides(ctx))) return ok({ principal, deployment: md.data });
  if (md.ok && isAllowed(principal.grants, verb, type, md.data.compartmentId, compartmentParents(ctx.db))) return ok({ principal, deployment: md.data });
  if (action) recordAudit(ctx.db, principal, { action, resourceType: type, resourceId: deploymentId, compartmentId: md.ok ? md.data.compartmentId : undefined, outcome: 'DENIED', detail: 'NotAuthorizedOrNotFound' });
  return err(md.ok ? notFound('Model deployment', deploymentId) : md.error);
}
