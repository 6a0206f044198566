import type { DataPlaneMarks } from '../../platform';
import { listModelDeploymentRowsInStates, setStateIf } from '@/db/queries/model-deployments';
import type { Db } from '@/db/client';

// What a dead gateway means for the deployments: none of them can answer a prediction, so each
// ACTIVE one shows NEEDS_ATTENTION with the cause until a gateway answers again. Only what this
// marked is set back; a deployment that needs attention for its own reasons keeps its state.

export const DATA_PLANE_DOWN_PREFIX = 'No data plane answers';
const ACTIVE_DETAILS = 'Model Deployment is Active.';

export function createDataPlaneMarks(db: Db): DataPlaneMarks {
  // The details each deployment had, so notes like a fitted shape come back with ACTIVE. Lost
  // with the console process; the plain active text stands in then.
  const previous = new Map<string, string | null>();
  return {
    down(cause) {
      const details = `${DATA_PLANE_DOWN_PREFIX}: the gateway stopped (${cause}), so predictions fail. Berth is restarting it.`;
      const marked: string[] = [];
      for (const md of listModelDeploymentRowsInStates(db, ['ACTIVE'])) {
        if (setStateIf(db, md.id, ['ACTIVE'], { lifecycleState: 'NEEDS_ATTENTION', lifecycleDetails: details })) {
          previous.set(md.id, md.lifecycleDetails);
          marked.push(md.id);
        }
      }
      return marked;
    },
    up() {
      const restored: string[] = [];
      for (const md of listModelDeploymentRowsInStates(db, ['NEEDS_ATTENTION'])) {
        if (!md.lifecycleDetails?.startsWith(DATA_PLANE_DOWN_PREFIX)) continue;
        const before = previous.get(md.id);
        const details = before?.startsWith(ACTIVE_DETAILS) ? before : ACTIVE_DETAILS;
        if (setStateIf(db, md.id, ['NEEDS_ATTENTION'], { lifecycleState: 'ACTIVE', lifecycleDetails: details })) restored.push(md.id);
        previous.delete(md.id);
      }
      return restored;
    },
  };
}
