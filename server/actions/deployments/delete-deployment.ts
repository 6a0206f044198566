'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { deploymentsServiceOf } from '@/server/services/deployments';
import { ocidSchema } from '@/server/validation/common';
import { runAction } from '../run-action';

const schema = z.object({ deploymentId: ocidSchema('datasciencemodeldeployment') });

/** Starts MODEL_DEPLOYMENT_DELETE and returns its work request id for the dialog to follow. */
export async function deleteDeploymentAction(input: unknown) {
  const result = await runAction(schema, input, ({ deploymentId }, ctx) => deploymentsServiceOf(ctx).remove(deploymentId));
  // Lists, details and project pages all show deployments.
  if (result.ok) revalidatePath('/', 'layout');
  return result;
}
