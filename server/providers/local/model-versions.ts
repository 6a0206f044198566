import type { DbOrTx } from '@/db/client';
import { getModelVersionSetRow } from '@/db/queries/model-version-sets';
import { highestVersionId, liveModelWithLabel, type ModelRow } from '@/db/queries/models';
import { domainError, err, notFound, ok, type DomainError, type Result } from '@/server/domain/result';
import { nextVersionId, normalizeLabel } from '@/server/domain/version-follow';

// A model's place in a version set: which set, its version number there, and its label, unique
// among the set's live models as OCI keeps it. Run inside the transaction that writes the model.

export type VersionFields = Pick<ModelRow, 'modelVersionSetId' | 'modelVersionSetName' | 'versionId' | 'versionLabel' | 'liveVersionLabel'>;

const labelTaken = (label: string, holder: ModelRow, setName: string) =>
  domainError(
    'Conflict',
    `Version label ${label} is held by model ${holder.displayName} (version ${holder.versionId ?? '?'}) in model version set ${setName}; remove it there first, then give it to this model.`,
    { versionLabel: `Held by ${holder.displayName}` },
  );

/** The set a model may join: it exists and is ACTIVE. */
export function checkVersionSet(db: DbOrTx, setId: string): Result<{ id: string; name: string; projectId: string }, DomainError> {
  const set = getModelVersionSetRow(db, setId);
  if (!set || set.lifecycleState === 'DELETED') return err({ ...notFound('Model version set', setId), fieldErrors: { modelVersionSetId: 'No such model version set' } });
  if (set.lifecycleState !== 'ACTIVE') return err(domainError('IncorrectState', `Model version set ${set.name} is ${set.lifecycleState}; models can join only an active set.`, { modelVersionSetId: 'The set is not active' }));
  return ok({ id: set.id, name: set.name, projectId: set.projectId });
}

/**
 * The version fields of a model after it joins `setId` (if given) and takes `label` (undefined:
 * keep the current one, blank: none). `self` is the model's id when it exists already.
 */
export function resolveVersionFields(
  db: DbOrTx,
  current: VersionFields & { id?: string },
  change: { modelVersionSetId?: string | undefined; versionLabel?: string | undefined },
): Result<VersionFields, DomainError> {
  let { modelVersionSetId, modelVersionSetName, versionId } = current;
  if (change.modelVersionSetId && change.modelVersionSetId !== current.modelVersionSetId) {
    if (current.modelVersionSetId) {
      return err(domainError('InvalidParameter', `The model is already version ${current.versionId} of model version set ${current.modelVersionSetName}; a model belongs to one set.`, { modelVersionSetId: 'The model is in another set' }));
    }
    const set = checkVersionSet(db, change.modelVersionSetId);
    if (!set.ok) return set;
    modelVersionSetId = set.data.id;
    modelVersionSetName = set.data.name;
    versionId = nextVersionId([highestVersionId(db, set.data.id)]);
  }
  const versionLabel = change.versionLabel === undefined ? current.versionLabel : normalizeLabel(change.versionLabel);
  if (modelVersionSetId && versionLabel) {
    const holder = liveModelWithLabel(db, modelVersionSetId, versionLabel);
    if (holder && holder.id !== current.id) return err(labelTaken(versionLabel, holder, modelVersionSetName ?? modelVersionSetId));
  }
  return ok({ modelVersionSetId, modelVersionSetName, versionId, versionLabel, liveVersionLabel: modelVersionSetId ? versionLabel : null });
}
