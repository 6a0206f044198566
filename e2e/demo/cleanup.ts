import type Docker from 'dockerode';
import { LABELS } from '../../server/providers/local/deployments/containers';
import { DEMO_LABEL } from './iris-model';

/**
 * Removes what one demo run left on the engine: its console's containers (deployment instances and
 * checks, by the installation they belong to) and its training container (by run). Other
 * installations sharing the engine are never touched. Returns how many were removed.
 */
export async function removeDemoContainers(docker: Docker, o: { installationId?: string; runId: string }): Promise<number> {
  const filters = [`${DEMO_LABEL}=${o.runId}`, ...(o.installationId ? [`${LABELS.installation}=${o.installationId}`] : [])];
  let removed = 0;
  for (const label of filters) {
    const found = await docker.listContainers({ all: true, filters: { label: [label] } });
    for (const c of found) {
      await docker.getContainer(c.Id).remove({ force: true });
      removed += 1;
    }
  }
  return removed;
}
