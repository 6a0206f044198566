import { domainError, err } from '@/server/domain/result';
import type { DataScienceProvider, FaultInjectionApi, PreflightApi } from '@/server/providers/types';
import type { SessionContext } from './provider-contexts';

// The provider every page, action and route uses: each call goes to the provider of the context
// the request's session chose (Local, or an OCI profile), so no call site needs to know which.

type Fn = (...args: never[]) => unknown;
type MethodName = { [K in keyof DataScienceProvider]-?: NonNullable<DataScienceProvider[K]> extends Fn ? K : never }[keyof DataScienceProvider];

/** Every operation of the interface; a test checks the list against the local provider. */
export const PROVIDER_METHODS = [
  'listCompartments', 'listTagNamespaces',
  'createProject', 'getProject', 'listProjects', 'updateProject', 'deleteProject', 'changeProjectCompartment',
  'createModelVersionSet', 'getModelVersionSet', 'listModelVersionSets', 'updateModelVersionSet', 'deleteModelVersionSet', 'changeModelVersionSetCompartment',
  'createModel', 'getModelProvenance', 'changeModelCompartment', 'getModel', 'listModels', 'updateModel', 'activateModel', 'deactivateModel', 'deleteModel',
  'createModelArtifact', 'createModelWithArtifact', 'headModelArtifact', 'getModelArtifactContent',
  'createModelDeployment', 'getModelDeployment', 'listModelDeployments', 'updateModelDeployment', 'activateModelDeployment', 'deactivateModelDeployment',
  'changeModelDeploymentCompartment', 'deleteModelDeployment', 'listModelDeploymentShapes',
  'getWorkRequest', 'listWorkRequests', 'listWorkRequestLogs', 'listWorkRequestErrors', 'cancelWorkRequest',
  'summarizeMetricsData',
  'predictModelDeployment',
] as const satisfies readonly MethodName[];

const notOffered = (what: string, ctx: SessionContext) => err(domainError('NotImplemented', `${what} is not offered in the ${ctx.label} context.`));

export function sessionProvider(current: () => Promise<SessionContext>, local: DataScienceProvider): DataScienceProvider {
  const forward = (name: (typeof PROVIDER_METHODS)[number]) =>
    async (...args: unknown[]) => {
      const p = (await current()).provider;
      return (p[name] as (...a: unknown[]) => unknown)(...args);
    };
  const methods = Object.fromEntries(PROVIDER_METHODS.map((m) => [m, forward(m)]));

  // Optional capabilities stay callable; a context without them answers NotImplemented. The
  // console decides what to show from the session context's capabilities, not from these.
  const faultInjection: FaultInjectionApi = {
    listFaults: async (id) => {
      const ctx = await current();
      return ctx.provider.faultInjection ? ctx.provider.faultInjection.listFaults(id) : notOffered('Fault injection', ctx);
    },
    startFault: async (id, d) => {
      const ctx = await current();
      return ctx.provider.faultInjection ? ctx.provider.faultInjection.startFault(id, d) : notOffered('Fault injection', ctx);
    },
    stopFault: async (id, f) => {
      const ctx = await current();
      return ctx.provider.faultInjection ? ctx.provider.faultInjection.stopFault(id, f) : notOffered('Fault injection', ctx);
    },
  };
  const preflight: PreflightApi = {
    checkDeployment: async (input, progress) => {
      const ctx = await current();
      return ctx.provider.preflight ? ctx.provider.preflight.checkDeployment(input, progress) : notOffered('The deployment check', ctx);
    },
    checkModelLoads: async (modelId) => {
      const ctx = await current();
      return ctx.provider.preflight ? ctx.provider.preflight.checkModelLoads(modelId) : notOffered('The load check', ctx);
    },
  };
  const estimate = local.estimateWorkRequest;
  return {
    ...(methods as unknown as Omit<DataScienceProvider, 'kind' | 'capabilities'>),
    kind: local.kind,
    capabilities: local.capabilities,
    ...(estimate ? { estimateWorkRequest: async (id: string) => ((await current()).provider.estimateWorkRequest?.(id) ?? null) } : {}),
    ...(local.faultInjection ? { faultInjection } : {}),
    ...(local.preflight ? { preflight } : {}),
  };
}
