'use server';

import { revalidatePath } from 'next/cache';
import { createModelVersionSetSchema } from '@/server/validation/model-version-set';
import { runAction } from '../run-action';

/** CreateModelVersionSet from the console (a name unique in the project, 409 otherwise). */
export async function createVersionSetAction(input: unknown) {
  const result = await runAction(createModelVersionSetSchema, input, async (details, ctx) => {
    const created = await ctx.provider.createModelVersionSet(details);
    return created.ok ? { ok: true as const, data: { id: created.data.id, name: created.data.name, projectId: created.data.projectId } } : created;
  });
  if (result.ok) revalidatePath('/models', 'layout');
  return result;
}
