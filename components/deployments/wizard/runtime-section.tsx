'use client';

import { useId } from 'react';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import type { LocalImage, ModelOption } from '@/server/domain/editor-options';
import { CONTAINER_PORT_MAX, CONTAINER_PORT_MIN, RESERVED_PORTS } from '@/server/validation/byoc';
import { EnvVarEditor } from './env-var-editor';
import { DEFAULT_PORT } from './form-model';
import { FormSection, Note } from './form-section';
import { ImagePicker } from './image-picker';
import type { SectionProps } from './section-props';

export interface RuntimeSectionProps extends SectionProps {
  model: ModelOption | undefined;
  images: readonly LocalImage[];
  imagesError: string | null;
  imageSource?: 'engine' | 'registry';
}

/** What will serve the model without a custom container: the conda environment of its runtime.yaml. */
function CondaSummary({ model }: { model: ModelOption | undefined }) {
  if (!model) return <Note>Choose a model: the conda environment its artifact’s runtime.yaml names will serve it.</Note>;
  const r = model.runtime;
  if (r.kind === 'unavailable') return <Note tone="warning">{r.reason}</Note>;
  if (r.kind === 'service') return <Note>Served by the conda environment the artifact’s runtime.yaml names: the service reads it when it deploys the model.</Note>;
  return (
    <Note>
      Served by the conda environment <strong className="font-mono">{r.slug}</strong> ({r.name}),{' '}
      {r.source === 'runtime.yaml' ? 'as the artifact’s runtime.yaml names it.' : 'the default: the artifact’s runtime.yaml names no environment.'}
      {r.note ? ` ${r.note}` : ''}
    </Note>
  );
}

const PORT_HINT = `${CONTAINER_PORT_MIN} to ${CONTAINER_PORT_MAX}, except ${RESERVED_PORTS.join(', ')} (used by the service).`;

export function RuntimeSection({ values, set, errors, model, images, imagesError, imageSource = 'engine' }: RuntimeSectionProps) {
  const checkboxId = useId();
  return (
    <FormSection
      title="Runtime"
      description="By default the model runs in the conda environment its artifact’s runtime.yaml names, behind Berth’s model server. A custom container runs your own server instead."
    >
      <div className="flex items-start gap-2">
        <input
          id={checkboxId}
          name="useContainer"
          type="checkbox"
          className="mt-0.5 size-4 accent-accent-600"
          checked={values.useContainer}
          onChange={(e) => set({ useContainer: e.target.checked })}
        />
        <label htmlFor={checkboxId} className="text-sm font-medium text-gray-800">
          Use a custom container image
        </label>
      </div>

      {values.useContainer ? (
        <div className="flex flex-col gap-4">
          <ImagePicker
            images={images}
            imagesError={imagesError}
            source={imageSource}
            image={values.image}
            imageDigest={values.imageDigest}
            error={errors.image}
            onChange={(image, imageDigest) => set({ image, imageDigest })}
          />
          <div className="grid gap-4 md:grid-cols-2">
            <Field label="Entrypoint" error={errors.entrypoint} hint="One argument per line. Empty: the image’s own ENTRYPOINT.">
              <Textarea name="entrypoint" rows={3} spellCheck={false} className="w-full font-mono" value={values.entrypoint} onChange={(e) => set({ entrypoint: e.target.value })} />
            </Field>
            <Field label="CMD" error={errors.cmd} hint="One argument per line. Empty: the image’s own CMD.">
              <Textarea name="cmd" rows={3} spellCheck={false} className="w-full font-mono" value={values.cmd} onChange={(e) => set({ cmd: e.target.value })} />
            </Field>
            <Field label="Server port" error={errors.serverPort} hint={PORT_HINT}>
              <Input name="serverPort" type="number" inputMode="numeric" className="w-32" value={values.serverPort} onChange={(e) => set({ serverPort: e.target.value })} />
            </Field>
            <Field
              label="Health check port"
              error={errors.healthCheckPort}
              hint={values.healthCheckPort.trim() === '' ? `Empty: the server port (${values.serverPort.trim() || DEFAULT_PORT}).` : 'Empty: the server port.'}
            >
              <Input
                name="healthCheckPort"
                type="number"
                inputMode="numeric"
                className="w-32"
                placeholder={values.serverPort.trim() || DEFAULT_PORT}
                value={values.healthCheckPort}
                onChange={(e) => set({ healthCheckPort: e.target.value })}
              />
            </Field>
          </div>
          <Note>
            The model artifact is mounted read-only at <code>/opt/ds/model/deployed_model</code>. The container must answer <code>GET /health</code> and <code>POST /predict</code> on these ports (set MODEL_DEPLOY_HEALTH_ENDPOINT or
            MODEL_DEPLOY_PREDICT_ENDPOINT to use other paths), and start within the startup timeout.
          </Note>
        </div>
      ) : (
        <CondaSummary model={model} />
      )}

      <div className="flex flex-col gap-1.5">
        <span className="text-sm font-medium text-gray-800">Environment variables</span>
        <p className="text-xs text-gray-500">
          Passed to {values.useContainer ? 'the container' : 'the model server'}, e.g. WEB_CONCURRENCY. MODEL_DEPLOYMENT_OCID and the other service variables are set for you.
        </p>
        <EnvVarEditor rows={values.envVars} onChange={(envVars) => set({ envVars })} errors={errors} />
      </div>
    </FormSection>
  );
}
