import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Db } from '@/db/client';
import {
  getModelArtifactRow,
  getModelRow,
  insertModelArtifactRow,
  insertModelRow,
  insertModelWithArtifact,
  listModelRows,
  markModelDeleted,
  updateModelRow,
  type ModelArtifactRow,
  type ModelRow,
  type NewModelArtifactRow,
} from '@/db/queries/models';
import { getProjectRow } from '@/db/queries/projects';
import { modelDeployments } from '@/db/schema';
import { and, eq, notInArray } from 'drizzle-orm';
import { generateOcid } from '@/server/domain/ocid';
import { domainError, err, notFound, ok, type DomainError, type Result } from '@/server/domain/result';
import type { ModelArtifactInfo, ModelsApi } from '../types';
import { inspected, type ArtifactIntrospection, type MlflowIntrospection } from '@/server/domain/artifact-introspection';
import type { CreateModelDetails, ModelProvenance } from '@/server/domain/oci-types';
import { openUploadBudget } from './artifacts/budget';
import { toOciSchema } from '@/server/domain/mlflow-signature';
import { removeArtifactFiles, storeArtifact, type StoredArtifact } from './artifacts/store';
import { checkCompartment, checkDefinedTags } from './identity';
import { toModel } from './mappers';
import { resolveVersionFields } from './model-versions';
import { pagedList } from './paging';

export interface LocalModelsDeps {
  db: Db;
  region: string;
  userId: string;
  dataDir: string;
  artifactsDir: string;
  uploadsDir: string;
  maxArtifactBytes: number;
  /** BERTH_DATA_QUOTA_GB in bytes; null: only the disk's free space bounds uploads. */
  dataQuotaBytes: number | null;
  now: () => Date;
}

/** An MLflow signature's columns become the input and output schema the user did not give. */
function mlflowSchemas(row: ModelRow, mlflow: MlflowIntrospection | undefined): Partial<ModelRow> {
  if (!mlflow || 'error' in mlflow || !mlflow.signature) return {};
  const { inputs, outputs } = mlflow.signature;
  return {
    ...(!row.inputSchema && inputs ? { inputSchema: toOciSchema(inputs) } : {}),
    ...(!row.outputSchema && outputs ? { outputSchema: toOciSchema(outputs) } : {}),
  };
}
const NO_VERSION = { modelVersionSetId: null, modelVersionSetName: null, versionId: null, versionLabel: null, liveVersionLabel: null };

const toInfo = (a: Pick<ModelArtifactRow, 'fileName' | 'sizeInBytes' | 'contentMd5' | 'timeUploaded' | 'introspection'>): ModelArtifactInfo => ({
  fileName: a.fileName,
  sizeInBytes: a.sizeInBytes,
  contentMd5: a.contentMd5,
  timeUploaded: a.timeUploaded,
  introspection: a.introspection,
});

