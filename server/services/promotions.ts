import type { Db } from '@/db/client';
import { getPromotionRow, insertPromotionRow, type PromotionRow } from '@/db/queries/promotions';
import type { ModelDeployment, WorkRequest, WorkRequestError, WorkRequestLogEntry } from '@/server/domain/oci-types';
import { definedTagKeysOf, promotedDeploymentDetails, promotedModelDetails, type PromotionView } from '@/server/domain/promotion-mapping';
import { preflightBlocks, promotionPreflight, type PreflightItem, type PromotionTarget } from '@/server/domain/promotion-preflight';
import { domainError, err, ok, type DomainError, type Result } from '@/server/domain/result';
import type { DataScienceProvider } from '@/server/providers/types';
import type { AppContext } from './context';
import { principalIsOps } from './identity/access';
import type { ContextOption, ProviderContexts, SessionContext } from './provider-contexts';

// "Promote to OCI": a local deployment's model (with its artifact) and deployment created again in
// an OCI context, after a pre-flight that says what will differ or fail there. Reads go through
// the local context's provider (authorized as the request's principal), writes through the
// profile's OCI provider; the link is kept here (a row) and there (freeform tags).

export interface PromotionSelection {
  contextId: string;
  compartmentId: string;
  projectId: string;
}


export type { PromotionView };

export interface PromotionTargets {
  contexts: ContextOption[];
  compartments: { id: string; name: string }[];
  projects: { id: string; displayName: string }[];
  promotion: PromotionView | null;
}

export interface PromotionProgress {
  promotion: PromotionView;
  workRequest: WorkRequest;
  logs: WorkRequestLogEntry[];
  errors: WorkRequestError[];
  lifecycleState: string | null;
}

export interface PromotionsDeps {
  db: Db;
  /** The local context's provider, checked as the request's principal. */
  local: DataScienceProvider;
  contexts: Pick<ProviderContexts, 'options' | 'resolve'>;
  localRegion: string;
  now?: () => Date;
}

type R<T> = Promise<Result<T, DomainError>>;

// One promotion of a deployment at a time in this process (Next may load this module more than once).
const KEY = Symbol.for('berth.promotionsInFlight');
const inFlight = ((globalThis as { [KEY]?: Set<string> })[KEY] ??= new Set<string>());

const toView = (r: PromotionRow): PromotionView => ({
  contextId: r.contextId,
  contextLabel: r.contextLabel,
  targetCompartmentId: r.targetCompartmentId,
  targetProjectId: r.targetProjectId,
  targetModelId: r.targetModelId,
  targetDeploymentId: r.targetDeploymentId,
  targetWorkRequestId: r.targetWorkRequestId,
  promotedBy: r.promotedBy,
  timeCreated: r.timeCreated,
});

const promotedAlready = (p: PromotionRow) => domainError('Conflict', `This deployment was promoted already to ${p.contextLabel}: ${p.targetDeploymentId}. Open it there instead.`);

