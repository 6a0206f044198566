'use client';

import type { CompartmentOption } from '@/components/forms/compartment-select';
import { useRouter } from 'next/navigation';
import { useCallback, useState } from 'react';
import { DeleteResourceDialog } from '@/components/resources/delete-resource-dialog';
import { ActionsMenu } from '@/components/resources/actions-menu';
import { MoveResourceDialog } from '@/components/resources/move-resource-dialog';
import type { TagNamespaceOption } from '@/components/tags/tag-editor';
import { Button } from '@/components/ui/button';
import { DropdownMenuItem } from '@/components/ui/dropdown-menu';
import { useToast } from '@/components/ui/toast';
import { deleteProjectAction } from '@/server/actions/projects/delete-project';
import { moveProjectAction } from '@/server/actions/projects/move-project';
import type { Access } from '@/server/domain/access';
import type { Project } from '@/server/domain/oci-types';
import { ProjectFormDialog } from './project-form-dialog';

type DialogName = 'edit' | 'tags' | 'move' | 'delete' | null;

export interface ProjectActionsProps {
  project: Project;
  compartments: readonly CompartmentOption[];
  namespaces: readonly TagNamespaceOption[];
  /** 'menu' for a list row (Actions ⋮), 'buttons' for the details page header. */
  variant: 'menu' | 'buttons';
  /** What the user may do in the project's compartment: only that is offered. */
  access: Access;
}

export function ProjectActions({ project, compartments, namespaces, variant, access }: ProjectActionsProps) {
  const router = useRouter();
  const { toast } = useToast();
  const [dialog, setDialog] = useState<DialogName>(null);
  const close = (open: boolean) => !open && setDialog(null);
  const editable = project.lifecycleState === 'ACTIVE';

  const onDeleted = useCallback(() => {
    toast({ variant: 'success', title: `Project ${project.displayName} deleted` });
    setDialog(null);
    if (variant === 'buttons') router.push('/projects');
    router.refresh();
  }, [project.displayName, router, toast, variant]);

  const actions = [
    { key: 'edit' as const, label: 'Edit', allowed: access.canUpdate },
    { key: 'move' as const, label: 'Move resource', allowed: access.canMove },
    { key: 'tags' as const, label: 'Add tags', allowed: access.canUpdate },
  ].filter((a) => a.allowed);
  const onDelete = access.canDelete ? () => setDialog('delete') : undefined;

  return (
    <>
      {variant === 'menu' ? (
        <ActionsMenu name={project.displayName} detailsHref={`/projects/${project.id}`} deleteDisabled={!editable} onDelete={onDelete}>
          {actions.map((a) => (
            <DropdownMenuItem key={a.key} disabled={!editable} onSelect={() => setDialog(a.key)}>
              {a.label}
            </DropdownMenuItem>
          ))}
        </ActionsMenu>
      ) : (
        <div className="flex flex-wrap gap-2">
          {actions.map((a) => (
            <Button key={a.key} variant="secondary" disabled={!editable} onClick={() => setDialog(a.key)}>
              {a.label}
            </Button>
          ))}
          {onDelete && (
            <Button variant="danger" disabled={!editable} onClick={onDelete}>
              Delete
            </Button>
          )}
        </div>
      )}

      <ProjectFormDialog
        mode="edit"
        open={dialog === 'edit' || dialog === 'tags'}
        tagsOnly={dialog === 'tags'}
        onOpenChange={close}
        project={project}
        compartments={compartments}
        compartmentId={project.compartmentId}
        namespaces={namespaces}
      />
      <MoveResourceDialog
        open={dialog === 'move'}
        onOpenChange={close}
        kind="project"
        name={project.displayName}
        currentCompartmentId={project.compartmentId}
        compartments={compartments}
        move={(compartmentId) => moveProjectAction({ projectId: project.id, compartmentId })}
        onMoved={() => {
          toast({ variant: 'success', title: `Project ${project.displayName} moved` });
          router.refresh();
        }}
      />
      <DeleteResourceDialog
        open={dialog === 'delete'}
        onOpenChange={close}
        kind="project"
        name={project.displayName}
        consequence="A project can be deleted only when its models and model deployments are deleted."
        start={() => deleteProjectAction({ projectId: project.id })}
        onDeleted={onDeleted}
      />
    </>
  );
}
