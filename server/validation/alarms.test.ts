import { describe, expect, it } from 'vitest';
import { alarmLimits, makeAlarmSchema, parseLadderText, toAlarmAction } from './alarms';

const ID = 'ocid1.datasciencemodeldeployment.oc1.iad.aaaaaaaaexample';
const E4 = 'VM.Standard.E4.Flex';
const valid = {
  displayName: 'model_deployment_high_mem',
  query: 'MemoryUtilization[1m]{resourceId = "MODEL_DEPLOYMENT_OCID"}.max() > 80',
  severity: 'INFO',
  pendingDuration: 'PT1M',
  isEnabled: true,
  coolDownInSeconds: '300',
  action: { type: 'CHANGE_SHAPE', direction: 'UP', ladder: `${E4} 1 16\n${E4} 2 32\n${E4} 4 64` },
};
const issues = (input: unknown, minSeconds: number | null = null) => {
  const r = makeAlarmSchema({ limits: alarmLimits(minSeconds), deploymentId: ID }).safeParse(input);
  return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]));
};

describe('the alarm schema', () => {
  it('accepts seed 004\'s high-memory alarm, its ladder written one step a line', () => {
    const r = makeAlarmSchema({ deploymentId: ID }).parse(valid);
    expect(r).toMatchObject({ pendingDuration: 60, coolDownInSeconds: 300, isEnabled: true });
    expect(toAlarmAction(r.action)).toEqual({
      type: 'CHANGE_SHAPE',
      direction: 'UP',
      ladder: [
        { instanceShapeName: E4, ocpus: 1, memoryInGBs: 16 },
        { instanceShapeName: E4, ocpus: 2, memoryInGBs: 32 },
        { instanceShapeName: E4, ocpus: 4, memoryInGBs: 64 },
      ],
    });
  });

  it('points at the query\'s token and at a query naming another deployment', () => {
    expect(issues({ ...valid, query: 'MemoryUtilization[1m]{resourceId = "MODEL_DEPLOYMENT_OCID"}.max() >' }).query).toMatch(/a number after the comparison at column 68/);
    expect(issues({ ...valid, query: 'MemoryUtilisation[1m]{resourceId = "MODEL_DEPLOYMENT_OCID"}.max() > 80' }).query).toMatch(/Unknown metric "MemoryUtilisation"/);
    expect(issues({ ...valid, query: 'MemoryUtilization[1m]{resourceId = "ocid1.datasciencemodeldeployment.oc1.iad.other"}.max() > 80' }).query).toMatch(/must name this deployment exactly/);
  });

  it('keeps OCI\'s minimums unless the local setting shortens them', () => {
    const short = { ...valid, pendingDuration: 'PT5S', repeatDuration: 'PT10S', coolDownInSeconds: '5' };
    expect(issues(short)).toMatchObject({
      pendingDuration: 'Pending duration must be an ISO-8601 duration from PT1M to PT24H, for example PT5M.',
      repeatDuration: expect.stringContaining('from PT1M'),
      coolDownInSeconds: 'Cooldown must be between 300 and 86400.',
    });
    expect(issues(short, 5)).toEqual({});
    expect(issues({ ...valid, pendingDuration: 'five minutes' }).pendingDuration).toMatch(/ISO-8601/);
  });

  it('names each bad field of the action', () => {
    expect(issues({ ...valid, severity: 'LOUD' }).severity).toBe('Severity must be one of CRITICAL, ERROR, WARNING, INFO.');
    expect(issues({ ...valid, action: { type: 'SCALE_INSTANCES', direction: 'UP', count: '0', minInstances: '3', maxInstances: '2' } })).toMatchObject({
      'action.count': 'Instances to add or remove must be between 1 and 100.',
    });
    expect(issues({ ...valid, action: { type: 'SCALE_INSTANCES', direction: 'UP', count: '1', minInstances: '3', maxInstances: '2' } })).toEqual({ 'action.maxInstances': 'Maximum instances must be at least the minimum.' });
    expect(issues({ ...valid, action: { type: 'REBOOT' } })['action.type']).toMatch(/Action must be NONE, SCALE_INSTANCES or CHANGE_SHAPE/);
  });

  it('checks the ladder against the shape catalog and its order', () => {
    expect(issues({ ...valid, action: { ...valid.action, ladder: `${E4} 1 16\nVM.Huge 2 32` } })).toEqual({ 'action.ladder.1': expect.stringMatching(/^Step 2: Unknown shape "VM.Huge"/) });
    expect(issues({ ...valid, action: { ...valid.action, ladder: `${E4} 1 16\n${E4} 2 2048` } })['action.ladder.1']).toMatch(/^Step 2: /);
    expect(issues({ ...valid, action: { ...valid.action, ladder: `${E4} 2 32\n${E4} 1 16` } })).toEqual({ 'action.ladder.1': 'Step 2 must be larger than step 1: order the ladder from the smallest shape to the largest.' });
    expect(issues({ ...valid, action: { ...valid.action, ladder: `${E4} 1 16` } })).toEqual({ 'action.ladder.0': 'A shape ladder needs at least two steps.' });
    expect(issues({ ...valid, action: { ...valid.action, ladder: 'VM.Standard2.1\nVM.Standard2.2' } })).toEqual({});
  });

  it('reads the ladder text with spaces, commas or slashes between the fields', () => {
    expect(parseLadderText(`  ${E4} 1/16 \n\n${E4}, 2, 32`)).toEqual([
      { instanceShapeName: E4, ocpus: '1', memoryInGBs: '16' },
      { instanceShapeName: E4, ocpus: '2', memoryInGBs: '32' },
    ]);
  });
});
