'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { ok } from '@/server/domain/result';
import { getUpdatePlans } from '@/server/services/update-plans';
import { ocidSchema } from '@/server/validation/common';
import { updateModelDeploymentDetailsSchema } from '@/server/validation/deployment';
import { runAction } from '../run-action';

const schema = z.object({ deploymentId: ocidSchema('datasciencemodeldeployment'), details: updateModelDeploymentDetailsSchema });

/**
 * An update spanning several option groups of a serving deployment: the server splits it into
 * one-group steps and runs them in order in its own process; the page polls the plan.
 */
export async function applyPlanDeploymentAction(input: unknown) {
  const result = await runAction(schema, input, async ({ deploymentId, details }) => {
    const plan = await getUpdatePlans().start(deploymentId, details);
    return plan.ok ? ok({ planId: plan.data.id, steps: plan.data.steps.length }) : plan;
  });
  if (result.ok) revalidatePath('/model-deployments', 'layout');
  return result;
}
