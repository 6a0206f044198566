import type { ReactNode } from 'react';
import Link from 'next/link';
import { RelativeTime } from '@/components/relative-time';
import { OcidText } from '@/components/ocid/ocid-text';
import { StateBadge } from '@/components/state-badge';
import { TagList } from '@/components/tags/tag-list';
import { TD } from '@/components/ui/table';
import type { DefinedTags, FreeformTags } from '@/server/domain/oci-types';

/** What every listed OCI resource has. */
export interface ListedResource {
  id: string;
  displayName: string;
  lifecycleState: string;
  timeCreated: string;
  freeformTags?: FreeformTags;
  definedTags?: DefinedTags;
}

/** The Name (a link to the details page) and State cells that open a resource's row. */
export function NameStateCells({ resource, href, stateExtra }: { resource: ListedResource; href: string; stateExtra?: ReactNode }) {
  return (
    <>
      <TD>
        <Link href={href} className="font-medium text-accent-700 hover:underline">
          {resource.displayName}
        </Link>
      </TD>
      <TD>
        <div className="flex flex-wrap items-center gap-1">
          <StateBadge state={resource.lifecycleState} />
          {stateExtra}
        </div>
      </TD>
    </>
  );
}

/** The OCID, Tags and Created cells that follow a resource's own columns. */
export function OcidTagsCreatedCells({ resource }: { resource: ListedResource }) {
  return (
    <>
      <TD>
        <OcidText ocid={resource.id} label={`Copy OCID of ${resource.displayName}`} />
      </TD>
      <TD>
        <TagList freeformTags={resource.freeformTags ?? {}} definedTags={resource.definedTags ?? {}} />
      </TD>
      <TD>
        <RelativeTime iso={resource.timeCreated} />
      </TD>
    </>
  );
}
