'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { ocidSchema } from '@/server/validation/common';
import { modelsServiceOf } from '@/server/services/models';
import { runAction } from '../run-action';

const schema = z.object({ modelId: ocidSchema('datasciencemodel') });

export async function deactivateModelAction(input: unknown) {
  const result = await runAction(schema, input, ({ modelId }, ctx) => modelsServiceOf(ctx).deactivate(modelId));
  if (result.ok) revalidatePath('/models', 'layout');
  return result;
}
