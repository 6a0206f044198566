import type { CategoryLogDetails, DefinedTags, FreeformTags, ModelDeployment, ModelDeploymentConfigurationDetails } from './oci-types';
import { maskConfiguration, maskEnvironmentVariables } from './secrets';
import { diffModelDeployment, type FieldChange } from './shallow-merge';

// Revisions of a model deployment: every configuration that was applied (by a create or an
// update), numbered from 1. Pure: recording them is the provider's, storing them db/queries'.

/** The configurable part of a deployment, as stored with secret references (never values). */
export interface RevisionSnapshot {
  displayName: string;
  description?: string;
  modelDeploymentConfigurationDetails: ModelDeploymentConfigurationDetails;
  categoryLogDetails?: CategoryLogDetails;
  freeformTags: FreeformTags;
  definedTags: DefinedTags;
}

export const REVISION_KINDS = ['CREATE', 'UPDATE', 'BASELINE'] as const;
/** BASELINE: the configuration a deployment had when its first revision was recorded by an update. */
export type RevisionKind = (typeof REVISION_KINDS)[number];

export interface Revision {
  revision: number;
  kind: RevisionKind;
  snapshot: RevisionSnapshot;
  /** Against the revision before it (empty for the first). */
  changes: FieldChange[];
  workRequestId: string | null;
  principalId: string | null;
  principalName: string | null;
  /** Set when the update that made it was a rollback to that revision. */
  rollbackOf: number | null;
  timeCreated: string;
}

type SnapshotSource = Pick<ModelDeployment, 'displayName' | 'description' | 'modelDeploymentConfigurationDetails' | 'categoryLogDetails' | 'freeformTags' | 'definedTags'>;

/** What a revision keeps of a deployment (or of a stored row read as one). */
export function snapshotOf(md: SnapshotSource): RevisionSnapshot {
  const config = md.modelDeploymentConfigurationDetails;
  if (!config) throw new Error('A deployment without a configuration has no revision.');
  return {
    displayName: md.displayName,
    ...(md.description != null && md.description !== '' ? { description: md.description } : {}),
    modelDeploymentConfigurationDetails: structuredClone(config),
    ...(md.categoryLogDetails ? { categoryLogDetails: structuredClone(md.categoryLogDetails) } : {}),
    freeformTags: { ...(md.freeformTags ?? {}) },
    definedTags: structuredClone(md.definedTags ?? {}),
  };
}

/**
 * The deployment as it was at a revision: its identity and state from `current`, its configuration
 * from the snapshot, secrets masked as everywhere else the console shows a deployment.
 */
export function deploymentAtRevision(current: ModelDeployment, snapshot: RevisionSnapshot): ModelDeployment {
  const { description: _currentDescription, categoryLogDetails: _currentLogs, ...rest } = current;
  return {
    ...rest,
    displayName: snapshot.displayName,
    ...(snapshot.description !== undefined ? { description: snapshot.description } : {}),
    modelDeploymentConfigurationDetails: maskConfiguration(snapshot.modelDeploymentConfigurationDetails),
    ...(snapshot.categoryLogDetails ? { categoryLogDetails: snapshot.categoryLogDetails } : {}),
    freeformTags: snapshot.freeformTags,
    definedTags: snapshot.definedTags,
  };
}

/** Leaf changes from one snapshot to another; a secret's new reference counts as a change. */
export function diffSnapshots(before: RevisionSnapshot, after: RevisionSnapshot): FieldChange[] {
  // The diff walks deployments; the fields that are not configuration are the same on both sides.
  return diffModelDeployment(before as unknown as ModelDeployment, after as unknown as ModelDeployment).map((c) => ({
    ...c,
    before: maskValue(c.path, c.before),
    after: maskValue(c.path, c.after),
  }));
}

const ENV_VARS_PATH = 'modelDeploymentConfigurationDetails.environmentConfigurationDetails.environmentVariables';

const maskValue = (path: string, value: unknown): unknown =>
  path === ENV_VARS_PATH && value && typeof value === 'object' ? maskEnvironmentVariables(value as Record<string, string>) : value;

/** The diff between two revisions in the order given: from `from` to `to`. */
export const diffRevisions = (from: Pick<Revision, 'snapshot'>, to: Pick<Revision, 'snapshot'>): FieldChange[] => diffSnapshots(from.snapshot, to.snapshot);

const FIELD_WORDS: [prefix: string, words: string][] = [
  ['displayName', 'name'],
  ['description', 'description'],
  ['freeformTags', 'tags'],
  ['definedTags', 'tags'],
  ['categoryLogDetails', 'logging'],
  ['modelDeploymentConfigurationDetails.modelConfigurationDetails.modelId', 'model'],
  ['modelDeploymentConfigurationDetails.modelConfigurationDetails.instanceConfiguration', 'compute'],
  ['modelDeploymentConfigurationDetails.modelConfigurationDetails.scalingPolicy', 'scaling'],
  ['modelDeploymentConfigurationDetails.modelConfigurationDetails.bandwidthMbps', 'load balancer'],
  ['modelDeploymentConfigurationDetails.modelConfigurationDetails.maximumBandwidthMbps', 'load balancer'],
  ['modelDeploymentConfigurationDetails.environmentConfigurationDetails', 'runtime'],
];

const wordFor = (path: string) => FIELD_WORDS.find(([prefix]) => path === prefix || path.startsWith(`${prefix}.`))?.[1] ?? 'configuration';

/** One line for the list: "Created", "Rollback to revision 1: name", "Changed compute, runtime". */
export function revisionSummary(r: Pick<Revision, 'kind' | 'changes' | 'rollbackOf'>): string {
  if (r.kind === 'CREATE') return 'Created';
  if (r.kind === 'BASELINE') return 'Configuration before revisions were recorded';
  // In a fixed order, whatever order the diff found them in.
  const found = new Set(r.changes.map((c) => wordFor(c.path)));
  const words = [...new Set([...FIELD_WORDS.map(([, w]) => w), 'configuration'])].filter((w) => found.has(w));
  if (r.rollbackOf !== null) return `Rollback to revision ${r.rollbackOf}: ${words.length > 0 ? words.join(', ') : 'no configuration change'}`;
  return words.length > 0 ? `Changed ${words.join(', ')}` : 'No configuration change';
}
