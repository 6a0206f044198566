'use client';

import type { CompartmentOption } from '@/components/forms/compartment-select';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { MoveResourceDialog } from '@/components/resources/move-resource-dialog';
import { ResourceActions, type ResourceDialog } from '@/components/resources/resource-actions';
import type { TagNamespaceOption } from '@/components/tags/tag-editor';
import { Button, buttonClasses } from '@/components/ui/button';
import { DropdownMenuItem } from '@/components/ui/dropdown-menu';
import { useToast } from '@/components/ui/toast';
import { activateModelAction } from '@/server/actions/models/activate-model';
import { deactivateModelAction } from '@/server/actions/models/deactivate-model';
import { deleteModelAction } from '@/server/actions/models/delete-model';
import { moveModelAction } from '@/server/actions/models/move-model';
import type { Access } from '@/server/domain/access';
import type { Model } from '@/server/domain/oci-types';
import { DeleteModelDialog } from './delete-model-dialog';
import { ModelEditDialog } from './model-edit-dialog';
import { artifactHref } from './model-links';

type DialogName = ResourceDialog | null;

export interface ModelActionsProps {
  model: Model;
  compartments: readonly CompartmentOption[];
  namespaces: readonly TagNamespaceOption[];
  /** 'menu' for a list row (Actions ⋮), 'buttons' for the details page header. */
  variant: 'menu' | 'buttons';
  hasArtifact?: boolean;
  /** What the user may do in the model's compartment: only that is offered. */
  access: Access;
}

export function ModelActions({ model, compartments, namespaces, variant, hasArtifact = true, access }: ModelActionsProps) {
  const router = useRouter();
  const { toast } = useToast();
  const [dialog, setDialog] = useState<DialogName>(null);
  const [switching, startSwitch] = useTransition();
  const close = (open: boolean) => !open && setDialog(null);
  const live = model.lifecycleState === 'ACTIVE' || model.lifecycleState === 'INACTIVE';
  const active = model.lifecycleState === 'ACTIVE';
  const switchLabel = active ? 'Deactivate' : 'Activate';

  const switchState = () =>
    startSwitch(async () => {
      const result = active ? await deactivateModelAction({ modelId: model.id }) : await activateModelAction({ modelId: model.id });
      if (!result.ok) {
        toast({ variant: 'error', title: `Could not ${switchLabel.toLowerCase()} ${model.displayName}`, description: result.error });
        return;
      }
      toast({
        variant: 'success',
        title: `Model ${model.displayName} ${active ? 'deactivated' : 'activated'}`,
        ...(active ? { description: 'An inactive model cannot be used in a model deployment.' } : {}),
      });
      router.refresh();
    });

  return (
    <>
      <ResourceActions
        variant={variant}
        name={model.displayName}
        detailsHref={`/models/${model.id}`}
        access={access}
        enabled={live}
        loading={switching}
        open={setDialog}
        extra={{
          menu: (
            <>
              {access.canActivate && (
                <DropdownMenuItem disabled={!live} onSelect={switchState}>
                  {switchLabel}
                </DropdownMenuItem>
              )}
              {hasArtifact && (
                <DropdownMenuItem asChild disabled={!live}>
                  <a href={artifactHref(model.id)} download>
                    Download artifact
                  </a>
                </DropdownMenuItem>
              )}
            </>
          ),
          buttons: (
            <>
              {access.canActivate && (
                <Button variant="secondary" disabled={!live} loading={switching} onClick={switchState}>
                  {switchLabel}
                </Button>
              )}
              {hasArtifact && live && (
                <a href={artifactHref(model.id)} download className={buttonClasses({ variant: 'secondary' })}>
                  Download artifact
                </a>
              )}
            </>
          ),
        }}
      />

      <ModelEditDialog open={dialog === 'edit' || dialog === 'tags'} tagsOnly={dialog === 'tags'} onOpenChange={close} model={model} namespaces={namespaces} />
      <MoveResourceDialog
        open={dialog === 'move'}
        onOpenChange={close}
        kind="model"
        name={model.displayName}
        currentCompartmentId={model.compartmentId}
        compartments={compartments}
        move={(compartmentId) => moveModelAction({ modelId: model.id, compartmentId })}
        onMoved={() => {
          toast({ variant: 'success', title: `Model ${model.displayName} moved` });
          router.refresh();
        }}
      />
      <DeleteModelDialog
        open={dialog === 'delete'}
        onOpenChange={close}
        name={model.displayName}
        remove={() => deleteModelAction({ modelId: model.id })}
        onDeleted={() => {
          toast({ variant: 'success', title: `Model ${model.displayName} deleted` });
          if (variant === 'buttons') router.push('/models');
          router.refresh();
        }}
      />
    </>
  );
}
