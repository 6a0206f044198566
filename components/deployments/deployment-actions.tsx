'use client';

import type { CompartmentOption } from '@/components/forms/compartment-select';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useState, useTransition } from 'react';
import { DeleteResourceDialog } from '@/components/resources/delete-resource-dialog';
import { ActionsMenu } from '@/components/resources/actions-menu';
import { MoveResourceDialog } from '@/components/resources/move-resource-dialog';
import type { TagNamespaceOption } from '@/components/tags/tag-editor';
import { Button, buttonClasses } from '@/components/ui/button';
import { DropdownMenuItem } from '@/components/ui/dropdown-menu';
import { useToast } from '@/components/ui/toast';
import { activateDeploymentAction } from '@/server/actions/deployments/activate-deployment';
import { deactivateDeploymentAction } from '@/server/actions/deployments/deactivate-deployment';
import { deleteDeploymentAction } from '@/server/actions/deployments/delete-deployment';
import { moveDeploymentAction } from '@/server/actions/deployments/move-deployment';
import { allowedOperations, checkOperation, type MdOperation } from '@/server/domain/md-lifecycle';
import type { Access } from '@/server/domain/access';
import type { ModelDeploymentSummary } from '@/server/domain/oci-types';
import { DeactivateDeploymentDialog } from './deactivate-deployment-dialog';
import { DeploymentTagsDialog } from './deployment-tags-dialog';
import { operationToastKey, useDismissSettledOperationToast } from './operation-toast';

type DialogName = 'tags' | 'move' | 'delete' | 'deactivate' | null;

export interface DeploymentActionsProps {
  deployment: Pick<ModelDeploymentSummary, 'id' | 'displayName' | 'lifecycleState' | 'compartmentId' | 'freeformTags' | 'definedTags' | 'modelDeploymentUrl'>;
  compartments: readonly CompartmentOption[];
  namespaces: readonly TagNamespaceOption[];
  /** 'menu' for a list row (Actions ⋮), 'buttons' for the details page header. */
  variant: 'menu' | 'buttons';
  /** What the user may do in the deployment's compartment: only that is offered. */
  access: Access;
}

/**
 * Every action the user may take is offered (the others are not shown), enabled only in the
 * states the lifecycle allows it (md-lifecycle).
 */
