'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDeploymentEditor } from '@/server/services/deployment-editor';
import { getAppContext } from '@/server/services/context';
import { ocidSchema } from '@/server/validation/common';
import { consoleDeploymentSchemas } from '@/server/validation/deployment';
import { runAction } from '../run-action';

// The console honours BERTH_AUTOSCALING_MIN_SECONDS; the OCI-compatible API never does.
const schemaFor = (minSeconds: number | null) =>
  z.object({ deploymentId: ocidSchema('datasciencemodeldeployment'), details: consoleDeploymentSchemas(minSeconds).updateModelDeploymentDetailsSchema });

/** One shallow-merge update (a single option group, or anything while inactive): one work request. */
export async function updateDeploymentAction(input: unknown) {
  const result = await runAction(schemaFor(getAppContext().config.autoscalingMinSeconds), input, ({ deploymentId, details }) => getDeploymentEditor().update(deploymentId, details));
  if (result.ok) revalidatePath('/model-deployments', 'layout');
  return result;
}
