'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { ocidSchema } from '@/server/validation/common';
import { VERSION_LABEL_MAX } from '@/server/validation/model';
import { modelVersionsServiceOf } from '@/server/services/model-versions';
import { runAction } from '../run-action';

const schema = z.strictObject({
  modelId: ocidSchema('datasciencemodel'),
  versionLabel: z.string().trim().max(VERSION_LABEL_MAX, `A version label is at most ${VERSION_LABEL_MAX} characters.`),
  takeFromHolder: z.boolean(),
});

/** Gives a model of a version set its label (blank: none), optionally taking it from its holder. */
export async function setVersionLabelAction(input: unknown) {
  const result = await runAction(schema, input, ({ modelId, versionLabel, takeFromHolder }, ctx) => modelVersionsServiceOf(ctx).setLabel(modelId, versionLabel, takeFromHolder));
  if (result.ok) {
    revalidatePath('/models', 'layout');
    revalidatePath('/model-deployments', 'layout');
  }
  return result;
}
