'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { ok } from '@/server/domain/result';
import { deploymentsServiceOf } from '@/server/services/deployments';
import { ocidSchema } from '@/server/validation/common';
import { runAction } from '../run-action';

const schema = z.object({ deploymentId: ocidSchema('datasciencemodeldeployment'), compartmentId: ocidSchema('compartment') });

/** ChangeModelDeploymentCompartment: synchronous, no work request. */
export async function moveDeploymentAction(input: unknown) {
  const result = await runAction(schema, input, async ({ deploymentId, compartmentId }, ctx) => {
    const moved = await deploymentsServiceOf(ctx).move(deploymentId, compartmentId);
    return moved.ok ? ok({ id: moved.data.id, compartmentId: moved.data.compartmentId }) : moved;
  });
  // Lists, details and project pages all show deployments.
  if (result.ok) revalidatePath('/', 'layout');
  return result;
}
