import type { WorkRequest } from '@/server/domain/oci-types';
import { LogsPanel } from './logs-panel';
import { WorkRequestTimeline } from './work-request-timeline';

/**
 * The deployment's Logs tab: access and predict logs, then its work request history. `liveTail`:
 * the logs come from the instances' own output, which can be followed as it is written.
 */
export function LogsTab({ deploymentId, workRequests, liveTail = true }: { deploymentId: string; workRequests: readonly WorkRequest[]; liveTail?: boolean }) {
  return (
    <div className="flex flex-col gap-8">
      <LogsPanel deploymentId={deploymentId} liveTail={liveTail} />
      <WorkRequestTimeline workRequests={workRequests} />
    </div>
  );
}
