import type { ModelDeploymentLifecycleState, WorkRequestOperationType, WorkRequestStatus } from '@/server/domain/oci-types';

// What the details page tells the user to do next, from the deployment's state and its last
// work request. The cause itself is in lifecycleDetails and the work request's errors.

export interface Advice {
  tone: 'info' | 'success' | 'warning' | 'danger';
  /** A short headline, e.g. "The deployment failed". */
  title: string;
  /** What to do about it, or what it means. */
  action?: string;
}

export interface LastWorkRequest {
  operationType: WorkRequestOperationType;
  status: WorkRequestStatus;
}

const TRANSITIONAL_TITLES: Partial<Record<ModelDeploymentLifecycleState, string>> = {
  CREATING: 'Creating the model deployment',
  UPDATING: 'Updating the model deployment',
  DELETING: 'Deleting the model deployment',
};

export function lifecycleAdvice(state: ModelDeploymentLifecycleState, last: LastWorkRequest | null): Advice {
  const failed = last?.status === 'FAILED';
  const transitional = TRANSITIONAL_TITLES[state];
  if (transitional) {
    return {
      tone: 'info',
      title: transitional,
      action: 'This page follows the work request live and refreshes when it ends. Other actions wait until then.',
    };
  }
  switch (state) {
    case 'ACTIVE':
      return { tone: 'success', title: 'Active: the endpoint serves predictions', action: 'Send a request from the Invoke tab.' };
    case 'INACTIVE':
      if (failed && last.operationType === 'MODEL_DEPLOYMENT_ACTIVATE') {
        return {
          tone: 'danger',
          title: 'Activation failed',
          action: 'Fix the cause shown here (edit the deployment if its configuration is at fault), then activate it again. The endpoint URL stays the same.',
        };
      }
      return {
        tone: 'warning',
        title: 'Inactive: the endpoint answers 404',
        action: 'No instances run and nothing is served. Activate the deployment to serve again on the same URL.',
      };
    case 'NEEDS_ATTENTION':
      return {
        tone: 'danger',
        title: 'Needs attention: the last change did not apply',
        action: 'The previous configuration keeps serving. Read the cause, then edit the deployment to try again, or deactivate it.',
      };
    case 'FAILED':
      return {
        tone: 'danger',
        title: 'The deployment failed',
        action:
          "Read the cause here and the work request's log in the Work requests tab, fix it (the model artifact's score.py or runtime.yaml, the container image, or the shape), then delete this deployment and create it again.",
      };
    case 'DELETED':
      return { tone: 'info', title: 'Deleted', action: 'This deployment no longer serves and cannot be changed. Its work requests stay for the record.' };
    default:
      return { tone: 'info', title: state };
  }
}
