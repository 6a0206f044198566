import type { Db } from '@/db/client';
import {
  countLiveChildren,
  getProjectRow,
  insertProjectRow,
  listProjectRows,
  updateProjectRow,
} from '@/db/queries/projects';
import { checkProjectDelete } from '@/server/domain/md-lifecycle';
import { generateOcid } from '@/server/domain/ocid';
import { domainError, err, notFound, ok } from '@/server/domain/result';
import type { WorkRequestRunner } from '@/server/jobs/runner';
import type { ProjectsApi } from '../types';
import { checkCompartment, checkDefinedTags } from './identity';
import { toProject } from './mappers';
import { pagedList } from './paging';

export interface LocalDeps {
  db: Db;
  runner: WorkRequestRunner;
  region: string;
  userId: string;
  now: () => Date;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function createLocalProjects({ db, runner, region, userId, now }: LocalDeps): ProjectsApi {
  const live = (id: string) => {
    const row = getProjectRow(db, id);
    return row && row.lifecycleState !== 'DELETED' ? row : undefined;
  };

  return {
    async createProject(details) {
      const compartment = checkCompartment(db, details.compartmentId);
      if (!compartment.ok) return compartment;
      const tags = checkDefinedTags(db, details.definedTags);
      if (!tags.ok) return tags;
      const time = now();
      const row = {
        id: generateOcid('datascienceproject', { region }),
        compartmentId: details.compartmentId,
        // OCI names an unnamed project after its creation time.
        displayName: details.displayName?.trim() || `project${time.toISOString().replace(/\D/g, '').slice(0, 14)}`,
        description: details.description ?? null,
        createdBy: userId,
        lifecycleState: 'ACTIVE' as const,
        timeCreated: time.toISOString(),
        freeformTags: details.freeformTags ?? {},
        definedTags: details.definedTags ?? {},
        systemTags: null,
      };
      insertProjectRow(db, row);
      return ok(toProject(row));
    },

    async getProject(id) {
      const row = getProjectRow(db, id);
      return row ? ok(toProject(row)) : err(notFound('Project', id));
    },

    async listProjects(params) {
      return pagedList(params.page, params.limit, (limit, offset) => listProjectRows(db, { ...params, limit, offset }), toProject);
    },

    async updateProject(id, details) {
      const row = live(id);
      if (!row) return err(notFound('Project', id));
      if (row.lifecycleState !== 'ACTIVE') {
        return err(domainError('IncorrectState', `Project ${row.displayName} is ${row.lifecycleState} and cannot be changed.`));
      }
      const tags = checkDefinedTags(db, details.definedTags);
      if (!tags.ok) return tags;
      const patch = {
        ...(details.displayName != null ? { displayName: details.displayName } : {}),
        ...(details.description != null ? { description: details.description } : {}),
        ...(details.freeformTags != null ? { freeformTags: details.freeformTags } : {}),
        ...(details.definedTags != null ? { definedTags: details.definedTags } : {}),
      };
      updateProjectRow(db, id, patch);
      return ok(toProject({ ...row, ...patch }));
    },

    async deleteProject(id) {
      const row = live(id);
      if (!row) return err(notFound('Project', id));
      const allowed = checkProjectDelete(row.lifecycleState);
      if (!allowed.ok) return allowed;
      const children = countLiveChildren(db, id);
      if (children.models + children.modelDeployments > 0) {
        return err(
          domainError(
            'IncorrectState',
            `Project ${row.displayName} still has ${plural(children.models, 'model')} and ` +
              `${plural(children.modelDeployments, 'model deployment')} that are not deleted. Delete them first.`,
          ),
        );
      }
      // One transaction: a project is never DELETING without the work request that finishes it.
      const wr = db.transaction(() => {
        updateProjectRow(db, id, { lifecycleState: 'DELETING' });
        return runner.enqueue({
          operationType: 'PROJECT_DELETE',
          compartmentId: row.compartmentId,
          resourceId: id,
          resources: [{ actionType: 'DELETED', entityType: 'project', identifier: id, entityUri: `/projects/${id}` }],
          payload: { projectId: id },
        });
      });
      return ok({ workRequestId: wr.id, resource: undefined });
    },

    async changeProjectCompartment(id, compartmentId) {
      const row = live(id);
      if (!row) return err(notFound('Project', id));
      if (row.lifecycleState !== 'ACTIVE') {
        return err(domainError('IncorrectState', `Project ${row.displayName} is ${row.lifecycleState} and cannot be moved.`));
      }
      const compartment = checkCompartment(db, compartmentId);
      if (!compartment.ok) return compartment;
      updateProjectRow(db, id, { compartmentId });
      return ok(toProject({ ...row, compartmentId }));
    },
  };
}
