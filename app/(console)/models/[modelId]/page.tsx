import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { FormattedTime } from '@/components/formatted-time';
import { ArtifactChecklist } from '@/components/models/artifact-checklist';
import { ModelActions } from '@/components/models/model-actions';
import { artifactHref } from '@/components/models/model-links';
import { CustomMetadataView, ProvenanceView, SchemaView, TaxonomyView } from '@/components/models/model-metadata-view';
import { formatBytes } from '@/server/domain/bytes';
import { OcidText } from '@/components/ocid/ocid-text';
import { StateBadge } from '@/components/state-badge';
import { TagList } from '@/components/tags/tag-list';
import { buttonClasses } from '@/components/ui/button';
import { KeyValue } from '@/components/ui/key-value';
import { PageHeader } from '@/components/ui/page-header';
import { checklistOutcome } from '@/server/domain/artifact-checklist';
import { isOcid } from '@/server/domain/ocid';
import { pageAccess, pageData } from '@/server/auth/page-access';
import { getAppContext } from '@/server/services/context';
import { modelsServiceOf } from '@/server/services/models';
import { HISTORY_LIMIT, resourceHistory } from '@/server/services/audit-log';
import { ResourceHistory } from '@/components/audit/resource-history';
import { VersionLabelForm } from '@/components/models/version-label-form';
import { VersionSetPanel } from '@/components/models/version-set-panel';
import { modelVersionsServiceOf } from '@/server/services/model-versions';

