import { FormattedTime } from '@/components/formatted-time';
import { describeFault, type Fault } from '@/server/domain/faults';
import { FaultInjectionForm } from './fault-injection-form';

/**
 * The deployment page's fault injection controls (local provider only): a form to turn a fault on,
 * and the faults that ended lately. The faults on are shown above, on every tab (ActiveFaults).
 */
export function FaultInjectionPanel({ deploymentId, ended }: { deploymentId: string; ended: readonly Fault[] }) {
  return (
    <details className="rounded-md border border-gray-200 bg-white px-4 py-3">
      <summary className="cursor-pointer text-sm font-semibold text-gray-900">Fault injection</summary>
      <div className="mt-3 flex flex-col gap-4">
        <p className="text-sm text-gray-700">
          Make this deployment misbehave on purpose for a set time, to see how your clients retry and how the console shows failures. Recorded in the work requests.
        </p>
        <FaultInjectionForm deploymentId={deploymentId} />
        {ended.length > 0 && (
          <div>
            <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-gray-600">Ended lately</h3>
            <ul className="flex flex-col gap-1 text-sm text-gray-700">
              {ended.map((f) => (
                <li key={f.id}>
                  {describeFault(f.spec)}, {f.endReason === 'EXPIRED' ? 'ended at its set time' : 'turned off'}
                  {f.timeEnded ? (
                    <>
                      {' '}
                      (<FormattedTime iso={f.timeEnded} />)
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </details>
  );
}
