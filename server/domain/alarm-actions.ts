import type { InstanceConfiguration, ModelDeploymentLifecycleState, ScalingPolicy } from './oci-types';
import { formatSeconds } from './iso-duration';
import { instanceCountsOf } from './scaling-instances';

// What an alarm does when it fires (and at each repeat), as seed 004's functions do it: scale the
// instances up or down by N within bounds (horizontal, for CPU), or move the shape one step up or
// down a ladder the user defines (vertical, for memory: memory does not fall when instances are
// added). Pure: the engine turns a plan into an update through the existing update code (an
// instance count alone scales in place, a shape change is the blue/green rollout) and records a
// refusal with its reason.

/** One rung of a shape ladder: a shape and, for a flex shape, its OCPUs and memory. */
export interface LadderStep {
  instanceShapeName: string;
  ocpus?: number;
  memoryInGBs?: number;
}

export type AlarmAction =
  | { type: 'NONE' }
  | { type: 'SCALE_INSTANCES'; direction: 'UP' | 'DOWN'; count: number; minInstances: number; maxInstances: number }
  | { type: 'CHANGE_SHAPE'; direction: 'UP' | 'DOWN'; ladder: LadderStep[] };

export const stepLabel = (s: LadderStep): string =>
  s.ocpus !== undefined || s.memoryInGBs !== undefined ? `${s.instanceShapeName} ${s.ocpus ?? '?'} OCPU / ${s.memoryInGBs ?? '?'} GB` : s.instanceShapeName;

export const configLabel = (c: InstanceConfiguration): string =>
  stepLabel({ instanceShapeName: c.instanceShapeName, ocpus: c.modelDeploymentInstanceShapeConfigDetails?.ocpus, memoryInGBs: c.modelDeploymentInstanceShapeConfigDetails?.memoryInGBs });

/** Where the deployment's instance configuration stands on the ladder; -1 when it is not on it. */
export function ladderIndex(ladder: readonly LadderStep[], config: InstanceConfiguration): number {
  const d = config.modelDeploymentInstanceShapeConfigDetails;
  return ladder.findIndex(
    (s) =>
      s.instanceShapeName === config.instanceShapeName &&
      (s.ocpus === undefined || s.ocpus === d?.ocpus) &&
      (s.memoryInGBs === undefined || s.memoryInGBs === d?.memoryInGBs),
  );
}

export const toInstanceConfiguration = (s: LadderStep): InstanceConfiguration =>
  s.ocpus !== undefined || s.memoryInGBs !== undefined
    ? { instanceShapeName: s.instanceShapeName, modelDeploymentInstanceShapeConfigDetails: { ...(s.ocpus !== undefined ? { ocpus: s.ocpus } : {}), ...(s.memoryInGBs !== undefined ? { memoryInGBs: s.memoryInGBs } : {}) } }
    : { instanceShapeName: s.instanceShapeName };

/** A ladder is ordered by size: each step has at least the memory and OCPUs of the one before. Null when it is. */
export function ladderIssue(ladder: readonly { ocpus: number; memoryInGBs: number }[]): { index: number; message: string } | null {
  if (ladder.length < 2) return { index: 0, message: 'A shape ladder needs at least two steps.' };
  for (let i = 1; i < ladder.length; i++) {
    const a = ladder[i - 1];
    const b = ladder[i];
    if (!a || !b) continue;
    if (b.memoryInGBs < a.memoryInGBs || b.ocpus < a.ocpus || (b.memoryInGBs === a.memoryInGBs && b.ocpus === a.ocpus)) {
      return { index: i, message: `Step ${i + 1} must be larger than step ${i}: order the ladder from the smallest shape to the largest.` };
    }
  }
  return null;
}

export interface ActionContext {
  lifecycleState: ModelDeploymentLifecycleState;
  /** Work queued or running on the deployment. */
  busy: boolean;
  /** How long the deployment's alarm-action cooldown still runs; 0 or less: over. */
  coolDownLeftMs: number;
  scalingPolicy: ScalingPolicy | undefined;
  instanceConfiguration: InstanceConfiguration;
}

export type ActionPlan =
  | { kind: 'INSTANCES'; from: number; to: number; summary: string }
  | { kind: 'SHAPE'; from: string; to: LadderStep; summary: string }
  | { kind: 'REFUSED'; summary: string }
  | { kind: 'NONE' };

export function planAlarmAction(action: AlarmAction, ctx: ActionContext): ActionPlan {
  if (action.type === 'NONE') return { kind: 'NONE' };
  const refuse = (why: string): ActionPlan => ({ kind: 'REFUSED', summary: why });
  if (ctx.lifecycleState !== 'ACTIVE') return refuse(`Not carried out: the deployment is ${ctx.lifecycleState}, and only an ACTIVE one is changed.`);
  if (ctx.busy) return refuse('Not carried out: a work request is in progress on the deployment.');
  if (ctx.coolDownLeftMs > 0) return refuse(`Not carried out: the cooldown after the last alarm action has ${formatSeconds(ctx.coolDownLeftMs / 1000)} left.`);

  if (action.type === 'SCALE_INSTANCES') {
    const policy = ctx.scalingPolicy;
    if (policy?.policyType === 'AUTOSCALING') return refuse('Not carried out: the deployment has an autoscaling policy, which owns its instance count.');
    const from = instanceCountsOf(policy).initial;
    const to = action.direction === 'UP' ? Math.min(from + action.count, action.maxInstances) : Math.max(from - action.count, action.minInstances);
    if (to === from) {
      const bound = action.direction === 'UP' ? `the maximum of ${action.maxInstances}` : `the minimum of ${action.minInstances}`;
      return refuse(`Not carried out: ${from} instance${from === 1 ? ' is' : 's is'} ${bound}.`);
    }
    return { kind: 'INSTANCES', from, to, summary: `Scale ${action.direction === 'UP' ? 'up' : 'down'} ${from} -> ${to} instances.` };
  }

  const at = ladderIndex(action.ladder, ctx.instanceConfiguration);
  const current = configLabel(ctx.instanceConfiguration);
  if (at < 0) return refuse(`Not carried out: the deployment's shape (${current}) is not on the alarm's ladder.`);
  const next = action.ladder[action.direction === 'UP' ? at + 1 : at - 1];
  if (!next) return refuse(`Not carried out: ${current} is the ${action.direction === 'UP' ? 'largest' : 'smallest'} shape on the ladder.`);
  return { kind: 'SHAPE', from: current, to: next, summary: `Shape ${action.direction === 'UP' ? 'up' : 'down'}: ${current} -> ${stepLabel(next)}.` };
}

/** The action in a few words, for the alarms table. */
export function describeAlarmAction(a: AlarmAction): string {
  if (a.type === 'NONE') return 'Notify only';
  if (a.type === 'SCALE_INSTANCES') return `${a.direction === 'UP' ? 'Add' : 'Remove'} ${a.count} instance${a.count === 1 ? '' : 's'} (${a.minInstances}-${a.maxInstances})`;
  return `Shape ${a.direction === 'UP' ? 'up' : 'down'} on ${a.ladder.map(stepLabel).join(' → ')}`;
}