export function DeploymentActions({ deployment: d, compartments, namespaces, variant, access }: DeploymentActionsProps) {
  const router = useRouter();
  const { toast } = useToast();
  const [dialog, setDialog] = useState<DialogName>(null);
  const [pendingOp, setPendingOp] = useState<'ACTIVATE' | 'DEACTIVATE' | null>(null);
  const [, startTransition] = useTransition();
  useDismissSettledOperationToast(d.id, d.lifecycleState);
  const close = (open: boolean) => !open && setDialog(null);
  const allowed = new Set<MdOperation>(allowedOperations(d.lifecycleState));
  const can = (op: MdOperation) => allowed.has(op) && pendingOp === null;
  const why = (op: MdOperation) => {
    const r = checkOperation(op, d.lifecycleState);
    return r.ok ? undefined : r.error.message;
  };
  const editHref = `/model-deployments/${d.id}/edit`;
  const listHref = `/model-deployments?compartmentId=${encodeURIComponent(d.compartmentId)}`;

  const accepted = (op: 'ACTIVATE' | 'DEACTIVATE') => {
    toast({
      variant: 'info',
      title: op === 'ACTIVATE' ? `Activating ${d.displayName}` : `Deactivating ${d.displayName}`,
      description: op === 'ACTIVATE' ? 'Instances start on the same endpoint URL.' : 'The instances stop; the endpoint URL is kept for when you activate it again.',
      key: operationToastKey(d.id),
    });
    router.refresh();
  };

  function activate() {
    setPendingOp('ACTIVATE');
    startTransition(async () => {
      const r = await activateDeploymentAction({ deploymentId: d.id });
      setPendingOp(null);
      if (!r.ok) return toast({ variant: 'error', title: `Could not activate ${d.displayName}`, description: r.error });
      accepted('ACTIVATE');
    });
  }

  async function deactivate(): Promise<string | undefined> {
    setPendingOp('DEACTIVATE');
    const r = await deactivateDeploymentAction({ deploymentId: d.id });
    setPendingOp(null);
    if (!r.ok) return `Could not deactivate ${d.displayName}: ${r.error}`;
    accepted('DEACTIVATE');
    return undefined;
  }

  const onDeleted = useCallback(() => {
    toast({ variant: 'success', title: `Model deployment ${d.displayName} deleted` });
    setDialog(null);
    if (variant === 'buttons') router.push(listHref);
    router.refresh();
  }, [d.displayName, listHref, router, toast, variant]);

  const onTagsSaved = useCallback(() => {
    toast({ variant: 'success', title: 'Tags saved' });
    setDialog(null);
    router.refresh();
  }, [router, toast]);

  const dialogs = [
    { key: 'move' as const, label: 'Move resource', op: 'CHANGE_COMPARTMENT' as const, allowed: access.canMove },
    { key: 'tags' as const, label: 'Add tags', op: 'UPDATE' as const, allowed: access.canUpdate },
  ].filter((a) => a.allowed);
  const onDelete = access.canDelete ? () => setDialog('delete') : undefined;
  const showActivate = d.lifecycleState === 'INACTIVE';

  return (
    <>
      {variant === 'menu' ? (
        <ActionsMenu name={d.displayName} detailsHref={`/model-deployments/${d.id}`} deleteDisabled={!can('DELETE')} onDelete={onDelete}>
          {access.canUpdate &&
            (can('UPDATE') ? (
              <DropdownMenuItem asChild>
                <Link href={editHref}>Edit</Link>
              </DropdownMenuItem>
            ) : (
              <DropdownMenuItem disabled>Edit</DropdownMenuItem>
            ))}
          {access.canActivate && (
            <>
              <DropdownMenuItem disabled={!can('ACTIVATE')} onSelect={activate}>
                Activate
              </DropdownMenuItem>
              <DropdownMenuItem disabled={!can('DEACTIVATE')} onSelect={() => setDialog('deactivate')}>
                Deactivate
              </DropdownMenuItem>
            </>
          )}
          {dialogs.map((a) => (
            <DropdownMenuItem key={a.key} disabled={!can(a.op)} onSelect={() => setDialog(a.key)}>
              {a.label}
            </DropdownMenuItem>
          ))}
        </ActionsMenu>
      ) : (
        <div className="flex flex-wrap gap-2">
          {access.canUpdate &&
            (can('UPDATE') ? (
              <Link href={editHref} className={buttonClasses({ variant: 'secondary' })}>
                Edit
              </Link>
            ) : (
              <Button variant="secondary" disabled title={why('UPDATE')}>
                Edit
              </Button>
            ))}
          {access.canActivate &&
            (showActivate ? (
              <Button variant="secondary" disabled={!can('ACTIVATE')} loading={pendingOp === 'ACTIVATE'} title={why('ACTIVATE')} onClick={activate}>
                Activate
              </Button>
            ) : (
              <Button variant="secondary" disabled={!can('DEACTIVATE')} loading={pendingOp === 'DEACTIVATE'} title={why('DEACTIVATE')} onClick={() => setDialog('deactivate')}>
                Deactivate
              </Button>
            ))}
          {dialogs.map((a) => (
            <Button key={a.key} variant="secondary" disabled={!can(a.op)} title={why(a.op)} onClick={() => setDialog(a.key)}>
              {a.label}
            </Button>
          ))}
          {onDelete && (
            <Button variant="danger" disabled={!can('DELETE')} title={why('DELETE')} onClick={onDelete}>
              Delete
            </Button>
          )}
        </div>
      )}

      <DeactivateDeploymentDialog open={dialog === 'deactivate'} onOpenChange={close} name={d.displayName} url={d.modelDeploymentUrl} deactivate={deactivate} />
      <DeploymentTagsDialog open={dialog === 'tags'} onOpenChange={close} deployment={d} namespaces={namespaces} onSaved={onTagsSaved} />
      <MoveResourceDialog
        open={dialog === 'move'}
        onOpenChange={close}
        kind="model deployment"
        name={d.displayName}
        currentCompartmentId={d.compartmentId}
        compartments={compartments}
        move={(compartmentId) => moveDeploymentAction({ deploymentId: d.id, compartmentId })}
        onMoved={() => {
          toast({ variant: 'success', title: `Model deployment ${d.displayName} moved` });
          router.refresh();
        }}
      />
      <DeleteResourceDialog
        open={dialog === 'delete'}
        onOpenChange={close}
        kind="model deployment"
        name={d.displayName}
        consequence="Its instances stop and its endpoint stops answering for good. The model stays in the catalog."
        start={() => deleteDeploymentAction({ deploymentId: d.id })}
        onDeleted={onDeleted}
      />
    </>
  );
}
