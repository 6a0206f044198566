import type { Db } from '@/db/client';
import { deleteDeploymentFollowRow, getDeploymentFollowRow, listDeploymentFollowRows, upsertDeploymentFollowRow, type DeploymentFollowRow } from '@/db/queries/deployment-follows';
import { getModelDeploymentRow } from '@/db/queries/model-deployments';
import { getModelVersionSetRow } from '@/db/queries/model-version-sets';
import { listLiveModelsInSets } from '@/db/queries/models';
import { insertWorkRequestLog } from '@/db/queries/work-requests';
import type { ModelDeployment, ModelDeploymentConfigurationDetails, UpdateModelDeploymentDetails } from '@/server/domain/oci-types';
import { domainError, err, notFound, ok, type DomainError, type Result } from '@/server/domain/result';
import { labelHolder, unservableReason, type DeploymentFollow, type FollowSetting, type VersionedModel } from '@/server/domain/version-follow';
import type { ModelDeploymentsApi } from '../../types';
import { describeModel } from './follow-sync';

// Berth's `berthFollow` field on the deployments API: a create or update may say "follow label L
// of version set V"; the answer carries the setting and why the model last changed. OCI has no such
// field; its SDK passes it through, and a client that does not know it never sees a difference.

const FIELD = 'berthFollow';

const needsArtifact = (config: ModelDeploymentConfigurationDetails | undefined) =>
  config?.environmentConfigurationDetails?.environmentConfigurationType !== 'OCIR_CONTAINER';

export function viewOf(db: Db, row: DeploymentFollowRow): DeploymentFollow {
  return {
    modelVersionSetId: row.modelVersionSetId,
    versionLabel: row.versionLabel,
    modelVersionSetName: getModelVersionSetRow(db, row.modelVersionSetId)?.name ?? '',
    ...(row.lastChange ? { lastChange: row.lastChange } : {}),
  };
}

/** The model that holds the label now and can be served by such a deployment. */
function holderFor(db: Db, setting: FollowSetting, artifactNeeded: boolean): Result<{ holder: VersionedModel; setName: string }, DomainError> {
  const set = getModelVersionSetRow(db, setting.modelVersionSetId);
  if (!set || set.lifecycleState === 'DELETED') return err({ ...notFound('Model version set', setting.modelVersionSetId), fieldErrors: { [`${FIELD}.modelVersionSetId`]: 'No such model version set' } });
  const models = listLiveModelsInSets(db, [set.id]).map((m) => ({ ...m, modelVersionSetId: set.id, versionLabel: m.liveVersionLabel, versionId: m.versionId ?? 0 }));
  const holder = labelHolder(models, setting);
  if (!holder) {
    return err(domainError('InvalidParameter', `No model of model version set ${set.name} holds label ${setting.versionLabel}; give the label to a model first.`, { [`${FIELD}.versionLabel`]: 'No model holds this label' }));
  }
  const why = unservableReason(holder, artifactNeeded);
  if (why) return err(domainError('IncorrectState', `Label ${setting.versionLabel} cannot be followed now: ${why}.`, { [`${FIELD}.versionLabel`]: why }));
  return ok({ holder, setName: set.name });
}

const isSetting = (v: UpdateModelDeploymentDetails['berthFollow']): v is FollowSetting => !!v && 'modelVersionSetId' in v;

