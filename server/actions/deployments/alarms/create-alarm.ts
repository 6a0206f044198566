'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { alarmsServiceOf } from '@/server/services/alarms/for-context';
import { ocidSchema } from '@/server/validation/common';
import { runAction } from '../../run-action';

// The alarm itself is validated by the service (makeAlarmSchema, which needs the deployment's
// OCID and the installation's minimums), so its field errors come back named after the form's fields.
const schema = z.object({ deploymentId: ocidSchema('datasciencemodeldeployment'), alarm: z.record(z.string(), z.unknown()) });

export async function createAlarmAction(input: unknown) {
  const result = await runAction(schema, input, async ({ deploymentId, alarm }, ctx) => (await alarmsServiceOf(ctx)).create(deploymentId, alarm));
  if (result.ok) revalidatePath(`/model-deployments/${result.data.modelDeploymentId}`);
  return result;
}
