import Link from 'next/link';
import { FormattedTime } from '@/components/formatted-time';
import { OcidText } from '@/components/ocid/ocid-text';
import { StateBadge } from '@/components/state-badge';
import { TagList } from '@/components/tags/tag-list';
import { CopyButton } from '@/components/ui/copy-button';
import { KeyValue } from '@/components/ui/key-value';
import { bandwidthMbpsOf } from '@/server/domain/load-balancer';
import type { ModelDeployment } from '@/server/domain/oci-types';
import { findShape } from '@/server/domain/shapes';
import { SECRET_MASK } from '@/server/domain/secrets';
import { instanceCountLabel } from './deployment-row';
import { FollowInfo } from './follow-info';
import { SecretValue } from './secret-value';

export type RuntimeInfo =
  | { kind: 'conda'; slug: string; name: string | null; fromRuntimeYaml: boolean; problem?: string }
  | { kind: 'container'; image: string; imageDigest: string | null }
  | { kind: 'service' };

export interface DeploymentInfoProps {
  deployment: ModelDeployment;
  model: { id: string; displayName: string; lifecycleState: string } | null;
  project: { id: string; displayName: string } | null;
  compartmentName: string;
  runtime: RuntimeInfo | null;
  /** Reveal is offered only to who may manage the deployment; others see the mask. */
  canRevealSecrets: boolean;
}

const section = 'rounded-lg border border-gray-200 bg-white p-4';
const mono = 'font-mono text-[13px] break-all';

function RuntimeValue({ runtime }: { runtime: RuntimeInfo | null }) {
  if (!runtime) return null;
  if (runtime.kind === 'service') {
    return (
      <span className="flex flex-col gap-0.5">
        <span>Conda environment of the artifact’s runtime.yaml</span>
        <span className="text-xs text-gray-500">The service reads it when it deploys the model; the console does not inspect the artifact.</span>
      </span>
    );
  }
  if (runtime.kind === 'container') {
    return (
      <span className="flex flex-col gap-0.5">
        <span>Custom container</span>
        <span className={mono}>{runtime.image}</span>
        {runtime.imageDigest && <span className={`${mono} text-gray-600`}>{runtime.imageDigest}</span>}
      </span>
    );
  }
  return (
    <span className="flex flex-col gap-0.5">
      <span>
        Conda environment <span className={mono}>{runtime.slug}</span>
        {runtime.name && <span className="text-gray-600"> ({runtime.name})</span>}
      </span>
      <span className="text-xs text-gray-500">{runtime.fromRuntimeYaml ? "From the artifact's runtime.yaml." : 'The default: the artifact names no environment in runtime.yaml.'}</span>
      {runtime.problem && <span className="text-xs text-red-700">{runtime.problem}</span>}
    </span>
  );
}

