import type { DomainError, Result } from '@/server/domain/result';
import { revealSecret } from '@/server/providers/local/deployments/secrets';
import type { AppContext } from './context';

/**
 * A secret environment variable's value, on an explicit request that is recorded in the
 * deployment's work-request history (who, which variable; never the value).
 */
export async function revealDeploymentSecret(
  ctx: Pick<AppContext, 'db' | 'config' | 'installation'>,
  deploymentId: string,
  name: string,
): Promise<Result<{ name: string; value: string; workRequestId: string }, DomainError>> {
  return revealSecret({ db: ctx.db, region: ctx.config.region, userId: ctx.installation.userId, now: () => new Date() }, deploymentId, name);
}
