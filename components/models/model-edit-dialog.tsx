'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { FormAlert } from '@/components/forms/form-alert';
import { TagEditor, type TagNamespaceOption, type TagsValue } from '@/components/tags/tag-editor';
import { Button } from '@/components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogFooter } from '@/components/ui/dialog';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import { useToast } from '@/components/ui/toast';
import { updateModelAction } from '@/server/actions/models/update-model';
import type { Model } from '@/server/domain/oci-types';
import { updateModelSchema } from '@/server/validation/model';
import { CustomMetadataEditor } from './custom-metadata-editor';
import { fieldErrorsOf } from '@/server/domain/field-errors';
import { customMetadataFromRows, definedMetadataFromTaxonomy, formErrorsOf, rowsFromCustomMetadata, taxonomyFromMetadata } from './model-form-values';
import { TaxonomyFields } from './taxonomy-fields';

export interface ModelEditDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  model: Model;
  namespaces: readonly TagNamespaceOption[];
  /** Only the tags, for "Add tags". */
  tagsOnly?: boolean;
}

export function ModelEditDialog(props: ModelEditDialogProps) {
  const { open, onOpenChange, model, tagsOnly } = props;
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent title={tagsOnly ? 'Add tags' : 'Edit model'} description={model.displayName} size="lg">
        {/* Mounted only while open, so each opening starts from the current values. */}
        {open ? <EditForm {...props} /> : null}
      </DialogContent>
    </Dialog>
  );
}

function EditForm({ model, namespaces, tagsOnly, onOpenChange }: ModelEditDialogProps) {
  const router = useRouter();
  const { toast } = useToast();
  const [pending, startTransition] = useTransition();
  const [displayName, setDisplayName] = useState(model.displayName);
  const [description, setDescription] = useState(model.description ?? '');
  const [taxonomy, setTaxonomy] = useState(() => taxonomyFromMetadata(model.definedMetadataList));
  const [rows, setRows] = useState(() => rowsFromCustomMetadata(model.customMetadataList));
  const [tags, setTags] = useState<TagsValue>({
    freeformTags: model.freeformTags ?? {},
    definedTags: (model.definedTags ?? {}) as TagsValue['definedTags'],
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  function submit() {
    const defined = definedMetadataFromTaxonomy(taxonomy);
    const custom = customMetadataFromRows(rows);
    const details = tagsOnly
      ? { freeformTags: tags.freeformTags, definedTags: tags.definedTags }
      : { displayName, description, definedMetadataList: defined, customMetadataList: custom.list, freeformTags: tags.freeformTags, definedTags: tags.definedTags };
    const parsed = updateModelSchema.safeParse(details);
    if (!parsed.success) {
      setErrors(formErrorsOf(fieldErrorsOf(parsed.error.issues), defined, custom.rowIds));
      setFormError('Some fields need attention.');
      return;
    }
    if (!tagsOnly && !displayName.trim()) {
      setErrors({ displayName: 'Name is required' });
      setFormError('Some fields need attention.');
      return;
    }
    setErrors({});
    setFormError(null);
    startTransition(async () => {
      const result = await updateModelAction({ modelId: model.id, details });
      if (!result.ok) {
        const fieldErrors = Object.fromEntries(Object.entries(result.fieldErrors ?? {}).map(([k, v]) => [k.replace(/^details\./, ''), v]));
        setErrors(formErrorsOf(fieldErrors, defined, custom.rowIds));
        setFormError(result.error);
        return;
      }
      toast({ variant: 'success', title: 'Changes saved' });
      onOpenChange(false);
      router.refresh();
    });
  }

  return (
    <form
      noValidate
      className="flex flex-col gap-4"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {formError && <FormAlert message={formError} />}
      {!tagsOnly && (
        <>
          <Field label="Name" required error={errors.displayName}>
            <Input value={displayName} onChange={(e) => setDisplayName(e.target.value)} autoComplete="off" />
          </Field>
          <Field label="Description" error={errors.description} hint="Optional, up to 400 characters.">
            <Textarea rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />
          </Field>
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-1 text-sm font-medium text-gray-800">Model taxonomy</legend>
            <TaxonomyFields value={taxonomy} onChange={setTaxonomy} errors={errors} />
          </fieldset>
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-1 text-sm font-medium text-gray-800">Custom metadata</legend>
            <CustomMetadataEditor rows={rows} onChange={setRows} errors={errors} />
          </fieldset>
        </>
      )}
      <fieldset className="flex flex-col gap-2">
        <legend className="mb-1 text-sm font-medium text-gray-800">Tags</legend>
        <TagEditor
          value={tags}
          onChange={setTags}
          namespaces={namespaces}
          errors={Object.fromEntries(Object.entries(errors).filter(([k]) => /^(freeformTags|definedTags)(\.|$)/.test(k)))}
        />
      </fieldset>
      <DialogFooter>
        <DialogClose asChild>
          <Button variant="secondary">Cancel</Button>
        </DialogClose>
        <Button type="submit" variant="primary" loading={pending}>
          Save changes
        </Button>
      </DialogFooter>
    </form>
  );
}
