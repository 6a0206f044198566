import type Docker from 'dockerode';
import type { Db } from '@/db/client';
import { getModelArtifactRow, getModelRow } from '@/db/queries/models';
import {
  getModelDeploymentRow,
  insertModelDeploymentRow,
  listModelDeploymentRows,
  updateModelDeploymentRow,
  type ModelDeploymentRow,
} from '@/db/queries/model-deployments';
import { getProjectRow } from '@/db/queries/projects';
import { checkOperation, type MdOperation } from '@/server/domain/md-lifecycle';
import { transitionDetails } from '@/server/domain/md-lifecycle-details';
import type { ModelDeployment } from '@/server/domain/oci-types';
import { generateOcid } from '@/server/domain/ocid';
import { domainError, err, notFound, ok, type DomainError, type Result } from '@/server/domain/result';
import { applyModelDeploymentUpdate } from '@/server/domain/shallow-merge';
import { checkUpdateAllowed } from '@/server/domain/update-groups';
import { SHAPES, resolveShapeResources, toShapeSummary } from '@/server/domain/shapes';
import type { EnqueueInput, WorkRequestRunner } from '@/server/jobs/runner';
import { scalingPolicyQueryIssue } from '@/server/validation/scaling';
import type { ModelDeploymentsApi } from '../../types';
import { checkCompartment, checkDefinedTags } from '../identity';
import { pagedList } from '../paging';
import { resolveImage } from './images';
import { toModelDeployment, toModelDeploymentSummary } from './mappers';
import { sealConfiguration } from './secrets';

export interface DeploymentApiDeps {
  db: Db;
  docker: Docker;
  runner: WorkRequestRunner;
  region: string;
  userId: string;
  gatewayUrl: string;
  now: () => Date;
}

const OPERATION_TYPES = {
  CREATE: 'MODEL_DEPLOYMENT_CREATE',
  UPDATE: 'MODEL_DEPLOYMENT_UPDATE',
  ACTIVATE: 'MODEL_DEPLOYMENT_ACTIVATE',
  DEACTIVATE: 'MODEL_DEPLOYMENT_DEACTIVATE',
  DELETE: 'MODEL_DEPLOYMENT_DELETE',
} as const;

const ACTION_TYPES = { CREATE: 'CREATED', UPDATE: 'UPDATED', ACTIVATE: 'UPDATED', DEACTIVATE: 'UPDATED', DELETE: 'DELETED' } as const;

