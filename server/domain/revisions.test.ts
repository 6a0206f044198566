import { describe, expect, it } from 'vitest';
import { modelDeploymentFixture } from '@/tests/support/model-deployment';
import { deploymentAtRevision, diffRevisions, revisionSummary, snapshotOf } from './revisions';
import { SECRET_MASK } from './secrets';
import { applyModelDeploymentUpdate } from './shallow-merge';

const base = modelDeploymentFixture({ description: 'first', freeformTags: { team: 'a' } });

const updated = (() => {
  const r = applyModelDeploymentUpdate(base, {
    displayName: 'md-v2',
    freeformTags: { team: 'b' },
    modelDeploymentConfigurationDetails: {
      deploymentType: 'SINGLE_MODEL',
      modelConfigurationDetails: { modelId: base.modelDeploymentConfigurationDetails!.modelConfigurationDetails.modelId, bandwidthMbps: 20 },
    },
  });
  if (!r.ok) throw new Error(r.error.message);
  return r.data;
})();

describe('revision diff', () => {
  it('lists every field that differs between two revisions, in either direction', () => {
    const one = { snapshot: snapshotOf(base) };
    const two = { snapshot: snapshotOf(updated) };
    const forward = diffRevisions(one, two);
    expect(forward.map((c) => [c.path, c.before, c.after])).toEqual([
      ['displayName', 'md', 'md-v2'],
      ['modelDeploymentConfigurationDetails.modelConfigurationDetails.bandwidthMbps', 10, 20],
      ['freeformTags', { team: 'a' }, { team: 'b' }],
    ]);
    expect(diffRevisions(two, one).map((c) => [c.path, c.before, c.after])).toEqual(forward.map((c) => [c.path, c.after, c.before]));
    expect(diffRevisions(one, one)).toEqual([]);
  });

  it('shows a removed description as removed and never a secret reference', () => {
    const withSecret = modelDeploymentFixture({
      modelDeploymentConfigurationDetails: {
        ...base.modelDeploymentConfigurationDetails!,
        environmentConfigurationDetails: { environmentConfigurationType: 'DEFAULT', environmentVariables: { API_KEY: 'berth-secret:aaa', MODE: 'a' } },
      },
    });
    const rotated = modelDeploymentFixture({
      modelDeploymentConfigurationDetails: {
        ...base.modelDeploymentConfigurationDetails!,
        environmentConfigurationDetails: { environmentConfigurationType: 'DEFAULT', environmentVariables: { API_KEY: 'berth-secret:bbb', MODE: 'a' } },
      },
    });
    const changes = diffRevisions({ snapshot: snapshotOf(base) }, { snapshot: snapshotOf(withSecret) });
    expect(changes.find((c) => c.path === 'description')?.kind).toBe('removed');
    const env = diffRevisions({ snapshot: snapshotOf(withSecret) }, { snapshot: snapshotOf(rotated) });
    expect(env).toHaveLength(1);
    expect(env[0]?.before).toEqual({ API_KEY: SECRET_MASK, MODE: 'a' });
    expect(JSON.stringify(env)).not.toContain('berth-secret:');
  });

  it('rebuilds the deployment at a revision: its configuration, the current identity and state, secrets masked', () => {
    const current = { ...updated, lifecycleState: 'INACTIVE' as const };
    const snapshot = snapshotOf(
      modelDeploymentFixture({
        modelDeploymentConfigurationDetails: {
          ...base.modelDeploymentConfigurationDetails!,
          environmentConfigurationDetails: { environmentConfigurationType: 'DEFAULT', environmentVariables: { DB_PASSWORD: 'berth-secret:x' } },
        },
      }),
    );
    const at = deploymentAtRevision(current, snapshot);
    expect(at.id).toBe(current.id);
    expect(at.lifecycleState).toBe('INACTIVE');
    expect(at.displayName).toBe('md');
    expect(at.description).toBeUndefined();
    expect(at.modelDeploymentConfigurationDetails?.environmentConfigurationDetails?.environmentVariables).toEqual({ DB_PASSWORD: SECRET_MASK });
  });

  it('summarises a revision by the groups it changed, and names the revision a rollback restores', () => {
    const changes = diffRevisions({ snapshot: snapshotOf(base) }, { snapshot: snapshotOf(updated) });
    expect(revisionSummary({ kind: 'CREATE', changes: [], rollbackOf: null })).toBe('Created');
    expect(revisionSummary({ kind: 'UPDATE', changes, rollbackOf: null })).toBe('Changed name, tags, load balancer');
    expect(revisionSummary({ kind: 'UPDATE', changes, rollbackOf: 1 })).toBe('Rollback to revision 1: name, tags, load balancer');
    expect(revisionSummary({ kind: 'UPDATE', changes: [], rollbackOf: null })).toBe('No configuration change');
  });
});
