'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogFooter } from '@/components/ui/dialog';
import { useToast } from '@/components/ui/toast';
import { deleteAlarmAction } from '@/server/actions/deployments/alarms/delete-alarm';
import { setAlarmEnabledAction } from '@/server/actions/deployments/alarms/set-alarm-enabled';
import type { AlarmView } from '@/server/domain/alarm-view';
import { AlarmForm } from './alarm-form';
import { alarmValuesOf } from './alarm-form-values';

/** Edit, enable or disable, and delete one alarm. */
export function AlarmRowActions({ alarm, notifyOnly = false }: { alarm: AlarmView; notifyOnly?: boolean }) {
  const router = useRouter();
  const { toast } = useToast();
  const [editing, setEditing] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [pending, startTransition] = useTransition();

  const run = (work: () => Promise<{ ok: true } | { ok: false; error: string }>, failed: string, done: string) =>
    startTransition(async () => {
      const r = await work();
      if (!r.ok) {
        toast({ variant: 'error', title: failed, description: r.error });
        return;
      }
      toast({ variant: 'info', title: done });
      setDeleting(false);
      router.refresh();
    });

  return (
    <div className="flex flex-wrap gap-1">
      <Button size="sm" variant="secondary" onClick={() => setEditing(true)} aria-label={`Edit ${alarm.displayName}`}>
        Edit
      </Button>
      <Button
        size="sm"
        variant="secondary"
        disabled={pending}
        aria-label={`${alarm.isEnabled ? 'Disable' : 'Enable'} ${alarm.displayName}`}
        onClick={() =>
          run(
            () => setAlarmEnabledAction({ alarmId: alarm.id, isEnabled: !alarm.isEnabled }),
            'Could not change the alarm',
            `Alarm ${alarm.displayName} ${alarm.isEnabled ? 'disabled' : 'enabled'}`,
          )
        }
      >
        {alarm.isEnabled ? 'Disable' : 'Enable'}
      </Button>
      <Button size="sm" variant="danger" onClick={() => setDeleting(true)} aria-label={`Delete ${alarm.displayName}`}>
        Delete
      </Button>
      <Dialog open={editing} onOpenChange={setEditing}>
        <DialogContent title="Edit alarm" description={alarm.displayName} size="lg">
          <AlarmForm deploymentId={alarm.modelDeploymentId} alarmId={alarm.id} initial={alarmValuesOf(alarm)} onDone={() => setEditing(false)} notifyOnly={notifyOnly} />
        </DialogContent>
      </Dialog>
      <Dialog open={deleting} onOpenChange={setDeleting}>
        <DialogContent title="Delete alarm" description={alarm.displayName} size="sm">
          <p className="text-sm text-gray-700">The alarm and its history are removed. Changes it already made to the deployment stay.</p>
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="secondary">Cancel</Button>
            </DialogClose>
            <Button variant="danger" disabled={pending} onClick={() => run(() => deleteAlarmAction({ alarmId: alarm.id }), 'Could not delete the alarm', `Alarm ${alarm.displayName} deleted`)}>
              Delete alarm
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </div>
  );
}
