import { compartmentParents } from '@/db/queries/users';
import { isAllowed } from '@/server/domain/iam';
import { domainError, err, notFound, type DomainError, type Result } from '@/server/domain/result';
import type { AppContext } from './context';
import { recordAudit } from './identity/audit';

type Revealed = Result<{ name: string; value: string; workRequestId: string }, DomainError>;

/**
 * A secret environment variable's value, on an explicit request that is recorded twice: in the
 * deployment's work-request history and in the audit log (who, which variable; never the value).
 * Seeing a value takes `manage` on the deployment (the value is a credential, more than its use);
 * whoever may not is answered as if the deployment were not there.
 */
export async function revealDeploymentSecret(ctx: Pick<AppContext, 'db' | 'platform' | 'provider' | 'principal'>, deploymentId: string, name: string): Promise<Revealed> {
  const principal = await ctx.principal();
  if (!principal) return err(domainError('NotAuthenticated', 'Sign in to continue: the session has ended or the request carried none.'));
  const audit = (outcome: 'SUCCEEDED' | 'FAILED' | 'DENIED', compartmentId: string | undefined, detail: string) =>
    recordAudit(ctx.db, principal, { action: 'RevealSecret', resourceType: 'data-science-model-deployments', resourceId: deploymentId, compartmentId, outcome, detail });
  const seen = await ctx.provider.getModelDeployment(deploymentId);
  if (!seen.ok) {
    audit(seen.error.code === 'NotAuthorizedOrNotFound' ? 'DENIED' : 'FAILED', undefined, `${name}: ${seen.error.code}`);
    return seen;
  }
  const { compartmentId } = seen.data;
  if (!isAllowed(principal.grants, 'manage', 'data-science-model-deployments', compartmentId, compartmentParents(ctx.db))) {
    audit('DENIED', compartmentId, `${name}: NotAuthorizedOrNotFound`);
    return err(notFound('Model deployment', deploymentId));
  }
  const result = ctx.platform.revealSecret(deploymentId, name, principal.userId);
  audit(result.ok ? 'SUCCEEDED' : 'FAILED', compartmentId, result.ok ? name : `${name}: ${result.error.code}`);
  return result;
}
