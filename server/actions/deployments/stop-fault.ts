'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { createFaultsService } from '@/server/services/faults';
import { ocidSchema } from '@/server/validation/common';
import { runAction } from '../run-action';

const schema = z.object({ deploymentId: ocidSchema('datasciencemodeldeployment'), faultId: z.string().regex(/^fault-[0-9a-f]{12}$/, 'Not a fault id.') });

/** Turns a fault off before its time; recorded as a work request. */
export async function stopFaultAction(input: unknown) {
  const result = await runAction(schema, input, async ({ deploymentId, faultId }, ctx) => createFaultsService((await ctx.session()).provider).stop(deploymentId, faultId));
  if (result.ok) revalidatePath(`/model-deployments/${result.data.fault.modelDeploymentId}`);
  return result;
}
