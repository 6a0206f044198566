'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition, type ChangeEvent } from 'react';
import { CodeBlock } from '@/components/deployments/code-block';
import { FormAlert } from '@/components/forms/form-alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { Textarea } from '@/components/ui/textarea';
import { createDeploymentFromYamlAction } from '@/server/actions/deployments/create-deployment-from-yaml';
import { previewDeploymentYamlAction } from '@/server/actions/deployments/preview-deployment-yaml';
import type { DeploymentYamlResult } from '@/server/validation/deployment-yaml';
import { YamlProblems } from './yaml-problems';

export interface CreateFromYamlFormProps {
  project: { id: string; displayName: string; compartmentId: string };
  models: readonly { id: string; displayName: string }[];
  initialYaml?: string;
}

/** Paste or upload a spec, check it (details and problems, nothing created), then create. */
export function CreateFromYamlForm({ project, models, initialYaml = '' }: CreateFromYamlFormProps) {
  const router = useRouter();
  const [yaml, setYaml] = useState(initialYaml);
  const [modelId, setModelId] = useState(models[0]?.id ?? '');
  const [displayName, setDisplayName] = useState('');
  const [preview, setPreview] = useState<{ yaml: string; result: DeploymentYamlResult } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const context = () => ({ yaml, projectId: project.id, compartmentId: project.compartmentId, ...(modelId ? { modelId } : {}), ...(displayName.trim() ? { displayName: displayName.trim() } : {}) });
  // Create stays off until the spec as it is now has been checked without errors.
  const checked = preview && preview.yaml === yaml && preview.result.ok;

  function check() {
    setError(null);
    startTransition(async () => {
      const r = await previewDeploymentYamlAction(context());
      if (r.ok) setPreview({ yaml, result: r.data });
      else setError(r.fieldErrors ? Object.values(r.fieldErrors).join(' ') : r.error);
    });
  }

  function create() {
    setError(null);
    startTransition(async () => {
      const r = await createDeploymentFromYamlAction(context());
      if (r.ok) router.push(`/model-deployments/${r.data.deploymentId}`);
      else setError(r.fieldErrors ? `${r.error} ${Object.entries(r.fieldErrors).map(([k, v]) => `${k}: ${v}`).join('; ')}` : r.error);
    });
  }

  async function upload(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    if (file) setYaml(await file.text());
  }

  return (
    <div className="flex flex-col gap-4 rounded-lg border border-gray-200 bg-white p-5">
      {error ? <FormAlert message={error} /> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Model" hint="Used when the spec names no model (as the CLI's -m).">
          <Select value={modelId} onChange={(e) => setModelId(e.target.value)} options={models.map((m) => ({ value: m.id, label: m.displayName }))} placeholder="The spec names the model" />
        </Field>
        <Field label="Name" hint="Used when the spec has no displayName (as the CLI's --name).">
          <Input value={displayName} onChange={(e) => setDisplayName(e.target.value)} className="w-full" />
        </Field>
      </div>
      <Field label="Deployment spec (YAML)" hint="kind: deployment, with spec.infrastructure and spec.runtime, as MLflow's oci-datascience target takes it.">
        <Textarea value={yaml} onChange={(e) => setYaml(e.target.value)} rows={18} spellCheck={false} className="w-full font-mono text-xs" />
      </Field>
      <Field label="Or upload a YAML file">
        <Input type="file" accept=".yaml,.yml,text/yaml" onChange={(e) => void upload(e)} />
      </Field>
      <div className="flex gap-2">
        <Button type="button" variant="secondary" onClick={check} disabled={pending || yaml.trim() === ''}>
          Check spec
        </Button>
        <Button type="button" onClick={create} disabled={pending || !checked}>
          Create model deployment
        </Button>
      </div>
      {preview ? (
        <div className="flex flex-col gap-3">
          {preview.result.ok ? <p role="status" className="text-sm text-green-800">The spec is valid{preview.result.problems.length ? ', with the warnings below' : ''}. Nothing has been created yet.</p> : null}
          <YamlProblems problems={preview.result.problems} />
          {preview.result.details ? <CodeBlock code={JSON.stringify(preview.result.details, null, 2)} label="CreateModelDeploymentDetails" /> : null}
        </div>
      ) : null}
    </div>
  );
}
