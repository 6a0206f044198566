'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState, useTransition } from 'react';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { useToast } from '@/components/ui/toast';
import { stopFaultAction } from '@/server/actions/deployments/stop-fault';
import { FAULT_LABELS, describeFault, secondsLeft, type Fault } from '@/server/domain/faults';

const formatLeft = (s: number) => (s >= 120 ? `${Math.ceil(s / 60)} min left` : `${s} s left`);

/** Seconds left on the browser's clock, ticking; null before mount so the server render matches. */
function useSecondsLeft(fault: Fault): number | null {
  const [left, setLeft] = useState<number | null>(null);
  useEffect(() => {
    const tick = () => setLeft(secondsLeft(fault, Date.now()));
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [fault]);
  return left;
}

function ActiveFault({ deploymentId, fault, canStop }: { deploymentId: string; fault: Fault; canStop: boolean }) {
  const router = useRouter();
  const { toast } = useToast();
  const [pending, startTransition] = useTransition();
  const left = useSecondsLeft(fault);
  const label = FAULT_LABELS[fault.spec.kind];

  // At its expiry the fault stops by itself: show the page as it is then.
  useEffect(() => {
    if (left === 0) router.refresh();
  }, [left, router]);

  const turnOff = () =>
    startTransition(async () => {
      const r = await stopFaultAction({ deploymentId, faultId: fault.id });
      if (!r.ok) toast({ variant: 'error', title: `Could not turn off ${label}`, description: r.error });
      else toast({ variant: 'info', title: `${label} turned off` });
      router.refresh();
    });

  return (
    <li className="flex flex-wrap items-center gap-2 text-sm text-gray-800">
      <Badge tone="warning" dot="pulse">
        Fault on: {label}
      </Badge>
      <span>{describeFault(fault.spec)}</span>
      {left !== null && <span className="text-xs text-gray-600">({left > 0 ? formatLeft(left) : 'ending'})</span>}
      {canStop && (
        <Button size="sm" variant="secondary" onClick={turnOff} disabled={pending} aria-label={`Turn off ${label}`}>
          Turn off
        </Button>
      )}
    </li>
  );
}

/** The faults on now, each with its time left and, for ops, a way to turn it off. Nothing when none is on. */
export function ActiveFaults({ deploymentId, faults, canStop }: { deploymentId: string; faults: readonly Fault[]; canStop: boolean }) {
  if (faults.length === 0) return null;
  return (
    <section aria-label="Faults on" className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3">
      <h2 className="mb-2 text-sm font-semibold text-amber-900">Fault injection is on</h2>
      <ul className="flex flex-col gap-2">
        {faults.map((f) => (
          <ActiveFault key={f.id} deploymentId={deploymentId} fault={f} canStop={canStop} />
        ))}
      </ul>
      <p className="mt-2 text-xs text-amber-900">
        Injected answers carry the <code>x-berth-fault</code> header and count in the metrics like real ones. Each fault stops by itself at its set time.
      </p>
    </section>
  );
}
