import { setTimeout as delay } from 'node:timers/promises';
import { models, type DataScienceClient } from 'oci-datascience';
import { CliError, EXIT } from './errors';
import type { Say } from './resolve';

// --wait: the work request polled as the SDK's own waiter polls it, each change of status or
// percent printed on stderr; FAILED or CANCELED ends the command with exit 1 and the work
// request's errors.

const TERMINAL = new Set<string>([models.WorkRequestStatus.Succeeded, models.WorkRequestStatus.Failed, models.WorkRequestStatus.Canceled]);

export interface WaitOptions {
  maxWaitSeconds: number;
  say: Say;
  /** Between polls; the SDK's waiters default to 1 s at first as well. */
  intervalMs?: number;
}

export const progressLine = (wr: Pick<models.WorkRequest, 'id' | 'operationType' | 'status' | 'percentComplete'>) =>
  `${wr.operationType} ${wr.id}: ${wr.status} ${Math.round(wr.percentComplete)}%`;

export async function followWorkRequest(client: DataScienceClient, workRequestId: string, options: WaitOptions): Promise<models.WorkRequest> {
  const deadline = Date.now() + options.maxWaitSeconds * 1000;
  let last = '';
  for (;;) {
    const { workRequest } = await client.getWorkRequest({ workRequestId });
    const line = progressLine(workRequest);
    if (line !== last) options.say(line);
    last = line;
    if (TERMINAL.has(workRequest.status)) {
      if (workRequest.status === models.WorkRequestStatus.Succeeded) return workRequest;
      const errors = await client.listWorkRequestErrors({ workRequestId }).then(
        (r) => r.items.map((e) => `${e.code}: ${e.message}`),
        () => [],
      );
      throw new CliError(`Work request ${workRequestId} (${workRequest.operationType}) ended ${workRequest.status}.`, EXIT.failed, errors);
    }
    if (Date.now() >= deadline) {
      throw new CliError(`Work request ${workRequestId} is still ${workRequest.status} (${Math.round(workRequest.percentComplete)}%) after ${options.maxWaitSeconds} s; it goes on.`, EXIT.failed);
    }
    await delay(options.intervalMs ?? 1000);
  }
}
