import type { MdOperation } from './md-lifecycle';
import type { ModelDeploymentLifecycleState } from './oci-types';

// lifecycleDetails while an operation runs. The transitional state alone (UPDATING for an update,
// an activation and a deactivation alike) does not say what is happening, and the text of the state
// before ("Model Deployment is Active.") must not stay on screen while it is being deactivated.

export function transitionDetails(op: Exclude<MdOperation, 'CHANGE_COMPARTMENT'>, from: ModelDeploymentLifecycleState | null): string {
  switch (op) {
    case 'CREATE':
      return 'Creating the model deployment.';
    case 'UPDATE':
      return from === 'INACTIVE'
        ? 'Updating the configuration; it applies when the deployment is activated.'
        : 'Updating: the current configuration keeps serving until the new one passes its health check.';
    case 'ACTIVATE':
      return 'Activating: starting instances on the same endpoint URL.';
    case 'DEACTIVATE':
      return 'Deactivating: the endpoint stops serving (predictions get 404) and the instances stop.';
    case 'DELETE':
      return 'Deleting: the endpoint stops serving and the instances are removed.';
  }
}

/** Once a stop has unrouted the endpoint, before its instances are gone. */
export const STOP_DRAINING_DETAILS: Record<'DEACTIVATE' | 'DELETE', string> = {
  DEACTIVATE: 'Deactivating: the endpoint answers 404 now; the instances finish their requests and stop.',
  DELETE: 'Deleting: the endpoint answers 404 now; the instances finish their requests and are removed.',
};
