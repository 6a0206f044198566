'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { revealDeploymentSecret } from '@/server/services/deployment-secrets';
import { ocidSchema } from '@/server/validation/common';
import { runAction } from '../run-action';

const schema = z.object({ deploymentId: ocidSchema('datasciencemodeldeployment'), name: z.string().min(1).max(255) });

/** Shows one secret variable's value to the user who asked; the reveal joins the work-request history. */
export async function revealSecretAction(input: unknown) {
  const result = await runAction(schema, input, ({ deploymentId, name }, ctx) => revealDeploymentSecret(ctx, deploymentId, name));
  if (result.ok) revalidatePath(`/model-deployments/${(input as { deploymentId: string }).deploymentId}`);
  return result;
}
