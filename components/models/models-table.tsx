import Link from 'next/link';
import type { ReactNode } from 'react';
import { FormattedTime } from '@/components/formatted-time';
import { ClearFiltersLink } from '@/components/lists/clear-filters-link';
import { OcidText } from '@/components/ocid/ocid-text';
import { StateBadge } from '@/components/state-badge';
import type { TagNamespaceOption } from '@/components/tags/tag-editor';
import { TagList } from '@/components/tags/tag-list';
import { EmptyState } from '@/components/ui/empty-state';
import { Table, TBody, TD, TH, THead, TR } from '@/components/ui/table';
import type { Model } from '@/server/domain/oci-types';
import { ModelActions } from './model-actions';

export interface ModelsTableProps {
  models: Model[];
  /** Whether filters other than the project narrowed the list (for the empty state). */
  filtered: boolean;
  compartments: readonly { id: string; name: string; depth: number }[];
  namespaces: readonly TagNamespaceOption[];
  /** Project names by id; omit to hide the Project column (on a project's own page). */
  projectNames?: Record<string, string>;
  createAction: ReactNode;
  emptyTitle?: string;
}

export function ModelsTable({ models, filtered, compartments, namespaces, projectNames, createAction, emptyTitle }: ModelsTableProps) {
  if (models.length === 0) {
    return filtered ? (
      <EmptyState title="No models match these filters" description="Change or clear the filters to see more." action={<ClearFiltersLink />} />
    ) : (
      <EmptyState
        title={emptyTitle ?? 'No models in this compartment yet'}
        description="Create a model by uploading its artifact: a zip with score.py and runtime.yaml."
        action={createAction}
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
            <TD>
              <Link href={`/models/${m.id}`} className="font-medium text-accent-700 hover:underline">
                {m.displayName}
              </Link>
            </TD>
            <TD>
              <StateBadge state={m.lifecycleState} />
            </TD>
            {projectNames && (
              <TD>
                <Link href={`/projects/${m.projectId}`} className="text-accent-700 hover:underline">
                  {projectNames[m.projectId] ?? m.projectId}
                </Link>
              </TD>
            )}
            <TD>
              <OcidText ocid={m.id} label={`Copy OCID of ${m.displayName}`} />
            </TD>
            <TD>
              <TagList freeformTags={m.freeformTags ?? {}} definedTags={m.definedTags ?? {}} />
            </TD>
            <TD>
              <FormattedTime iso={m.timeCreated} />
            </TD>
            <TD className="text-right">
              <ModelActions model={m} compartments={compartments} namespaces={namespaces} variant="menu" />
            </TD>
          </TR>
        ))}
      </TBody>
    </Table>
  );
}