/** Wraps the local deployments API with the follow setting: stored beside the deployment, shown on it. */
export function withFollowing(db: Db, inner: ModelDeploymentsApi, now: () => Date): ModelDeploymentsApi {
  const decorate = <T extends ModelDeployment | Omit<ModelDeployment, 'lifecycleDetails'>>(md: T, rows?: DeploymentFollowRow[]): T => {
    const row = rows ? rows.find((r) => r.modelDeploymentId === md.id) : getDeploymentFollowRow(db, md.id);
    return row ? { ...md, berthFollow: viewOf(db, row) } : md;
  };

  return {
    ...inner,

    async createModelDeployment(details) {
      const { berthFollow, ...rest } = details;
      if (!berthFollow) return inner.createModelDeployment(rest);
      const config = rest.modelDeploymentConfigurationDetails;
      const target = holderFor(db, berthFollow, needsArtifact(config));
      if (!target.ok) return target;
      const { holder, setName } = target.data;
      if (config.modelConfigurationDetails.modelId !== holder.id) {
        return err(
          domainError('InvalidParameter', `Label ${berthFollow.versionLabel} of ${setName} is held by model ${describeModel(holder)}; deploy that model to follow the label.`, {
            'modelDeploymentConfigurationDetails.modelConfigurationDetails.modelId': `Label ${berthFollow.versionLabel} is held by ${holder.displayName}`,
          }),
        );
      }
      const created = await inner.createModelDeployment(rest);
      if (!created.ok) return created;
      const time = now().toISOString();
      const row: DeploymentFollowRow = {
        modelDeploymentId: created.data.resource.id,
        ...berthFollow,
        timeSet: time,
        lastChange: { fromModelId: null, toModelId: holder.id, workRequestId: created.data.workRequestId, reason: `created to follow label ${berthFollow.versionLabel}, held by model ${holder.displayName} (version ${holder.versionId})`, time },
      };
      db.transaction((tx) => {
        upsertDeploymentFollowRow(tx, row);
        insertWorkRequestLog(tx, created.data.workRequestId, `Follows label ${berthFollow.versionLabel} of model version set ${setName}: serving model ${describeModel(holder)}.`, time);
      });
      return ok({ ...created.data, resource: { ...created.data.resource, berthFollow: viewOf(db, row) } });
    },

    async updateModelDeployment(id, details) {
      const { berthFollow, ...rest } = details;
      const md = getModelDeploymentRow(db, id);
      const current = md ? getDeploymentFollowRow(db, id) : undefined;
      const askedModel = rest.modelDeploymentConfigurationDetails?.modelConfigurationDetails?.modelId;
      if (!md || berthFollow === undefined) {
        // A following deployment's model is the label's to choose, not an update's.
        if (md && current && askedModel && askedModel !== md.modelId) {
          return err(domainError('InvalidParameter', `The deployment follows label ${current.versionLabel}; stop following (berthFollow: {}) before choosing a model yourself.`, { 'modelDeploymentConfigurationDetails.modelConfigurationDetails.modelId': 'The deployment follows a version label' }));
        }
        return inner.updateModelDeployment(id, rest);
      }
      if (!isSetting(berthFollow)) {
        const done = await inner.updateModelDeployment(id, rest);
        if (done.ok) {
          db.transaction((tx) => {
            deleteDeploymentFollowRow(tx, id);
            if (current) insertWorkRequestLog(tx, done.data.workRequestId, `Stopped following label ${current.versionLabel}; model ${md.modelId} stays.`, now().toISOString());
          });
        }
        return done;
      }
      const target = holderFor(db, berthFollow, needsArtifact(md.modelDeploymentConfigurationDetails));
      if (!target.ok) return target;
      const { holder, setName } = target.data;
      if (askedModel && askedModel !== holder.id) {
        return err(domainError('InvalidParameter', `Label ${berthFollow.versionLabel} is held by model ${describeModel(holder)}, not by ${askedModel}.`, { 'modelDeploymentConfigurationDetails.modelConfigurationDetails.modelId': `Label ${berthFollow.versionLabel} is held by ${holder.displayName}` }));
      }
      const swaps = holder.id !== md.modelId;
      const config = rest.modelDeploymentConfigurationDetails;
      const withModel: UpdateModelDeploymentDetails = swaps
        ? { ...rest, modelDeploymentConfigurationDetails: { deploymentType: 'SINGLE_MODEL', ...(config ?? {}), modelConfigurationDetails: { ...(config?.modelConfigurationDetails ?? {}), modelId: holder.id } } }
        : rest;
      const done = await inner.updateModelDeployment(id, withModel);
      if (!done.ok) return done;
      const time = now().toISOString();
      const reason = swaps ? `set to follow label ${berthFollow.versionLabel}, held by model ${holder.displayName} (version ${holder.versionId})` : `set to follow label ${berthFollow.versionLabel}; it already served model ${holder.displayName} (version ${holder.versionId})`;
      db.transaction((tx) => {
        upsertDeploymentFollowRow(tx, { modelDeploymentId: id, ...berthFollow, timeSet: time, lastChange: { fromModelId: md.modelId, toModelId: holder.id, workRequestId: done.data.workRequestId, reason, time } });
        insertWorkRequestLog(tx, done.data.workRequestId, `Follows label ${berthFollow.versionLabel} of model version set ${setName}${swaps ? `: swapping model ${md.modelId} for model ${describeModel(holder)}` : ''}.`, time);
      });
      return done;
    },

    async getModelDeployment(id) {
      const found = await inner.getModelDeployment(id);
      return found.ok ? ok(decorate(found.data)) : found;
    },

    async listModelDeployments(params) {
      const page = await inner.listModelDeployments(params);
      if (!page.ok) return page;
      const rows = listDeploymentFollowRows(db, page.data.items.map((i) => i.id));
      return ok({ ...page.data, items: page.data.items.map((i) => decorate(i, rows)) });
    },
  };
}
