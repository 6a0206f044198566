'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { ocidSchema } from '@/server/validation/common';
import { modelsServiceOf } from '@/server/services/models';
import { runAction } from '../run-action';

const schema = z.object({ modelId: ocidSchema('datasciencemodel'), compartmentId: ocidSchema('compartment') });

/** ChangeModelCompartment. */
export async function moveModelAction(input: unknown) {
  const result = await runAction(schema, input, ({ modelId, compartmentId }, ctx) => modelsServiceOf(ctx).move(modelId, compartmentId));
  if (result.ok) revalidatePath('/models', 'layout');
  return result;
}
