import { describe, expect, it } from 'vitest';
import { ladderIndex, ladderIssue, planAlarmAction, toInstanceConfiguration, type ActionContext, type AlarmAction, type LadderStep } from './alarm-actions';

// Seed 004's functions: scale_instance_up/down within MAX_INSTANCES and 1, scale_vm_up/down on an
// ordered list of shapes (nowhere to go past either end), only while the deployment is ACTIVE.

const E4 = 'VM.Standard.E4.Flex';
const LADDER: LadderStep[] = [
  { instanceShapeName: E4, ocpus: 1, memoryInGBs: 16 },
  { instanceShapeName: E4, ocpus: 2, memoryInGBs: 32 },
  { instanceShapeName: E4, ocpus: 4, memoryInGBs: 64 },
];
const on = (ocpus: number, memoryInGBs: number) => ({ instanceShapeName: E4, modelDeploymentInstanceShapeConfigDetails: { ocpus, memoryInGBs } });
const ctx = (o: Partial<ActionContext> = {}): ActionContext => ({
  lifecycleState: 'ACTIVE',
  busy: false,
  coolDownLeftMs: 0,
  scalingPolicy: { policyType: 'FIXED_SIZE', instanceCount: 2 },
  instanceConfiguration: on(1, 16),
  ...o,
});
const shape = (direction: 'UP' | 'DOWN'): AlarmAction => ({ type: 'CHANGE_SHAPE', direction, ladder: LADDER });
const scale = (direction: 'UP' | 'DOWN', count = 1): AlarmAction => ({ type: 'SCALE_INSTANCES', direction, count, minInstances: 1, maxInstances: 3 });

describe('the shape ladder', () => {
  it('finds the deployment on its ladder by shape, OCPUs and memory', () => {
    expect(ladderIndex(LADDER, on(2, 32))).toBe(1);
    expect(ladderIndex(LADDER, on(2, 16))).toBe(-1);
    expect(ladderIndex([{ instanceShapeName: 'VM.Standard2.1' }, { instanceShapeName: 'VM.Standard2.2' }], { instanceShapeName: 'VM.Standard2.2' })).toBe(1);
  });

  it('moves one step up or down, and no further than either end', () => {
    expect(planAlarmAction(shape('UP'), ctx())).toEqual({ kind: 'SHAPE', from: `${E4} 1 OCPU / 16 GB`, to: LADDER[1], summary: `Shape up: ${E4} 1 OCPU / 16 GB -> ${E4} 2 OCPU / 32 GB.` });
    expect(planAlarmAction(shape('DOWN'), ctx({ instanceConfiguration: on(4, 64) }))).toMatchObject({ kind: 'SHAPE', to: LADDER[1] });
    expect(planAlarmAction(shape('UP'), ctx({ instanceConfiguration: on(4, 64) }))).toEqual({ kind: 'REFUSED', summary: `Not carried out: ${E4} 4 OCPU / 64 GB is the largest shape on the ladder.` });
    expect(planAlarmAction(shape('DOWN'), ctx())).toMatchObject({ kind: 'REFUSED', summary: expect.stringContaining('is the smallest shape') });
    expect(planAlarmAction(shape('UP'), ctx({ instanceConfiguration: on(3, 48) }))).toMatchObject({ kind: 'REFUSED', summary: expect.stringContaining('is not on the alarm\'s ladder') });
  });

  it('turns a step into the instance configuration an update sends', () => {
    expect(toInstanceConfiguration(LADDER[2] as LadderStep)).toEqual(on(4, 64));
    expect(toInstanceConfiguration({ instanceShapeName: 'VM.Standard2.4' })).toEqual({ instanceShapeName: 'VM.Standard2.4' });
  });

  it('must be ordered from the smallest shape to the largest', () => {
    expect(ladderIssue([{ ocpus: 1, memoryInGBs: 16 }, { ocpus: 2, memoryInGBs: 32 }])).toBeNull();
    expect(ladderIssue([{ ocpus: 2, memoryInGBs: 32 }, { ocpus: 1, memoryInGBs: 16 }])).toMatchObject({ index: 1 });
    expect(ladderIssue([{ ocpus: 1, memoryInGBs: 16 }, { ocpus: 1, memoryInGBs: 16 }])).toMatchObject({ index: 1 });
    expect(ladderIssue([{ ocpus: 1, memoryInGBs: 16 }])).toMatchObject({ index: 0 });
  });
});

describe('instance scaling', () => {
  it('adds or removes N within the bounds', () => {
    expect(planAlarmAction(scale('UP'), ctx())).toEqual({ kind: 'INSTANCES', from: 2, to: 3, summary: 'Scale up 2 -> 3 instances.' });
    expect(planAlarmAction(scale('UP', 5), ctx())).toMatchObject({ kind: 'INSTANCES', to: 3 });
    expect(planAlarmAction(scale('DOWN', 5), ctx())).toMatchObject({ kind: 'INSTANCES', to: 1 });
    expect(planAlarmAction(scale('UP'), ctx({ scalingPolicy: { policyType: 'FIXED_SIZE', instanceCount: 3 } }))).toEqual({ kind: 'REFUSED', summary: 'Not carried out: 3 instances is the maximum of 3.' });
    expect(planAlarmAction(scale('DOWN'), ctx({ scalingPolicy: { policyType: 'FIXED_SIZE', instanceCount: 1 } }))).toEqual({ kind: 'REFUSED', summary: 'Not carried out: 1 instance is the minimum of 1.' });
  });

  it('leaves an autoscaled count to its policy', () => {
    const policy = { policyType: 'AUTOSCALING' as const, autoScalingPolicies: [] };
    expect(planAlarmAction(scale('UP'), ctx({ scalingPolicy: policy }))).toMatchObject({ kind: 'REFUSED', summary: expect.stringContaining('autoscaling policy') });
  });
});

describe('refusals', () => {
  it('changes nothing while the deployment is not ACTIVE, while work is in progress, or during the cooldown, saying why', () => {
    expect(planAlarmAction(shape('UP'), ctx({ lifecycleState: 'UPDATING' }))).toEqual({ kind: 'REFUSED', summary: 'Not carried out: the deployment is UPDATING, and only an ACTIVE one is changed.' });
    expect(planAlarmAction(scale('UP'), ctx({ lifecycleState: 'NEEDS_ATTENTION' }))).toMatchObject({ kind: 'REFUSED' });
    expect(planAlarmAction(shape('UP'), ctx({ busy: true }))).toEqual({ kind: 'REFUSED', summary: 'Not carried out: a work request is in progress on the deployment.' });
    expect(planAlarmAction(shape('UP'), ctx({ coolDownLeftMs: 90_000 }))).toEqual({ kind: 'REFUSED', summary: 'Not carried out: the cooldown after the last alarm action has 1m 30s left.' });
    expect(planAlarmAction({ type: 'NONE' }, ctx({ busy: true }))).toEqual({ kind: 'NONE' });
  });
});
