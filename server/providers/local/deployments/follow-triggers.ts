import type { Db } from '@/db/client';
import { getModelRow } from '@/db/queries/models';
import type { Model } from '@/server/domain/oci-types';
import type { ModelsApi, ProviderResult } from '../../types';
import type { FollowCause, FollowSync } from './follow-sync';

// The model changes that can hand a followed label to another servable model: a label given, a
// model registered under one, activated, or given its artifact. Each starts the followers' swaps
// before it answers, so a caller that moved a label sees the deployments UPDATING.

export function withFollowTriggers(db: Db, inner: ModelsApi, follow: FollowSync, logger: Pick<Console, 'error'> = console): ModelsApi {
  async function after(modelId: string, kind: FollowCause['kind']) {
    const setId = getModelRow(db, modelId)?.modelVersionSetId;
    if (!setId) return;
    try {
      await follow.sync(setId, { modelId, kind });
    } catch (cause) {
      // The model change itself succeeded; the sweep tries the swaps again.
      logger.error(`Berth: following deployments of set ${setId} were not updated`, cause);
    }
  }
  const then = async (result: Awaited<ProviderResult<Model>>, kind: FollowCause['kind']) => {
    if (result.ok && result.data.modelVersionSetId) await after(result.data.id, kind);
    return result;
  };

  return {
    ...inner,
    createModel: async (d) => then(await inner.createModel(d), 'registered'),
    createModelWithArtifact: async (d, s, f) => then(await inner.createModelWithArtifact(d, s, f), 'registered'),
    updateModel: async (id, d) => then(await inner.updateModel(id, d), 'labelled'),
    activateModel: async (id) => then(await inner.activateModel(id), 'activated'),
    async createModelArtifact(id, s, f) {
      const stored = await inner.createModelArtifact(id, s, f);
      if (stored.ok) await after(id, 'artifact');
      return stored;
    },
  };
}
