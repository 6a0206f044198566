import { getRevisionRow, listRevisionRows, type DeploymentRevisionRow } from '@/db/queries/deployment-revisions';
import { deploymentToDetails, detailsToYaml } from '@/server/domain/deployment-yaml-export';
import type { ModelDeployment } from '@/server/domain/oci-types';
import { domainError, err, ok, type DomainError, type Result } from '@/server/domain/result';
import { deploymentAtRevision, revisionSummary, type Revision } from '@/server/domain/revisions';
import type { AppContext } from './context';
import { authorizeDeployment } from './identity/access';

// The Revisions tab and rollback: every configuration a deployment had applied, for whoever may
// read the deployment; rolling back is an ordinary edit whose form starts from an old revision.

type Ctx = Pick<AppContext, 'db' | 'provider' | 'principal' | 'platform'>;

export interface RevisionView extends Revision {
  summary: string;
  /** The revision as a deployment spec, for "Export as YAML". */
  yaml: string;
  /** The deployment's configuration now is this revision's. */
  current: boolean;
}

const toRevision = (r: DeploymentRevisionRow): Revision => ({
  revision: r.revision,
  kind: r.kind,
  snapshot: r.snapshot,
  changes: r.changes,
  workRequestId: r.workRequestId,
  principalId: r.principalId,
  principalName: r.principalName,
  rollbackOf: r.rollbackOf,
  timeCreated: r.timeCreated,
});

export function revisionViews(md: ModelDeployment, rows: readonly DeploymentRevisionRow[]): RevisionView[] {
  const last = rows.at(-1)?.revision;
  return rows.map((row) => {
    const r = toRevision(row);
    return { ...r, summary: revisionSummary(r), yaml: detailsToYaml(deploymentToDetails(deploymentAtRevision(md, r.snapshot))), current: r.revision === last };
  });
}

/** The revisions of a deployment, newest last. */
export async function listRevisions(ctx: Ctx, deploymentId: string): Promise<Result<RevisionView[], DomainError>> {
  const allowed = await authorizeDeployment(ctx, 'read', deploymentId);
  if (!allowed.ok) return allowed;
  return ok(revisionViews(allowed.data.deployment, listRevisionRows(ctx.db, deploymentId)));
}

const noSuchRevision = (n: number) => domainError('InvalidParameter', `Revision ${n} of this deployment does not exist.`, { rollbackOf: 'No such revision' });

/** The deployment as it was at revision n: what the edit form starts from for a rollback. */
export async function deploymentForRollback(ctx: Ctx, deploymentId: string, n: number): Promise<Result<{ revision: Revision; deployment: ModelDeployment }, DomainError>> {
  const allowed = await authorizeDeployment(ctx, 'read', deploymentId);
  if (!allowed.ok) return allowed;
  const row = getRevisionRow(ctx.db, deploymentId, n);
  if (!row) return err(noSuchRevision(n));
  return ok({ revision: toRevision(row), deployment: deploymentAtRevision(allowed.data.deployment, row.snapshot) });
}

/** Refuses a rollback to a revision the deployment never had (or the caller may not read), before anything is sent. */
export async function checkRollbackTarget(ctx: Ctx, deploymentId: string, n: number | undefined): Promise<Result<void, DomainError>> {
  if (n === undefined) return ok(undefined);
  const found = await deploymentForRollback(ctx, deploymentId, n);
  return found.ok ? ok(undefined) : found;
}

/** The accepted update (a work request) or plan rolls back to revision n: its revision says so. */
export function markRollback(ctx: Pick<Ctx, 'platform'>, subject: { id: string; modelDeploymentId: string }, n: number): void {
  ctx.platform.attributeRevision(subject, { rollbackOf: n });
}