type Props = { params: Promise<{ modelId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { modelId } = await params;
  const r = isOcid(modelId, 'datasciencemodel') ? await getAppContext().provider.getModel(modelId) : null;
  return { title: r?.ok ? r.data.displayName : 'Model' };
}

const OUTCOME_TEXT = {
  pass: 'Every check passed: a managed model deployment can serve this artifact.',
  warning: 'The artifact can be served; read the warnings below.',
  failure: 'A managed model deployment cannot serve this artifact as it is; the failures below say why.',
} as const;

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="flex flex-col gap-3 rounded-lg border border-gray-200 bg-white p-4">
      <h2 id={id} className="text-sm font-semibold text-gray-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

export default async function ModelPage({ params }: Props) {
  const { modelId } = await params;
  if (!isOcid(modelId, 'datasciencemodel')) notFound();
  const { model: m, provenance, artifact, project, compartments, tagNamespaces } = await pageData(await modelsServiceOf(getAppContext()).detailView(modelId));
  const [access, deploymentAccess] = await Promise.all([pageAccess(m.compartmentId, 'data-science-models'), pageAccess(m.compartmentId, 'data-science-model-deployments')]);
  // No items: the provider stored the artifact without looking inside; its service checks it at deploy.
  const outcome = artifact && artifact.checklist.length > 0 ? checklistOutcome(artifact.checklist) : null;
  const history = await resourceHistory(getAppContext(), 'model', m.id);
  const versionSet = m.modelVersionSetId ? await modelVersionsServiceOf(getAppContext()).setView(m.modelVersionSetId) : null;

  return (
    <div className="flex flex-col gap-5">
      <PageHeader
        title={m.displayName}
        breadcrumbs={[{ label: 'Models', href: `/models?compartmentId=${encodeURIComponent(m.compartmentId)}` }, { label: m.displayName }]}
        actions={
          <div className="flex flex-wrap gap-2">
            {m.lifecycleState === 'ACTIVE' && artifact && deploymentAccess.canCreate && (
              <Link href={`/model-deployments/new?projectId=${encodeURIComponent(m.projectId)}&modelId=${encodeURIComponent(m.id)}`} className={buttonClasses({ variant: 'primary' })}>
                Deploy
              </Link>
            )}
            <ModelActions model={m} compartments={compartments} namespaces={tagNamespaces} variant="buttons" hasArtifact={artifact !== null} access={access} />
          </div>
        }
      />
      <Section id="model-info" title="Model information">
        <KeyValue
          items={[
            { label: 'State', value: <StateBadge state={m.lifecycleState} /> },
            { label: 'OCID', value: <OcidText ocid={m.id} /> },
            { label: 'Description', value: m.description || null },
            {
              label: 'Project',
              value: (
                <Link href={`/projects/${m.projectId}`} className="text-accent-700 hover:underline">
                  {project?.displayName ?? m.projectId}
                </Link>
              ),
            },
            { label: 'Compartment', value: compartments.find((c) => c.id === m.compartmentId)?.name ?? m.compartmentId },
            { label: 'Created', value: <FormattedTime iso={m.timeCreated} /> },
            { label: 'Created by', value: <OcidText ocid={m.createdBy} label="Copy creator OCID" /> },
            { label: 'Tags', value: <TagList freeformTags={m.freeformTags ?? {}} definedTags={m.definedTags ?? {}} /> },
          ]}
        />
        {m.lifecycleState === 'INACTIVE' && (
          <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            This model is inactive: it cannot be used in a model deployment until it is activated.
          </p>
        )}
      </Section>

      {m.modelVersionSetId && (
        <Section id="model-version-set" title="Version set">
          <KeyValue
            items={[
              { label: 'Version set', value: m.modelVersionSetName || m.modelVersionSetId },
              { label: 'Version', value: String(m.versionId ?? '') },
              { label: 'Version label', value: m.versionLabel || null },
            ]}
          />
          {access.canUpdate && m.lifecycleState !== 'DELETED' && <VersionLabelForm modelId={m.id} current={m.versionLabel ?? ''} />}
          {versionSet?.ok && <VersionSetPanel view={versionSet.data} currentModelId={m.id} />}
        </Section>
      )}

      <Section id="model-artifact" title="Model artifact">
        {artifact ? (
          <>
            <KeyValue
              items={[
                {
                  label: 'File',
                  value: (
                    <a href={artifactHref(m.id)} download className="text-accent-700 hover:underline">
                      {artifact.fileName}
                    </a>
                  ),
                },
                { label: 'Size', value: `${formatBytes(artifact.sizeInBytes)} (${artifact.sizeInBytes.toLocaleString('en-US')} bytes)` },
                { label: 'Uploaded', value: <FormattedTime iso={artifact.timeUploaded} /> },
                { label: 'Content MD5', value: <span className="font-mono text-xs">{artifact.contentMd5}</span> },
              ]}
            />
            <h3 className="text-sm font-medium text-gray-800">Artifact checks</h3>
            {outcome ? (
              <p className="text-sm text-gray-700">{OUTCOME_TEXT[outcome]}</p>
            ) : (
              <p className="text-sm text-gray-700">This provider stores the artifact without inspecting it; its service checks score.py and runtime.yaml when it deploys the model.</p>
            )}
            <ArtifactChecklist items={artifact.checklist} />
          </>
        ) : (
          <p className="text-sm text-gray-600">No artifact has been uploaded for this model, so it cannot be deployed.</p>
        )}
      </Section>

      <Section id="model-taxonomy" title="Model taxonomy">
        <TaxonomyView list={m.definedMetadataList} />
      </Section>
      <Section id="model-custom-metadata" title="Custom metadata">
        <CustomMetadataView list={m.customMetadataList} />
      </Section>
      <Section id="model-schemas" title="Input and output schemas">
        <div className="grid gap-4 md:grid-cols-2">
          <SchemaView label="Input schema" text={m.inputSchema} />
          <SchemaView label="Output schema" text={m.outputSchema} />
        </div>
      </Section>
      <Section id="model-provenance" title="Provenance">
        <ProvenanceView provenance={provenance} />
      </Section>
      <Section id="model-history" title="History">
        {history.ok && <ResourceHistory events={history.data} label="Model history" limit={HISTORY_LIMIT} />}
      </Section>
    </div>
  );
}