export function createLocalModelDeployments(deps: DeploymentApiDeps): ModelDeploymentsApi {
  const { db, runner } = deps;

  const live = (id: string): Result<ModelDeploymentRow, DomainError> => {
    const row = getModelDeploymentRow(db, id);
    return row && row.lifecycleState !== 'DELETED' ? ok(row) : err(notFound('Model deployment', id));
  };

  /**
   * Moves the deployment to its transitional state and queues the work, in one transaction. The
   * payload records the state it started from (where the job's outcome lands) and, for an update,
   * the merged deployment to apply.
   */
  function enqueue(row: ModelDeploymentRow, op: Exclude<MdOperation, 'CHANGE_COMPARTMENT'>, merged?: ModelDeployment) {
    const transition = checkOperation(op, op === 'CREATE' ? null : row.lifecycleState);
    if (!transition.ok) return transition;
    const fromState = row.lifecycleState;
    const target = {
      compartmentId: row.compartmentId,
      resourceId: row.id,
      resources: [{ actionType: ACTION_TYPES[op], entityType: 'model-deployment', identifier: row.id, entityUri: `/modelDeployments/${row.id}` }],
    };
    let input: EnqueueInput;
    if (op !== 'UPDATE') input = { ...target, operationType: OPERATION_TYPES[op], payload: { fromState } };
    else if (merged) input = { ...target, operationType: 'MODEL_DEPLOYMENT_UPDATE', payload: { fromState, merged } };
    else return err(domainError('InternalServerError', 'An update was queued without the deployment it applies.'));
    const wr = db.transaction(() => {
      if (transition.data.transitional) {
        updateModelDeploymentRow(db, row.id, { lifecycleState: transition.data.transitional, lifecycleDetails: transitionDetails(op, op === 'CREATE' ? null : row.lifecycleState) });
      }
      return runner.enqueue(input);
    });
    return ok({ workRequestId: wr.id, resource: undefined });
  }

  return {
    async createModelDeployment(details) {
      const compartment = checkCompartment(db, details.compartmentId);
      if (!compartment.ok) return compartment;
      const tags = checkDefinedTags(db, details.definedTags);
      if (!tags.ok) return tags;
      const project = getProjectRow(db, details.projectId);
      if (!project || project.lifecycleState !== 'ACTIVE') {
        return err(domainError('NotAuthorizedOrNotFound', `Project ${details.projectId} was not found or is not active.`, { projectId: 'No such active project' }));
      }
      const config = structuredClone(details.modelDeploymentConfigurationDetails);
      const shape = resolveShapeResources(config.modelConfigurationDetails.instanceConfiguration);
      if (!shape.ok) return shape;
      const modelId = config.modelConfigurationDetails.modelId;
      const model = getModelRow(db, modelId);
      if (!model || model.lifecycleState === 'DELETED') return err(domainError('NotAuthorizedOrNotFound', `Model ${modelId} was not found.`, { modelId: 'No such model' }));
      if (model.lifecycleState !== 'ACTIVE') {
        return err(domainError('IncorrectState', `Model ${model.displayName} is ${model.lifecycleState}; inactive models can't be used in a model deployment.`, { modelId: 'The model is not active' }));
      }
      const env = config.environmentConfigurationDetails;
      if (env?.environmentConfigurationType === 'OCIR_CONTAINER') {
        // The digest is recorded now and used from then on, so a retagged image never changes a deployment.
        const image = await resolveImage(deps.docker, env.image ?? '', env.imageDigest);
        if (!image.ok) return image;
        env.imageDigest = image.data.digest;
      } else if (!getModelArtifactRow(db, modelId)) {
        return err(domainError('InvalidParameter', `Model ${model.displayName} has no artifact; upload one before deploying it.`, { modelId: 'The model has no artifact' }));
      }
      const time = deps.now();
      const id = generateOcid('datasciencemodeldeployment', { region: deps.region });
      const marked = details.secretEnvironmentVariables ?? [];
      const row: ModelDeploymentRow = {
        id,
        compartmentId: details.compartmentId,
        projectId: details.projectId,
        modelId,
        displayName: details.displayName?.trim() || `modeldeployment${time.toISOString().replace(/\D/g, '').slice(0, 14)}`,
        description: details.description ?? null,
        createdBy: deps.userId,
        timeCreated: time.toISOString(),
        lifecycleState: 'CREATING',
        lifecycleDetails: 'Creating the model deployment.',
        modelDeploymentUrl: `${deps.gatewayUrl}/${id}`,
        modelDeploymentConfigurationDetails: config,
        categoryLogDetails: details.categoryLogDetails ?? null,
        currentInstanceCount: 0,
        freeformTags: details.freeformTags ?? {},
        definedTags: details.definedTags ?? {},
      };
      const accepted = db.transaction((tx) => {
        // Secret values go to their own table; the configuration keeps references to them.
        const sealed = { ...row, modelDeploymentConfigurationDetails: sealConfiguration(tx, id, config, { marked, now: time.toISOString() }) };
        insertModelDeploymentRow(tx, sealed);
        const queued = enqueue(sealed, 'CREATE');
        return queued.ok ? ok({ workRequestId: queued.data.workRequestId, resource: toModelDeployment(sealed) }) : queued;
      });
      return accepted;
    },

    async getModelDeployment(id) {
      const row = getModelDeploymentRow(db, id);
      return row ? ok(toModelDeployment(row)) : err(notFound('Model deployment', id));
    },

    async listModelDeployments(params) {
      return pagedList(params.page, params.limit, (limit, offset) => listModelDeploymentRows(db, { ...params, limit, offset }), toModelDeploymentSummary);
    },

    async updateModelDeployment(id, details) {
      const row = live(id);
      if (!row.ok) return row;
      const current = toModelDeployment(row.data);
      const allowed = checkUpdateAllowed(row.data.lifecycleState, current, details);
      if (!allowed.ok) return allowed;
      const merged = applyModelDeploymentUpdate(current, details);
      if (!merged.ok) return merged;
      const tags = checkDefinedTags(db, merged.data.definedTags);
      if (!tags.ok) return tags;
      const nextConfig = merged.data.modelDeploymentConfigurationDetails;
      if (nextConfig) {
        const shape = resolveShapeResources(nextConfig.modelConfigurationDetails.instanceConfiguration);
        if (!shape.ok) return shape;
        const query = scalingPolicyQueryIssue(nextConfig.modelConfigurationDetails.scalingPolicy, id);
        if (query) return err(domainError('InvalidParameter', query.message, { [query.path]: query.message }));
      }
      const nextModelId = merged.data.modelDeploymentConfigurationDetails?.modelConfigurationDetails.modelId;
      if (nextModelId && nextModelId !== row.data.modelId) {
        const model = getModelRow(db, nextModelId);
        if (!model || model.lifecycleState !== 'ACTIVE') return err(domainError('InvalidParameter', `Model ${nextModelId} is not an active model.`, { modelId: 'Choose an active model' }));
      }
      const env = merged.data.modelDeploymentConfigurationDetails?.environmentConfigurationDetails;
      if (env?.environmentConfigurationType === 'OCIR_CONTAINER' && !env.imageDigest) {
        const image = await resolveImage(deps.docker, env.image ?? '', undefined);
        if (!image.ok) return image;
        env.imageDigest = image.data.digest;
      }
      // The merge started from the masked deployment: a mask still in place keeps its secret, and
      // the payload carries references, never a value.
      return db.transaction((tx) => {
        const sealedConfig = merged.data.modelDeploymentConfigurationDetails
          ? sealConfiguration(tx, id, merged.data.modelDeploymentConfigurationDetails, {
              marked: details.secretEnvironmentVariables ?? [],
              current: row.data.modelDeploymentConfigurationDetails.environmentConfigurationDetails?.environmentVariables ?? {},
              now: deps.now().toISOString(),
            })
          : undefined;
        const sealed = { ...merged.data, ...(sealedConfig ? { modelDeploymentConfigurationDetails: sealedConfig } : {}) };
        return enqueue(row.data, 'UPDATE', sealed);
      });
    },

    async activateModelDeployment(id) {
      const row = live(id);
      return row.ok ? enqueue(row.data, 'ACTIVATE') : row;
    },

    async deactivateModelDeployment(id) {
      const row = live(id);
      return row.ok ? enqueue(row.data, 'DEACTIVATE') : row;
    },

    async deleteModelDeployment(id) {
      const row = live(id);
      return row.ok ? enqueue(row.data, 'DELETE') : row;
    },

    async changeModelDeploymentCompartment(id, compartmentId) {
      const row = live(id);
      if (!row.ok) return row;
      const allowed = checkOperation('CHANGE_COMPARTMENT', row.data.lifecycleState);
      if (!allowed.ok) return allowed;
      const compartment = checkCompartment(db, compartmentId);
      if (!compartment.ok) return compartment;
      updateModelDeploymentRow(db, id, { compartmentId });
      return ok(toModelDeployment({ ...row.data, compartmentId }));
    },

    async listModelDeploymentShapes() {
      return ok(SHAPES.map(toShapeSummary));
    },
  };
}
