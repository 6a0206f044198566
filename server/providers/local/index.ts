import type { Db } from '@/db/client';
import type { JobHandler, WorkRequestRunner } from '@/server/jobs/runner';
import type { WorkRequestOperationType } from '@/server/domain/oci-types';
import type { DataScienceProvider } from '../types';
import { createLocalIdentity } from './identity';
import { createLocalModelDeployments, createLocalModels } from './model-deployments';
import { projectDeleteHandler } from './project-jobs';
import { createLocalProjects, type LocalDeps } from './projects';
import { createLocalWorkRequests } from './work-requests';

export type { LocalDeps } from './projects';

/** The handlers the runner needs for the local provider's asynchronous operations. */
export function createLocalJobHandlers(db: Db): Partial<Record<WorkRequestOperationType, JobHandler>> {
  return { PROJECT_DELETE: projectDeleteHandler(db) };
}

export function createLocalProvider(deps: LocalDeps & { runner: WorkRequestRunner }): DataScienceProvider {
  return {
    kind: 'local',
    ...createLocalIdentity(deps.db),
    ...createLocalProjects(deps),
    ...createLocalModels(),
    ...createLocalModelDeployments(),
    ...createLocalWorkRequests(deps.db, deps.runner),
  };
}
