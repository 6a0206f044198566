'use client';

import type { ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { DropdownMenuItem } from '@/components/ui/dropdown-menu';
import type { Access } from '@/server/domain/access';
import { ActionsMenu } from './actions-menu';

/** The dialogs every catalog resource (project, model) opens from its actions. */
export type ResourceDialog = 'edit' | 'tags' | 'move' | 'delete';

export interface ResourceActionsProps {
  /** 'menu' for a list row (Actions ⋮), 'buttons' for the details page header. */
  variant: 'menu' | 'buttons';
  name: string;
  detailsHref: string;
  /** What the user may do in the resource's compartment: only that is offered. */
  access: Access;
  /** Whether the resource's state lets the actions run (they show, disabled, otherwise). */
  enabled: boolean;
  /** Shown on the menu's trigger while an action started from it runs. */
  loading?: boolean;
  open: (dialog: ResourceDialog) => void;
  /** The resource's own actions after the common ones, as menu items or as buttons. */
  extra?: { menu: ReactNode; buttons: ReactNode };
}

/**
 * Edit, Move resource and Add tags, then the resource's own actions, then Delete: as a list row's
 * menu or as the details page's buttons. Each is offered only where `access` allows it.
 */
export function ResourceActions({ variant, name, detailsHref, access, enabled, loading = false, open, extra }: ResourceActionsProps) {
  const common = [
    { key: 'edit' as const, label: 'Edit', allowed: access.canUpdate },
    { key: 'move' as const, label: 'Move resource', allowed: access.canMove },
    { key: 'tags' as const, label: 'Add tags', allowed: access.canUpdate },
  ].filter((a) => a.allowed);
  const onDelete = access.canDelete ? () => open('delete') : undefined;

  if (variant === 'menu') {
    return (
      <ActionsMenu name={name} detailsHref={detailsHref} loading={loading} deleteDisabled={!enabled} onDelete={onDelete}>
        {common.map((a) => (
          <DropdownMenuItem key={a.key} disabled={!enabled} onSelect={() => open(a.key)}>
            {a.label}
          </DropdownMenuItem>
        ))}
        {extra?.menu}
      </ActionsMenu>
    );
  }
  return (
    <div className="flex flex-wrap gap-2">
      {common.map((a) => (
        <Button key={a.key} variant="secondary" disabled={!enabled} onClick={() => open(a.key)}>
          {a.label}
        </Button>
      ))}
      {extra?.buttons}
      {onDelete && (
        <Button variant="danger" disabled={!enabled} onClick={onDelete}>
          Delete
        </Button>
      )}
    </div>
  );
}
