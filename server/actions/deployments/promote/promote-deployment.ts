'use server';

import { revalidatePath } from 'next/cache';
import { promotionSelectionSchema } from '@/server/validation/promotion';
import { authorizePromotion, promotionsServiceOf } from '@/server/services/promotions';
import { runAction } from '../../run-action';

/** Creates the model with its artifact and the deployment in the OCI context; the pre-flight runs again first. */
export async function promoteDeploymentAction(input: unknown) {
  const result = await runAction(promotionSelectionSchema, input, async ({ modelDeploymentId, ...selection }, ctx) => {
    const who = await authorizePromotion(ctx, modelDeploymentId);
    if (!who.ok) return who;
    return promotionsServiceOf(ctx).promote(modelDeploymentId, selection, who.data);
  });
  if (result.ok) revalidatePath('/model-deployments', 'layout');
  return result;
}
