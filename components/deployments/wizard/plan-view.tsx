'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { StateBadge } from '@/components/state-badge';
import { buttonClasses } from '@/components/ui/button';
import { Spinner } from '@/components/ui/spinner';
import { useWorkRequest } from '@/components/work-requests/use-work-request';
import { WorkRequestProgress } from '@/components/work-requests/work-request-progress';
import type { UpdatePlanStep, UpdatePlanView } from '@/server/domain/update-plan';
import { changeRows } from './change-labels';
import { Note } from './form-section';
import { useUpdatePlan } from './use-update-plan';

const STEP_STATE: Record<UpdatePlanStep['status'], string> = {
  PENDING: 'WAITING',
  RUNNING: 'IN_PROGRESS',
  SUCCEEDED: 'SUCCEEDED',
  FAILED: 'FAILED',
  SKIPPED: 'CANCELED',
};

function StepWorkRequest({ id }: { id: string }) {
  const wr = useWorkRequest(id);
  return <WorkRequestProgress view={wr.data} error={wr.error} />;
}

function Step({ step, index, total, modelNames }: { step: UpdatePlanStep; index: number; total: number; modelNames: Record<string, string> }) {
  const changes = changeRows(step.changes, { modelName: (id) => modelNames[id] });
  return (
    <li className="flex flex-col gap-2 rounded-lg border border-gray-200 bg-white p-4" aria-label={`Step ${index + 1}: ${step.label}`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="text-sm font-semibold text-gray-900">
          Step {index + 1} of {total}: {step.label}
        </h3>
        <span className="inline-flex items-center gap-2">
          {step.status === 'SKIPPED' ? <span className="text-xs font-medium text-gray-600">Skipped</span> : <StateBadge state={STEP_STATE[step.status]} />}
        </span>
      </div>
      <p className="text-xs text-gray-600">{changes.map((c) => `${c.label}: ${c.before} → ${c.after}`).join(' · ')}</p>
      {step.status === 'PENDING' && <p className="text-sm text-gray-600">Waits for the step before it.</p>}
      {step.status === 'RUNNING' && !step.workRequestId && (
        <p className="flex items-center gap-2 text-sm text-gray-600">
          <Spinner /> Waiting for the deployment to be ready for this update…
        </p>
      )}
      {step.workRequestId && <StepWorkRequest id={step.workRequestId} />}
      {step.message && (step.status !== 'FAILED' || !step.workRequestId) && <p className={step.status === 'FAILED' ? 'text-sm text-red-700' : 'text-sm text-gray-600'}>{step.message}</p>}
    </li>
  );
}

/** A running or finished update plan: its numbered steps, each following its own work request. */
export interface PlanViewProps {
  planId: string;
  deploymentId: string;
  initial?: UpdatePlanView;
  modelNames?: Record<string, string>;
}

export function PlanView({ planId, initial, deploymentId, modelNames = {} }: PlanViewProps) {
  const router = useRouter();
  const q = useUpdatePlan(planId, initial);
  const plan = q.data;
  const finished = plan !== undefined && plan.status !== 'RUNNING';
  const startedRunning = initial === undefined || initial.status === 'RUNNING';
  // The page around the plan (the deployment's state) was rendered while it ran: bring it up to date.
  useEffect(() => {
    if (finished && startedRunning) router.refresh();
  }, [finished, startedRunning, router]);
  if (q.error) return <p role="alert" className="text-sm text-red-700">{q.error.message}</p>;
  if (!plan) {
    return (
      <p className="flex items-center gap-2 text-sm text-gray-600">
        <Spinner /> Loading the update plan…
      </p>
    );
  }
  const done = plan.steps.filter((s) => s.status === 'SUCCEEDED').length;
  return (
    <section aria-labelledby="plan-heading" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="plan-heading" className="text-base font-semibold text-gray-900">
          Update plan: {plan.steps.length} steps
        </h2>
        <span className="inline-flex items-center gap-3">
          <StateBadge state={plan.status === 'RUNNING' ? 'IN_PROGRESS' : plan.status} />
          {/* Never a dead end: the plan keeps running on the server while the user looks elsewhere. */}
          <Link href={`/model-deployments/${deploymentId}`} className="text-sm font-medium text-accent-700 hover:underline">
            Back to the deployment
          </Link>
        </span>
      </div>
      <p className="text-sm text-gray-600" aria-live="polite">
        {plan.status === 'RUNNING' ? `${done} of ${plan.steps.length} steps done. Each step starts when the one before it has finished.` : null}
      </p>
      <ol aria-label="Update steps" className="flex flex-col gap-3">
        {plan.steps.map((step, i) => (
          <Step key={i} step={step} index={i} total={plan.steps.length} modelNames={modelNames} />
        ))}
      </ol>
      {plan.status === 'SUCCEEDED' && (
        <Note>
          <span role="status">All {plan.steps.length} steps were applied.</span>{' '}
          <Link href={`/model-deployments/${deploymentId}`} className="font-medium text-accent-700 hover:underline">
            View the deployment
          </Link>
        </Note>
      )}
      {plan.status === 'FAILED' && (
        <div role="alert" className="flex flex-col gap-2 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          <p>{plan.message}</p>
          <div className="flex gap-2">
            <Link href={`/model-deployments/${deploymentId}/edit`} className={buttonClasses({ size: 'sm' })}>
              Edit again
            </Link>
            <Link href={`/model-deployments/${deploymentId}`} className={buttonClasses({ size: 'sm' })}>
              View the deployment
            </Link>
          </div>
        </div>
      )}
    </section>
  );
}
