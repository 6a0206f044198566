import { SHAPES, toShapeSummary } from '@/server/domain/shapes';
import { domainError, err, ok, type DomainError, type Result } from '@/server/domain/result';
import type { ModelDeploymentsApi, ModelsApi } from '../types';

// The serving side of the local provider (containers, gateway) lands with the local runtime;
// until then these operations answer with a clear NotImplemented instead of pretending.
const notYet = async (): Promise<Result<never, DomainError>> =>
  err(domainError('NotImplemented', 'Model deployments are not available on the local provider yet.'));

export function createLocalModelDeployments(): ModelDeploymentsApi {
  return {
    createModelDeployment: notYet,
    getModelDeployment: notYet,
    listModelDeployments: notYet,
    updateModelDeployment: notYet,
    activateModelDeployment: notYet,
    deactivateModelDeployment: notYet,
    changeModelDeploymentCompartment: notYet,
    deleteModelDeployment: notYet,
    async listModelDeploymentShapes() {
      return ok(SHAPES.map(toShapeSummary));
    },
  };
}

export function createLocalModels(): ModelsApi {
  const notYetModels = async (): Promise<Result<never, DomainError>> =>
    err(domainError('NotImplemented', 'The model catalog is not available on the local provider yet.'));
  return { getModel: notYetModels, listModels: notYetModels };
}
