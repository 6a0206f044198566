'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { deploymentsServiceOf } from '@/server/services/deployments';
import { ocidSchema } from '@/server/validation/common';
import { definedTagsSchema, freeformTagsSchema } from '@/server/validation/tags';
import { runAction } from '../run-action';

const schema = z.object({
  deploymentId: ocidSchema('datasciencemodeldeployment'),
  freeformTags: freeformTagsSchema,
  definedTags: definedTagsSchema,
});

/** A tags-only MODEL_DEPLOYMENT_UPDATE: the instances keep serving; returns the work request id. */
export async function updateDeploymentTagsAction(input: unknown) {
  const result = await runAction(schema, input, ({ deploymentId, freeformTags, definedTags }, ctx) =>
    deploymentsServiceOf(ctx).updateTags(deploymentId, { freeformTags, definedTags }),
  );
  // Lists, details and project pages all show deployments.
  if (result.ok) revalidatePath('/', 'layout');
  return result;
}