export function DeploymentInfo({ deployment: d, model, project, compartmentName, runtime, canRevealSecrets }: DeploymentInfoProps) {
  const mc = d.modelDeploymentConfigurationDetails?.modelConfigurationDetails;
  const ic = mc?.instanceConfiguration;
  const shape = ic ? findShape(ic.instanceShapeName) : undefined;
  const ocpus = ic?.modelDeploymentInstanceShapeConfigDetails?.ocpus ?? (shape && !shape.isFlex ? shape.coreCount : undefined);
  const memory = ic?.modelDeploymentInstanceShapeConfigDetails?.memoryInGBs ?? (shape && !shape.isFlex ? shape.memoryInGBs : undefined);
  const bandwidth = bandwidthMbpsOf(mc);
  const env = d.modelDeploymentConfigurationDetails?.environmentConfigurationDetails?.environmentVariables ?? {};
  const envEntries = Object.entries(env);
  const logs = d.categoryLogDetails;
  const running = d.modelDeploymentSystemData?.currentInstanceCount;

  return (
    <div className="grid gap-4 xl:grid-cols-2">
      <section aria-labelledby="md-info" className={section}>
        <h2 id="md-info" className="mb-3 text-sm font-semibold text-gray-900">
          Model deployment information
        </h2>
        <KeyValue
          columns={1}
          items={[
            { label: 'State', value: <StateBadge state={d.lifecycleState} /> },
            { label: 'OCID', value: <OcidText ocid={d.id} /> },
            {
              // The bare deployment URL answers 404: what is copied is what a client calls.
              label: 'Predict endpoint',
              value: (
                <span className="inline-flex max-w-full flex-wrap items-baseline gap-x-1.5">
                  <span className={mono}>{`${d.modelDeploymentUrl}/predict`}</span>
                  <CopyButton text={`${d.modelDeploymentUrl}/predict`} label="Copy predict URL" variant="link" />
                </span>
              ),
            },
            { label: 'Description', value: d.description || null },
            { label: 'Project', value: project ? <Link href={`/projects/${project.id}`} className="text-accent-700 hover:underline">{project.displayName}</Link> : <OcidText ocid={d.projectId} label="Copy project OCID" /> },
            { label: 'Compartment', value: compartmentName },
            { label: 'Created', value: <FormattedTime iso={d.timeCreated} /> },
            { label: 'Created by', value: <OcidText ocid={d.createdBy} label="Copy creator OCID" /> },
            { label: 'Tags', value: <TagList freeformTags={d.freeformTags ?? {}} definedTags={d.definedTags ?? {}} /> },
          ]}
        />
      </section>
      <section aria-labelledby="md-config" className={section}>
        <h2 id="md-config" className="mb-3 text-sm font-semibold text-gray-900">
          Model and compute
        </h2>
        <KeyValue
          columns={1}
          items={[
            {
              label: 'Model',
              value: model ? (
                <span>
                  <Link href={`/models/${model.id}`} className="text-accent-700 hover:underline">{model.displayName}</Link>
                  {model.lifecycleState !== 'ACTIVE' && <span className="text-gray-600"> ({model.lifecycleState.toLowerCase()})</span>}
                </span>
              ) : mc ? <OcidText ocid={mc.modelId} label="Copy model OCID" /> : null,
            },
            ...(d.berthFollow ? [{ label: 'Follows', value: <FollowInfo follow={d.berthFollow} /> }] : []),
            { label: 'Runtime', value: <RuntimeValue runtime={runtime} /> },
            { label: 'Shape', value: ic ? <span>{ic.instanceShapeName}{shape?.gpu ? <span className="text-gray-600"> ({shape.gpu.count} × {shape.gpu.model} GPU)</span> : null}</span> : null },
            { label: 'OCPUs', value: ocpus !== undefined ? String(ocpus) : null },
            { label: 'Memory', value: memory !== undefined ? `${memory} GB` : null },
            {
              label: 'Instances',
              value: (
                <span>
                  {instanceCountLabel(d)}
                  {running !== undefined && <span className="text-gray-600"> · {running} running</span>}
                </span>
              ),
            },
            { label: 'Load balancer bandwidth', value: mc?.maximumBandwidthMbps ? `${bandwidth}–${mc.maximumBandwidthMbps} Mbps` : `${bandwidth} Mbps` },
            {
              label: 'Environment variables',
              value: envEntries.length ? (
                <ul className="flex flex-col gap-0.5">
                  {envEntries.map(([k, v]) => (
                    <li key={k} className={mono}>
                      {v === SECRET_MASK && canRevealSecrets ? <SecretValue deploymentId={d.id} name={k} /> : `${k}=${v}`}
                    </li>
                  ))}
                </ul>
              ) : 'None',
            },
            { label: 'Logging', value: loggingText(logs) },
          ]}
        />
      </section>
    </div>
  );
}

/** OCI Logging logs when set through the API; otherwise the default the wizard offers: Berth keeps both logs. */
function loggingText(logs: ModelDeployment['categoryLogDetails']): string {
  const oci = [logs?.access && 'access log', logs?.predict && 'predict log'].filter(Boolean);
  if (oci.length > 0) return `OCI Logging: ${oci.join(' and ')} set${oci.length < 2 ? '; the other is kept by Berth on the Logs tab' : ''}`;
  return 'Default logging (Berth): access and predict logs on the Logs tab';
}
