import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '@/db/client';
import { getModelArtifactRow, getModelRow, insertModelArtifactRow, insertModelRow, listModelRows, updateModelRow, type ModelArtifactRow } from '@/db/queries/models';
import { getProjectRow } from '@/db/queries/projects';
import { modelDeployments } from '@/db/schema';
import { and, eq, notInArray } from 'drizzle-orm';
import { generateOcid } from '@/server/domain/ocid';
import { domainError, err, notFound, ok, type DomainError, type Result } from '@/server/domain/result';
import type { ModelArtifactInfo, ModelsApi } from '../types';
import { storeArtifact } from './artifacts/store';
import { checkCompartment, checkDefinedTags } from './identity';
import { toModel } from './mappers';
import { pagedList } from './paging';

export interface LocalModelsDeps {
  db: Db;
  region: string;
  userId: string;
  artifactsDir: string;
  maxArtifactBytes: number;
  now: () => Date;
}

const toInfo = (a: ModelArtifactRow): ModelArtifactInfo => ({
  fileName: a.fileName,
  sizeInBytes: a.sizeInBytes,
  contentMd5: a.contentMd5,
  timeUploaded: a.timeUploaded,
  introspection: a.introspection ?? {},
});

export function createLocalModels(deps: LocalModelsDeps): ModelsApi {
  const { db, region, userId, now } = deps;
  const live = (id: string): Result<NonNullable<ReturnType<typeof getModelRow>>, DomainError> => {
    const row = getModelRow(db, id);
    return row && row.lifecycleState !== 'DELETED' ? ok(row) : err(notFound('Model', id));
  };

  return {
    async createModel(details) {
      const project = getProjectRow(db, details.projectId);
      if (!project || project.lifecycleState !== 'ACTIVE') {
        return err(domainError('NotAuthorizedOrNotFound', `Project ${details.projectId} was not found or is not active.`, { projectId: 'No such active project' }));
      }
      const compartment = checkCompartment(db, details.compartmentId);
      if (!compartment.ok) return compartment;
      const tags = checkDefinedTags(db, details.definedTags);
      if (!tags.ok) return tags;
      const time = now();
      const row = {
        id: generateOcid('datasciencemodel', { region }),
        compartmentId: details.compartmentId,
        projectId: details.projectId,
        displayName: details.displayName?.trim() || `model${time.toISOString().replace(/\D/g, '').slice(0, 14)}`,
        description: details.description ?? null,
        lifecycleState: 'ACTIVE' as const,
        lifecycleDetails: null,
        createdBy: userId,
        timeCreated: time.toISOString(),
        category: 'USER' as const,
        versionLabel: details.versionLabel ?? null,
        customMetadataList: details.customMetadataList ?? [],
        definedMetadataList: details.definedMetadataList ?? [],
        inputSchema: details.inputSchema ?? null,
        outputSchema: details.outputSchema ?? null,
        provenance: details.provenance ?? null,
        freeformTags: details.freeformTags ?? {},
        definedTags: details.definedTags ?? {},
      };
      insertModelRow(db, row);
      return ok(toModel(row));
    },

    async getModel(id) {
      const row = getModelRow(db, id);
      return row ? ok(toModel(row)) : err(notFound('Model', id));
    },

    async getModelProvenance(id) {
      const row = live(id);
      return row.ok ? ok(row.data.provenance ?? {}) : row;
    },

    async changeModelCompartment(id, compartmentId) {
      const row = live(id);
      if (!row.ok) return row;
      const compartment = checkCompartment(db, compartmentId);
      if (!compartment.ok) return compartment;
      updateModelRow(db, id, { compartmentId });
      return ok(toModel({ ...row.data, compartmentId }));
    },

    async listModels(params) {
      return pagedList(params.page, params.limit, (limit, offset) => listModelRows(db, { ...params, limit, offset }), toModel);
    },

    async updateModel(id, details) {
      const row = live(id);
      if (!row.ok) return row;
      const tags = checkDefinedTags(db, details.definedTags);
      if (!tags.ok) return tags;
      const patch = Object.fromEntries(Object.entries(details).filter(([, v]) => v !== undefined && v !== null));
      updateModelRow(db, id, patch);
      return ok(toModel({ ...row.data, ...patch }));
    },

    async activateModel(id) {
      const row = live(id);
      if (!row.ok) return row;
      updateModelRow(db, id, { lifecycleState: 'ACTIVE' });
      return ok(toModel({ ...row.data, lifecycleState: 'ACTIVE' }));
    },

    async deactivateModel(id) {
      const row = live(id);
      if (!row.ok) return row;
      updateModelRow(db, id, { lifecycleState: 'INACTIVE' });
      return ok(toModel({ ...row.data, lifecycleState: 'INACTIVE' }));
    },

    async deleteModel(id) {
      const row = live(id);
      if (!row.ok) return row;
      const inUse = db
        .select({ id: modelDeployments.id })
        .from(modelDeployments)
        .where(and(eq(modelDeployments.modelId, id), notInArray(modelDeployments.lifecycleState, ['DELETED', 'FAILED'])))
        .get();
      if (inUse) return err(domainError('IncorrectState', `Model ${row.data.displayName} is used by model deployment ${inUse.id}; delete that first.`));
      updateModelRow(db, id, { lifecycleState: 'DELETED' });
      return ok(undefined);
    },

    async createModelArtifact(id, source, fileName) {
      const row = live(id);
      if (!row.ok) {
        source.resume();
        return row;
      }
      if (getModelArtifactRow(db, id)) {
        source.resume();
        return err(domainError('Conflict', `Model ${row.data.displayName} already has an artifact; create a new model for a new artifact.`));
      }
      const stored = await storeArtifact({ artifactsDir: deps.artifactsDir, modelId: id, source, fileName, maxBytes: deps.maxArtifactBytes });
      if (!stored.ok) return stored;
      const a = stored.data;
      const artifactRow: ModelArtifactRow = {
        modelId: id,
        fileName: path.basename(a.fileName) || `${id}.zip`,
        storagePath: a.storagePath,
        sizeInBytes: a.sizeInBytes,
        contentMd5: a.contentMd5,
        sha256: a.sha256,
        timeUploaded: now().toISOString(),
        introspection: { ...a.introspection, unpackedDir: a.unpackedDir },
      };
      insertModelArtifactRow(db, artifactRow);
      return ok(toInfo(artifactRow));
    },

    async headModelArtifact(id) {
      const a = getModelArtifactRow(db, id);
      return a ? ok(toInfo(a)) : err(notFound('Artifact of model', id));
    },

    async getModelArtifactContent(id) {
      const a = getModelArtifactRow(db, id);
      if (!a || !fs.existsSync(a.storagePath)) return err(notFound('Artifact of model', id));
      return ok({ ...toInfo(a), stream: fs.createReadStream(a.storagePath) });
    },
  };
}
