'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useRef, useState, type ReactNode } from 'react';
import { FormAlert } from '@/components/forms/form-alert';
import { TagEditor, type TagNamespaceOption, type TagsValue } from '@/components/tags/tag-editor';
import { Button, buttonClasses } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { Textarea } from '@/components/ui/textarea';
import { useToast } from '@/components/ui/toast';
import { getArtifactVerdictAction } from '@/server/actions/models/get-artifact-verdict';
import { createModelSchema } from '@/server/validation/model';
import { ArtifactFileField } from './artifact-file-field';
import { createdModelToast } from './created-toast';
import { CustomMetadataEditor } from './custom-metadata-editor';
import { NewVersionSet } from './new-version-set';
import {
  customMetadataFromRows,
  definedMetadataFromTaxonomy,
  emptyProvenance,
  emptyTaxonomy,
  formErrorsOf,
  provenanceFromValues,
  type CustomMetadataRow,
} from './model-form-values';
import { ProvenanceFields } from './provenance-fields';
import { TaxonomyFields } from './taxonomy-fields';
import { UploadStatus, type UploadPhase } from './upload-status';
import { formatBytes } from '@/server/domain/bytes';
import { fieldErrorsOf } from '@/server/domain/field-errors';
import { uploadModel } from './upload-model';
import { SIGNATURE_BYTES, zipSignatureIssue } from './zip-signature';

export interface ProjectGroupOption {
  compartment: { id: string; name: string };
  projects: { id: string; displayName: string }[];
}

export interface VersionSetOption {
  id: string;
  name: string;
  projectId: string;
}

export interface CreateModelFormProps {
  projectGroups: readonly ProjectGroupOption[];
  /** The active version sets the model may join, of every offered project. */
  versionSets?: readonly VersionSetOption[];
  initialProjectId?: string;
  maxArtifactBytes: number;
  namespaces: readonly TagNamespaceOption[];
}

function Section({ title, description, children }: { title: string; description?: string; children: ReactNode }) {
  return (
    <fieldset className="flex flex-col gap-4 rounded-lg border border-gray-200 bg-white p-4">
      <legend className="px-1 text-sm font-semibold text-gray-900">{title}</legend>
      {description && <p className="-mt-2 text-sm text-gray-600">{description}</p>}
      {children}
    </fieldset>
  );
}

