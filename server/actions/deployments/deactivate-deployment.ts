'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { deploymentsServiceOf } from '@/server/services/deployments';
import { ocidSchema } from '@/server/validation/common';
import { runAction } from '../run-action';

const schema = z.object({ deploymentId: ocidSchema('datasciencemodeldeployment') });

/** Starts MODEL_DEPLOYMENT_DEACTIVATE: instances stop, the endpoint URL is kept for activation. */
export async function deactivateDeploymentAction(input: unknown) {
  const result = await runAction(schema, input, ({ deploymentId }, ctx) => deploymentsServiceOf(ctx).deactivate(deploymentId));
  // Lists, details and project pages all show deployments.
  if (result.ok) revalidatePath('/', 'layout');
  return result;
}
