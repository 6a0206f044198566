import type { ModelDeploymentLifecycleState } from '@/server/domain/oci-types';
import type { PlannedStep } from '@/server/domain/update-plan';
import { changeRows, type FormatContext } from './change-labels';
import { DiffTable } from './diff-table';
import { Note } from './form-section';

export interface ChangesReviewProps {
  state: ModelDeploymentLifecycleState;
  steps: readonly PlannedStep[];
  format: FormatContext;
}

/**
 * Before anything is applied: every field that will change, and when the deployment is serving and
 * the edit spans several option groups, the consecutive steps it will run as.
 */
export function ChangesReview({ state, steps, format }: ChangesReviewProps) {
  const all = steps.flatMap((s) => s.changes);
  if (all.length === 0) {
    return <p className="text-sm text-gray-600">No changes yet. Edit a field above; what will change is listed here before you apply it.</p>;
  }
  if (steps.length === 1) {
    return (
      <div className="flex flex-col gap-3">
        <DiffTable rows={changeRows(all, format)} caption="Changes to apply" />
        <Note>
          {state === 'INACTIVE'
            ? 'The deployment is inactive: everything is saved in one update and takes effect the next time it is activated.'
            : `One update (${steps[0]?.label ?? 'one option group'}): the deployment shows Updating, keeps serving, and returns to Active.`}
        </Note>
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-3">
      <Note>
        While a deployment is active, OCI changes one option group at a time so it never stops serving. This edit touches{' '}
        {steps.length} groups, so it runs as <strong>{steps.length} consecutive updates</strong>, each its own work request, in this order. If a
        step fails, the steps after it are skipped and the deployment keeps what the steps before it applied.
      </Note>
      <ol aria-label="Update plan" className="flex flex-col gap-3">
        {steps.map((step, i) => (
          <li key={i} className="flex flex-col gap-1.5">
            <h3 className="text-sm font-semibold text-gray-900">
              Step {i + 1} of {steps.length}: {step.label}
            </h3>
            <DiffTable rows={changeRows(step.changes, format)} caption={`Changes in step ${i + 1}`} />
          </li>
        ))}
      </ol>
    </div>
  );
}
