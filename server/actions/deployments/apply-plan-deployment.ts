'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { ok } from '@/server/domain/result';
import { startUpdatePlan } from '@/server/services/update-plans';
import { getAppContext } from '@/server/services/context';
import { checkRollbackTarget } from '@/server/services/revisions';
import { ocidSchema } from '@/server/validation/common';
import { consoleDeploymentSchemas } from '@/server/validation/deployment';
import { runAction } from '../run-action';

// The console honours BERTH_AUTOSCALING_MIN_SECONDS; the OCI-compatible API never does.
const schemaFor = (minSeconds: number | null) =>
  z.object({
    deploymentId: ocidSchema('datasciencemodeldeployment'),
    details: consoleDeploymentSchemas(minSeconds).updateModelDeploymentDetailsSchema,
    /** The plan restores this revision: the revision its last step records says so. */
    rollbackOf: z.number().int().positive().optional(),
  });

/**
 * An update spanning several option groups of a serving deployment: the server splits it into
 * one-group steps and runs them in order in its own process; the page polls the plan.
 */
export async function applyPlanDeploymentAction(input: unknown) {
  const result = await runAction(schemaFor(getAppContext().config.autoscalingMinSeconds), input, async ({ deploymentId, details, rollbackOf }, ctx) => {
    const target = await checkRollbackTarget(ctx, deploymentId, rollbackOf);
    if (!target.ok) return target;
    const plan = await startUpdatePlan(ctx, deploymentId, details, rollbackOf !== undefined ? { rollbackOf } : {});
    return plan.ok ? ok({ planId: plan.data.id, steps: plan.data.steps.length }) : plan;
  });
  if (result.ok) revalidatePath('/model-deployments', 'layout');
  return result;
}
