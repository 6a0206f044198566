'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { createFaultsService } from '@/server/services/faults';
import { ocidSchema } from '@/server/validation/common';
import { runAction } from '../run-action';

// The fault itself is validated by the service (startFaultSchema), so its field errors come back
// named after the form's fields.
const schema = z.object({ deploymentId: ocidSchema('datasciencemodeldeployment'), fault: z.record(z.string(), z.unknown()) });

/** Turns a fault on for a deployment (local provider); recorded as a work request. */
export async function startFaultAction(input: unknown) {
  const result = await runAction(schema, input, async ({ deploymentId, fault }, ctx) => createFaultsService((await ctx.session()).provider).start(deploymentId, fault));
  if (result.ok) revalidatePath(`/model-deployments/${result.data.fault.modelDeploymentId}`);
  return result;
}
