'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { ocidSchema } from '@/server/validation/common';
import { updateModelSchema } from '@/server/validation/model';
import { modelsServiceOf } from '@/server/services/models';
import { runAction } from '../run-action';

const schema = z.object({ modelId: ocidSchema('datasciencemodel'), details: updateModelSchema });

/** UpdateModel: name, description, taxonomy and custom metadata, tags. */
export async function updateModelAction(input: unknown) {
  const result = await runAction(schema, input, ({ modelId, details }, ctx) => modelsServiceOf(ctx).update(modelId, details));
  if (result.ok) revalidatePath('/models', 'layout');
  return result;
}
