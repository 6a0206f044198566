import Link from 'next/link';
import type { ReactNode } from 'react';
import { OcidText } from '@/components/ocid/ocid-text';
import { StateBadge } from '@/components/state-badge';
import type { TagNamespaceOption } from '@/components/tags/tag-editor';
import { TagList } from '@/components/tags/tag-list';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import type { Project } from '@/server/domain/oci-types';
import { FormattedTime } from '@/components/formatted-time';
import { ClearFiltersLink } from '@/components/lists/clear-filters-link';
import { ProjectActions } from './project-actions';

export interface ProjectsTableProps {
  projects: Project[];
  filtered: boolean;
  compartments: readonly { id: string; name: string; depth: number }[];
  namespaces: readonly TagNamespaceOption[];
  createAction: ReactNode;
}

export function ProjectsTable({ projects, filtered, compartments, namespaces, createAction }: ProjectsTableProps) {
  if (projects.length === 0) {
    return filtered ? (
      <EmptyState title="No projects match these filters" description="Change or clear the filters to see more." action={<ClearFiltersLink />} />
    ) : (
      <EmptyState title="No projects in this compartment yet" description="Create a project to hold your models and deployments." action={createAction} />
    );
  }
  return (
    <Table label="Projects">
      <THead>
        <TR>
          <TH>Name</TH>
          <TH>State</TH>
          <TH>OCID</TH>
          <TH>Tags</TH>
          <TH>Created</TH>
          <TH>
            <span className="sr-only">Actions</span>
          </TH>
        </TR>
      </THead>
      <TBody>
        {projects.map((p) => (
          <TR key={p.id}>
            <TD>
              <Link href={`/projects/${p.id}`} className="font-medium text-accent-700 hover:underline">
                {p.displayName}
              </Link>
            </TD>
            <TD>
              <StateBadge state={p.lifecycleState} />
            </TD>
            <TD>
              <OcidText ocid={p.id} label={`Copy OCID of ${p.displayName}`} />
            </TD>
            <TD>
              <TagList freeformTags={p.freeformTags ?? {}} definedTags={p.definedTags ?? {}} />
            </TD>
            <TD>
              <FormattedTime iso={p.timeCreated} />
            </TD>
            <TD className="text-right">
              <ProjectActions project={p} compartments={compartments} namespaces={namespaces} variant="menu" />
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
