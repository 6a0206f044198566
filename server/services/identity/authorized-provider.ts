import type { CheckedResourceType, CompartmentParents, IamVerb } from '@/server/domain/iam';
import { allowedCompartments, isAllowed } from '@/server/domain/iam';
import type { Principal } from '@/server/domain/principal';
import { domainError, err, type DomainError, type Result } from '@/server/domain/result';
import type { DataScienceProvider, FaultInjectionApi, PreflightApi, ProviderResult } from '@/server/providers/types';
import type { AuditRecord } from './audit';

export interface AuthorizationDeps {
  /** The principal of the request in progress; null outside a signed-in request. */
  principal: () => Promise<Principal | null>;
  parents: () => CompartmentParents;
  audit: (principal: Principal, record: AuditRecord) => void;
  /** A create or update of a deployment was accepted as this work request: who asked for it. */
  accepted?: (principal: Principal, modelDeploymentId: string, workRequestId: string) => void;
}

const signInAgain = (): DomainError => domainError('NotAuthenticated', 'Sign in to continue: the session has ended or the request carried none.');

// The same words as a resource that does not exist: OCI never tells a caller which it was.
const hidden = (kind: string, id: string): DomainError => domainError('NotAuthorizedOrNotFound', `${kind} ${id} was not found.`);

const METRIC_RESOURCE = /resourceId\s*=\s*"([^"]+)"/;

/**
 * The provider as a principal may use it. Every operation checks the verb OCI's policy tables
 * require in the resource's compartment (inherited from above), answers what it may not see or
 * change as not found, and writes each change to the audit log. Background work (the runner,
 * the reconciler) uses the inner provider's runtime directly and is not checked here.
 */
