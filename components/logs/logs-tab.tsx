import type { WorkRequest } from '@/server/domain/oci-types';
import { LogsPanel } from './logs-panel';
import { WorkRequestTimeline } from './work-request-timeline';

/** The deployment's Logs tab: access and predict logs, then its work request history. */
export function LogsTab({ deploymentId, workRequests }: { deploymentId: string; workRequests: readonly WorkRequest[] }) {
  return (
    <div className="flex flex-col gap-8">
      <LogsPanel deploymentId={deploymentId} />
      <WorkRequestTimeline workRequests={workRequests} />
    </div>
  );
}
