import type { Db } from '@/db/client';
import {
  getModelVersionSetRow,
  insertModelVersionSetRow,
  listModelVersionSetRows,
  liveModelVersionSetNamed,
  updateModelVersionSetRow,
  type ModelVersionSetRow,
} from '@/db/queries/model-version-sets';
import { getProjectRow } from '@/db/queries/projects';
import type { ModelVersionSet } from '@/server/domain/model-version-sets';
import { generateOcid } from '@/server/domain/ocid';
import { domainError, err, notFound, ok, type DomainError } from '@/server/domain/result';
import type { JobHandler, WorkRequestRunner } from '@/server/jobs/runner';
import type { ModelVersionSetsApi } from '../types';
import { checkCompartment, checkDefinedTags } from './identity';
import { pagedList } from './paging';

export interface LocalVersionSetDeps {
  db: Db;
  runner: WorkRequestRunner;
  region: string;
  userId: string;
  now: () => Date;
}

export const toModelVersionSet = (r: ModelVersionSetRow): ModelVersionSet => ({
  id: r.id,
  compartmentId: r.compartmentId,
  projectId: r.projectId,
  name: r.name,
  description: r.description ?? '',
  lifecycleState: r.lifecycleState,
  timeCreated: r.timeCreated,
  timeUpdated: r.timeUpdated,
  createdBy: r.createdBy,
  category: 'USER',
  freeformTags: r.freeformTags,
  definedTags: r.definedTags,
});

const nameTaken = (name: string) => domainError('Conflict', `A model version set named ${name} already exists in the project.`);

export function createLocalModelVersionSets({ db, runner, region, userId, now }: LocalVersionSetDeps): ModelVersionSetsApi {
  const active = (id: string): { row: ModelVersionSetRow } | { error: DomainError } => {
    const row = getModelVersionSetRow(db, id);
    if (!row || row.lifecycleState === 'DELETED') return { error: notFound('Model version set', id) };
    if (row.lifecycleState !== 'ACTIVE') {
      return { error: domainError('IncorrectState', `Model version set ${row.name} is ${row.lifecycleState} and cannot be changed.`) };
    }
    return { row };
  };

  return {
    async createModelVersionSet(details) {
      const compartment = checkCompartment(db, details.compartmentId);
      if (!compartment.ok) return compartment;
      const project = getProjectRow(db, details.projectId);
      if (!project || project.lifecycleState === 'DELETED') return err(notFound('Project', details.projectId));
      if (project.lifecycleState !== 'ACTIVE') return err(domainError('IncorrectState', `Project ${project.displayName} is ${project.lifecycleState}.`));
      const tags = checkDefinedTags(db, details.definedTags);
      if (!tags.ok) return tags;
      const time = now().toISOString();
      const row = {
        id: generateOcid('datasciencemodelversionset', { region }),
        compartmentId: details.compartmentId,
        projectId: details.projectId,
        name: details.name,
        liveName: details.name,
        description: details.description ?? null,
        createdBy: userId,
        lifecycleState: 'ACTIVE' as const,
        timeCreated: time,
        timeUpdated: time,
        freeformTags: details.freeformTags ?? {},
        definedTags: details.definedTags ?? {},
      };
      // Checked and inserted in one transaction; the unique index catches a concurrent twin.
      const inserted = db.transaction(() => {
        if (liveModelVersionSetNamed(db, details.projectId, details.name)) return false;
        insertModelVersionSetRow(db, row);
        return true;
      });
      return inserted ? ok(toModelVersionSet(row)) : err(nameTaken(details.name));
    },

    async getModelVersionSet(id) {
      const row = getModelVersionSetRow(db, id);
      return row ? ok(toModelVersionSet(row)) : err(notFound('Model version set', id));
    },

    async listModelVersionSets(params) {
      const { limit: _limit, page, ...filters } = params;
      return pagedList(page, params.limit, (limit, offset) => listModelVersionSetRows(db, { ...filters, limit, offset }), toModelVersionSet);
    },

    async updateModelVersionSet(id, details) {
      const found = active(id);
      if ('error' in found) return err(found.error);
      const tags = checkDefinedTags(db, details.definedTags);
      if (!tags.ok) return tags;
      const patch = {
        ...(details.description != null ? { description: details.description } : {}),
        ...(details.freeformTags != null ? { freeformTags: details.freeformTags } : {}),
        ...(details.definedTags != null ? { definedTags: details.definedTags } : {}),
        timeUpdated: now().toISOString(),
      };
      updateModelVersionSetRow(db, id, patch);
      return ok(toModelVersionSet({ ...found.row, ...patch }));
    },

    async deleteModelVersionSet(id) {
      const found = active(id);
      if ('error' in found) return err(found.error);
      const { row } = found;
      // One transaction: a set is never DELETING without the work request that finishes it.
      const wr = db.transaction(() => {
        updateModelVersionSetRow(db, id, { lifecycleState: 'DELETING', timeUpdated: now().toISOString() });
        return runner.enqueue({
          operationType: 'MODELVERSIONSET_DELETE',
          compartmentId: row.compartmentId,
          resourceId: id,
          resources: [{ actionType: 'DELETED', entityType: 'modelversionset', identifier: id, entityUri: `/modelVersionSets/${id}` }],
          payload: { modelVersionSetId: id },
        });
      });
      return ok({ workRequestId: wr.id, resource: undefined });
    },

    async changeModelVersionSetCompartment(id, compartmentId) {
      const found = active(id);
      if ('error' in found) return err(found.error);
      const compartment = checkCompartment(db, compartmentId);
      if (!compartment.ok) return compartment;
      const patch = { compartmentId, timeUpdated: now().toISOString() };
      updateModelVersionSetRow(db, id, patch);
      return ok(toModelVersionSet({ ...found.row, ...patch }));
    },
  };
}

/** MODELVERSIONSET_DELETE: idempotent, so a run resumed after a restart simply finishes the job. */
export function modelVersionSetDeleteHandler(db: Db, now: () => Date): JobHandler<'MODELVERSIONSET_DELETE'> {
  return async ({ payload, log, progress }) => {
    const id = payload.modelVersionSetId;
    const row = getModelVersionSetRow(db, id);
    if (!row) return err(notFound('Model version set', id));
    if (row.lifecycleState !== 'DELETED') {
      // The name is freed with the delete, as OCI lets a new set take it.
      updateModelVersionSetRow(db, id, { lifecycleState: 'DELETED', liveName: null, timeUpdated: now().toISOString() });
    }
    progress(100);
    log(`Model version set ${row.name} deleted.`);
    return ok(undefined);
  };
}
