import type { Db } from '@/db/client';
import { countLiveChildren, getProjectRow, updateProjectRow } from '@/db/queries/projects';
import { domainError, err, ok } from '@/server/domain/result';
import type { JobHandler } from '@/server/jobs/runner';

/** PROJECT_DELETE: idempotent, so a run resumed after a restart simply finishes the job. */
export function projectDeleteHandler(db: Db): JobHandler<'PROJECT_DELETE'> {
  return async ({ payload, log, progress }) => {
    const { projectId } = payload;
    const row = getProjectRow(db, projectId);
    if (!row) return err(domainError('NotAuthorizedOrNotFound', `Project ${projectId} was not found.`));
    if (row.lifecycleState === 'DELETED') {
      log('Project is already deleted.');
      return ok(undefined);
    }
    log(`Deleting project ${row.displayName}.`);
    progress(20);
    // Checked again here: a model may have been created between the request and this run.
    const children = countLiveChildren(db, projectId);
    if (children.models + children.modelDeployments > 0) {
      updateProjectRow(db, projectId, { lifecycleState: 'ACTIVE' });
      return err(
        domainError(
          'IncorrectState',
          `Project ${row.displayName} has models or model deployments that are not deleted; the project was kept.`,
        ),
      );
    }
    updateProjectRow(db, projectId, { lifecycleState: 'DELETED' });
    progress(100);
    log('Project deleted.');
    return ok(undefined);
  };
}