export function CreateModelForm({ projectGroups, versionSets: offeredSets = [], initialProjectId, maxArtifactBytes, namespaces }: CreateModelFormProps) {
  const router = useRouter();
  const { toast } = useToast();
  const [projectId, setProjectId] = useState(initialProjectId ?? '');
  const [displayName, setDisplayName] = useState('');
  const [description, setDescription] = useState('');
  const [versionSetId, setVersionSetId] = useState('');
  const [versionSets, setVersionSets] = useState<readonly VersionSetOption[]>(offeredSets);
  const [versionLabel, setVersionLabel] = useState('');
  const [taxonomy, setTaxonomy] = useState(emptyTaxonomy);
  const [customRows, setCustomRows] = useState<CustomMetadataRow[]>([]);
  const [inputSchema, setInputSchema] = useState('');
  const [outputSchema, setOutputSchema] = useState('');
  const [provenance, setProvenance] = useState(emptyProvenance);
  const [tags, setTags] = useState<TagsValue>({ freeformTags: {}, definedTags: {} });
  const [file, setFile] = useState<File | null>(null);
  // The chosen file's content check (its first bytes), once read; keyed by the file it is about.
  const [signature, setSignature] = useState<{ file: File; issue: string | null } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [phase, setPhase] = useState<UploadPhase>({ kind: 'idle' });
  const abort = useRef<AbortController | null>(null);
  const chosen = useRef<File | null>(null);
  const busy = phase.kind === 'uploading' || phase.kind === 'checking' || phase.kind === 'done';

  const compartmentId = projectGroups.find((g) => g.projects.some((p) => p.id === projectId))?.compartment.id ?? '';

  function fileIssue(f: File | null): string | null {
    if (!f) return 'Choose the model artifact, a zip file.';
    if (!f.name.toLowerCase().endsWith('.zip')) return `"${f.name}" is not a .zip file; the artifact must be a zip archive.`;
    if (f.size === 0) return `"${f.name}" is empty.`;
    if (f.size > maxArtifactBytes) return `"${f.name}" is ${formatBytes(f.size)}; the limit is ${formatBytes(maxArtifactBytes)}.`;
    if (signature?.file === f && signature.issue) return signature.issue;
    return null;
  }

  /** Reads the chosen file's first bytes: a renamed tarball is named now, not after its upload. */
  async function checkSignature(f: File) {
    let issue: string | null;
    try {
      issue = zipSignatureIssue(f.name, new Uint8Array(await f.slice(0, SIGNATURE_BYTES).arrayBuffer()));
    } catch {
      issue = `"${f.name}" could not be read. Choose it again.`;
    }
    setSignature({ file: f, issue });
    if (chosen.current === f && issue) setErrors((e) => ({ ...e, artifact: issue }));
  }

  const showFormError = (message: string) => {
    setFormError(message);
    // The first field to fix, or the message beside the submit button: wherever the user is looking.
    requestAnimationFrame(() => document.querySelector<HTMLElement>('form [aria-invalid="true"]')?.focus());
  };

  async function submit() {
    const defined = definedMetadataFromTaxonomy(taxonomy);
    const custom = customMetadataFromRows(customRows);
    const details = {
      compartmentId,
      projectId,
      displayName,
      description,
      definedMetadataList: defined,
      customMetadataList: custom.list,
      inputSchema,
      outputSchema,
      provenance: provenanceFromValues(provenance),
      ...(versionSetId ? { modelVersionSetId: versionSetId } : {}),
      ...(versionLabel.trim() ? { versionLabel } : {}),
      freeformTags: tags.freeformTags,
      definedTags: tags.definedTags,
    };
    const parsed = createModelSchema.safeParse(details);
    const next = parsed.success ? {} : formErrorsOf(fieldErrorsOf(parsed.error.issues), defined, custom.rowIds);
    // The compartment follows the project; only the project is the user's to fix.
    delete next.compartmentId;
    if (!projectId) next.projectId = 'Choose the project the model belongs to.';
    const artifactIssue = fileIssue(file);
    if (artifactIssue) next.artifact = artifactIssue;
    setErrors(next);
    if (Object.keys(next).length > 0 || !file) {
      const n = Object.keys(next).length;
      showFormError(`${n === 1 ? 'One field needs' : `${n} fields need`} attention; the messages are next to them.`);
      return;
    }
    setFormError(null);
    abort.current = new AbortController();
    setPhase({ kind: 'uploading', loaded: 0, total: file.size });
    const result = await uploadModel(details, file, ({ loaded, total }) => setPhase(loaded >= total ? { kind: 'checking' } : { kind: 'uploading', loaded, total }), abort.current.signal);
    abort.current = null;
    if (!result.ok) {
      setPhase({ kind: 'failed' });
      if (result.fieldErrors) setErrors(formErrorsOf(result.fieldErrors, defined, custom.rowIds));
      // The details were checked here with the server's own schema, so a refusal without field
      // errors is about the artifact (its size, its zip, its checks): say so next to the file too.
      else if (result.status === 400 || result.status === 413 || result.status === 422) setErrors((e) => ({ ...e, artifact: result.message }));
      showFormError(`The model was not created: ${result.message}`);
      return;
    }
    setPhase({ kind: 'done' });
    const verdict = await getArtifactVerdictAction({ modelId: result.model.id });
    toast(createdModelToast(result.model.displayName, verdict.ok ? verdict.data : null));
    router.push(`/models/${result.model.id}`);
  }

  return (
    <form
      noValidate
      className="flex max-w-4xl flex-col gap-5"
      onSubmit={(e) => {
        e.preventDefault();
        if (!busy) void submit();
      }}
    >
      <Section title="Basic information">
        <Field label="Project" required error={errors.projectId}>
          <Select value={projectId} onChange={(e) => setProjectId(e.target.value)} placeholder="Select a project">
            {projectGroups.map((g) => (
              <optgroup key={g.compartment.id} label={`Compartment: ${g.compartment.name}`}>
                {g.projects.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.displayName}
                  </option>
                ))}
              </optgroup>
            ))}
          </Select>
        </Field>
        <Field label="Name" error={errors.displayName} hint="Optional; a name is generated when left blank.">
          <Input value={displayName} onChange={(e) => setDisplayName(e.target.value)} autoComplete="off" />
        </Field>
        <Field label="Description" error={errors.description} hint="Optional, up to 400 characters.">
          <Textarea rows={2} value={description} onChange={(e) => setDescription(e.target.value)} />
        </Field>
      </Section>

      <Section title="Version set" description="Optional: the model becomes the next version of a set of its project, and may take a version label.">
        <Field label="Model version set" error={errors.modelVersionSetId} hint={projectId && !versionSets.some((v) => v.projectId === projectId) ? 'The project has no version set.' : undefined}>
          <Select value={versionSetId} onChange={(e) => setVersionSetId(e.target.value)} placeholder="None">
            {versionSets
              .filter((v) => v.projectId === projectId)
              .map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name}
                </option>
              ))}
          </Select>
        </Field>
        {projectId && compartmentId && (
          <NewVersionSet
            compartmentId={compartmentId}
            projectId={projectId}
            onCreated={(created) => {
              setVersionSets((list) => [...list, created]);
              setVersionSetId(created.id);
            }}
          />
        )}
        <Field label="Version label" error={errors.versionLabel} hint="Optional, e.g. prod. A label names one model of the set; deployments following it serve this model once it is here.">
          <Input value={versionLabel} onChange={(e) => setVersionLabel(e.target.value)} autoComplete="off" />
        </Field>
      </Section>

      <Section title="Model artifact" description="A zip with score.py (defining load_model and predict) and runtime.yaml at the top or in one folder.">
        <ArtifactFileField
          file={file}
          maxArtifactBytes={maxArtifactBytes}
          error={errors.artifact}
          disabled={busy}
          onChange={(f) => {
            setFile(f);
            chosen.current = f;
            setFormError(null);
            const issue = f ? fileIssue(f) : null;
            setErrors(({ artifact: _old, ...rest }) => (issue ? { ...rest, artifact: issue } : rest));
            if (f && !issue) void checkSignature(f);
          }}
        />
      </Section>

      <Section title="Model taxonomy" description="What the model does and how it was built (OCI's defined metadata).">
        <TaxonomyFields value={taxonomy} onChange={setTaxonomy} errors={errors} />
      </Section>

      <Section title="Custom metadata" description="Your own key-value facts: metrics, datasets, reports.">
        <CustomMetadataEditor rows={customRows} onChange={setCustomRows} errors={errors} />
      </Section>

      <Section title="Input and output schemas" description="Optional JSON documents describing the prediction payloads.">
        <Field label="Input schema" error={errors.inputSchema}>
          <Textarea rows={4} value={inputSchema} onChange={(e) => setInputSchema(e.target.value)} className="font-mono text-xs" spellCheck={false} />
        </Field>
        <Field label="Output schema" error={errors.outputSchema}>
          <Textarea rows={4} value={outputSchema} onChange={(e) => setOutputSchema(e.target.value)} className="font-mono text-xs" spellCheck={false} />
        </Field>
      </Section>

      <Section title="Provenance" description="Optional: where the training code came from.">
        <ProvenanceFields value={provenance} onChange={setProvenance} errors={errors} />
      </Section>

      <Section title="Tags">
        <TagEditor value={tags} onChange={setTags} namespaces={namespaces} errors={Object.fromEntries(Object.entries(errors).filter(([k]) => /^(freeformTags|definedTags)(\.|$)/.test(k)))} />
      </Section>

      <UploadStatus phase={phase} fileName={file?.name ?? ''} />
      {formError && <FormAlert message={formError} />}
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" variant="primary" loading={busy}>
          Create model
        </Button>
        {phase.kind === 'uploading' ? (
          <Button onClick={() => abort.current?.abort()}>Cancel upload</Button>
        ) : (
          <Link href="/models" className={buttonClasses({ variant: 'secondary' })}>
            Cancel
          </Link>
        )}
      </div>
    </form>
  );
}
