import { factsOf } from '@/server/domain/artifact-introspection';
import type { CheckReport } from '@/server/domain/deployment-check';
import type { ModelDeploymentConfigurationDetails } from '@/server/domain/oci-types';
import { domainError, err, notFound, type DomainError, type Result } from '@/server/domain/result';
import { mlflowSampleContext } from '@/server/domain/mlflow-signature';
import { buildSampleRequest } from '@/server/domain/sample-request';
import type { CheckProgress, DataScienceProvider } from '@/server/providers/types';
import type { DeploymentCheckRequest } from '@/server/validation/deployment-check';

// Check before create: the model's own sample (from its input schema) goes with the configuration
// to the provider, which runs it if it can. Nothing is created, and nothing is left behind.

export interface DeploymentCheckOptions {
  /**
   * Whether the caller may create a deployment in the model's compartment: a check runs the
   * model in a container, so it is the create's right, not the model's read.
   */
  mayDeployIn?: (compartmentId: string) => Promise<boolean>;
}

export function createDeploymentChecks(provider: DataScienceProvider, options: DeploymentCheckOptions = {}) {
  return {
    available: () => provider.capabilities.preflight && provider.preflight !== undefined,

    async run(request: DeploymentCheckRequest, progress: CheckProgress): Promise<Result<CheckReport, DomainError>> {
      if (!provider.preflight) {
        return err(domainError('NotImplemented', 'This provider cannot run a configuration before it is created; create the deployment and follow its work request.'));
      }
      const config: ModelDeploymentConfigurationDetails = request.modelDeploymentConfigurationDetails;
      const modelId = config.modelConfigurationDetails.modelId;
      const model = await provider.getModel(modelId);
      if (!model.ok) return model;
      if (options.mayDeployIn && !(await options.mayDeployIn(model.data.compartmentId))) return err(notFound('Model', modelId));
      if (model.data.lifecycleState !== 'ACTIVE') {
        return err(domainError('IncorrectState', `Model ${model.data.displayName} is ${model.data.lifecycleState.toLowerCase()}; only an active model can be deployed.`));
      }
      // A custom container is sent the schema's sample; a conda deployment of an MLflow model served
      // natively takes MLflow's scoring protocol.
      const container = config.environmentConfigurationDetails?.environmentConfigurationType === 'OCIR_CONTAINER';
      const artifact = container ? null : await provider.headModelArtifact(modelId);
      const mlflow = artifact?.ok ? mlflowSampleContext(factsOf(artifact.data.introspection)?.mlflow) : undefined;
      const sample = buildSampleRequest(model.data.inputSchema, mlflow ? { serving: 'conda', mlflow } : {});
      return provider.preflight.checkDeployment({ config, sample: { body: sample.body, fromSchema: sample.source !== 'none' } }, progress);
    },
  };
}
