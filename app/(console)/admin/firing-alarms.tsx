import Link from 'next/link';
import { RelativeTime } from '@/components/relative-time';
import { Badge } from '@/components/ui/badge';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import type { FiringAlarmView } from '@/server/services/alarms/alarms';

/** The operations page's firing alarms, worst first, each linking to its deployment's Alarms tab. */
export function FiringAlarms({ rows }: { rows: readonly FiringAlarmView[] }) {
  if (rows.length === 0) return <p className="text-sm text-gray-600">No alarm is firing.</p>;
  return (
    <Table label="Firing alarms">
      <THead>
        <TR>
          <TH>Alarm</TH>
          <TH>Severity</TH>
          <TH>Deployment</TH>
          <TH>Since</TH>
          <TH>Last evaluation</TH>
        </TR>
      </THead>
      <TBody>
        {rows.map(({ alarm: a, deploymentName }) => (
          <TR key={a.id}>
            <TD className="font-medium">
              <Badge tone="danger" dot="pulse">
                FIRING
              </Badge>{' '}
              {a.displayName}
            </TD>
            <TD>{a.severity}</TD>
            <TD>
              <Link href={`/model-deployments/${a.modelDeploymentId}?tab=alarms`} className="text-accent-700 hover:underline">
                {deploymentName}
              </Link>
            </TD>
            <TD className="whitespace-nowrap text-sm">{a.timeStateChanged ? <RelativeTime iso={a.timeStateChanged} /> : ''}</TD>
            <TD className="max-w-md text-sm text-gray-700">{a.lastSummary}</TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
