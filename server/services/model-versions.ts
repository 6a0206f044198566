import type { VersionSetView } from '@/server/domain/version-follow';
import type { Model, ModelDeploymentSummary } from '@/server/domain/oci-types';
import type { ModelVersionSet } from '@/server/domain/model-version-sets';
import { ok, type DomainError, type Result } from '@/server/domain/result';
import type { DataScienceProvider } from '@/server/providers/types';

// What the console shows and does with version sets: the sets a model may join, a set's models
// (its versions, newest first) and the deployments following its labels, and moving a label.

async function allPages<T>(list: (page?: string) => Promise<Result<{ items: T[]; nextPage?: string }, DomainError>>): Promise<Result<T[], DomainError>> {
  const items: T[] = [];
  let page: string | undefined;
  // Bounded: a set with more than 1,000 versions shows its first 1,000.
  for (let i = 0; i < 10; i++) {
    const next = await list(page);
    if (!next.ok) return next;
    items.push(...next.data.items);
    page = next.data.nextPage;
    if (!page) break;
  }
  return ok(items);
}

export function createModelVersionsService(provider: DataScienceProvider) {
  return {
    /** The active sets of the compartments given, for the upload form's picker. */
    async activeSets(compartmentIds: readonly string[]): Promise<ModelVersionSet[]> {
      const lists = await Promise.all(compartmentIds.map((compartmentId) => provider.listModelVersionSets({ compartmentId, lifecycleState: 'ACTIVE', limit: 100 })));
      return lists.flatMap((l) => (l.ok ? l.data.items : []));
    },

    async setView(setId: string): Promise<Result<VersionSetView, DomainError>> {
      const set = await provider.getModelVersionSet(setId);
      if (!set.ok) return set;
      const models = await allPages((page) => provider.listModels({ compartmentId: set.data.compartmentId, modelVersionSetName: set.data.name, projectId: set.data.projectId, limit: 100, ...(page ? { page } : {}) }));
      if (!models.ok) return models;
      const deployments = await allPages((page) => provider.listModelDeployments({ compartmentId: set.data.compartmentId, projectId: set.data.projectId, limit: 100, ...(page ? { page } : {}) }));
      const followers = deployments.ok
        ? deployments.data.filter((d): d is VersionSetView['followers'][number] => d.berthFollow?.modelVersionSetId === setId && d.lifecycleState !== 'DELETED')
        : [];
      const live = models.data.filter((m) => m.modelVersionSetId === setId && m.lifecycleState !== 'DELETED').sort((a, b) => (b.versionId ?? 0) - (a.versionId ?? 0));
      return ok({ set: set.data, models: live, followers });
    },

    /**
     * Gives the label to the model. With `takeFromHolder`, the model holding it now gives it up
     * first, so following deployments move in one step from the old holder to this one.
     */
    async setLabel(modelId: string, versionLabel: string, takeFromHolder: boolean): Promise<Result<Model, DomainError>> {
      const model = await provider.getModel(modelId);
      if (!model.ok) return model;
      const label = versionLabel.trim();
      if (takeFromHolder && label && model.data.modelVersionSetName) {
        const holders = await provider.listModels({ compartmentId: model.data.compartmentId, modelVersionSetName: model.data.modelVersionSetName, versionLabel: label, projectId: model.data.projectId, limit: 100 });
        if (!holders.ok) return holders;
        for (const h of holders.data.items) {
          if (h.id === modelId || h.lifecycleState === 'DELETED' || h.modelVersionSetId !== model.data.modelVersionSetId) continue;
          const cleared = await provider.updateModel(h.id, { versionLabel: '' });
          if (!cleared.ok) return cleared;
        }
      }
      return provider.updateModel(modelId, { versionLabel: label });
    },
  };
}

export const modelVersionsServiceOf = (ctx: { provider: DataScienceProvider }) => createModelVersionsService(ctx.provider);

/** The labels a deployment may follow: those held by active models of its project's version sets. */
export async function followOptionsOf(provider: DataScienceProvider, d: Pick<ModelDeploymentSummary, 'compartmentId' | 'projectId'>) {
  const models = await allPages((page) => provider.listModels({ compartmentId: d.compartmentId, projectId: d.projectId, lifecycleState: 'ACTIVE', limit: 100, ...(page ? { page } : {}) }));
  if (!models.ok) return [];
  return models.data.flatMap((m) =>
    m.modelVersionSetId && m.versionLabel
      ? [{ setting: { modelVersionSetId: m.modelVersionSetId, versionLabel: m.versionLabel }, label: `${m.modelVersionSetName ?? ''}: ${m.versionLabel} (now ${m.displayName}, version ${m.versionId ?? '?'})` }]
      : [],
  );
}