export function authorizedProvider(inner: DataScienceProvider, deps: AuthorizationDeps): DataScienceProvider {
  type Gate = { principal: Principal } | { error: DomainError };

  async function gate(type: CheckedResourceType, verb: IamVerb, compartmentId: string | undefined, kind: string, id: string): Promise<Gate> {
    const principal = await deps.principal();
    if (!principal) return { error: signInAgain() };
    if (!compartmentId || !isAllowed(principal.grants, verb, type, compartmentId, deps.parents())) return { error: hidden(kind, id) };
    return { principal };
  }

  /** Looks the resource up with the inner provider to learn its compartment, then gates. */
  async function gateById(type: CheckedResourceType, verb: IamVerb, kind: string, id: string): Promise<Gate> {
    const principal = await deps.principal();
    if (!principal) return { error: signInAgain() };
    return gate(type, verb, await compartmentOf(type, id), kind, id);
  }

  async function compartmentOf(type: CheckedResourceType, id: string): Promise<string | undefined> {
    const found =
      type === 'data-science-projects' ? await inner.getProject(id)
      : type === 'data-science-models' ? await (id.startsWith('ocid1.datasciencemodelversionset.') ? inner.getModelVersionSet(id) : inner.getModel(id))
      : type === 'data-science-model-deployments' ? await inner.getModelDeployment(id)
      : type === 'data-science-work-requests' ? await inner.getWorkRequest(id)
      : undefined;
    return found?.ok ? found.data.compartmentId : undefined;
  }

  /** Runs a change once gated, and records it (refused ones too) in the audit log. */
  async function change<T>(g: Gate, action: string, resourceType: string, resourceId: string | undefined, compartmentId: string | undefined, run: () => ProviderResult<T>): ProviderResult<T> {
    if ('error' in g) {
      const principal = await deps.principal();
      if (principal) deps.audit(principal, { action, resourceType, resourceId, compartmentId, outcome: 'DENIED', detail: g.error.code });
      return err(g.error);
    }
    const result = await run();
    const createdId = result.ok ? idOf(result.data) : undefined;
    deps.audit(g.principal, { action, resourceType, resourceId: resourceId ?? createdId, compartmentId, outcome: result.ok ? 'SUCCEEDED' : 'FAILED', detail: result.ok ? '' : result.error.code });
    return result;
  }

  const read = async <T>(g: Gate, run: () => ProviderResult<T>): ProviderResult<T> => ('error' in g ? err(g.error) : run());

  const P = 'data-science-projects';
  const M = 'data-science-models';
  const D = 'data-science-model-deployments';
  const W = 'data-science-work-requests';

  const byId = {
    project: (verb: IamVerb, id: string) => gateById(P, verb, 'Project', id),
    model: (verb: IamVerb, id: string) => gateById(M, verb, 'Model', id),
    versionSet: (verb: IamVerb, id: string) => gateById(M, verb, 'Model version set', id),
    deployment: (verb: IamVerb, id: string) => gateById(D, verb, 'Model deployment', id),
    workRequest: (verb: IamVerb, id: string) => gateById(W, verb, 'Work request', id),
  };

  /** Joining a version set, or following one of its labels, needs to read the set as well. */
  const inSet = async (g: Gate, setId: string | undefined): Promise<Gate> => ('error' in g || !setId ? g : byId.versionSet('read', setId));

  /** A move needs manage where the resource is and where it goes. */
  async function move<T>(type: CheckedResourceType, kind: string, action: string, id: string, target: string, run: () => ProviderResult<T>): ProviderResult<T> {
    const from = await gateById(type, 'manage', kind, id);
    const to = 'error' in from ? from : await gate(type, 'manage', target, 'Compartment', target);
    return change(to, action, type, id, target, run);
  }

  const modelIdOf = (config: { modelConfigurationDetails?: { modelId?: string } | null } | null | undefined): string | undefined => config?.modelConfigurationDetails?.modelId ?? undefined;

  const provider: DataScienceProvider = {
    kind: inner.kind,
    capabilities: inner.capabilities,

    async listCompartments() {
      const principal = await deps.principal();
      if (!principal) return err(signInAgain());
      const all = await inner.listCompartments();
      if (!all.ok) return all;
      const parents = deps.parents();
      const visible = new Set<string>();
      for (const t of [P, M, D, W, 'berth-operations'] as const) for (const id of allowedCompartments(principal.grants, 'inspect', t, parents)) visible.add(id);
      return { ok: true, data: all.data.filter((c) => visible.has(c.id)) };
    },
    async listTagNamespaces() {
      return (await deps.principal()) ? inner.listTagNamespaces() : err(signInAgain());
    },

    createProject: async (d) => change(await gate(P, 'manage', d.compartmentId, 'Compartment', d.compartmentId), 'CreateProject', P, undefined, d.compartmentId, () => inner.createProject(d)),
    getProject: async (id) => read(await byId.project('read', id), () => inner.getProject(id)),
    listProjects: async (p) => read(await gate(P, 'inspect', p.compartmentId, 'Compartment', p.compartmentId), () => inner.listProjects(p)),
    updateProject: async (id, d) => change(await byId.project('use', id), 'UpdateProject', P, id, undefined, () => inner.updateProject(id, d)),
    deleteProject: async (id) => change(await byId.project('manage', id), 'DeleteProject', P, id, undefined, () => inner.deleteProject(id)),
    changeProjectCompartment: (id, c) => move(P, 'Project', 'ChangeProjectCompartment', id, c, () => inner.changeProjectCompartment(id, c)),

    // Version sets are governed by data-science-models, as in OCI's policy reference.
    createModelVersionSet: async (d) => change(await gate(M, 'manage', d.compartmentId, 'Compartment', d.compartmentId), 'CreateModelVersionSet', M, undefined, d.compartmentId, () => inner.createModelVersionSet(d)),
    getModelVersionSet: async (id) => read(await byId.versionSet('read', id), () => inner.getModelVersionSet(id)),
    listModelVersionSets: async (p) => read(await gate(M, 'inspect', p.compartmentId, 'Compartment', p.compartmentId), () => inner.listModelVersionSets(p)),
    updateModelVersionSet: async (id, d) => change(await byId.versionSet('use', id), 'UpdateModelVersionSet', M, id, undefined, () => inner.updateModelVersionSet(id, d)),
    deleteModelVersionSet: async (id) => change(await byId.versionSet('manage', id), 'DeleteModelVersionSet', M, id, undefined, () => inner.deleteModelVersionSet(id)),
    changeModelVersionSetCompartment: (id, c) => move(M, 'Model version set', 'ChangeModelVersionSetCompartment', id, c, () => inner.changeModelVersionSetCompartment(id, c)),

    createModel: async (d) => change(await inSet(await gate(M, 'manage', d.compartmentId, 'Compartment', d.compartmentId), d.modelVersionSetId), 'CreateModel', M, undefined, d.compartmentId, () => inner.createModel(d)),
    getModelProvenance: async (id) => read(await byId.model('read', id), () => inner.getModelProvenance(id)),
    changeModelCompartment: (id, c) => move(M, 'Model', 'ChangeModelCompartment', id, c, () => inner.changeModelCompartment(id, c)),
    getModel: async (id) => read(await byId.model('read', id), () => inner.getModel(id)),
    listModels: async (p) => read(await gate(M, 'inspect', p.compartmentId, 'Compartment', p.compartmentId), () => inner.listModels(p)),
    updateModel: async (id, d) => change(await inSet(await byId.model('use', id), d.modelVersionSetId), 'UpdateModel', M, id, undefined, () => inner.updateModel(id, d)),
    activateModel: async (id) => change(await byId.model('manage', id), 'ActivateModel', M, id, undefined, () => inner.activateModel(id)),
    deactivateModel: async (id) => change(await byId.model('manage', id), 'DeactivateModel', M, id, undefined, () => inner.deactivateModel(id)),
    deleteModel: async (id) => change(await byId.model('manage', id), 'DeleteModel', M, id, undefined, () => inner.deleteModel(id)),
    createModelArtifact: async (id, s, f) => change(await byId.model('manage', id), 'CreateModelArtifact', M, id, undefined, () => inner.createModelArtifact(id, s, f)),
    createModelWithArtifact: async (d, s, f) => change(await inSet(await gate(M, 'manage', d.compartmentId, 'Compartment', d.compartmentId), d.modelVersionSetId), 'CreateModel', M, undefined, d.compartmentId, () => inner.createModelWithArtifact(d, s, f)),
    headModelArtifact: async (id) => read(await byId.model('read', id), () => inner.headModelArtifact(id)),
    getModelArtifactContent: async (id) => read(await byId.model('read', id), () => inner.getModelArtifactContent(id)),

    async createModelDeployment(d) {
      let g = await gate(D, 'manage', d.compartmentId, 'Compartment', d.compartmentId);
      const modelId = modelIdOf(d.modelDeploymentConfigurationDetails);
      // Serving a model needs to read it, as OCI checks the model too.
      if (!('error' in g) && modelId) g = await byId.model('read', modelId);
      g = await inSet(g, d.berthFollow?.modelVersionSetId);
      const result = await change(g, 'CreateModelDeployment', D, undefined, d.compartmentId, () => inner.createModelDeployment(d));
      if (result.ok && !('error' in g) && result.data.resource) deps.accepted?.(g.principal, result.data.resource.id, result.data.workRequestId);
      return result;
    },
    getModelDeployment: async (id) => read(await byId.deployment('read', id), () => inner.getModelDeployment(id)),
    listModelDeployments: async (p) => read(await gate(D, 'inspect', p.compartmentId, 'Compartment', p.compartmentId), () => inner.listModelDeployments(p)),
    async updateModelDeployment(id, d) {
      let g = await byId.deployment('use', id);
      const modelId = modelIdOf(d.modelDeploymentConfigurationDetails);
      if (!('error' in g) && modelId) g = await byId.model('read', modelId);
      g = await inSet(g, d.berthFollow && 'modelVersionSetId' in d.berthFollow ? d.berthFollow.modelVersionSetId : undefined);
      const result = await change(g, 'UpdateModelDeployment', D, id, undefined, () => inner.updateModelDeployment(id, d));
      if (result.ok && !('error' in g)) deps.accepted?.(g.principal, id, result.data.workRequestId);
      return result;
    },
    activateModelDeployment: async (id) => change(await byId.deployment('manage', id), 'ActivateModelDeployment', D, id, undefined, () => inner.activateModelDeployment(id)),
    deactivateModelDeployment: async (id) => change(await byId.deployment('manage', id), 'DeactivateModelDeployment', D, id, undefined, () => inner.deactivateModelDeployment(id)),
    changeModelDeploymentCompartment: (id, c) => move(D, 'Model deployment', 'ChangeModelDeploymentCompartment', id, c, () => inner.changeModelDeploymentCompartment(id, c)),
    deleteModelDeployment: async (id) => change(await byId.deployment('manage', id), 'DeleteModelDeployment', D, id, undefined, () => inner.deleteModelDeployment(id)),
    // Predict is use on the deployment (OCI's permission table), not just read.
    predictModelDeployment: async (id, r) => read(await byId.deployment('use', id), () => inner.predictModelDeployment(id, r)),
    listModelDeploymentShapes: async (c) => read(await gate(D, 'inspect', c, 'Compartment', c), () => inner.listModelDeploymentShapes(c)),

    async summarizeMetricsData(details) {
      const resourceId = METRIC_RESOURCE.exec(details.query)?.[1];
      const principal = await deps.principal();
      if (!principal) return err(signInAgain());
      // A query over one deployment needs to read it.
      if (resourceId) return read(await byId.deployment('read', resourceId), () => inner.summarizeMetricsData(details));
      // One over all of them answers the series of the deployments the principal may read, as
      // OCI Monitoring answers only what the caller's metrics grants cover.
      const all = await inner.summarizeMetricsData(details);
      if (!all.ok) return all;
      const readable = new Map<string, boolean>();
      for (const id of new Set(all.data.map((m) => m.dimensions.resourceId ?? ''))) readable.set(id, id !== '' && !('error' in (await byId.deployment('read', id))));
      return { ok: true, data: all.data.filter((m) => readable.get(m.dimensions.resourceId ?? '') === true) };
    },

    getWorkRequest: async (id) => read(await byId.workRequest('read', id), () => inner.getWorkRequest(id)),
    listWorkRequests: async (p) => read(await gate(W, 'inspect', p.compartmentId, 'Compartment', p.compartmentId), () => inner.listWorkRequests(p)),
    listWorkRequestLogs: async (id, p) => read(await byId.workRequest('read', id), () => inner.listWorkRequestLogs(id, p)),
    listWorkRequestErrors: async (id, p) => read(await byId.workRequest('read', id), () => inner.listWorkRequestErrors(id, p)),
    cancelWorkRequest: async (id) => change(await byId.workRequest('manage', id), 'CancelWorkRequest', W, id, undefined, () => inner.cancelWorkRequest(id)),
  };
  if (inner.estimateWorkRequest) {
    const estimate = inner.estimateWorkRequest.bind(inner);
    provider.estimateWorkRequest = async (id) => ('error' in (await byId.workRequest('read', id)) ? null : estimate(id));
  }
  const faults = inner.faultInjection && authorizedFaults(inner.faultInjection, byId.deployment, gate, change);
  const preflight = inner.preflight && authorizedPreflight(inner.preflight, byId.model);
  return { ...provider, ...(faults ? { faultInjection: faults } : {}), ...(preflight ? { preflight } : {}) };
}

