'use server';

import { promotionSelectionSchema } from '@/server/validation/promotion';
import { authorizePromotion, promotionsServiceOf } from '@/server/services/promotions';
import { runAction } from '../../run-action';

/** What will differ or fail in the chosen OCI context, before anything is created there. */
export async function preflightPromotionAction(input: unknown) {
  return runAction(promotionSelectionSchema, input, async ({ modelDeploymentId, ...selection }, ctx) => {
    const who = await authorizePromotion(ctx, modelDeploymentId);
    if (!who.ok) return who;
    return promotionsServiceOf(ctx).preflight(modelDeploymentId, selection);
  });
}
