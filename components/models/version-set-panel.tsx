import Link from 'next/link';
import { FormattedTime } from '@/components/formatted-time';
import { StateBadge } from '@/components/state-badge';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import type { VersionSetView } from '@/server/domain/version-follow';

/** A version set's models (newest version first) and the deployments following its labels. */
export function VersionSetPanel({ view, currentModelId }: { view: VersionSetView; currentModelId: string }) {
  return (
    <div className="flex flex-col gap-3">
      <Table label={`Models of version set ${view.set.name}`}>
        <THead>
          <TR>
            <TH>Version</TH>
            <TH>Model</TH>
            <TH>Label</TH>
            <TH>State</TH>
            <TH>Created</TH>
          </TR>
        </THead>
        <TBody>
          {view.models.map((m) => (
            <TR key={m.id}>
              <TD>{m.versionId}</TD>
              <TD>
                {m.id === currentModelId ? (
                  <span className="font-medium">{m.displayName} (this model)</span>
                ) : (
                  <Link href={`/models/${m.id}`} className="text-accent-700 hover:underline">
                    {m.displayName}
                  </Link>
                )}
              </TD>
              <TD>{m.versionLabel ?? '—'}</TD>
              <TD>
                <StateBadge state={m.lifecycleState} />
              </TD>
              <TD>
                <FormattedTime iso={m.timeCreated} />
              </TD>
            </TR>
          ))}
        </TBody>
      </Table>
      <h3 className="text-sm font-medium text-gray-800">Deployments following a label of this set</h3>
      {view.followers.length === 0 ? (
        <p className="text-sm text-gray-600">None: a deployment can follow a label from its create or edit page.</p>
      ) : (
        <ul className="flex flex-col gap-1 text-sm">
          {view.followers.map((d) => (
            <li key={d.id}>
              <Link href={`/model-deployments/${d.id}`} className="text-accent-700 hover:underline">
                {d.displayName}
              </Link>{' '}
              follows label <span className="font-medium">{d.berthFollow.versionLabel}</span>, serving{' '}
              {view.models.find((m) => m.id === d.modelDeploymentConfigurationDetails?.modelConfigurationDetails.modelId)?.displayName ?? 'another model'}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
