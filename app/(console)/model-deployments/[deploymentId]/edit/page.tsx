import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { DeploymentForm } from '@/components/deployments/wizard/deployment-form';
import { PlanView } from '@/components/deployments/wizard/plan-view';
import { StateBadge } from '@/components/state-badge';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { checkOperation } from '@/server/domain/md-lifecycle';
import { isOcid } from '@/server/domain/ocid';
import { getAppContext } from '@/server/services/context';
import { deploymentEditorOf } from '@/server/services/deployment-editor';
import { pageAccess, pageData } from '@/server/auth/page-access';
import { deploymentForRollback } from '@/server/services/revisions';

export const metadata: Metadata = { title: 'Edit model deployment' };

type Props = { params: Promise<{ deploymentId: string }>; searchParams: Promise<{ plan?: string | string[]; rollback?: string | string[] }> };

const revisionParam = z.coerce.number().int().positive();

export default async function EditDeploymentPage({ params, searchParams }: Props) {
  const { deploymentId } = await params;
  const { plan: planParam, rollback: rollbackParam } = await searchParams;
  if (!isOcid(deploymentId, 'datasciencemodeldeployment')) notFound();
  const loaded = await pageData(await deploymentEditorOf(getAppContext()).forEdit(deploymentId));
  const md = loaded.deployment;
  if (!md || md.lifecycleState === 'DELETED') notFound();
  // Who may read but not change it finds no edit page, as OCI answers such an update.
  if (!(await pageAccess(md.compartmentId, 'data-science-model-deployments')).canUpdate) notFound();

  const plans = getAppContext().updatePlans;
  const planId = Array.isArray(planParam) ? planParam[0] : planParam;
  const requested = planId ? plans.get(planId) : null;
  const plan = requested?.ok && requested.data.modelDeploymentId === md.id ? requested.data : plans.running(md.id);
  const editable = checkOperation('UPDATE', md.lifecycleState);
  const modelNames = Object.fromEntries(loaded.models.map((m) => [m.id, m.displayName]));
  // A rollback: the same edit, its form starting from the revision's configuration.
  const rollbackTo = rollbackParam === undefined ? null : revisionParam.safeParse(Array.isArray(rollbackParam) ? rollbackParam[0] : rollbackParam);
  const restore = rollbackTo?.success ? await deploymentForRollback(getAppContext(), md.id, rollbackTo.data) : null;

  let body;
  if (plan) {
    body = <PlanView planId={plan.id} deploymentId={md.id} initial={plan} modelNames={modelNames} />;
  } else if (!editable.ok) {
    body = (
      <EmptyState
        title={`This deployment cannot be edited while it is ${md.lifecycleState.toLowerCase().replace('_', ' ')}`}
        description={`${editable.error.message} Wait for the current work to finish, then edit it.`}
        action={<Link href={`/model-deployments/${md.id}`}>Back to the deployment</Link>}
      />
    );
  } else if (rollbackTo && !restore?.ok) {
    body = (
      <EmptyState
        title="No such revision"
        description={restore && !restore.ok ? restore.error.message : 'A revision is a number: 1, 2, 3...'}
        action={<Link href={`/model-deployments/${md.id}?tab=revisions`}>Back to the revisions</Link>}
      />
    );
  } else {
    body = <DeploymentForm mode="edit" data={loaded} {...(restore?.ok ? { restore: { revision: restore.data.revision.revision, deployment: restore.data.deployment } } : {})} />;
  }

  return (
    <div className="mx-auto flex w-full max-w-3xl flex-col gap-5">
      <PageHeader
        title={restore?.ok ? `Roll back ${md.displayName} to revision ${restore.data.revision.revision}` : `Edit ${md.displayName}`}
        description={
          <span className="inline-flex items-center gap-2">
            <StateBadge state={md.lifecycleState} />
            {md.lifecycleState === 'INACTIVE' ? 'Everything can change at once; it applies at the next activation.' : 'Changes run as updates; the deployment keeps serving.'}
          </span>
        }
        breadcrumbs={[
          { label: 'Model deployments', href: '/model-deployments' },
          { label: md.displayName, href: `/model-deployments/${md.id}` },
          { label: 'Edit' },
        ]}
      />
      {body}
    </div>
  );
}
