import type { CompartmentOption } from '@/components/forms/compartment-select';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { ListEmptyState } from '@/components/lists/list-empty-state';
import { NameStateCells, OcidTagsCreatedCells } from '@/components/lists/resource-cells';
import type { TagNamespaceOption } from '@/components/tags/tag-editor';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import type { Model } from '@/server/domain/oci-types';
import type { Access } from '@/server/domain/access';
import { ModelActions } from './model-actions';

export interface ModelsTableProps {
  models: Model[];
  /** Whether filters other than the project narrowed the list (for the empty state). */
  filtered: boolean;
  compartments: readonly CompartmentOption[];
  namespaces: readonly TagNamespaceOption[];
  /** Project names by id; omit to hide the Project column (on a project's own page). */
  projectNames?: Record<string, string>;
  createAction: ReactNode;
  emptyTitle?: string;
  /** What the user may do in the list's compartment. */
  access: Access;
}

export function ModelsTable({ models, filtered, compartments, namespaces, projectNames, createAction, emptyTitle, access }: ModelsTableProps) {
  if (models.length === 0) {
    return (
      <ListEmptyState
        noun="models"
        filtered={filtered}
        title={emptyTitle ?? 'No models in this compartment yet'}
        description="Create a model by uploading its artifact: a zip with score.py and runtime.yaml."
        createAction={createAction}
      />
    );
  }
  return (
    <Table label="Models">
      <THead>
        <TR>
          <TH>Name</TH>
          <TH>State</TH>
          {projectNames && <TH>Project</TH>}
          <TH>OCID</TH>
          <TH>Tags</TH>
          <TH>Created</TH>
          <TH>
            <span className="sr-only">Actions</span>
          </TH>
        </TR>
      </THead>
      <TBody>
        {models.map((m) => (
          <TR key={m.id}>
            <NameStateCells resource={m} href={`/models/${m.id}`} />
            {projectNames && (
              <TD>
                <Link href={`/projects/${m.projectId}`} className="text-accent-700 hover:underline">
                  {projectNames[m.projectId] ?? m.projectId}
                </Link>
              </TD>
            )}
            <OcidTagsCreatedCells resource={m} />
            <TD className="text-right">
              <ModelActions model={m} compartments={compartments} namespaces={namespaces} variant="menu" access={access} />
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
