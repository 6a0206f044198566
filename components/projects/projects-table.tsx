import type { CompartmentOption } from '@/components/forms/compartment-select';
import type { ReactNode } from 'react';
import { ListEmptyState } from '@/components/lists/list-empty-state';
import { NameStateCells, OcidTagsCreatedCells } from '@/components/lists/resource-cells';
import type { TagNamespaceOption } from '@/components/tags/tag-editor';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import type { Project } from '@/server/domain/oci-types';
import type { Access } from '@/server/domain/access';
import { ProjectActions } from './project-actions';

export interface ProjectsTableProps {
  projects: Project[];
  filtered: boolean;
  compartments: readonly CompartmentOption[];
  namespaces: readonly TagNamespaceOption[];
  createAction: ReactNode;
  /** What the user may do in the list's compartment. */
  access: Access;
}

export function ProjectsTable({ projects, filtered, compartments, namespaces, createAction, access }: ProjectsTableProps) {
  if (projects.length === 0) {
    return (
      <ListEmptyState
        noun="projects"
        filtered={filtered}
        title="No projects in this compartment yet"
        description="Create a project to hold your models and deployments."
        createAction={createAction}
      />
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
            <NameStateCells resource={p} href={`/projects/${p.id}`} />
            <OcidTagsCreatedCells resource={p} />
            <TD className="text-right">
              <ProjectActions project={p} compartments={compartments} namespaces={namespaces} variant="menu" access={access} />
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
