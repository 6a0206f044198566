import { ProgressBar } from '@/components/ui/progress-bar';
import type { HostSection, Section } from '@/server/services/ops-dashboard';
import { overcommitText } from '@/server/domain/overcommit';
import { formatBytes } from '@/server/domain/bytes';
import { formatCpus, percentOf } from './format';

function Meter({ label, used, total, text, warning }: { label: string; used: number; total: number; text: string; warning?: string | null }) {
  const pct = percentOf(used, total);
  return (
    <div className="flex flex-col gap-1 rounded-lg border border-gray-200 bg-white p-4">
      <p className="text-sm font-medium text-gray-900">{label}</p>
      <ProgressBar label={label} value={Math.min(100, pct)} tone={pct > 100 ? 'danger' : 'accent'} />
      <p className="text-sm text-gray-600">{text}</p>
      {warning && <p className="text-sm font-medium text-red-800">{warning}</p>}
    </div>
  );
}

export function HostCapacity({ host }: { host: Section<HostSection> }) {
  if (!host.ok) {
    return (
      <p role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-800">
        {host.error} Check that the Docker engine is running.
      </p>
    );
  }
  const { cpus, memoryBytes, disk, reserved } = host.data;
  return (
    <div className="flex flex-col gap-2">
      <div className="grid grid-cols-1 gap-3 md:grid-cols-3">
        <Meter
          label="CPU reserved"
          used={reserved.cpus}
          total={cpus}
          text={`${formatCpus(reserved.cpus)} reserved of ${formatCpus(cpus)} (${percentOf(reserved.cpus, cpus)}%)`}
          warning={overcommitText('cpu', reserved.cpus, cpus)}
        />
        <Meter
          label="Memory reserved"
          used={reserved.memoryBytes}
          total={memoryBytes}
          text={`${formatBytes(reserved.memoryBytes)} reserved of ${formatBytes(memoryBytes)} (${percentOf(reserved.memoryBytes, memoryBytes)}%)`}
          warning={overcommitText('memory', reserved.memoryBytes, memoryBytes)}
        />
        {disk ? (
          <Meter
            label="Disk used"
            used={disk.totalBytes - disk.freeBytes}
            total={disk.totalBytes}
            text={`${formatBytes(disk.totalBytes - disk.freeBytes)} used of ${formatBytes(disk.totalBytes)}; ${formatBytes(disk.freeBytes)} free for ${disk.path}`}
          />
        ) : (
          <p className="rounded-lg border border-gray-200 bg-white p-4 text-sm text-gray-600">The data directory&apos;s disk could not be read.</p>
        )}
      </div>
      <p className="text-xs text-gray-500">
        Reserved: {reserved.instances} instance{reserved.instances === 1 ? '' : 's'} of {reserved.deployments} creating, active or updating deployment
        {reserved.deployments === 1 ? '' : 's'}, each as fitted to this host (1 OCPU = 1 host CPU).
      </p>
    </div>
  );
}
