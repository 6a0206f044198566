'use server';

import { promotionTargetsSchema } from '@/server/validation/promotion';
import { authorizePromotion, promotionsServiceOf } from '@/server/services/promotions';
import { runAction } from '../../run-action';

/** The dialog's choices: the OCI contexts, then a context's compartments and a compartment's projects. */
export async function promotionTargetsAction(input: unknown) {
  return runAction(promotionTargetsSchema, input, async ({ modelDeploymentId, contextId, compartmentId }, ctx) => {
    const who = await authorizePromotion(ctx, modelDeploymentId);
    if (!who.ok) return who;
    return promotionsServiceOf(ctx).targets(modelDeploymentId, contextId, compartmentId);
  });
}
