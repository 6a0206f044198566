'use client';

import { useEffect, useState, useTransition } from 'react';
import { FormAlert } from '@/components/forms/form-alert';
import { TagEditor, type TagNamespaceOption, type TagsValue } from '@/components/tags/tag-editor';
import { Button } from '@/components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogFooter } from '@/components/ui/dialog';
import { isFinished, useWorkRequest } from '@/components/work-requests/use-work-request';
import { WorkRequestProgress } from '@/components/work-requests/work-request-progress';
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
  const wr = useWorkRequest(workRequestId);
  const succeeded = wr.data?.workRequest.status === 'SUCCEEDED';

  useEffect(() => {
    if (succeeded) onSaved();
  }, [succeeded, onSaved]);

  if (workRequestId) {
    return (
      <div className="flex flex-col gap-3">
        <p className="text-sm text-gray-700">Tags change without touching the instances; the deployment keeps serving.</p>
        <WorkRequestProgress view={wr.data} error={wr.error} />
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="secondary">{isFinished(wr.data) ? 'Close' : 'Close and keep it running'}</Button>
          </DialogClose>
        </DialogFooter>
      </div>
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
