'use client';

import type { CompartmentOption } from '@/components/forms/compartment-select';
import { useRouter } from 'next/navigation';
import { useCallback, useState } from 'react';
import { DeleteResourceDialog } from '@/components/resources/delete-resource-dialog';
import { MoveResourceDialog } from '@/components/resources/move-resource-dialog';
import { ResourceActions, type ResourceDialog } from '@/components/resources/resource-actions';
import type { TagNamespaceOption } from '@/components/tags/tag-editor';
import { useToast } from '@/components/ui/toast';
import { deleteProjectAction } from '@/server/actions/projects/delete-project';
import { moveProjectAction } from '@/server/actions/projects/move-project';
import type { Access } from '@/server/domain/access';
import type { Project } from '@/server/domain/oci-types';
import { ProjectFormDialog } from './project-form-dialog';

type DialogName = ResourceDialog | null;

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

  return (
    <>
      <ResourceActions
        variant={variant}
        name={project.displayName}
        detailsHref={`/projects/${project.id}`}
        access={access}
        enabled={editable}
        open={setDialog}
      />

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
