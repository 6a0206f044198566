'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { ocidSchema } from '@/server/validation/common';
import { followSettingSchema } from '@/server/validation/deployment';
import { runAction } from '../run-action';

const schema = z.strictObject({ modelDeploymentId: ocidSchema('datasciencemodeldeployment'), follow: followSettingSchema.nullable() });

/** Follow a version label from now on (swapping to its holder if needed), or stop (null). */
export async function setDeploymentFollowAction(input: unknown) {
  const result = await runAction(schema, input, ({ modelDeploymentId, follow }, ctx) => ctx.provider.updateModelDeployment(modelDeploymentId, { berthFollow: follow ?? {} }));
  if (result.ok) revalidatePath('/model-deployments', 'layout');
  return result;
}
