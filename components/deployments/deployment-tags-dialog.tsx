'use client';

import { useState, useTransition } from 'react';
import { FormAlert } from '@/components/forms/form-alert';
import { WorkRequestStep } from '@/components/resources/work-request-step';
import { TagEditor, type TagNamespaceOption, type TagsValue } from '@/components/tags/tag-editor';
import { Button } from '@/components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogFooter } from '@/components/ui/dialog';
import { updateDeploymentTagsAction } from '@/server/actions/deployments/update-tags-deployment';
import type { DefinedTags, FreeformTags } from '@/server/domain/oci-types';

export interface DeploymentTagsDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  deployment: { id: string; displayName: string; freeformTags?: FreeformTags; definedTags?: DefinedTags };
  namespaces: readonly TagNamespaceOption[];
  /** Called when the update work request has succeeded. */
  onSaved: () => void;
}

export function DeploymentTagsDialog(props: DeploymentTagsDialogProps) {
  const { open, onOpenChange, deployment } = props;
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title="Add tags" description={deployment.displayName} size="lg">
        {open ? <TagsBody {...props} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function TagsBody({ deployment, namespaces, onSaved }: DeploymentTagsDialogProps) {
  const [value, setValue] = useState<TagsValue>({
    freeformTags: deployment.freeformTags ?? {},
    definedTags: (deployment.definedTags ?? {}) as TagsValue['definedTags'],
  });
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [workRequestId, setWorkRequestId] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  if (workRequestId) {
    return (
      <WorkRequestStep workRequestId={workRequestId} onSucceeded={onSaved}>
        <p className="text-sm text-gray-700">Tags change without touching the instances; the deployment keeps serving.</p>
      </WorkRequestStep>
    );
  }

  return (
    <form
      noValidate
      className="flex flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        setFieldErrors({});
        startTransition(async () => {
          const r = await updateDeploymentTagsAction({ deploymentId: deployment.id, ...value });
          if (r.ok) return setWorkRequestId(r.data.workRequestId);
          setError(r.error);
          setFieldErrors(r.fieldErrors ?? {});
        });
      }}
    >
      {error && <FormAlert message={error} />}
      <TagEditor value={value} onChange={setValue} namespaces={namespaces} errors={fieldErrors} />
      <DialogFooter>
        <DialogClose asChild>
          <Button variant="secondary">Cancel</Button>
        </DialogClose>
        <Button type="submit" variant="primary" loading={pending}>
          Save tags
        </Button>
      </DialogFooter>
    </form>
  );
}