type GateFn = (type: CheckedResourceType, verb: IamVerb, compartmentId: string | undefined, kind: string, id: string) => Promise<{ principal: Principal } | { error: DomainError }>;
type ChangeFn = <T>(g: { principal: Principal } | { error: DomainError }, action: string, resourceType: string, resourceId: string | undefined, compartmentId: string | undefined, run: () => ProviderResult<T>) => ProviderResult<T>;
type ById = (verb: IamVerb, id: string) => Promise<{ principal: Principal } | { error: DomainError }>;

// Fault injection is the ops role's: berth-operations in the deployment's compartment.
function authorizedFaults(inner: FaultInjectionApi, deployment: ById, gate: GateFn, change: ChangeFn): FaultInjectionApi {
  const opsGate = async (id: string) => {
    const seen = await deployment('read', id);
    if ('error' in seen) return seen;
    return gate('berth-operations', 'manage', seen.principal.tenancyId, 'Model deployment', id);
  };
  return {
    listFaults: async (id) => {
      const g = await deployment('read', id);
      return 'error' in g ? err(g.error) : inner.listFaults(id);
    },
    startFault: async (id, d) => change(await opsGate(id), 'StartFault', 'data-science-model-deployments', id, undefined, () => inner.startFault(id, d)),
    stopFault: async (id, f) => change(await opsGate(id), 'StopFault', 'data-science-model-deployments', id, undefined, () => inner.stopFault(id, f)),
  };
}

function authorizedPreflight(inner: PreflightApi, model: ById): PreflightApi {
  const gated = async <T>(modelId: string | undefined, verb: IamVerb, run: () => ProviderResult<T>): Promise<Result<T, DomainError>> => {
    if (!modelId) return run();
    const g = await model(verb, modelId);
    return 'error' in g ? err(g.error) : run();
  };
  return {
    checkDeployment: (input, progress) => gated(input.config.modelConfigurationDetails.modelId, 'read', () => inner.checkDeployment(input, progress)),
    checkModelLoads: (modelId) => gated(modelId, 'use', () => inner.checkModelLoads(modelId)),
  };
}

function idOf(data: unknown): string | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const d = data as { id?: unknown; resource?: { id?: unknown } };
  if (typeof d.id === 'string') return d.id;
  return typeof d.resource?.id === 'string' ? d.resource.id : undefined;
}
