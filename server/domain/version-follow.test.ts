import { describe, expect, it } from 'vitest';
import { decideFollowSwaps, labelHolder, nextVersionId, normalizeLabel, type Follower, type VersionedModel } from './version-follow';

// Which following deployments must swap models, from the facts a label move leaves behind.

const SET = 'ocid1.datasciencemodelversionset.oc1.test.set';
const OTHER_SET = 'ocid1.datasciencemodelversionset.oc1.test.other';

const model = (id: string, versionId: number, versionLabel: string | null, over: Partial<VersionedModel> = {}): VersionedModel => ({
  id,
  displayName: id,
  modelVersionSetId: SET,
  versionLabel,
  versionId,
  lifecycleState: 'ACTIVE',
  hasArtifact: true,
  ...over,
});

const follower = (deploymentId: string, currentModelId: string, over: Partial<Follower> = {}): Follower => ({
  deploymentId,
  modelVersionSetId: SET,
  versionLabel: 'prod',
  currentModelId,
  lifecycleState: 'ACTIVE',
  busy: false,
  needsArtifact: true,
  ...over,
});

describe('decideFollowSwaps', () => {
  it('swaps every follower of the moved label to its new holder, and leaves the others', () => {
    const models = [model('a', 1, 'old'), model('b', 2, 'prod'), model('c', 3, 'staging')];
    const decisions = decideFollowSwaps(
      [follower('md1', 'a'), follower('md2', 'a', { lifecycleState: 'INACTIVE' }), follower('md3', 'c', { versionLabel: 'staging' }), follower('md4', 'b')],
      models,
    );
    expect(decisions).toEqual([
      { kind: 'swap', deploymentId: 'md1', fromModelId: 'a', toModel: models[1] },
      { kind: 'swap', deploymentId: 'md2', fromModelId: 'a', toModel: models[1] },
    ]);
  });

  it('keeps serving the old model while no model holds the label (between taking it off and giving it on)', () => {
    expect(decideFollowSwaps([follower('md1', 'a')], [model('a', 1, null), model('b', 2, null)])).toEqual([]);
  });

  it('matches the label in the follower’s own set only', () => {
    expect(decideFollowSwaps([follower('md1', 'a')], [model('a', 1, null), model('x', 1, 'prod', { modelVersionSetId: OTHER_SET })])).toEqual([]);
  });

  it('waits, saying why, while the deployment is busy or between states, and never touches failed or deleted ones', () => {
    const models = [model('a', 1, null), model('b', 2, 'prod')];
    const decisions = decideFollowSwaps(
      [
        follower('busy', 'a', { busy: true }),
        follower('updating', 'a', { lifecycleState: 'UPDATING' }),
        follower('failed', 'a', { lifecycleState: 'FAILED' }),
        follower('deleting', 'a', { lifecycleState: 'DELETING' }),
      ],
      models,
    );
    expect(decisions).toEqual([
      { kind: 'wait', deploymentId: 'busy', reason: 'the deployment is busy with other work' },
      { kind: 'wait', deploymentId: 'updating', reason: 'the deployment is UPDATING' },
    ]);
  });

  it('waits for a holder that cannot be served yet: inactive, or without the artifact a conda runtime needs', () => {
    const inactive = decideFollowSwaps([follower('md1', 'a')], [model('a', 1, null), model('b', 2, 'prod', { lifecycleState: 'INACTIVE' })]);
    expect(inactive).toEqual([{ kind: 'wait', deploymentId: 'md1', reason: 'model b (version 2) is INACTIVE' }]);
    const noArtifact = [model('a', 1, null), model('b', 2, 'prod', { hasArtifact: false })];
    expect(decideFollowSwaps([follower('md1', 'a')], noArtifact)).toEqual([{ kind: 'wait', deploymentId: 'md1', reason: 'model b (version 2) has no artifact yet' }]);
    // A custom container serves its image; the model's artifact is not needed.
    expect(decideFollowSwaps([follower('md1', 'a', { needsArtifact: false })], noArtifact)).toEqual([{ kind: 'swap', deploymentId: 'md1', fromModelId: 'a', toModel: noArtifact[1] }]);
  });

  it('does not retry a swap to the same model after it failed, and does once the label moves on', () => {
    const lastAttempt = { toModelId: 'b', failed: true };
    const stuck = decideFollowSwaps([follower('md1', 'a', { lastAttempt, lifecycleState: 'NEEDS_ATTENTION' })], [model('a', 1, null), model('b', 2, 'prod')]);
    expect(stuck).toEqual([{ kind: 'wait', deploymentId: 'md1', reason: expect.stringContaining('the swap to model b (version 2) failed') }]);
    const moved = [model('a', 1, null), model('b', 2, null), model('c', 3, 'prod')];
    expect(decideFollowSwaps([follower('md1', 'a', { lastAttempt })], moved)).toEqual([{ kind: 'swap', deploymentId: 'md1', fromModelId: 'a', toModel: moved[2] }]);
  });

  it('ignores deleted models holding a label', () => {
    const models = [model('a', 1, null), model('b', 2, 'prod', { lifecycleState: 'DELETED' })];
    expect(labelHolder(models, { modelVersionSetId: SET, versionLabel: 'prod' })).toBeUndefined();
    expect(decideFollowSwaps([follower('md1', 'a')], models)).toEqual([]);
  });
});

describe('version numbers and labels', () => {
  it('numbers versions 1, 2, ... after the highest so far', () => {
    expect(nextVersionId([])).toBe(1);
    expect(nextVersionId([null])).toBe(1);
    expect(nextVersionId([3])).toBe(4);
  });

  it('reads a blank label as none', () => {
    expect(normalizeLabel('  ')).toBeNull();
    expect(normalizeLabel(undefined)).toBeNull();
    expect(normalizeLabel(' prod ')).toBe('prod');
  });
});