export function createLocalModels(deps: LocalModelsDeps): ModelsApi {
  const { db, region, userId, now } = deps;
  const live = (id: string): Result<NonNullable<ReturnType<typeof getModelRow>>, DomainError> => {
    const row = getModelRow(db, id);
    return row && row.lifecycleState !== 'DELETED' ? ok(row) : err(notFound('Model', id));
  };

  function newModelRow(details: CreateModelDetails & { provenance?: ModelProvenance }): Result<ModelRow, DomainError> {
    const project = getProjectRow(db, details.projectId);
    if (!project || project.lifecycleState !== 'ACTIVE') {
      return err(domainError('NotAuthorizedOrNotFound', `Project ${details.projectId} was not found or is not active.`, { projectId: 'No such active project' }));
    }
    const compartment = checkCompartment(db, details.compartmentId);
    if (!compartment.ok) return compartment;
    const tags = checkDefinedTags(db, details.definedTags);
    if (!tags.ok) return tags;
    const version = resolveVersionFields(db, NO_VERSION, details);
    if (!version.ok) return version;
    const time = now();
    return ok({
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
      ...version.data,
      customMetadataList: details.customMetadataList ?? [],
      definedMetadataList: details.definedMetadataList ?? [],
      inputSchema: details.inputSchema ?? null,
      outputSchema: details.outputSchema ?? null,
      provenance: details.provenance ?? null,
      freeformTags: details.freeformTags ?? {},
      definedTags: details.definedTags ?? {},
    });
  }

  /**
   * Inserts a model with its version number and label decided in the same transaction, so two
   * models joining a set at once never share a number or a label.
   */
  function insertVersioned(row: ModelRow, insert: (row: ModelRow) => void): Result<ModelRow, DomainError> {
    return db.transaction(() => {
      const version = resolveVersionFields(db, NO_VERSION, { ...(row.modelVersionSetId ? { modelVersionSetId: row.modelVersionSetId } : {}), versionLabel: row.versionLabel ?? '' });
      if (!version.ok) return version;
      const versioned = { ...row, ...version.data };
      insert(versioned);
      return ok(versioned);
    });
  }

  /** Streams the artifact into the store within the size limit and the data quota. */
  async function store(modelId: string, source: Readable, fileName: string): Promise<Result<StoredArtifact, DomainError>> {
    const budget = await openUploadBudget({ dataDir: deps.dataDir, uploadsDir: deps.uploadsDir, quotaBytes: deps.dataQuotaBytes });
    let stored: Result<StoredArtifact, DomainError> | undefined;
    try {
      stored = await storeArtifact({ artifactsDir: deps.artifactsDir, uploadsDir: deps.uploadsDir, modelId, source, fileName, maxBytes: deps.maxArtifactBytes, budget });
      return stored;
    } finally {
      budget.release(stored?.ok === true);
    }
  }

  const artifactRowOf = (modelId: string, a: StoredArtifact): NewModelArtifactRow & { introspection: ArtifactIntrospection } => ({
    modelId,
    fileName: path.basename(a.fileName) || `${modelId}.zip`,
    storagePath: a.storagePath,
    sizeInBytes: a.sizeInBytes,
    contentMd5: a.contentMd5,
    sha256: a.sha256,
    timeUploaded: now().toISOString(),
    introspection: { ...a.introspection, unpackedBytes: a.unpackedBytes },
    unpackedDir: a.unpackedDir,
  });

  return {
    async createModel(details) {
      const row = newModelRow(details);
      if (!row.ok) return row;
      const inserted = insertVersioned(row.data, (r) => insertModelRow(db, r));
      return inserted.ok ? ok(toModel(inserted.data)) : inserted;
    },

    async createModelWithArtifact(details, source, fileName) {
      const row = newModelRow(details);
      if (!row.ok) {
        source.resume();
        return row;
      }
      const stored = await store(row.data.id, source, fileName);
      if (!stored.ok) return stored;
      const model = { ...row.data, ...mlflowSchemas(row.data, stored.data.introspection.mlflow) };
      let inserted: Result<ModelRow, DomainError>;
      try {
        inserted = insertVersioned(model, (r) => insertModelWithArtifact(db, r, artifactRowOf(r.id, stored.data)));
      } catch (cause) {
        removeArtifactFiles(deps.artifactsDir, row.data.id);
        throw cause;
      }
      // The label was taken while the artifact uploaded: nothing of this model stays.
      if (!inserted.ok) removeArtifactFiles(deps.artifactsDir, row.data.id);
      return inserted.ok ? ok(toModel(inserted.data)) : inserted;
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
      const { modelVersionSetId, versionLabel, ...rest } = details;
      const given = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined && v !== null));
      const updated = db.transaction(() => {
        const version = resolveVersionFields(db, row.data, { modelVersionSetId, versionLabel });
        if (!version.ok) return version;
        const patch = { ...given, ...version.data };
        updateModelRow(db, id, patch);
        return ok({ ...row.data, ...patch });
      });
      return updated.ok ? ok(toModel(updated.data)) : updated;
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
      // The row first: a crash before the files go leaves them to the boot sweep, never a live
      // model without its files.
      markModelDeleted(db, id);
      removeArtifactFiles(deps.artifactsDir, id);
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
      const stored = await store(id, source, fileName);
      if (!stored.ok) return stored;
      const artifactRow = artifactRowOf(id, stored.data);
      try {
        insertModelArtifactRow(db, artifactRow);
      } catch (cause) {
        removeArtifactFiles(deps.artifactsDir, id);
        throw cause;
      }
      const schemas = mlflowSchemas(row.data, stored.data.introspection.mlflow);
      if (Object.keys(schemas).length > 0) updateModelRow(db, id, schemas);
      return ok(toInfo({ ...artifactRow, introspection: inspected(artifactRow.introspection) }));
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
