import type { ModelDeploymentLifecycleState } from '@/server/domain/oci-types';
import { payloadLimitMessage } from '@/server/domain/predict-limits';

/** What a predict status means for this deployment and what to do, or null for a success. */
export function explainStatus(status: number, state: ModelDeploymentLifecycleState, bandwidthMbps: number, serving: 'conda' | 'container' = 'conda'): string | null {
  if (status >= 200 && status < 300) return null;
  switch (status) {
    case 404:
      return state === 'ACTIVE'
        ? 'Not found: the gateway has no serving route for this deployment. If it was just activated or updated, wait until it is Active and send again.'
        : `Not found: the deployment is ${state.toLowerCase().replace('_', ' ')}, and its endpoint answers 404 until it is Active again. The URL stays the same: activate the deployment and send again.`;
    case 400:
      return 'Bad request: the gateway refused the request before it reached the model.';
    case 411:
    case 413:
      return `${payloadLimitMessage()}: send a smaller request.`;
    case 429:
      return `Too many requests: either the tenancy's predict rate limit (requests per second over all its deployments) or this deployment's load balancer bandwidth (${bandwidthMbps} Mbps) is used up; the response body says which. Wait a moment and send again; for bandwidth, you can also edit the deployment to raise it.`;
    case 500:
      return serving === 'container'
        ? "The container's server answered 500: it failed on this input. The response body and the container's output in the Logs tab have the details; check that the request has the shape your server expects."
        : "The model raised an error: score.py's predict() failed on this input. The response body has the details; check that the request has the shape predict(data) expects.";
    case 502:
    case 503:
    case 504:
      return 'No instance answered in time: they may be starting, restarting or overloaded. Check the lifecycle details above and the latest work request, then send again.';
    default:
      return status >= 400 ? `The endpoint answered HTTP ${status}; the response body says why.` : null;
  }
}
