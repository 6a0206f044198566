import { allowedOperations, type MdOperation } from '@/server/domain/md-lifecycle';
import type {
  CreateModelDeploymentDetails,
  DefinedTags,
  FreeformTags,
  Model,
  ModelDeployment,
  ModelDeploymentSummary,
  WorkRequest,
} from '@/server/domain/oci-types';
import { ok, type DomainError, type Result } from '@/server/domain/result';
import { DEFAULT_RUNTIME_SLUG, findRuntime } from '@/server/domain/runtimes';
import { factsOf } from '@/server/domain/artifact-introspection';
import { mlflowSampleContext } from '@/server/domain/mlflow-signature';
import { buildSampleRequest, type SampleRequest } from '@/server/domain/sample-request';
import type { DataScienceProvider, ListParams, TagNamespaceSummary } from '@/server/providers/types';
import { compartmentListView, defaultCompartmentOf, listParamsOf, withDepth, type CompartmentListView, type CompartmentWithDepth, type DefaultCompartment, type ListInput } from './list-view';

export type DeploymentListInput = ListInput & { projectId?: string };

export interface NamedRef {
  id: string;
  displayName: string;
}

export interface DeploymentListItem extends ModelDeploymentSummary {
  /** Null when the model is gone or unreadable; the row then shows its OCID. */
  modelName: string | null;
  projectName: string | null;
}

export interface DeploymentListView extends CompartmentListView<DeploymentListItem> {
  /** Active projects of the compartment, for the project filter (plus the filtered one if elsewhere). */
  projects: NamedRef[];
}

export type DeploymentRuntime =
  | { kind: 'conda'; slug: string; name: string | null; fromRuntimeYaml: boolean; problem?: string }
  | { kind: 'container'; image: string; imageDigest: string | null }
  /** A conda deployment whose artifact the provider keeps uninspected (OCI): its service reads runtime.yaml. */
  | { kind: 'service' };

export interface DeploymentDetailsView {
  deployment: ModelDeployment;
  model: (NamedRef & Pick<Model, 'lifecycleState' | 'inputSchema'>) | null;
  project: NamedRef | null;
  compartments: CompartmentWithDepth[];
  tagNamespaces: TagNamespaceSummary[];
  runtime: DeploymentRuntime | null;
  workRequests: WorkRequest[];
  /** The newest work request of this deployment, which a transitional state is waiting on. */
  latestWorkRequest: WorkRequest | null;
  allowedOperations: MdOperation[];
  /** The invoke panel's first request body, from what the model says about its input. */
  sample: SampleRequest;
}

const WORK_REQUESTS_SHOWN = 50;
const FAULT_OPERATIONS = new Set<string>(['MODEL_DEPLOYMENT_FAULT_ON', 'MODEL_DEPLOYMENT_FAULT_OFF']);

