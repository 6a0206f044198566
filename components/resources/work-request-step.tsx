'use client';

import { useEffect, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { DialogClose, DialogFooter } from '@/components/ui/dialog';
import { isFinished, useWorkRequest } from '@/components/work-requests/use-work-request';
import { WorkRequestProgress } from '@/components/work-requests/work-request-progress';

export interface WorkRequestStepProps {
  workRequestId: string;
  onSucceeded: () => void;
  /** Shown above the progress, e.g. what the change does to a running resource. */
  children?: ReactNode;
}

/** A dialog's last step: follow the work request it started; closing the dialog leaves it running. */
export function WorkRequestStep({ workRequestId, onSucceeded, children }: WorkRequestStepProps) {
  const wr = useWorkRequest(workRequestId);
  const succeeded = wr.data?.workRequest.status === 'SUCCEEDED';

  useEffect(() => {
    if (succeeded) onSucceeded();
  }, [succeeded, onSucceeded]);

  return (
    <div className="flex flex-col gap-3">
      {children}
      <WorkRequestProgress view={wr.data} error={wr.error} />
      <DialogFooter>
        <DialogClose asChild>
          <Button variant="secondary">{isFinished(wr.data) ? 'Close' : 'Close and keep it running'}</Button>
        </DialogClose>
      </DialogFooter>
    </div>
  );
}
