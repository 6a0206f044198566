import type { ModelDeployment, ModelDeploymentLifecycleState, UpdateModelDeploymentDetails } from './oci-types';
import { applyModelDeploymentUpdate, diffModelDeployment, type FieldChange } from './shallow-merge';
import { UPDATE_GROUP_LABELS, classifyUpdate, planUpdateSteps, type UpdateGroup } from './update-groups';

// A multi-group update of a serving deployment, run as consecutive single-group updates (each its
// own work request), stopping at the first failure. This module describes plans; running them is
// the update-plans service's job.

export const UPDATE_PLAN_STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED'] as const;
export type UpdatePlanStatus = (typeof UPDATE_PLAN_STATUSES)[number];

export const UPDATE_PLAN_STEP_STATUSES = ['PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'SKIPPED'] as const;
export type UpdatePlanStepStatus = (typeof UPDATE_PLAN_STEP_STATUSES)[number];

export interface PlannedStep {
  /** The option groups this step changes: one infrastructure group, maybe with name/description/tags. */
  groups: UpdateGroup[];
  label: string;
  details: UpdateModelDeploymentDetails;
  /** What the step changes, against the deployment as the steps before it left it. */
  changes: FieldChange[];
}

export interface UpdatePlanStep extends PlannedStep {
  status: UpdatePlanStepStatus;
  workRequestId?: string;
  /** Why it failed or was skipped. */
  message?: string;
  timeStarted?: string;
  timeFinished?: string;
}

export interface UpdatePlanView {
  id: string;
  modelDeploymentId: string;
  status: UpdatePlanStatus;
  message: string | null;
  steps: UpdatePlanStep[];
  timeCreated: string;
  timeFinished: string | null;
}

const SERVING_STATES: readonly ModelDeploymentLifecycleState[] = ['ACTIVE', 'NEEDS_ATTENTION'];

/** While serving, OCI takes one option group per update; inactive deployments take everything at once. */
export const needsOneGroupAtATime = (state: ModelDeploymentLifecycleState) => SERVING_STATES.includes(state);

export function stepLabel(groups: UpdateGroup[]): string {
  const infra = groups.filter((g) => g !== 'meta');
  const main = infra.length > 0 ? infra.map((g) => UPDATE_GROUP_LABELS[g]).join(', ') : UPDATE_GROUP_LABELS.meta;
  return infra.length > 0 && groups.includes('meta') ? `${main} (with name, description and tags)` : main;
}

/**
 * The steps an update takes: one per option group while the deployment serves, else one. Each
 * step names its groups and the fields it changes. An update that cannot be applied is one step,
 * so the service answers with the provider's own error.
 */
export function describeUpdateSteps(current: ModelDeployment, update: UpdateModelDeploymentDetails): PlannedStep[] {
  const requests = needsOneGroupAtATime(current.lifecycleState) ? planUpdateSteps(current, update) : [update];
  const out: PlannedStep[] = [];
  let state = current;
  for (const details of requests) {
    const groups = classifyUpdate(state, details);
    const next = applyModelDeploymentUpdate(state, details);
    const changes = next.ok ? diffModelDeployment(state, next.data) : [];
    out.push({ groups, label: stepLabel(groups), details, changes });
    if (next.ok) state = next.data;
  }
  return out;
}

export const isPlanFinished = (status: UpdatePlanStatus) => status !== 'RUNNING';
