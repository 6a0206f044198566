import type { CompartmentOption } from '@/components/forms/compartment-select';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { OcidText } from '@/components/ocid/ocid-text';
import { ListEmptyState } from '@/components/lists/list-empty-state';
import { NameStateCells, OcidTagsCreatedCells } from '@/components/lists/resource-cells';
import type { TagNamespaceOption } from '@/components/tags/tag-editor';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import type { Access } from '@/server/domain/access';
import { FiringAlarmsBadge } from './alarms/firing-alarms-badge';
import { DeploymentActions } from './deployment-actions';
import { shapeSummary, type DeploymentRow } from './deployment-row';

export interface DeploymentsTableProps {
  deployments: DeploymentRow[];
  filtered: boolean;
  compartments: readonly CompartmentOption[];
  namespaces: readonly TagNamespaceOption[];
  /** Hide the Project column where every row has the same project. */
  showProject?: boolean;
  createAction: ReactNode;
  /** Empty-state wording, e.g. "in this project". */
  scope?: string;
  /** What the user may do in the list's compartment. */
  access: Access;
  /** Enabled alarms firing, by deployment OCID (a badge beside the state). */
  firingAlarms?: Readonly<Record<string, number>>;
}

export function DeploymentsTable({ deployments, filtered, compartments, namespaces, showProject = true, createAction, scope = 'in this compartment', access, firingAlarms }: DeploymentsTableProps) {
  if (deployments.length === 0) {
    return (
      <ListEmptyState
        noun="model deployments"
        filtered={filtered}
        title={`No model deployments ${scope} yet`}
        description="A model deployment serves a model from the catalog as an HTTP endpoint behind a load balancer."
        createAction={createAction}
      />
    );
  }
  return (
    <Table label="Model deployments">
      <THead>
        <TR>
          <TH>Name</TH>
          <TH>State</TH>
          <TH>Model</TH>
          {showProject && <TH>Project</TH>}
          <TH>Shape</TH>
          <TH>OCID</TH>
          <TH>Tags</TH>
          <TH>Created</TH>
          <TH>
            <span className="sr-only">Actions</span>
          </TH>
        </TR>
      </THead>
      <TBody>
        {deployments.map((d) => {
          const modelId = d.modelDeploymentConfigurationDetails?.modelConfigurationDetails.modelId;
          return (
            <TR key={d.id}>
              <NameStateCells resource={d} href={`/model-deployments/${d.id}`} stateExtra={<FiringAlarmsBadge inline deploymentId={d.id} count={firingAlarms?.[d.id] ?? 0} />} />
              <TD>{d.modelName ?? (modelId ? <OcidText ocid={modelId} label={`Copy model OCID of ${d.displayName}`} /> : null)}</TD>
              {showProject && (
                <TD>
                  <Link href={`/projects/${d.projectId}`} className="text-accent-700 hover:underline">
                    {d.projectName ?? 'Project'}
                  </Link>
                </TD>
              )}
              <TD className="text-xs whitespace-nowrap text-gray-700">{shapeSummary(d)}</TD>
              <OcidTagsCreatedCells resource={d} />
              <TD className="text-right">
                <DeploymentActions deployment={d} compartments={compartments} namespaces={namespaces} variant="menu" access={access} />
              </TD>
            </TR>
          );
        })}
      </TBody>
    </Table>
  );
}
