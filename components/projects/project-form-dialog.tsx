'use client';

import type { CompartmentOption } from '@/components/forms/compartment-select';
import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState, useTransition, type ReactNode } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { errorsUnder, flattenErrors } from '@/components/forms/flatten-errors';
import { TagEditor, type TagNamespaceOption, type TagsValue } from '@/components/tags/tag-editor';
import { Button } from '@/components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogFooter } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { CompartmentSelect } from '@/components/forms/compartment-select';
import { Textarea } from '@/components/ui/textarea';
import { useToast } from '@/components/ui/toast';
import { createProjectAction } from '@/server/actions/projects/create-project';
import { updateProjectAction } from '@/server/actions/projects/update-project';
import type { Project } from '@/server/domain/oci-types';
import { createProjectSchema } from '@/server/validation/project';
import { FormAlert } from '@/components/forms/form-alert';

type FormInput = z.input<typeof createProjectSchema>;
type FormOutput = z.output<typeof createProjectSchema>;

export interface ProjectFormDialogProps {
  mode: 'create' | 'edit';
  open: boolean;
  onOpenChange: (open: boolean) => void;
  compartments: readonly CompartmentOption[];
  compartmentId: string;
  namespaces: readonly TagNamespaceOption[];
  /** The project to edit (edit mode). */
  project?: Project;
  /** Edit mode: only the tags section, for the "Add tags" action. */
  tagsOnly?: boolean;
}

const TAG_PATHS = ['freeformTags', 'definedTags', 'tags'];

export function ProjectFormDialog(props: ProjectFormDialogProps) {
  const { mode, open, onOpenChange, project, tagsOnly } = props;
  const title = tagsOnly ? 'Add tags' : mode === 'create' ? 'Create project' : 'Edit project';
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title={title} size="lg" description={project ? project.displayName : 'A project holds models and their deployments.'}>
        {/* Mounted only while open, so each opening starts from the current values. */}
        {open ? <ProjectForm {...props} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function ProjectForm({ mode, onOpenChange, compartments, compartmentId, namespaces, project, tagsOnly }: ProjectFormDialogProps) {
  const router = useRouter();
  const { toast } = useToast();
  const [pending, startTransition] = useTransition();
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(createProjectSchema),
    defaultValues: {
      compartmentId: project?.compartmentId ?? compartmentId,
      displayName: project?.displayName ?? '',
      description: project?.description ?? '',
      freeformTags: project?.freeformTags ?? {},
      definedTags: (project?.definedTags as TagsValue['definedTags'] | undefined) ?? {},
    },
  });
  const [freeformTags = {}, definedTags = {}] = useWatch({ control: form.control, name: ['freeformTags', 'definedTags'] });
  const errors = { ...flattenErrors(form.formState.errors), ...serverErrors };

  const onSubmit = form.handleSubmit((values) => {
    setServerErrors({});
    setFormError(null);
    startTransition(async () => {
      const result =
        mode === 'create'
          ? await createProjectAction(values)
          : await updateProjectAction({
              projectId: project?.id,
              details: {
                displayName: values.displayName,
                description: values.description ?? '',
                freeformTags: values.freeformTags ?? {},
                definedTags: values.definedTags ?? {},
              },
            });
      if (!result.ok) {
        const fieldErrors = Object.fromEntries(
          Object.entries(result.fieldErrors ?? {}).map(([k, v]) => [k.replace(/^details\./, ''), v]),
        );
        setServerErrors(fieldErrors);
        setFormError(result.error);
        return;
      }
      toast({ variant: 'success', title: mode === 'create' ? `Project ${result.data.displayName} created` : 'Changes saved' });
      onOpenChange(false);
      if (mode === 'create') router.push(`/projects/${result.data.id}`);
      else router.refresh();
    });
  });

  const setTags = (v: TagsValue) => {
    form.setValue('freeformTags', v.freeformTags, { shouldDirty: true });
    form.setValue('definedTags', v.definedTags, { shouldDirty: true });
    setServerErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !TAG_PATHS.some((p) => k.startsWith(p)))));
  };

  let body: ReactNode = null;
  if (!tagsOnly) {
    body = (
      <>
        {mode === 'create' && (
          <Field label="Compartment" error={errors.compartmentId} required>
            <CompartmentSelect compartments={compartments} {...form.register('compartmentId')} />
          </Field>
        )}
        <Field label="Name" error={errors.displayName} required>
          <Input autoComplete="off" {...form.register('displayName')} />
        </Field>
        <Field label="Description" error={errors.description} hint="Optional, up to 400 characters.">
          <Textarea rows={3} {...form.register('description')} />
        </Field>
      </>
    );
  }

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate className="flex flex-col gap-4">
      {formError && <FormAlert message={formError} />}
      {body}
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium text-gray-800">Tags</legend>
        <TagEditor
          value={{ freeformTags, definedTags }}
          onChange={setTags}
          namespaces={namespaces}
          errors={errorsUnder(errors, TAG_PATHS)}
        />
      </fieldset>
      <DialogFooter>
        <DialogClose asChild>
          <Button variant="secondary">Cancel</Button>
        </DialogClose>
        <Button type="submit" variant="primary" loading={pending}>
          {mode === 'create' ? 'Create' : 'Save changes'}
        </Button>
      </DialogFooter>
    </form>
  );
}
