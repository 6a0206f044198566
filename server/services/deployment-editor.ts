import { artifactChecklist } from '@/server/domain/artifact-checklist';
import { artifactVerdict } from '@/server/domain/artifact-verdict';
import { isUninspected, modelRuntimeOf, type EditorData, type LocalImage, type ModelOption } from '@/server/domain/editor-options';
import type { HostCapacity } from '@/server/domain/fit-resources';
import { RESERVING_STATES, reservationOf, type ReservingDeployment } from '@/server/domain/host-reservation';
import type { CreateModelDeploymentDetails, Model, UpdateModelDeploymentDetails } from '@/server/domain/oci-types';
import { domainError, err, ok, type DomainError, type Result } from '@/server/domain/result';
import { isEmptyUpdate } from '@/server/domain/update-request';
import type { DataScienceProvider } from '@/server/providers/types';
import { listModelDeploymentRowsInStates } from '@/db/queries/model-deployments';
import type { AppContext } from './context';
import { priceTableFor } from './prices';

// The data the create and edit forms of a model deployment need, gathered in one place.

export interface DeploymentEditorDeps {
  provider: DataScienceProvider;
  /** The images the BYOC picker offers: this machine's engine, or the registry of the context. */
  images: () => Promise<{ source: EditorData['imageSource']; images: Result<LocalImage[], DomainError> }>;
  hostCapacity: () => Promise<HostCapacity>;
  refuseOversizedShapes: boolean;
  autoscalingMinSeconds: number | null;
  prices: () => EditorData['prices'];
  /** The installation's deployments that hold host resources now (see RESERVING_STATES). */
  reservingDeployments: () => (ReservingDeployment & { id: string })[];
}


export function createDeploymentEditor(deps: DeploymentEditorDeps) {
  const { provider } = deps;

  async function modelOption(model: Model): Promise<ModelOption> {
    const artifact = await provider.headModelArtifact(model.id);
    return {
      id: model.id,
      displayName: model.displayName,
      lifecycleState: model.lifecycleState,
      timeCreated: model.timeCreated,
      runtime: modelRuntimeOf(artifact.ok ? artifact.data.introspection : null),
      // An artifact its provider did not inspect is not judged: nothing is known to fail.
      checks: artifact.ok && !isUninspected(artifact.data.introspection) ? artifactVerdict(artifactChecklist(artifact.data.introspection)) : null,
      ...(model.modelVersionSetId
        ? { version: { modelVersionSetId: model.modelVersionSetId, modelVersionSetName: model.modelVersionSetName ?? '', versionId: model.versionId ?? 0, ...(model.versionLabel ? { versionLabel: model.versionLabel } : {}) } }
        : {}),
    };
  }

  /** An edited deployment's own instances are replaced by the edit, so they do not count. */
  const reservedBesides = (host: HostCapacity | null, deploymentId?: string) =>
    host ? reservationOf(deps.reservingDeployments().filter((d) => d.id !== deploymentId), host) : null;

  async function gather(projectId: string, keepModelId?: string, deploymentId?: string): Promise<Result<EditorData, DomainError>> {
    const project = await provider.getProject(projectId);
    if (!project.ok) return project;
    const p = project.data;
    const [models, namespaces, images, host] = await Promise.all([
      provider.listModels({ compartmentId: p.compartmentId, projectId, lifecycleState: 'ACTIVE', limit: 100, sortBy: 'timeCreated', sortOrder: 'DESC' }),
      provider.listTagNamespaces(),
      deps.images(),
      deps.hostCapacity().then(
        (h) => h,
        () => null,
      ),
    ]);
    if (!models.ok) return models;
    const list = [...models.data.items];
    // The deployment's own model stays choosable even if it moved or was deactivated since.
    if (keepModelId && !list.some((m) => m.id === keepModelId)) {
      const kept = await provider.getModel(keepModelId);
      if (kept.ok) list.push(kept.data);
    }
    return ok({
      project: { id: p.id, displayName: p.displayName, compartmentId: p.compartmentId },
      models: await Promise.all(list.map(modelOption)),
      images: images.images.ok ? images.images.data : [],
      imagesError: images.images.ok ? null : images.images.error.message,
      imageSource: images.source,
      host,
      reserved: reservedBesides(host, deploymentId),
      refuseOversizedShapes: deps.refuseOversizedShapes,
      autoscalingMinSeconds: deps.autoscalingMinSeconds,
      prices: deps.prices(),
      tagNamespaces: namespaces.ok ? namespaces.data : [],
    });
  }

  return {
    forCreate: (projectId: string) => gather(projectId),

    async create(details: CreateModelDeploymentDetails): Promise<Result<{ deploymentId: string; workRequestId: string }, DomainError>> {
      const accepted = await provider.createModelDeployment(details);
      return accepted.ok ? ok({ deploymentId: accepted.data.resource.id, workRequestId: accepted.data.workRequestId }) : accepted;
    },

    /** One update, one work request: a single option group, or anything while inactive. */
    async update(deploymentId: string, details: UpdateModelDeploymentDetails): Promise<Result<{ workRequestId: string }, DomainError>> {
      if (isEmptyUpdate(details)) return err(domainError('InvalidParameter', 'Nothing to change: edit a field first.'));
      const accepted = await provider.updateModelDeployment(deploymentId, details);
      return accepted.ok ? ok({ workRequestId: accepted.data.workRequestId }) : accepted;
    },

    async forEdit(deploymentId: string): Promise<Result<EditorData, DomainError>> {
      const md = await provider.getModelDeployment(deploymentId);
      if (!md.ok) return md;
      const data = await gather(md.data.projectId, md.data.modelDeploymentConfigurationDetails?.modelConfigurationDetails.modelId, deploymentId);
      return data.ok ? ok({ ...data.data, deployment: md.data }) : data;
    },
  };
}

export type DeploymentEditor = ReturnType<typeof createDeploymentEditor>;

/** OCIR's images where the session's context has a registry (`ocir`), else this machine's engine's. */
async function imagesOf(ctx: AppContext): ReturnType<DeploymentEditorDeps['images']> {
  const session = await ctx.session();
  const registry = session.capabilities.ocir ? session.provider.containerRegistry : undefined;
  if (registry) return { source: 'registry', images: await registry.listContainerImages() };
  return { source: 'engine', images: await ctx.platform.listImages() };
}

/** The editor as the request's context uses it. */
export function deploymentEditorOf(ctx: AppContext): DeploymentEditor {
  const { provider, db, config } = ctx;
  return createDeploymentEditor({
    provider,
    images: () => imagesOf(ctx),
    hostCapacity: ctx.platform.hostCapacity,
    refuseOversizedShapes: config.refuseOversizedShapes,
    autoscalingMinSeconds: config.autoscalingMinSeconds,
    prices: () => priceTableFor(config),
    reservingDeployments: () =>
      listModelDeploymentRowsInStates(db, [...RESERVING_STATES]).map((d) => ({
        id: d.id,
        lifecycleState: d.lifecycleState,
        modelConfigurationDetails: d.modelDeploymentConfigurationDetails.modelConfigurationDetails,
        currentInstanceCount: d.currentInstanceCount,
      })),
  });
}