export function createDeploymentsService(provider: DataScienceProvider, defaultCompartmentId: DefaultCompartment) {
  /** Display names by OCID; unreadable ones are left out rather than failing the page. */
  async function namesOf(ids: Iterable<string>, get: (id: string) => Promise<Result<NamedRef, DomainError>>) {
    const unique = [...new Set(ids)];
    const found = await Promise.all(unique.map(async (id) => [id, await get(id)] as const));
    return new Map(found.flatMap(([id, r]) => (r.ok ? [[id, r.data.displayName] as const] : [])));
  }

  /** The keys the artifact's predict() reads stand in for a schema; a container's own server ignores score.py. */
  async function sampleOf(d: ModelDeployment, inputSchema: string | undefined): Promise<SampleRequest> {
    const config = d.modelDeploymentConfigurationDetails;
    if (config?.environmentConfigurationDetails?.environmentConfigurationType === 'OCIR_CONTAINER') return buildSampleRequest(inputSchema, { serving: 'container' });
    const artifact = config ? await provider.headModelArtifact(config.modelConfigurationDetails.modelId) : null;
    const facts = artifact?.ok ? factsOf(artifact.data.introspection) : null;
    const inputKeys = facts?.predictInputKeys ?? [];
    const mlflow = mlflowSampleContext(facts?.mlflow);
    return buildSampleRequest(inputSchema, { serving: 'conda', inputKeys, ...(mlflow ? { mlflow } : {}) });
  }

  async function runtimeOf(d: ModelDeployment): Promise<DeploymentRuntime | null> {
    const config = d.modelDeploymentConfigurationDetails;
    if (!config) return null;
    const env = config.environmentConfigurationDetails;
    if (env?.environmentConfigurationType === 'OCIR_CONTAINER') {
      return { kind: 'container', image: env.image ?? '', imageDigest: env.imageDigest ?? null };
    }
    const artifact = await provider.headModelArtifact(config.modelConfigurationDetails.modelId);
    if (!artifact.ok) return { kind: 'conda', slug: DEFAULT_RUNTIME_SLUG, name: null, fromRuntimeYaml: false, problem: 'The model artifact could not be read.' };
    const info = artifact.data.introspection;
    if (info.state === 'uninspected') return { kind: 'service' };
    if (info.state === 'unreadable') return { kind: 'conda', slug: DEFAULT_RUNTIME_SLUG, name: null, fromRuntimeYaml: false, problem: `The model artifact cannot be read: ${info.reason}.` };
    const runtime = info.facts.runtime;
    const slug = runtime?.slug ?? DEFAULT_RUNTIME_SLUG;
    const problem = info.facts.runtimeError;
    return {
      kind: 'conda',
      slug,
      name: findRuntime(slug)?.name ?? null,
      fromRuntimeYaml: runtime !== null,
      ...(problem ? { problem } : {}),
    };
  }

  /**
   * A work request stays in the compartment its resource had when it ran, so a moved deployment's
   * history is spread over compartments: gather it from each, newest first.
   */
  async function workRequestsOf(d: ModelDeployment, compartmentIds: string[]): Promise<WorkRequest[]> {
    const ids = compartmentIds.includes(d.compartmentId) ? compartmentIds : [d.compartmentId, ...compartmentIds];
    const pages = await Promise.all(ids.map((compartmentId) => provider.listWorkRequests({ compartmentId, resourceId: d.id, limit: WORK_REQUESTS_SHOWN })));
    return pages
      .flatMap((p) => (p.ok ? p.data.items : []))
      .sort((a, b) => b.timeAccepted.localeCompare(a.timeAccepted))
      .slice(0, WORK_REQUESTS_SHOWN);
  }

  return {
    async listView(input: DeploymentListInput): Promise<Result<DeploymentListView, DomainError>> {
      const compartmentId = input.compartmentId ?? (await defaultCompartmentOf(defaultCompartmentId));
      const [view, projects] = await Promise.all([
        compartmentListView(provider, compartmentId, provider.listModelDeployments(listParamsOf(input, compartmentId))),
        provider.listProjects({ compartmentId, lifecycleState: 'ACTIVE', sortBy: 'displayName', limit: 100 }),
      ]);
      if (!view.ok) return view;
      const projectRefs: NamedRef[] = projects.ok ? projects.data.items.map(({ id, displayName }) => ({ id, displayName })) : [];
      const { page, ...rest } = view.data;
      const items = page.items;
      const [modelNames, projectNames] = await Promise.all([
        namesOf(
          items.flatMap((d) => d.modelDeploymentConfigurationDetails?.modelConfigurationDetails.modelId ?? []),
          (id) => provider.getModel(id),
        ),
        namesOf([...items.map((d) => d.projectId), ...(input.projectId ? [input.projectId] : [])], (id) => provider.getProject(id)),
      ]);
      if (input.projectId && !projectRefs.some((p) => p.id === input.projectId)) {
        projectRefs.unshift({ id: input.projectId, displayName: projectNames.get(input.projectId) ?? input.projectId });
      }
      return ok({
        ...rest,
        page: {
          ...page,
          items: items.map((d) => {
            const modelId = d.modelDeploymentConfigurationDetails?.modelConfigurationDetails.modelId;
            return { ...d, modelName: (modelId && modelNames.get(modelId)) || null, projectName: projectNames.get(d.projectId) ?? null };
          }),
        },
        projects: projectRefs,
      });
    },

    async detailsView(id: string): Promise<Result<DeploymentDetailsView, DomainError>> {
      const found = await provider.getModelDeployment(id);
      if (!found.ok) return found;
      const d = found.data;
      const modelId = d.modelDeploymentConfigurationDetails?.modelConfigurationDetails.modelId;
      const [model, project, compartments, tagNamespaces, runtime] = await Promise.all([
        modelId ? provider.getModel(modelId) : Promise.resolve(null),
        provider.getProject(d.projectId),
        provider.listCompartments(),
        provider.listTagNamespaces(),
        runtimeOf(d),
      ]);
      const [wrs, sample] = await Promise.all([
        workRequestsOf(d, compartments.ok ? compartments.data.map((c) => c.id) : [d.compartmentId]),
        sampleOf(d, model?.ok ? model.data.inputSchema : undefined),
      ]);
      return ok({
        deployment: d,
        model: model?.ok
          ? {
              id: model.data.id,
              displayName: model.data.displayName,
              lifecycleState: model.data.lifecycleState,
              ...(model.data.inputSchema ? { inputSchema: model.data.inputSchema } : {}),
            }
          : null,
        project: project.ok ? { id: project.data.id, displayName: project.data.displayName } : null,
        compartments: compartments.ok ? withDepth(compartments.data) : [],
        tagNamespaces: tagNamespaces.ok ? tagNamespaces.data : [],
        runtime,
        workRequests: wrs,
        // Fault on/off and secret reveals are records, done when written: the status panel follows
        // the last real operation on the deployment.
        latestWorkRequest: wrs.find((w) => !FAULT_OPERATIONS.has(w.operationType) && w.operationType !== 'MODEL_DEPLOYMENT_SECRET_REVEAL') ?? null,
        allowedOperations: allowedOperations(d.lifecycleState),
        sample,
      });
    },

    get: (id: string) => provider.getModelDeployment(id),
    list: (params: ListParams & { projectId?: string }) => provider.listModelDeployments(params),
    create: (details: CreateModelDeploymentDetails) => provider.createModelDeployment(details),
    activate: (id: string) => provider.activateModelDeployment(id),
    deactivate: (id: string) => provider.deactivateModelDeployment(id),
    move: (id: string, compartmentId: string) => provider.changeModelDeploymentCompartment(id, compartmentId),
    remove: (id: string) => provider.deleteModelDeployment(id),
    /** Tags replace the whole maps, as in OCI's update; nothing else of the deployment changes. */
    updateTags: (id: string, tags: { freeformTags: FreeformTags; definedTags: DefinedTags }) =>
      provider.updateModelDeployment(id, { freeformTags: tags.freeformTags, definedTags: tags.definedTags }),
  };
}

export type DeploymentsService = ReturnType<typeof createDeploymentsService>;

const cache = new WeakMap<DataScienceProvider, DeploymentsService>();

/** One service per provider, built from the app context without widening the shared AppContext. */
export function deploymentsServiceOf(ctx: { provider: DataScienceProvider; installation: { defaultCompartmentId: string }; defaultCompartment?: () => Promise<string> }): DeploymentsService {
  let service = cache.get(ctx.provider);
  if (!service) {
    service = createDeploymentsService(ctx.provider, ctx.defaultCompartment ?? ctx.installation.defaultCompartmentId);
    cache.set(ctx.provider, service);
  }
  return service;
}
