'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { idleGuardServiceOf } from '@/server/services/idle-guard/for-context';
import { ocidSchema } from '@/server/validation/common';
import { runAction } from '../../run-action';

// The guard itself is validated by the service (makeIdleGuardSchema, which needs the installation's
// minimum), so its field errors come back named after the form's fields and nothing is saved.
const schema = z.object({ deploymentId: ocidSchema('datasciencemodeldeployment'), guard: z.record(z.string(), z.unknown()) });

export async function saveIdleGuardAction(input: unknown) {
  const result = await runAction(schema, input, ({ deploymentId, guard }, ctx) => idleGuardServiceOf(ctx).save(deploymentId, guard));
  if (result.ok) revalidatePath(`/model-deployments/${result.data.deploymentId}`);
  return result;
}
