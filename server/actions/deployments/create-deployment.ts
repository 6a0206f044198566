'use server';

import { revalidatePath } from 'next/cache';
import { deploymentEditorOf } from '@/server/services/deployment-editor';
import { getAppContext } from '@/server/services/context';
import { consoleDeploymentSchemas } from '@/server/validation/deployment';
import { runAction } from '../run-action';

/** Starts the MODEL_DEPLOYMENT_CREATE work request; the page then follows it on the deployment. */
export async function createDeploymentAction(input: unknown) {
  // The console honours BERTH_AUTOSCALING_MIN_SECONDS; the OCI-compatible API never does.
  const { createModelDeploymentDetailsSchema } = consoleDeploymentSchemas(getAppContext().config.autoscalingMinSeconds);
  const result = await runAction(createModelDeploymentDetailsSchema, input, (details) => deploymentEditorOf(getAppContext()).create(details));
  if (result.ok) revalidatePath('/model-deployments', 'layout');
  return result;
}
