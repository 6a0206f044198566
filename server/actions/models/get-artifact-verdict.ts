'use server';

import { z } from 'zod';
import { ocidSchema } from '@/server/validation/common';
import { modelsServiceOf } from '@/server/services/models';
import { runAction } from '../run-action';

const schema = z.object({ modelId: ocidSchema('datasciencemodel') });

/** Reads the artifact checks of a model just created, so the form can say whether it can serve. */
export async function getArtifactVerdictAction(input: unknown) {
  return runAction(schema, input, ({ modelId }, ctx) => modelsServiceOf(ctx).artifactVerdict(modelId));
}
