'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { ocidSchema } from '@/server/validation/common';
import { modelsServiceOf } from '@/server/services/models';
import { runAction } from '../run-action';

const schema = z.object({ modelId: ocidSchema('datasciencemodel') });

/** DeleteModel is synchronous in OCI (no work request); refused while a deployment uses the model. */
export async function deleteModelAction(input: unknown) {
  const result = await runAction(schema, input, ({ modelId }, ctx) => modelsServiceOf(ctx).remove(modelId));
  if (result.ok) {
    revalidatePath('/models', 'layout');
    revalidatePath('/projects', 'layout');
  }
  return result;
}
