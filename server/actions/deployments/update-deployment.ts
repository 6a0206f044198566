'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { getDeploymentEditor } from '@/server/services/deployment-editor';
import { ocidSchema } from '@/server/validation/common';
import { updateModelDeploymentDetailsSchema } from '@/server/validation/deployment';
import { runAction } from '../run-action';

const schema = z.object({ deploymentId: ocidSchema('datasciencemodeldeployment'), details: updateModelDeploymentDetailsSchema });

/** One shallow-merge update (a single option group, or anything while inactive): one work request. */
export async function updateDeploymentAction(input: unknown) {
  const result = await runAction(schema, input, ({ deploymentId, details }) => getDeploymentEditor().update(deploymentId, details));
  if (result.ok) revalidatePath('/model-deployments', 'layout');
  return result;
}