export function createPromotionsService(deps: PromotionsDeps) {
  const now = deps.now ?? (() => new Date());

  async function targetContext(contextId: string): R<{ ctx: SessionContext; option: ContextOption }> {
    const option = (await deps.contexts.options()).find((o) => o.id === contextId && o.acceptsPromotion);
    const ctx = option ? deps.contexts.resolve(contextId) : null;
    if (!option || !ctx) return err(domainError('NotAuthorizedOrNotFound', `The OCI context ${contextId} was not found.`));
    if (option.problem) return err(domainError('IncorrectState', `The profile ${option.label} cannot be used: ${option.problem}`));
    return ok({ ctx, option });
  }

  async function localDeployment(id: string): R<ModelDeployment> {
    const md = await deps.local.getModelDeployment(id);
    if (!md.ok) return md;
    if (md.data.lifecycleState === 'DELETED' || md.data.lifecycleState === 'DELETING') return err(domainError('IncorrectState', `Deployment ${id} is ${md.data.lifecycleState}; there is nothing to promote.`));
    if (!md.data.modelDeploymentConfigurationDetails) return err(domainError('IncorrectState', `Deployment ${id} has no configuration to promote.`));
    return md;
  }

  async function preflightOf(md: ModelDeployment, sel: PromotionSelection, target: { ctx: SessionContext; option: ContextOption }) {
    const modelId = md.modelDeploymentConfigurationDetails?.modelConfigurationDetails.modelId ?? '';
    const p = target.ctx.provider;
    const [model, artifact, compartments, project, shapes] = await Promise.all([
      deps.local.getModel(modelId),
      deps.local.headModelArtifact(modelId),
      p.listCompartments(),
      p.getProject(sel.projectId),
      p.listModelDeploymentShapes(sel.compartmentId),
    ]);
    const compartment = compartments.ok ? (compartments.data.find((c) => c.id === sel.compartmentId) ?? null) : null;
    const t: PromotionTarget = {
      contextLabel: target.option.label,
      region: target.option.region,
      compartment: compartment ? { id: compartment.id, name: compartment.name } : null,
      project: project.ok ? { id: project.data.id, displayName: project.data.displayName, compartmentId: project.data.compartmentId, lifecycleState: project.data.lifecycleState } : { error: project.error.message },
      shapes: shapes.ok ? shapes.data : { error: shapes.error.message },
      ocir: target.ctx.capabilities.ocir,
    };
    const row = getPromotionRow(deps.db, md.id);
    const items = promotionPreflight({
      deployment: md,
      artifact: artifact.ok ? { sizeInBytes: artifact.data.sizeInBytes, introspection: artifact.data.introspection } : null,
      definedTagKeys: definedTagKeysOf(md, ...(model.ok ? [model.data] : [])),
      target: t,
      promoted: row ? { contextLabel: row.contextLabel, targetDeploymentId: row.targetDeploymentId } : null,
    });
    return { items, model };
  }

  return {
    promotionOf(deploymentId: string): PromotionView | null {
      const row = getPromotionRow(deps.db, deploymentId);
      return row ? toView(row) : null;
    },

    /** What the dialog chooses from: the OCI contexts, then a context's compartments and projects. */
    async targets(deploymentId: string, contextId?: string, compartmentId?: string): R<PromotionTargets> {
      const md = await localDeployment(deploymentId);
      if (!md.ok) return md;
      const row = getPromotionRow(deps.db, deploymentId);
      const contexts = (await deps.contexts.options()).filter((o) => o.acceptsPromotion);
      const out: PromotionTargets = { contexts, compartments: [], projects: [], promotion: row ? toView(row) : null };
      if (!contextId) return ok(out);
      const target = await targetContext(contextId);
      if (!target.ok) return target;
      const compartments = await target.data.ctx.provider.listCompartments();
      if (!compartments.ok) return compartments;
      out.compartments = compartments.data.map((c) => ({ id: c.id, name: c.name }));
      if (!compartmentId) return ok(out);
      const projects = await target.data.ctx.provider.listProjects({ compartmentId, lifecycleState: 'ACTIVE', limit: 100, sortBy: 'displayName', sortOrder: 'ASC' });
      if (!projects.ok) return projects;
      out.projects = projects.data.items.map((p) => ({ id: p.id, displayName: p.displayName }));
      return ok(out);
    },

    async preflight(deploymentId: string, sel: PromotionSelection): R<{ items: PreflightItem[]; blocked: boolean }> {
      const md = await localDeployment(deploymentId);
      if (!md.ok) return md;
      const target = await targetContext(sel.contextId);
      if (!target.ok) return target;
      const { items } = await preflightOf(md.data, sel, target.data);
      return ok({ items, blocked: preflightBlocks(items) });
    },

    /**
     * The pre-flight again (the target may have changed since the dialog showed it), then the
     * model with its artifact, then the deployment. A failing item creates nothing; a refused
     * deployment deletes the model it would have served.
     */
    async promote(deploymentId: string, sel: PromotionSelection, promotedBy: string): R<PromotionView> {
      const before = getPromotionRow(deps.db, deploymentId);
      if (before) return err(promotedAlready(before));
      if (inFlight.has(deploymentId)) return err(domainError('Conflict', 'This deployment is being promoted now; wait for it to finish.'));
      inFlight.add(deploymentId);
      try {
        const md = await localDeployment(deploymentId);
        if (!md.ok) return md;
        const target = await targetContext(sel.contextId);
        if (!target.ok) return target;
        const { items, model } = await preflightOf(md.data, sel, target.data);
        const failing = items.filter((i) => i.verdict === 'fail');
        if (failing.length > 0) return err(domainError('IncorrectState', `The pre-flight failed, so nothing was created: ${failing.map((i) => `${i.label}: ${i.detail}`).join(' ')}`));
        if (!model.ok) return model;
        const oci = target.data.ctx.provider;
        const label = target.data.option.label;
        const place = { compartmentId: sel.compartmentId, projectId: sel.projectId };

        const content = await deps.local.getModelArtifactContent(model.data.id);
        if (!content.ok) return content;
        const created = await oci.createModelWithArtifact(promotedModelDetails(model.data, place, deps.localRegion), content.data.stream, content.data.fileName);
        if (!created.ok) return err(domainError(created.error.code, `Creating the model in ${label} failed: ${created.error.message}`));

        const deployed = await oci.createModelDeployment(promotedDeploymentDetails(md.data, place, created.data.id, deps.localRegion));
        if (!deployed.ok) {
          // A model no deployment serves would be left behind for nothing.
          await oci.deleteModel(created.data.id);
          return err(domainError(deployed.error.code, `Creating the deployment in ${label} failed (the model created for it was deleted again): ${deployed.error.message}`));
        }
        const row: PromotionRow = {
          modelDeploymentId: deploymentId,
          contextId: sel.contextId,
          contextLabel: label,
          targetCompartmentId: sel.compartmentId,
          targetProjectId: sel.projectId,
          targetModelId: created.data.id,
          targetDeploymentId: deployed.data.resource.id,
          targetWorkRequestId: deployed.data.workRequestId,
          promotedBy,
          timeCreated: now().toISOString(),
        };
        insertPromotionRow(deps.db, row);
        return ok(toView(row));
      } finally {
        inFlight.delete(deploymentId);
      }
    },

    /** The target's create work request and the OCI deployment's state, for the progress view. */
    async progress(deploymentId: string): R<PromotionProgress> {
      const md = await deps.local.getModelDeployment(deploymentId);
      if (!md.ok) return md;
      const row = getPromotionRow(deps.db, deploymentId);
      if (!row) return err(domainError('NotAuthorizedOrNotFound', `Deployment ${deploymentId} has not been promoted.`));
      const target = await targetContext(row.contextId);
      if (!target.ok) return target;
      const p = target.data.ctx.provider;
      const [wr, logs, errors, oci] = await Promise.all([
        p.getWorkRequest(row.targetWorkRequestId),
        p.listWorkRequestLogs(row.targetWorkRequestId, { limit: 100 }),
        p.listWorkRequestErrors(row.targetWorkRequestId, { limit: 100 }),
        p.getModelDeployment(row.targetDeploymentId),
      ]);
      if (!wr.ok) return wr;
      return ok({ promotion: toView(row), workRequest: wr.data, logs: logs.ok ? logs.data.items : [], errors: errors.ok ? errors.data.items : [], lifecycleState: oci.ok ? oci.data.lifecycleState : null });
    },
  };
}

export type PromotionsService = ReturnType<typeof createPromotionsService>;

/** The service over the app's database, its local context and its OCI profiles. */
export const promotionsServiceOf = (ctx: Pick<AppContext, 'db' | 'contexts' | 'config'>): PromotionsService =>
  createPromotionsService({ db: ctx.db, local: ctx.contexts.local.provider, contexts: ctx.contexts, localRegion: ctx.config.region });

/**
 * A profile acts with the server's own key, so promoting through one is the ops role's, as
 * switching to one is; the answer is the principal's name, for the promotion's record.
 */
export async function authorizePromotion(ctx: Pick<AppContext, 'db' | 'provider' | 'principal'>, deploymentId: string): Promise<Result<string, DomainError>> {
  const who = await ctx.principal();
  if (!who || !(await principalIsOps(ctx))) return err(domainError('NotAuthorizedOrNotFound', `Deployment ${deploymentId} cannot be promoted by you: it takes the ops role, since an OCI profile signs with this server's key.`));
  return ok(who.userName);
}
