'use client';

import Link from 'next/link';
import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { DropdownMenu, DropdownMenuContent, DropdownMenuItem, DropdownMenuSeparator, DropdownMenuTrigger } from '@/components/ui/dropdown-menu';

export interface ActionsMenuProps {
  /** The resource's display name, for the trigger's accessible name. */
  name: string;
  detailsHref: string;
  /** Shown on the trigger while an action started from the menu runs. */
  loading?: boolean;
  deleteDisabled: boolean;
  /** Left out when the user may not delete it: the item is not offered. */
  onDelete?: (() => void) | undefined;
  /** The resource's own items, between "View details" and "Delete". */
  children: ReactNode;
}

/** A list row's Actions ⋮ menu: View details, the resource's items, then Delete. */
export function ActionsMenu({ name, detailsHref, loading = false, deleteDisabled, onDelete, children }: ActionsMenuProps) {
  return (
    <DropdownMenu>
      <DropdownMenuTrigger asChild>
        <Button variant="ghost" size="icon" aria-label={`Actions for ${name}`} loading={loading}>
          {!loading && <span aria-hidden="true">⋮</span>}
        </Button>
      </DropdownMenuTrigger>
      <DropdownMenuContent>
        <DropdownMenuItem asChild>
          <Link href={detailsHref}>View details</Link>
        </DropdownMenuItem>
        {children}
        {onDelete && (
          <>
            <DropdownMenuSeparator />
            <DropdownMenuItem variant="danger" disabled={deleteDisabled} onSelect={onDelete}>
              Delete
            </DropdownMenuItem>
          </>
        )}
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
