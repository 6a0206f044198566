'use server';

import { revalidatePath } from 'next/cache';
import { getDeploymentEditor } from '@/server/services/deployment-editor';
import { createModelDeploymentDetailsSchema } from '@/server/validation/deployment';
import { runAction } from '../run-action';

/** Starts the MODEL_DEPLOYMENT_CREATE work request; the page then follows it on the deployment. */
export async function createDeploymentAction(input: unknown) {
  const result = await runAction(createModelDeploymentDetailsSchema, input, (details) => getDeploymentEditor().create(details));
  if (result.ok) revalidatePath('/model-deployments', 'layout');
  return result;
}
